// Package blobs reads blobs with the app's identity.
package blobs

import (
	"context"

	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
)

// Read downloads one blob.
func Read(ctx context.Context, url, container, name string) error {
	cred, err := azidentity.NewDefaultAzureCredential(nil)
	if err != nil {
		return err
	}
	client, err := azblob.NewClient(url, cred, nil)
	if err != nil {
		return err
	}
	resp, err := client.DownloadStream(ctx, container, name, nil)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
