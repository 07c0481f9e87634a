package services

import (
	"os"

	gogpt "github.com/sashabaranov/go-openai"
)

func goOpenAI() {
	cfg := gogpt.DefaultAzureConfig(os.Getenv("AZURE_OPENAI_API_KEY"), "https://myres.openai.azure.com/") // want `keyauth/go-openai-azure-key: openai.DefaultAzureConfig authenticates with a key; use APITypeAzureAD`
	_ = gogpt.NewClientWithConfig(cfg)

	lit := gogpt.ClientConfig{
		BaseURL: "https://myres.openai.azure.com/",
		APIType: gogpt.APITypeAzure, // want `keyauth/go-openai-azure-key: openai.APITypeAzure authenticates`
	}
	_ = lit
	var c2 gogpt.ClientConfig
	c2.APIType = gogpt.APITypeCloudflareAzure // want `keyauth/go-openai-azure-key: openai.APITypeCloudflareAzure`

	// Negatives: comparisons, keyless API types, plain OpenAI.
	if c2.APIType == gogpt.APITypeAzure {
		c2.APIType = gogpt.APITypeAzureAD
	}
	switch c2.APIType {
	case gogpt.APITypeAzure:
	}
	_ = gogpt.NewClient(os.Getenv("OPENAI_API_KEY"))
	_ = gogpt.DefaultConfig(os.Getenv("OPENAI_API_KEY"))
}
