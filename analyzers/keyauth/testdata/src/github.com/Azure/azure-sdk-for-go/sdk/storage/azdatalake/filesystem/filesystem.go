// Stub of github.com/Azure/azure-sdk-for-go/sdk/storage/azdatalake/filesystem with the real signatures of the functions keyauth's tests need.
package filesystem

import (
	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azdatalake/internal/exported"
)

type Client struct{}

type ClientOptions struct{ azcore.ClientOptions }

type SharedKeyCredential = exported.SharedKeyCredential

func NewClient(filesystemURL string, cred azcore.TokenCredential, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewClientWithSharedKeyCredential(filesystemURL string, cred *SharedKeyCredential, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewClientFromConnectionString(connectionString string, fsName string, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}
