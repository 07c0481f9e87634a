package fixopenai

import (
	"os"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
)

// The azure package is not imported in this file: the fix adds it, and
// drops the option import that is no longer used.
func header(endpoint string) openai.Client {
	opts := azureOptions(endpoint)
	opts = append(opts, option.WithHeader("api-key", os.Getenv("AZURE_OPENAI_API_KEY"))) // want `keyauth/openai-option-api-key: `
	return openai.NewClient(opts...)
}
