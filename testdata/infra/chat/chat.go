// Package chat calls Azure OpenAI with an API key (infra turns keys off).
package chat

import (
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
)

// Client builds a key-based client.
func Client() (*azopenai.Client, error) {
	return azopenai.NewClientWithKeyCredential(os.Getenv("AZURE_OPENAI_ENDPOINT"), azcore.NewKeyCredential(os.Getenv("AZURE_OPENAI_API_KEY")), nil)
}
