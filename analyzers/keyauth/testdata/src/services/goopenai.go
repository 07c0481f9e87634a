package services

import (
	"os"

	gogpt "github.com/sashabaranov/go-openai"
)

func goOpenAI() {
	cfg := gogpt.DefaultAzureConfig(os.Getenv("AZURE_OPENAI_API_KEY"), "https://myres.openai.azure.com/") // want `keyauth/go-openai-azure-key: openai.DefaultAzureConfig authenticates with a key; use APITypeAzureAD`
	_ = gogpt.NewClientWithConfig(cfg)
	_ = gogpt.NewClient(os.Getenv("OPENAI_API_KEY"))
	_ = gogpt.DefaultConfig(os.Getenv("OPENAI_API_KEY"))
}

func goOpenAILiteral() {
	lit := gogpt.ClientConfig{
		BaseURL: "https://myres.openai.azure.com/",
		APIType: gogpt.APITypeAzure, // want `keyauth/go-openai-azure-key: openai.APITypeAzure authenticates`
	}
	_ = lit
}

func goOpenAIField() {
	var c2 gogpt.ClientConfig
	c2.APIType = gogpt.APITypeCloudflareAzure // want `keyauth/go-openai-azure-key: openai.APITypeCloudflareAzure`

	// Comparisons are not constructions.
	if c2.APIType == gogpt.APITypeAzure {
		c2.APIType = gogpt.APITypeAzureAD
	}
	switch c2.APIType {
	case gogpt.APITypeAzure:
	}
	switch string(c2.APIType) {
	case string(gogpt.APITypeAzure), string(gogpt.APITypeCloudflareAzure):
	}
}

// An Entra token in DefaultAzureConfig with APIType = APITypeAzureAD is
// keyless: no finding.
func goOpenAIEntra(token string) *gogpt.Client {
	cfg := gogpt.DefaultAzureConfig(token, "https://myres.openai.azure.com/")
	cfg.APIType = gogpt.APITypeAzureAD
	return gogpt.NewClientWithConfig(cfg)
}

const entraMode = gogpt.APITypeAzureAD

func goOpenAIEntraConst(token string) *gogpt.Client {
	cfg := gogpt.DefaultAzureConfig(token, "https://myres.openai.azure.com/")
	cfg.APIType = entraMode
	return gogpt.NewClientWithConfig(cfg)
}

// Set to AzureAD on one path only: a key on the other.
func goOpenAIMaybeKey(token string, ad bool) *gogpt.Client { // want goOpenAIMaybeKey:"wraps keyauth/go-openai-azure-key\\(arg 0\\)"
	cfg := gogpt.DefaultAzureConfig(token, "https://myres.openai.azure.com/") // want `keyauth/go-openai-azure-key: openai.DefaultAzureConfig authenticates with a key`
	if ad {
		cfg.APIType = gogpt.APITypeAzureAD
	}
	cfg.APIType = gogpt.APIType(os.Getenv("API_TYPE"))
	return gogpt.NewClientWithConfig(cfg)
}

// A switch that maps a configuration string to an API type: one
// construction, one finding, at the construction, naming the key modes.
func goOpenAISwitch(kind, token, url string) *gogpt.Client {
	var apiType gogpt.APIType
	switch kind {
	case "azure":
		apiType = gogpt.APITypeAzure
	case "azure_ad":
		apiType = gogpt.APITypeAzureAD
	case "cloudflare":
		apiType = gogpt.APITypeCloudflareAzure
	case string(gogpt.APITypeAzure):
		apiType = gogpt.APITypeAzure
	default:
		apiType = gogpt.APITypeOpenAI
	}
	cfg := gogpt.DefaultConfig(token)
	cfg.BaseURL = url
	cfg.APIType = apiType
	return gogpt.NewClientWithConfig(cfg) // want `^keyauth/go-openai-azure-key: openai.NewClientWithConfig with APITypeAzure or APITypeCloudflareAzure authenticates with a key; use APITypeAzureAD with an Entra token$`
}

// The same switch around DefaultAzureConfig: the finding is there.
func goOpenAISwitchAzure(kind, token, url string) *gogpt.Client { // want goOpenAISwitchAzure:"wraps keyauth/go-openai-azure-key\\(arg 1\\)"
	cfg := gogpt.DefaultAzureConfig(token, url) // want `^keyauth/go-openai-azure-key: openai.DefaultAzureConfig with APITypeAzure authenticates with a key; use APITypeAzureAD with an Entra token$`
	switch kind {
	case "azure_ad":
		cfg.APIType = gogpt.APITypeAzureAD
	default:
		cfg.APIType = gogpt.APITypeAzure
	}
	return gogpt.NewClientWithConfig(cfg)
}
