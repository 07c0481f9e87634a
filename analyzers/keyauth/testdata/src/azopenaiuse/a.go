// Package azopenaiuse exercises detection of azopenai (<= v0.7) and
// azopenaiassistants key constructors.
package azopenaiuse

import (
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai"
	aoai "github.com/Azure/azure-sdk-for-go/sdk/ai/azopenaiassistants"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
)

const endpoint = "https://myres.openai.azure.com"

func direct() (*azopenai.Client, error) {
	return azopenai.NewClientWithKeyCredential(endpoint, azcore.NewKeyCredential(os.Getenv("AZURE_OPENAI_API_KEY")), nil) // want `keyauth/azopenai-key-credential: azopenai.NewClientWithKeyCredential authenticates with a key; use NewClient with a token credential$`
}

func viaVariable() {
	kc := azcore.NewKeyCredential(os.Getenv("AZURE_OPENAI_API_KEY"))
	client, err := azopenai.NewClientWithKeyCredential(endpoint, kc, nil) // want `keyauth/azopenai-key-credential: `
	_, _ = client, err
}

func credentialUsedTwice() {
	kc := azcore.NewKeyCredential(os.Getenv("K"))                 // want `keyauth/azcore-key-credential: azcore.NewKeyCredential authenticates with a key; pass a token credential`
	_, _ = azopenai.NewClientWithKeyCredential(endpoint, kc, nil) // want `keyauth/azopenai-key-credential: `
	kc.Update("x")
}

func forOpenAI() {
	_, _ = azopenai.NewClientForOpenAI("https://api.openai.com/v1", azcore.NewKeyCredential(os.Getenv("OPENAI_API_KEY")), nil) // want `keyauth/azopenai-for-openai: azopenai.NewClientForOpenAI authenticates with a key; for an Azure OpenAI resource use NewClient`
}

func assistants() {
	_, _ = aoai.NewClientWithKeyCredential(endpoint, azcore.NewKeyCredential(os.Getenv("K")), nil) // want `keyauth/azopenaiassistants-key-credential: azopenaiassistants.NewClientWithKeyCredential authenticates with a key; use NewClient`
	_, _ = aoai.NewClientForOpenAI(endpoint, azcore.NewKeyCredential(os.Getenv("K")), nil)         // want `keyauth/azopenai-for-openai: `
}

func standaloneCredential() *azcore.KeyCredential {
	return azcore.NewKeyCredential(os.Getenv("K")) // want `keyauth/azcore-key-credential: `
}

// keyless: no finding.
func keyless() (*azopenai.Client, error) {
	cred, err := azidentity.NewDefaultAzureCredential(nil)
	if err != nil {
		return nil, err
	}
	if _, err := aoai.NewClient(endpoint, cred, nil); err != nil {
		return nil, err
	}
	return azopenai.NewClient(endpoint, cred, nil)
}

// NewClientWithKeyCredential is a look-alike in this package: not the SDK.
func NewClientWithKeyCredential(endpoint string, key string) error { return nil }

func lookAlike() {
	_ = NewClientWithKeyCredential(endpoint, os.Getenv("AZURE_OPENAI_API_KEY"))
}

func closures() {
	f := func() {
		_, _ = azopenai.NewClientWithKeyCredential(endpoint, azcore.NewKeyCredential("k"), nil) // want `keyauth/azopenai-key-credential: `
	}
	f()
	go func() {
		_, _ = azopenai.NewClientWithKeyCredential(endpoint, azcore.NewKeyCredential("k"), nil) // want `keyauth/azopenai-key-credential: `
	}()
}

func init() {
	_, _ = azopenai.NewClientWithKeyCredential(endpoint, azcore.NewKeyCredential("k"), nil) // want `keyauth/azopenai-key-credential: `
}

func generic[T any](v T) {
	_, _ = azopenai.NewClientWithKeyCredential(endpoint, azcore.NewKeyCredential("k"), nil) // want `keyauth/azopenai-key-credential: `
}

var pkgLevel, _ = azopenai.NewClientWithKeyCredential(endpoint, azcore.NewKeyCredential("k"), nil) // want `keyauth/azopenai-key-credential: `

func functionValue() {
	f := azopenai.NewClientWithKeyCredential              // want `keyauth/azopenai-key-credential: function value azopenai.NewClientWithKeyCredential`
	_, _ = f(endpoint, azcore.NewKeyCredential("k"), nil) // want `keyauth/azcore-key-credential: `
}

func onYourData(searchKey string) []azopenai.AzureSearchChatExtensionParameters {
	return []azopenai.AzureSearchChatExtensionParameters{
		{Authentication: &azopenai.OnYourDataAPIKeyAuthenticationOptions{Key: &searchKey}},                        // want `keyauth/azopenai-ondata-key: azopenai.OnYourDataAPIKeyAuthenticationOptions literal authenticates the data source with a key or secret`
		{Authentication: &azopenai.OnYourDataConnectionStringAuthenticationOptions{ConnectionString: &searchKey}}, // want `keyauth/azopenai-ondata-key: `
		{Authentication: &azopenai.OnYourDataSystemAssignedManagedIdentityAuthenticationOptions{}},
	}
}

func onYourDataTypeUse(o *azopenai.OnYourDataAPIKeyAuthenticationOptions) bool { return o != nil }
