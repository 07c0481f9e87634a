// Stub of github.com/Azure/azure-sdk-for-go/sdk/storage/azfile/share with the real signatures of the functions keyauth's tests need.
package share

import (
	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
)

type Client struct{}

// ClientOptions: the real one is base.ClientOptions (azfile v1.7.2), whose
// FileRequestIntent is *generated.ShareTokenIntent, aliased here.
type ClientOptions struct {
	azcore.ClientOptions
	FileRequestIntent *TokenIntent
}

type SharedKeyCredential struct{ accountName string }

func NewSharedKeyCredential(accountName, accountKey string) (*SharedKeyCredential, error) {
	return &SharedKeyCredential{accountName: accountName}, nil
}

func NewClient(shareURL string, cred azcore.TokenCredential, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewClientWithSharedKeyCredential(shareURL string, cred *SharedKeyCredential, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewClientFromConnectionString(connectionString string, shareName string, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewClientWithNoCredential(shareURL string, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

type TokenIntent string

const TokenIntentBackup TokenIntent = "backup"
