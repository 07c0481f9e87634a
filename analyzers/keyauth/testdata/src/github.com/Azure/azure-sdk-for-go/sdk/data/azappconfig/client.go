// Stub of github.com/Azure/azure-sdk-for-go/sdk/data/azappconfig with the real signatures of the functions keyauth's tests need.
package azappconfig

import "github.com/Azure/azure-sdk-for-go/sdk/azcore"

type Client struct{}

type ClientOptions struct{ azcore.ClientOptions }

func NewClient(endpoint string, cred azcore.TokenCredential, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewClientFromConnectionString(connectionString string, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}
