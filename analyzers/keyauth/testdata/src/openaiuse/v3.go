// Package openaiuse exercises openai-go option matching.
package openaiuse

import (
	"context"
	"fmt"
	"os"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/azure"
	"github.com/openai/openai-go/v3/option"
)

const apiVersion = "2024-10-21"

var resource = "myres"

func withEndpointAzureKey(endpoint string) openai.Client {
	return openai.NewClient(
		azure.WithEndpoint(endpoint, apiVersion),
		azure.WithAPIKey(os.Getenv("AZURE_OPENAI_API_KEY")), // want `keyauth/openai-azure-api-key: azure.WithAPIKey authenticates with a key; use azure.WithTokenCredential`
	)
}

func withEndpointOptionKey(endpoint string) openai.Client {
	return openai.NewClient(
		azure.WithEndpoint(endpoint, apiVersion),
		option.WithAPIKey(os.Getenv("AZURE_OPENAI_API_KEY")), // want `keyauth/openai-option-api-key: option.WithAPIKey authenticates with a key; use azure.WithEndpoint with azure.WithTokenCredential`
	)
}

const keyHeader = "API" + "-KEY"

func withEndpointHeader(endpoint string) openai.Client {
	return openai.NewClient(
		azure.WithEndpoint(endpoint, apiVersion),
		option.WithHeader(keyHeader, os.Getenv("AZURE_OPENAI_API_KEY")), // want `keyauth/openai-option-api-key: option.WithHeader with header "API-KEY"`
	)
}

func baseURLv1() openai.Client {
	return openai.NewClient(
		option.WithBaseURL("https://myres.openai.azure.com/openai/v1/"),
		option.WithAPIKey(os.Getenv("AZURE_OPENAI_API_KEY")), // want `keyauth/openai-option-api-key: option.WithAPIKey authenticates with a key`
	)
}

func baseURLSprintf() openai.Client {
	u := fmt.Sprintf("https://%s.cognitiveservices.azure.com/openai/v1/", os.Getenv("RES"))
	return openai.NewClient(option.WithBaseURL(u), option.WithHeaderAdd("api-key", os.Getenv("K"))) // want `keyauth/openai-option-api-key: option.WithHeaderAdd with header "api-key"`
}

func baseURLConcat() openai.Client {
	return openai.NewClient(option.WithBaseURL("https://"+resource+".services.ai.azure.com/openai/v1"), option.WithAPIKey("k")) // want `keyauth/openai-option-api-key: `
}

func appendBuilt(endpoint, key string) openai.Client { // want appendBuilt:"wraps keyauth/openai-option-api-key\\(arg 1\\)"
	opts := []option.RequestOption{azure.WithEndpoint(endpoint, apiVersion)}
	opts = append(opts, option.WithMaxRetries(3))
	opts = append(opts, option.WithAPIKey(key)) // want `keyauth/openai-option-api-key: `
	return openai.NewClient(opts...)
}

func azureOptions(endpoint string) []option.RequestOption {
	return []option.RequestOption{azure.WithEndpoint(endpoint, apiVersion)}
}

func viaHelper(endpoint string) openai.Client {
	opts := azureOptions(endpoint)
	opts = append(opts, option.WithAPIKey(os.Getenv("K"))) // want `keyauth/openai-option-api-key: `
	return openai.NewClient(opts...)
}

func perRequest(ctx context.Context, endpoint string) {
	client := openai.NewClient(azure.WithEndpoint(endpoint, apiVersion))
	_, _ = client.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{Model: "gpt-4o"}, option.WithHeader("Api-Key", os.Getenv("K"))) // want `keyauth/openai-option-api-key: `
}

func service(endpoint string) openai.ChatCompletionService {
	keyOpt := option.WithAPIKey(os.Getenv("K")) // want `keyauth/openai-option-api-key: `
	return openai.NewChatCompletionService(azure.WithEndpoint(endpoint, apiVersion), keyOpt)
}

// Negatives: plain OpenAI, whatever the variable names say.

func plainOpenAI() openai.Client {
	return openai.NewClient(option.WithAPIKey(os.Getenv("AZURE_OPENAI_API_KEY")))
}

func publicBaseURL() openai.Client {
	return openai.NewClient(option.WithBaseURL("https://api.openai.com/v1/"), option.WithAPIKey(os.Getenv("OPENAI_API_KEY")))
}

func otherHeader(endpoint string) openai.Client {
	return openai.NewClient(azure.WithEndpoint(endpoint, apiVersion), option.WithHeader("X-Trace", os.Getenv("TRACE")))
}

func unknownBaseURL() openai.Client {
	return openai.NewClient(option.WithBaseURL(os.Getenv("AZURE_OPENAI_ENDPOINT")), option.WithAPIKey(os.Getenv("AZURE_OPENAI_API_KEY")))
}

func keyless(endpoint string) openai.Client {
	return openai.NewClient(azure.WithEndpoint(endpoint, apiVersion), azure.WithTokenCredential(nil))
}

func azureKeyOnBaseURL() openai.Client {
	return openai.NewClient(option.WithBaseURL("https://myres.openai.azure.com/openai/v1/"), azure.WithAPIKey("k")) // want `keyauth/openai-azure-api-key: azure.WithAPIKey authenticates with a key`
}
