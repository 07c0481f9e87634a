// Stub of github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/service with the real signatures of the functions keyauth's tests need.
package service

import (
	"github.com/Azure/azure-sdk-for-go/sdk/azcore"

	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/internal/exported"
)

type Client struct{}

type ClientOptions struct{ azcore.ClientOptions }

type SharedKeyCredential = exported.SharedKeyCredential

func NewSharedKeyCredential(accountName, accountKey string) (*SharedKeyCredential, error) {
	return exported.NewSharedKeyCredential(accountName, accountKey)
}

func NewClient(serviceURL string, cred azcore.TokenCredential, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewClientWithSharedKeyCredential(serviceURL string, cred *SharedKeyCredential, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewClientFromConnectionString(connectionString string, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewClientWithNoCredential(serviceURL string, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}
