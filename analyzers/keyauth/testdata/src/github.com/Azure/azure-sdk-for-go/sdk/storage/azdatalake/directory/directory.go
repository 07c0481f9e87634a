// Stub of github.com/Azure/azure-sdk-for-go/sdk/storage/azdatalake/directory with the real signatures of the functions keyauth's tests need.
package directory

import (
	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azdatalake/internal/exported"
)

type Client struct{}

type ClientOptions struct{ azcore.ClientOptions }

type SharedKeyCredential = exported.SharedKeyCredential

func NewClient(directoryURL string, cred azcore.TokenCredential, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewClientWithSharedKeyCredential(directoryURL string, cred *SharedKeyCredential, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewClientFromConnectionString(connectionString string, dirPath, fsName string, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}
