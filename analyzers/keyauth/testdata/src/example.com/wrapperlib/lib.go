// Package wrapperlib wraps key-based constructors. // want package:"has key-auth wrappers"
package wrapperlib

import (
	"github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/azure"
)

// NewOpenAIClient takes the key as a parameter.
func NewOpenAIClient(endpoint, key string) (*azopenai.Client, error) { // want NewOpenAIClient:"wraps keyauth/azopenai-key-credential\\(arg 1\\)"
	return azopenai.NewClientWithKeyCredential(endpoint, azcore.NewKeyCredential(key), nil) // want `keyauth/azopenai-key-credential: `
}

// Credential wraps azcore.NewKeyCredential.
func Credential(key string) *azcore.KeyCredential { // want Credential:"wraps keyauth/azcore-key-credential\\(arg 0\\)"
	return azcore.NewKeyCredential(key) // want `keyauth/azcore-key-credential: `
}

// Config is passed around by value; Blob reads the key from a parameter
// through a local variable.
type Config struct{ Account string }

// Blob is a method wrapper.
func (c *Config) Blob(url, accountKey string) (*azblob.Client, error) { // want Blob:"wraps keyauth/storage-shared-key\\(arg 1\\)"
	k := accountKey
	skc, err := azblob.NewSharedKeyCredential(c.Account, k)
	if err != nil {
		return nil, err
	}
	return azblob.NewClientWithSharedKeyCredential(url, skc, nil) // want `keyauth/storage-shared-key: `
}

// Chat wraps openai-go with an Azure endpoint.
func Chat(endpoint, key string) openai.Client { // want Chat:"wraps keyauth/openai-azure-api-key\\(arg 1\\)"
	return openai.NewClient(azure.WithEndpoint(endpoint, "2024-10-21"), azure.WithAPIKey(key)) // want `keyauth/openai-azure-api-key: `
}

// viaWrapper is a wrapper of a wrapper in the same package.
func ViaWrapper(key string) (*azopenai.Client, error) { // want ViaWrapper:"wraps keyauth/azopenai-key-credential\\(arg 0\\)"
	return NewOpenAIClient("https://x.openai.azure.com", key) // want `keyauth/azopenai-key-credential: this call via wrapper wrapperlib.NewOpenAIClient`
}

// Keyless takes a token credential: not a wrapper.
func Keyless(endpoint string, cred azcore.TokenCredential) (*azopenai.Client, error) {
	return azopenai.NewClient(endpoint, cred, nil)
}

// FromEnv reads the key itself: a finding here, but not a wrapper.
func FromEnv(endpoint string) (*azopenai.Client, error) {
	return azopenai.NewClientWithKeyCredential(endpoint, azcore.NewKeyCredential(getenv("K")), nil) // want `keyauth/azopenai-key-credential: `
}

func getenv(string) string { return "" }
