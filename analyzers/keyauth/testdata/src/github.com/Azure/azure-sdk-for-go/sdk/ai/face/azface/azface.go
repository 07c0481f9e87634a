// Stub of github.com/Azure/azure-sdk-for-go/sdk/ai/face/azface with the real signatures of the functions keyauth's tests need.
package azface

import "github.com/Azure/azure-sdk-for-go/sdk/azcore"

type Client struct{}

type AdministrationClient struct{}

type SessionClient struct{}

type ClientOptions struct{ azcore.ClientOptions }

func NewClient(endpoint string, credential azcore.TokenCredential, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewClientWithKey(endpoint string, apiKey string, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewAdministrationClient(endpoint string, credential azcore.TokenCredential, options *ClientOptions) (*AdministrationClient, error) {
	return &AdministrationClient{}, nil
}

func NewAdministrationClientWithKey(endpoint string, apiKey string, options *ClientOptions) (*AdministrationClient, error) {
	return &AdministrationClient{}, nil
}

func NewSessionClient(endpoint string, credential azcore.TokenCredential, options *ClientOptions) (*SessionClient, error) {
	return &SessionClient{}, nil
}

func NewSessionClientWithKey(endpoint string, apiKey string, options *ClientOptions) (*SessionClient, error) {
	return &SessionClient{}, nil
}
