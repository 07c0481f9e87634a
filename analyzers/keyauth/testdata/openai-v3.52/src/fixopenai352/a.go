// Package fixopenai352 runs against openai-go v3.52.0, before v3.53.0
// required azure.WithEndpoint for Azure authentication: a key option on
// an Azure base URL can be swapped for azure.WithTokenCredential.
package fixopenai352

import (
	"os"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/azure"
	"github.com/openai/openai-go/v3/option"
)

func baseURL() openai.Client {
	return openai.NewClient(
		option.WithBaseURL("https://myres.openai.azure.com/openai/v1/"),
		option.WithAPIKey(os.Getenv("AZURE_OPENAI_API_KEY")), // want `keyauth/openai-option-api-key: `
	)
}

func azureKeyOnBaseURL() openai.Client {
	return openai.NewClient(
		option.WithBaseURL("https://myres.openai.azure.com/openai/v1/"),
		azure.WithAPIKey(os.Getenv("AZURE_OPENAI_API_KEY")), // want `keyauth/openai-azure-api-key: `
	)
}
