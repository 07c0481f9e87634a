// Package wrapperuser calls wrappers of other packages.
package wrapperuser

import (
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai"

	"example.com/wrapperlib"
	wl2 "example.com/wrapperlib2"
)

func use() {
	_, _ = wrapperlib.NewOpenAIClient("https://x.openai.azure.com", os.Getenv("AZURE_OPENAI_API_KEY")) // want `keyauth/azopenai-key-credential: this call via wrapper wrapperlib.NewOpenAIClient authenticates with a key; use a token credential`
	cfg := &wrapperlib.Config{Account: "acct"}
	_, _ = cfg.Blob("https://acct.blob.core.windows.net/", os.Getenv("AZURE_STORAGE_KEY")) // want `keyauth/storage-shared-key: this call via wrapper wrapperlib.Config.Blob`
	_ = wrapperlib.Chat("https://x.openai.azure.com", os.Getenv("K"))                     // want `keyauth/openai-azure-api-key: this call via wrapper wrapperlib.Chat`
	_, _ = wl2.Client(os.Getenv("K"))                                                     // want `keyauth/azopenai-key-credential: this call via wrapper wrapperlib2.Client`
	_, _ = wrapperlib.ViaWrapper(os.Getenv("K"))                                          // want `keyauth/azopenai-key-credential: this call via wrapper wrapperlib.ViaWrapper`

	// The credential from a wrapper flows into a reported constructor:
	// only the constructor is reported.
	_, _ = azopenai.NewClientWithKeyCredential("https://x.openai.azure.com", wrapperlib.Credential(os.Getenv("K")), nil) // want `keyauth/azopenai-key-credential: azopenai.NewClientWithKeyCredential`
	c := wrapperlib.Credential(os.Getenv("K")) // want `keyauth/azcore-key-credential: this call via wrapper wrapperlib.Credential`
	_ = c

	f := wrapperlib.NewOpenAIClient // want `keyauth/azopenai-key-credential: function value of wrapper wrapperlib.NewOpenAIClient`
	_ = f

	// Not wrappers.
	_, _ = wrapperlib.Keyless("https://x.openai.azure.com", nil)
	_, _ = wrapperlib.FromEnv("https://x.openai.azure.com")
}
