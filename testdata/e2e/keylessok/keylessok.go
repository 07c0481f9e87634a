// Package keylessok already uses Microsoft Entra ID: keyless must not
// report anything here.
package keylessok

import (
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/Azure/azure-sdk-for-go/sdk/messaging/azservicebus"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/azure"
)

// Clients builds every client with DefaultAzureCredential.
func Clients() error {
	cred, err := azidentity.NewDefaultAzureCredential(nil)
	if err != nil {
		return err
	}
	if _, err := azopenai.NewClient(os.Getenv("AZURE_OPENAI_ENDPOINT"), cred, nil); err != nil {
		return err
	}
	if _, err := azblob.NewClient("https://contoso.blob.core.windows.net/", cred, nil); err != nil {
		return err
	}
	if _, err := azservicebus.NewClient("contoso.servicebus.windows.net", cred, nil); err != nil {
		return err
	}
	_ = openai.NewClient(
		azure.WithEndpoint(os.Getenv("AZURE_OPENAI_ENDPOINT"), "2024-10-21"),
		azure.WithTokenCredential(cred),
	)
	return nil
}
