// Stub of github.com/Azure/azure-sdk-for-go/sdk/messaging/azservicebus/admin with the real signatures of the functions keyauth's tests need.
package admin

import "github.com/Azure/azure-sdk-for-go/sdk/azcore"

type Client struct{}

type ClientOptions struct{ ApplicationID string }

func NewClient(fullyQualifiedNamespace string, credential azcore.TokenCredential, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewClientFromConnectionString(connectionString string, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}
