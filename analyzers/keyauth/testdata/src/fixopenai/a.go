// Package fixopenai exercises the openai-go fixes.
package fixopenai

import (
	"os"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/azure"
	"github.com/openai/openai-go/v3/option"
)

const apiVersion = "2024-10-21"

func azureKey(endpoint string) openai.Client {
	return openai.NewClient(
		azure.WithEndpoint(endpoint, apiVersion),
		azure.WithAPIKey(os.Getenv("AZURE_OPENAI_API_KEY")), // want `keyauth/openai-azure-api-key: `
	)
}

func optionKey(endpoint string) (openai.Client, error) {
	client := openai.NewClient(
		azure.WithEndpoint(endpoint, apiVersion),
		option.WithAPIKey(os.Getenv("AZURE_OPENAI_API_KEY")), // want `keyauth/openai-option-api-key: `
		option.WithMaxRetries(2),
	)
	return client, nil
}

func azureOptions(endpoint string) []option.RequestOption {
	return []option.RequestOption{azure.WithEndpoint(endpoint, apiVersion)}
}
