// Package openai is a stub of github.com/sashabaranov/go-openai (v1.43.0 signatures).
package openai

// ClientConfig is a configuration of a client.
type ClientConfig struct {
	authToken string
	BaseURL   string
}

// DefaultAzureConfig returns a config for Azure OpenAI.
func DefaultAzureConfig(apiKey, baseURL string) ClientConfig {
	return ClientConfig{authToken: apiKey, BaseURL: baseURL}
}
