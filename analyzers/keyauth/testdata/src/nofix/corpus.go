package nofix

import (
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/container"
)

// Reduced from gocloud.dev v0.49.0 blob/azureblob/azureblob_test.go
// (newHarness): key is assigned in both branches, so dropping the
// credential leaves it declared and not used, and the assignments have
// side effects a fix must not delete: no fix.
func harness(record bool) (*container.Client, error) {
	var key string
	if record {
		key = os.Getenv("AZURE_STORAGE_KEY")
	} else {
		key = os.Getenv("REPLAY_KEY")
	}
	credential, err := azblob.NewSharedKeyCredential("account", key)
	if err != nil {
		return nil, err
	}
	return container.NewClientWithSharedKeyCredential("https://account.blob.core.windows.net/c", credential, nil) // want `keyauth/storage-shared-key: container.NewClientWithSharedKeyCredential authenticates with a key`
}
