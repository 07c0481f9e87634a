package fixswap

import (
	"github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
)

// No "log" import in this file and no error result: panic(err).
func noLog(key string) *azopenai.Client { // want noLog:"wraps keyauth/azopenai-key-credential\\(arg 0\\)"
	c, _ := azopenai.NewClientWithKeyCredential(endpoint, azcore.NewKeyCredential(key), nil) // want `keyauth/azopenai-key-credential: `
	return c
}

// A later `err :=` declares err alone: the fix must not declare err
// first, so it uses a fresh name.
func laterErr(key string) error { // want laterErr:"wraps keyauth/azopenai-key-credential\\(arg 0\\)"
	c, _ := azopenai.NewClientWithKeyCredential(endpoint, azcore.NewKeyCredential(key), nil) // want `keyauth/azopenai-key-credential: `
	err := use(c)
	return err
}

func use(*azopenai.Client) error { return nil }

// Named results: the outer err is used after the call in the block, so
// the credential's error gets its own name instead of shadowing it.
func namedResult(key string) (c *azopenai.Client, err error) { // want namedResult:"wraps keyauth/azopenai-key-credential\\(arg 0\\)"
	if key != "" {
		c, _ = azopenai.NewClientWithKeyCredential(endpoint, azcore.NewKeyCredential(key), nil) // want `keyauth/azopenai-key-credential: `
		err = use(c)
	}
	return
}
