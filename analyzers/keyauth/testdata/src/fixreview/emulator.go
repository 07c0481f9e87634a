package fixreview

import (
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/data/azcosmos"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
)

// Local emulators accept only their well-known keys and no Entra ID
// token: these clients are reported but never rewritten (the golden file
// shows them unchanged).

const azuriteURL = "http://127.0.0.1:10000/devstoreaccount1"

func azurite() (*azblob.Client, error) {
	skc, err := azblob.NewSharedKeyCredential("devstoreaccount1", os.Getenv("AZURITE_KEY"))
	if err != nil {
		return nil, err
	}
	return azblob.NewClientWithSharedKeyCredential(azuriteURL, skc, nil) // want `keyauth/storage-shared-key: `
}

func devStorage() (*azblob.Client, error) {
	return azblob.NewClientFromConnectionString("UseDevelopmentStorage=true", nil) // want `keyauth/storage-connection-string: `
}

func cosmosEmulator() (*azcosmos.Client, error) {
	kc, err := azcosmos.NewKeyCredential(os.Getenv("COSMOS_EMULATOR_KEY"))
	if err != nil {
		return nil, err
	}
	return azcosmos.NewClientWithKey("https://localhost:8081/", kc, nil) // want `keyauth/cosmos-key: `
}
