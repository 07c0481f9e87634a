// Stub of github.com/Azure/azure-sdk-for-go/sdk/data/aztables with the real signatures of the functions keyauth's tests need.
package aztables

import "github.com/Azure/azure-sdk-for-go/sdk/azcore"

type ServiceClient struct{}

type Client struct{}

type ClientOptions struct{ azcore.ClientOptions }

type SharedKeyCredential struct{ accountName string }

func NewSharedKeyCredential(accountName string, accountKey string) (*SharedKeyCredential, error) {
	return &SharedKeyCredential{accountName: accountName}, nil
}

func NewServiceClient(serviceURL string, cred azcore.TokenCredential, options *ClientOptions) (*ServiceClient, error) {
	return &ServiceClient{}, nil
}

func NewServiceClientWithSharedKey(serviceURL string, cred *SharedKeyCredential, options *ClientOptions) (*ServiceClient, error) {
	return &ServiceClient{}, nil
}

func NewServiceClientFromConnectionString(connectionString string, options *ClientOptions) (*ServiceClient, error) {
	return &ServiceClient{}, nil
}

func NewClient(serviceURL string, cred azcore.TokenCredential, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewClientWithSharedKey(serviceURL string, cred *SharedKeyCredential, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func (t *ServiceClient) NewClient(tableName string) *Client { return &Client{} }
