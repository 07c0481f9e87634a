package openaiuse // want package:"has key-auth wrappers"

import (
	openai1 "github.com/openai/openai-go"
	azure1 "github.com/openai/openai-go/azure"
	option1 "github.com/openai/openai-go/option"
	openai2 "github.com/openai/openai-go/v2"
	azure2 "github.com/openai/openai-go/v2/azure"
	option2 "github.com/openai/openai-go/v2/option"
)

func v1(endpoint, key string) openai1.Client { // want v1:"wraps keyauth/openai-azure-api-key\\(arg 1\\)"
	return openai1.NewClient(azure1.WithEndpoint(endpoint, apiVersion), azure1.WithAPIKey(key)) // want `keyauth/openai-azure-api-key: `
}

func v1BaseURL(key string) openai1.Client { // want v1BaseURL:"wraps keyauth/openai-option-api-key\\(arg 0\\)"
	return openai1.NewClient(option1.WithBaseURL("https://myres.openai.azure.com/openai/v1/"), option1.WithAPIKey(key)) // want `keyauth/openai-option-api-key: `
}

func v2(endpoint string) openai2.Client {
	return openai2.NewClient(azure2.WithEndpoint(endpoint, apiVersion), option2.WithHeader("api-key", "k")) // want `keyauth/openai-option-api-key: `
}

func v2Plain() openai2.Client {
	return openai2.NewClient(option2.WithAPIKey("sk-not-azure"))
}
