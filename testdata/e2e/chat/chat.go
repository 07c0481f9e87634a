// Package chat builds Azure OpenAI clients the ways tutorials show.
package chat

import (
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
)

const endpoint = "https://contoso.openai.azure.com/"

// FromEnv reads the key from the environment into a variable first.
func FromEnv() (*azopenai.Client, error) {
	key := os.Getenv("AZURE_OPENAI_API_KEY")
	cred := azcore.NewKeyCredential(key)
	client, err := azopenai.NewClientWithKeyCredential(endpoint, cred, nil) // want: keyauth/azopenai-key-credential
	if err != nil {
		return nil, err
	}
	return client, nil
}

// Inline builds the credential in the call.
func Inline() (*azopenai.Client, error) {
	return azopenai.NewClientWithKeyCredential(os.Getenv("AZURE_OPENAI_ENDPOINT"), azcore.NewKeyCredential(os.Getenv("AZURE_OPENAI_API_KEY")), nil) // want: keyauth/azopenai-key-credential
}

// Emulator talks to a local emulator that only accepts keys; the finding
// is accepted with a reason.
func Emulator() (*azopenai.Client, error) {
	//keyless:ignore keyauth/azopenai-key-credential -- local emulator only accepts a fixed dummy key
	return azopenai.NewClientWithKeyCredential("http://localhost:8080/", azcore.NewKeyCredential("dummy"), nil) // suppressed: keyauth/azopenai-key-credential
}
