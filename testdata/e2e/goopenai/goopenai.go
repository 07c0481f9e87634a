// Package goopenai uses github.com/sashabaranov/go-openai against Azure.
package goopenai

import (
	"os"

	openai "github.com/sashabaranov/go-openai"
)

// Azure configures the client for Azure OpenAI with a key.
func Azure() *openai.Client {
	cfg := openai.DefaultAzureConfig(os.Getenv("AZURE_OPENAI_API_KEY"), "https://contoso.openai.azure.com/") // want: keyauth/go-openai-azure-key
	return openai.NewClientWithConfig(cfg)
}

// AzureAD authenticates with an Entra token (APITypeAzureAD): keyless, not
// reported, although it starts from DefaultAzureConfig.
func AzureAD(token string) *openai.Client {
	cfg := openai.DefaultAzureConfig(token, "https://contoso.openai.azure.com/")
	cfg.APIType = openai.APITypeAzureAD
	return openai.NewClientWithConfig(cfg)
}

// FromSettings maps a configuration string to an API type, as real
// projects do: one client construction is one finding, at the
// construction, whatever the number of constants and case clauses.
func FromSettings(kind, token, baseURL string) *openai.Client {
	cfg := openai.DefaultConfig(token)
	cfg.BaseURL = baseURL
	switch kind {
	case "azure":
		cfg.APIType = openai.APITypeAzure
	case "azure_ad":
		cfg.APIType = openai.APITypeAzureAD
	case string(openai.APITypeCloudflareAzure):
		cfg.APIType = openai.APITypeCloudflareAzure
	}
	if cfg.APIType == openai.APITypeAzure {
		cfg.APIVersion = "2024-10-21"
	}
	return openai.NewClientWithConfig(cfg) // want: keyauth/go-openai-azure-key
}
