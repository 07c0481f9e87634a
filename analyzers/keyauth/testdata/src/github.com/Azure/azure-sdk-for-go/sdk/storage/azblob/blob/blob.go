// Stub of github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/blob with the real signatures of the functions keyauth's tests need.
package blob

import (
	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
)

type Client struct{}

type ClientOptions struct{ azcore.ClientOptions }

type SharedKeyCredential struct{ accountName string }

func NewSharedKeyCredential(accountName, accountKey string) (*SharedKeyCredential, error) {
	return &SharedKeyCredential{accountName: accountName}, nil
}

func NewClient(blobURL string, cred azcore.TokenCredential, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewClientWithSharedKeyCredential(blobURL string, cred *SharedKeyCredential, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewClientFromConnectionString(connectionString string, containerName, blobName string, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewClientWithNoCredential(blobURL string, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}
