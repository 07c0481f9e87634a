// Package storage uses Azure Blob Storage with account keys.
package storage

import (
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
)

// FromConnectionString reads a connection string (it embeds the account key).
func FromConnectionString() (*azblob.Client, error) {
	return azblob.NewClientFromConnectionString(os.Getenv("AZURE_STORAGE_CONNECTION_STRING"), nil) // want: keyauth/storage-connection-string
}

// SharedKey signs requests with the account key.
func SharedKey(account string) (*azblob.Client, error) {
	cred, err := azblob.NewSharedKeyCredential(account, os.Getenv("AZURE_STORAGE_KEY"))
	if err != nil {
		return nil, err
	}
	return azblob.NewClientWithSharedKeyCredential("https://"+account+".blob.core.windows.net/", cred, nil) // want: keyauth/storage-shared-key
}
