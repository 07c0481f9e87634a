// Package openaigov1 uses the v1 major of openai-go against Azure.
package openaigov1

import (
	"os"

	"github.com/openai/openai-go"
	"github.com/openai/openai-go/azure"
)

// Client authenticates with an API key.
func Client() (*openai.Client, error) {
	c := openai.NewClient(
		azure.WithEndpoint(os.Getenv("AZURE_OPENAI_ENDPOINT"), "2024-06-01"),
		azure.WithAPIKey(os.Getenv("AZURE_OPENAI_API_KEY")), // want: keyauth/openai-azure-api-key
	)
	return &c, nil
}
