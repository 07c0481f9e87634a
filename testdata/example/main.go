// Command example summarises documents from Blob Storage with Azure OpenAI,
// authenticating to both with keys — the code keyless moves to Microsoft
// Entra ID.
package main

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
)

// clients holds the service clients the app uses.
type clients struct {
	chat  *azopenai.Client
	blobs *azblob.Client
}

// newClients builds both clients from keys read from the environment.
func newClients(openAIEndpoint, account string) (*clients, error) {
	chat, err := azopenai.NewClientWithKeyCredential(openAIEndpoint, azcore.NewKeyCredential(os.Getenv("AZURE_OPENAI_API_KEY")), nil)
	if err != nil {
		return nil, fmt.Errorf("openai client: %w", err)
	}
	keyCred, err := azblob.NewSharedKeyCredential(account, os.Getenv("AZURE_STORAGE_KEY"))
	if err != nil {
		return nil, fmt.Errorf("storage key: %w", err)
	}
	blobs, err := azblob.NewClientWithSharedKeyCredential("https://"+account+".blob.core.windows.net/", keyCred, nil)
	if err != nil {
		return nil, fmt.Errorf("blob client: %w", err)
	}
	return &clients{chat: chat, blobs: blobs}, nil
}

func main() {
	c, err := newClients(os.Getenv("AZURE_OPENAI_ENDPOINT"), os.Getenv("AZURE_STORAGE_ACCOUNT"))
	if err != nil {
		log.Fatal(err)
	}
	pager := c.blobs.NewListBlobsFlatPager("documents", nil)
	for pager.More() {
		page, err := pager.NextPage(context.Background())
		if err != nil {
			log.Fatal(err)
		}
		for _, b := range page.Segment.BlobItems {
			fmt.Println(*b.Name)
		}
	}
	_ = c.chat
}
