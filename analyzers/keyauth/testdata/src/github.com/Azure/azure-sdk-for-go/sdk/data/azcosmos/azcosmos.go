// Stub of github.com/Azure/azure-sdk-for-go/sdk/data/azcosmos with the real signatures of the functions keyauth's tests need.
package azcosmos

import "github.com/Azure/azure-sdk-for-go/sdk/azcore"

type Client struct{}

type ClientOptions struct{ azcore.ClientOptions }

type KeyCredential struct{ accountKey []byte }

func NewKeyCredential(accountKey string) (KeyCredential, error) {
	return KeyCredential{accountKey: []byte(accountKey)}, nil
}

func NewClientWithKey(endpoint string, cred KeyCredential, o *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewClient(endpoint string, cred azcore.TokenCredential, o *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewClientFromConnectionString(connectionString string, o *ClientOptions) (*Client, error) {
	return &Client{}, nil
}
