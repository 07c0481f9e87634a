// Package store reads and writes Cosmos DB items with the app's identity.
package store

import (
	"context"

	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/Azure/azure-sdk-for-go/sdk/data/azcosmos"
)

// Touch reads an item and writes it back.
func Touch(ctx context.Context, endpoint string, pk azcosmos.PartitionKey, id string) error {
	cred, err := azidentity.NewDefaultAzureCredential(nil)
	if err != nil {
		return err
	}
	client, err := azcosmos.NewClient(endpoint, cred, nil)
	if err != nil {
		return err
	}
	c, err := client.NewContainer("app", "items")
	if err != nil {
		return err
	}
	item, err := c.ReadItem(ctx, pk, id, nil)
	if err != nil {
		return err
	}
	_, err = c.UpsertItem(ctx, pk, item.Value, nil)
	return err
}
