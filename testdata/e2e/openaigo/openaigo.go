// Package openaigo uses github.com/openai/openai-go/v3 against Azure.
package openaigo

import (
	"os"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/azure"
	"github.com/openai/openai-go/v3/option"
)

const apiVersion = "2024-10-21"

// AzureKey passes the key with azure.WithAPIKey.
func AzureKey() (*openai.Client, error) {
	c := openai.NewClient(
		azure.WithEndpoint(os.Getenv("AZURE_OPENAI_ENDPOINT"), apiVersion),
		azure.WithAPIKey(os.Getenv("AZURE_OPENAI_API_KEY")), // want: keyauth/openai-azure-api-key
	)
	return &c, nil
}

// OptionSlice builds the options first, as configurable code does.
func OptionSlice(endpoint, key string) (*openai.Client, error) {
	opts := []option.RequestOption{
		azure.WithEndpoint(endpoint, apiVersion),
		azure.WithAPIKey(key), // want: keyauth/openai-azure-api-key
	}
	c := openai.NewClient(opts...)
	return &c, nil
}

// V1Route uses Azure's OpenAI-compatible /openai/v1 route with a key.
func V1Route() (*openai.Client, error) {
	c := openai.NewClient(
		option.WithBaseURL("https://contoso.openai.azure.com/openai/v1/"),
		option.WithAPIKey(os.Getenv("AZURE_OPENAI_API_KEY")), // want: keyauth/openai-option-api-key
	)
	return &c, nil
}
