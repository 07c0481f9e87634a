// Stub of github.com/sashabaranov/go-openai with the real signatures of the functions keyauth's tests need.
package openai

import "net/http"

type APIType string

const (
	APITypeOpenAI          APIType = "OPEN_AI"
	APITypeAzure           APIType = "AZURE"
	APITypeAzureAD         APIType = "AZURE_AD"
	APITypeCloudflareAzure APIType = "CLOUDFLARE_AZURE"
)

const AzureAPIKeyHeader = "api-key"

type HTTPDoer interface {
	Do(req *http.Request) (*http.Response, error)
}

type ClientConfig struct {
	authToken string

	BaseURL    string
	OrgID      string
	APIType    APIType
	APIVersion string
	HTTPClient HTTPDoer
}

func DefaultConfig(authToken string) ClientConfig {
	return ClientConfig{authToken: authToken, APIType: APITypeOpenAI}
}

func DefaultAzureConfig(apiKey, baseURL string) ClientConfig {
	return ClientConfig{authToken: apiKey, BaseURL: baseURL, APIType: APITypeAzure, APIVersion: "2023-05-15"}
}

type Client struct{ config ClientConfig }

func NewClient(authToken string) *Client { return &Client{config: DefaultConfig(authToken)} }

func NewClientWithConfig(config ClientConfig) *Client { return &Client{config: config} }
