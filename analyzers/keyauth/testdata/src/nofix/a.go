// Package nofix has findings that get no fix, each saying why. // want package:"has key-auth wrappers"
package nofix

import (
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azfile/file"
)

type settings struct{ Key, Endpoint string }

func load() settings { return settings{} }

// cfg would be left unused, and load() may matter: no fix.
func impure() (*azopenai.Client, error) {
	cfg := load()
	return azopenai.NewClientWithKeyCredential("https://x.openai.azure.com", azcore.NewKeyCredential(cfg.Key), nil) // want `keyauth/azopenai-key-credential: azopenai.NewClientWithKeyCredential authenticates with a key`
}

// Package-level initializer: no place for the credential's error.
var global, _ = azopenai.NewClientWithKeyCredential("https://x.openai.azure.com", azcore.NewKeyCredential(os.Getenv("K")), nil) // want `keyauth/azopenai-key-credential: azopenai.NewClientWithKeyCredential authenticates with a key`

// Connection strings hide the URL: report only, say what to do.
func connectionString() (*azblob.Client, error) {
	return azblob.NewClientFromConnectionString(os.Getenv("AZURE_STORAGE_CONNECTION_STRING"), nil) // want `keyauth/storage-connection-string: .*use NewClient with the account URL`
}

// azfile needs FileRequestIntent: options in a variable are not
// rewritten (the fix sets it only in nil or literal options).
func share(url string, skc *file.SharedKeyCredential, opts *file.ClientOptions) (*file.Client, error) { // want share:"wraps keyauth/storage-shared-key\\(arg 1\\)"
	return file.NewClientWithSharedKeyCredential(url, skc, opts) // want `keyauth/storage-shared-key: file.NewClientWithSharedKeyCredential authenticates with a key`
}

// A function value: the reference is reported, nothing to rewrite.
func value() {
	newClient := azopenai.NewClientWithKeyCredential // want `keyauth/azopenai-key-credential: function value azopenai.NewClientWithKeyCredential`
	_ = newClient
}

// goto could jump over the new declaration.
func withGoto(k string) (*azopenai.Client, error) { // want withGoto:"wraps keyauth/azopenai-key-credential\\(arg 0\\)"
	if k == "" {
		goto fail
	}
	return azopenai.NewClientWithKeyCredential("https://x.openai.azure.com", azcore.NewKeyCredential(k), nil) // want `keyauth/azopenai-key-credential: azopenai.NewClientWithKeyCredential authenticates with a key`
fail:
	return nil, nil
}

// An unnamed struct result is written out as a literal: fixable.
func results(k string) (struct{ x int }, *azopenai.Client, error) { // want results:"wraps keyauth/azopenai-key-credential\\(arg 0\\)"
	c, err := azopenai.NewClientWithKeyCredential("https://x.openai.azure.com", azcore.NewKeyCredential(k), nil) // FIXABLE // want `keyauth/azopenai-key-credential: `
	return struct{ x int }{}, c, err
}
