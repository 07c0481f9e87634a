// Package wrapperlib2 wraps a wrapper of another package. // want package:"has key-auth wrappers"
package wrapperlib2

import (
	"github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai"

	"example.com/wrapperlib"
)

// Client passes its key on to wrapperlib.
func Client(key string) (*azopenai.Client, error) { // want Client:"wraps keyauth/azopenai-key-credential\\(arg 0\\)"
	return wrapperlib.NewOpenAIClient("https://y.openai.azure.com", "prefix-"+key) // want `keyauth/azopenai-key-credential: this call via wrapper wrapperlib.NewOpenAIClient`
}
