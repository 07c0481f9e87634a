// Package fixswap exercises the swap-credential fix of azopenai. // want package:"has key-auth wrappers"
package fixswap

import (
	"log"
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
)

const endpoint = "https://myres.openai.azure.com"

// Returns an error: the fix returns the zero values and the error.
func returnsError() (*azopenai.Client, error) {
	client, err := azopenai.NewClientWithKeyCredential(endpoint, azcore.NewKeyCredential(os.Getenv("AZURE_OPENAI_API_KEY")), nil) // want `keyauth/azopenai-key-credential: `
	if err != nil {
		return nil, err
	}
	return client, nil
}

// The key credential lives in a variable used only here; the key in
// another. Both declarations go.
func cascade() *azopenai.Client {
	key := os.Getenv("AZURE_OPENAI_API_KEY")
	keyCred := azcore.NewKeyCredential(key)
	client, err := azopenai.NewClientWithKeyCredential(endpoint, keyCred, nil) // want `keyauth/azopenai-key-credential: `
	if err != nil {
		log.Fatal(err)
	}
	return client
}

type config struct{ n int }

// Named struct result: zero value is config{}.
func structResult() (config, *azopenai.Client, error) {
	c, err := azopenai.NewClientWithKeyCredential(endpoint, azcore.NewKeyCredential("k"), nil) // want `keyauth/azopenai-key-credential: `
	return config{}, c, err
}

// A closure with no results: log is imported, so log.Fatal.
func inClosure() {
	go func() {
		_, _ = azopenai.NewClientWithKeyCredential(endpoint, azcore.NewKeyCredential("k"), nil) // want `keyauth/azopenai-key-credential: `
	}()
}

// init has no results either.
func init() {
	_, _ = azopenai.NewClientWithKeyCredential(endpoint, azcore.NewKeyCredential("k"), nil) // want `keyauth/azopenai-key-credential: `
}

// The key is used elsewhere: its declaration stays.
func keyStays() (*azopenai.Client, error) {
	key := os.Getenv("AZURE_OPENAI_API_KEY")
	if key == "" {
		log.Print("no key")
	}
	return azopenai.NewClientWithKeyCredential(endpoint, azcore.NewKeyCredential(key), &azopenai.ClientOptions{}) // want `keyauth/azopenai-key-credential: `
}

// Generic function: zero value of a type parameter.
func generic[T any](v T) (T, *azopenai.Client, error) {
	c, err := azopenai.NewClientWithKeyCredential(endpoint, azcore.NewKeyCredential("k"), nil) // want `keyauth/azopenai-key-credential: `
	return v, c, err
}
