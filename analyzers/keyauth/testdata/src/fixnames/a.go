// Package fixnames checks names (aliases, taken names, dot imports). // want package:"has key-auth wrappers"
package fixnames

import (
	. "github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	azid "github.com/Azure/azure-sdk-for-go/sdk/azidentity"
)

var _ = azid.NewManagedIdentityCredential

// Dot import: the callee is renamed in place; cred is taken, so the
// credential is cred2.
func dot(cred string) (*Client, error) { // want dot:"wraps keyauth/azopenai-key-credential\\(arg 0\\)"
	return NewClientWithKeyCredential("https://x.openai.azure.com", azcore.NewKeyCredential(cred), nil) // want `keyauth/azopenai-key-credential: `
}
