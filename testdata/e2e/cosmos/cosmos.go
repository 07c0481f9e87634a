// Package cosmos uses Azure Cosmos DB with account keys.
package cosmos

import (
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/data/azcosmos"
)

// WithKey builds a key credential first.
func WithKey(endpoint string) (*azcosmos.Client, error) {
	cred, err := azcosmos.NewKeyCredential(os.Getenv("COSMOS_KEY"))
	if err != nil {
		return nil, err
	}
	return azcosmos.NewClientWithKey(endpoint, cred, nil) // want: keyauth/cosmos-key
}

// FromConnectionString reads a connection string.
func FromConnectionString() (*azcosmos.Client, error) {
	return azcosmos.NewClientFromConnectionString(os.Getenv("COSMOS_CONNECTION_STRING"), nil) // want: keyauth/cosmos-connection-string
}
