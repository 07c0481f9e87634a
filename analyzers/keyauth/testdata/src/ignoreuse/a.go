// Package ignoreuse checks //keyless:ignore through lintutil.Reporter.
package ignoreuse

import (
	"github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/data/azcosmos"
)

func f() {
	//keyless:ignore keyauth/azopenai-key-credential -- local emulator, no real key
	_, _ = azopenai.NewClientWithKeyCredential("http://localhost:8080", azcore.NewKeyCredential("emulator"), nil)

	_, _ = azcosmos.NewClientFromConnectionString("AccountEndpoint=https://localhost:8081/;AccountKey=emulator", nil) //keyless:ignore keyauth/cosmos-connection-string -- Cosmos emulator

	//keyless:ignore keyauth/azopenai-key-credential
	_, _ = azopenai.NewClientWithKeyCredential("https://x.openai.azure.com", azcore.NewKeyCredential("k"), nil) // want `keyauth/azopenai-key-credential: `

	//keyless:ignore keyauth/cosmos-connection-string -- wrong rule for this line
	_, _ = azopenai.NewClientWithKeyCredential("https://x.openai.azure.com", azcore.NewKeyCredential("k"), nil) // want `keyauth/azopenai-key-credential: `
}
