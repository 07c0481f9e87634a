package chat

import (
	"os"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
)

func newTestClient() (*azopenai.Client, error) {
	return azopenai.NewClientWithKeyCredential(endpoint, azcore.NewKeyCredential(os.Getenv("TEST_KEY")), nil) // want: keyauth/azopenai-key-credential
}

func TestFromEnv(t *testing.T) {
	if _, err := newTestClient(); err != nil {
		t.Fatal(err)
	}
}
