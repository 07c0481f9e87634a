package fixopenai

import (
	openai1 "github.com/openai/openai-go"
	option1 "github.com/openai/openai-go/option"
)

// openai-go v1 on an Azure base URL: azure.WithTokenCredential works
// there, so the option is swapped and the v1 azure package imported.
func v1BaseURL() openai1.Client {
	return openai1.NewClient(option1.WithBaseURL("https://myres.openai.azure.com/openai/v1/"), option1.WithAPIKey("key")) // want `keyauth/openai-option-api-key: `
}
