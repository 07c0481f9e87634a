// Package ai is an in-house gateway client, not an SDK keyless knows.
package ai

import "github.com/Azure/azure-sdk-for-go/sdk/azcore"

type Client struct{}

type Options struct{ Retries int }

// NewWithKey authenticates with an API key.
func NewWithKey(endpoint, apiKey string, opts *Options) (*Client, error) { return &Client{}, nil }

// New authenticates with an Entra ID token credential.
func New(endpoint string, cred azcore.TokenCredential, opts *Options) (*Client, error) {
	return &Client{}, nil
}
