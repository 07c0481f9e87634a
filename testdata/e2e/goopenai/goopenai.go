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
