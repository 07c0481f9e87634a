// Stub of github.com/openai/openai-go/v3/azure with the real signatures of the functions keyauth's tests need.
package azure

import (
	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/openai/openai-go/v3/internal/requestconfig"
	"github.com/openai/openai-go/v3/option"
)

func WithEndpoint(endpoint string, apiVersion string) option.RequestOption {
	return requestconfig.RequestOptionFunc(func(r *requestconfig.RequestConfig) error { return nil })
}

type tokenCredentialConfig struct{ scopes []string }

type TokenCredentialOption func(*tokenCredentialConfig) error

func WithTokenCredentialScopes(scopes []string) func(*tokenCredentialConfig) error {
	return func(c *tokenCredentialConfig) error { c.scopes = scopes; return nil }
}

func WithTokenCredential(tokenCredential azcore.TokenCredential, options ...TokenCredentialOption) option.RequestOption {
	return requestconfig.RequestOptionFunc(func(r *requestconfig.RequestConfig) error { return nil })
}

func WithAPIKey(apiKey string) option.RequestOption {
	return requestconfig.RequestOptionFunc(func(r *requestconfig.RequestConfig) error { return nil })
}
