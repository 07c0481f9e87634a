// Stub of github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/blockblob with the real signatures of the functions keyauth's tests need.
package blockblob

import (
	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/blob"
)

type Client struct{}

type ClientOptions struct{ azcore.ClientOptions }

func NewClient(blobURL string, cred azcore.TokenCredential, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewClientWithSharedKeyCredential(blobURL string, cred *blob.SharedKeyCredential, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewClientFromConnectionString(connectionString string, containerName, blobName string, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewClientWithNoCredential(blobURL string, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}
