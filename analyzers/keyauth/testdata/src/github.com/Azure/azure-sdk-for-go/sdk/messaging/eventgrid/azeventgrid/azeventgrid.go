// Stub of github.com/Azure/azure-sdk-for-go/sdk/messaging/eventgrid/azeventgrid with the real signatures of the functions keyauth's tests need.
package azeventgrid

import "github.com/Azure/azure-sdk-for-go/sdk/azcore"

type Client struct{}

type ClientOptions struct{ azcore.ClientOptions }

func NewClient(endpoint string, tokenCredential azcore.TokenCredential, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewClientWithSharedKeyCredential(endpoint string, keyCred *azcore.KeyCredential, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewClientWithSAS(endpoint string, sasCred *azcore.SASCredential, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}
