// Package fixmulti has several fixes in one function and one file whose
// deletions only complete together.
package fixmulti

import (
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/messaging/eventgrid/azeventgrid"
)

// Two clients from one key: each fix alone keeps key (still used by the
// other call); together they must delete it. The fixes are merged.
func two() (*azopenai.Client, *azopenai.Client, error) {
	key := os.Getenv("AZURE_OPENAI_API_KEY")
	a, err := azopenai.NewClientWithKeyCredential("https://a.openai.azure.com", azcore.NewKeyCredential(key), nil) // want `keyauth/azopenai-key-credential: `
	if err != nil {
		return nil, nil, err
	}
	b, err := azopenai.NewClientWithKeyCredential("https://b.openai.azure.com", azcore.NewKeyCredential(key), nil) // want `keyauth/azopenai-key-credential: `
	if err != nil {
		return nil, nil, err
	}
	return a, b, nil
}

// Independent fixes in one function get cred and cred2.
func independent() error {
	a, err := azopenai.NewClientWithKeyCredential("https://a.openai.azure.com", azcore.NewKeyCredential(os.Getenv("A")), nil) // want `keyauth/azopenai-key-credential: `
	if err != nil {
		return err
	}
	g, err := azeventgrid.NewClientWithSharedKeyCredential("https://t.westus-1.eventgrid.azure.net/api/events", azcore.NewKeyCredential(os.Getenv("G")), nil) // want `keyauth/eventgrid-key: `
	if err != nil {
		return err
	}
	s, err := azeventgrid.NewClientWithSAS("https://t.westus-1.eventgrid.azure.net/api/events", azcore.NewSASCredential(os.Getenv("S")), nil) // want `keyauth/eventgrid-sas: `
	_, _, _ = a, g, s
	return err
}
