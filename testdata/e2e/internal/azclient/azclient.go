// Package azclient is the kind of helper teams write around the SDK: the
// key-based construction lives here, callers in other packages only pass
// strings.
package azclient

import (
	"github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
)

// OpenAI returns an Azure OpenAI client for endpoint.
func OpenAI(endpoint, key string) (*azopenai.Client, error) {
	return azopenai.NewClientWithKeyCredential(endpoint, azcore.NewKeyCredential(key), nil) // want: keyauth/azopenai-key-credential
}
