// Stub of github.com/Azure/azure-sdk-for-go/sdk/storage/azfile/service with the real signatures of the functions keyauth's tests need.
package service

import (
	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
)

type Client struct{}

// ClientOptions: the real one is base.ClientOptions (azfile v1.7.2), whose
// FileRequestIntent is *generated.ShareTokenIntent, aliased here.
type ClientOptions struct {
	azcore.ClientOptions
	FileRequestIntent *ShareTokenIntent
}

type SharedKeyCredential struct{ accountName string }

func NewSharedKeyCredential(accountName, accountKey string) (*SharedKeyCredential, error) {
	return &SharedKeyCredential{accountName: accountName}, nil
}

func NewClient(serviceURL string, cred azcore.TokenCredential, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewClientWithSharedKeyCredential(serviceURL string, cred *SharedKeyCredential, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewClientFromConnectionString(connectionString string, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewClientWithNoCredential(serviceURL string, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

type ShareTokenIntent string

const ShareTokenIntentBackup ShareTokenIntent = "backup"
