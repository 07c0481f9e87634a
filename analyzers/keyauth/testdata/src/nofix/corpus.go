package nofix

import (
	"errors"
	"fmt"
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
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

type credInfo struct {
	credType    int
	accountName string
	accountKey  string
}

// Reduced from gocloud.dev v0.49.0 blob/azureblob/azureblob.go
// (credInfoT.NewClient): the key is one credential option of a switch
// whose default-credential case already builds the keyless client. A
// second DefaultAzureCredential case would ignore the configured key:
// no fix.
func (i *credInfo) newClient(containerURL string) (*container.Client, error) {
	switch i.credType {
	case 0:
		cred, err := azidentity.NewDefaultAzureCredential(nil)
		if err != nil {
			return nil, fmt.Errorf("failed azidentity.NewDefaultAzureCredential: %w", err)
		}
		return container.NewClient(containerURL, cred, nil)
	case 1:
		sharedKeyCred, err := azblob.NewSharedKeyCredential(i.accountName, i.accountKey)
		if err != nil {
			return nil, fmt.Errorf("failed azblob.NewSharedKeyCredential: %w", err)
		}
		return container.NewClientWithSharedKeyCredential(containerURL, sharedKeyCred, nil) // want `keyauth/storage-shared-key: container.NewClientWithSharedKeyCredential authenticates with a key`
	default:
		return nil, errors.New("internal error, unknown cred type")
	}
}

// Reduced from distribution v3.1.2 registry/storage/driver/azure/auth.go:
// the same choice made through one function per option.
func newDriverClient(i *credInfo, serviceURL string) (*azblob.Client, error) {
	switch i.credType {
	case 0:
		return newTokenClient(serviceURL)
	case 1:
		return newSharedKeyCredentialsClient(i, serviceURL)
	}
	return nil, fmt.Errorf("invalid credentials type: %d", i.credType)
}

func newTokenClient(serviceURL string) (*azblob.Client, error) {
	cred, err := azidentity.NewDefaultAzureCredential(nil)
	if err != nil {
		return nil, fmt.Errorf("default credentials: %v", err)
	}
	return azblob.NewClient(serviceURL, cred, nil)
}

func newSharedKeyCredentialsClient(i *credInfo, serviceURL string) (*azblob.Client, error) {
	cred, err := azblob.NewSharedKeyCredential(i.accountName, i.accountKey)
	if err != nil {
		return nil, fmt.Errorf("shared key credentials: %v", err)
	}
	client, err := azblob.NewClientWithSharedKeyCredential(serviceURL, cred, nil) // want `keyauth/storage-shared-key: azblob.NewClientWithSharedKeyCredential authenticates with a key`
	if err != nil {
		return nil, fmt.Errorf("new azure client with shared credentials: %v", err)
	}
	return client, nil
}
