package fixnames

import (
	"github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
)

// A local variable is called azidentity: the import gets another name.
func shadow(key string) (*azopenai.Client, error) { // want shadow:"wraps keyauth/azopenai-key-credential\\(arg 0\\)"
	azidentity := "not the package"
	_ = azidentity
	return azopenai.NewClientWithKeyCredential("https://x.openai.azure.com", azcore.NewKeyCredential(key), nil) // want `keyauth/azopenai-key-credential: `
}
