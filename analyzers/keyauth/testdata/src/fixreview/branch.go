package fixreview

import (
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azqueue"
)

type config struct {
	Account    string
	AccountKey string
	URL        string
}

// A key branch beside a keyless branch: the fix removes the key branch
// and keeps the keyless one, instead of making two keyless branches.
func switched(cfg config) (*azblob.Client, error) {
	var client *azblob.Client
	if cfg.AccountKey != "" {
		skc, err := azblob.NewSharedKeyCredential(cfg.Account, cfg.AccountKey)
		if err != nil {
			return nil, err
		}
		client, err = azblob.NewClientWithSharedKeyCredential(cfg.URL, skc, nil) // want `keyauth/storage-shared-key: `
		if err != nil {
			return nil, err
		}
	} else {
		// Entra ID: the default credential chain.
		tokens, err := azidentity.NewDefaultAzureCredential(nil)
		if err != nil {
			return nil, err
		}
		client, err = azblob.NewClient(cfg.URL, tokens, nil)
		if err != nil {
			return nil, err
		}
	}
	return client, nil
}

// The key branch returns early; the keyless code follows it.
func early(url string) (*azqueue.ServiceClient, error) {
	if key := os.Getenv("QUEUE_KEY"); key != "" {
		skc, err := azqueue.NewSharedKeyCredential("acct", key)
		if err != nil {
			return nil, err
		}
		return azqueue.NewServiceClientWithSharedKeyCredential(url, skc, nil) // want `keyauth/storage-shared-key: `
	}
	tokens, err := azidentity.NewDefaultAzureCredential(nil)
	if err != nil {
		return nil, err
	}
	return azqueue.NewServiceClient(url, tokens, nil)
}

// Early return with a plain condition.
func earlyPlain(url string) (*azqueue.ServiceClient, error) {
	key := os.Getenv("QUEUE_KEY")
	if key != "" {
		skc, err := azqueue.NewSharedKeyCredential("acct", key)
		if err != nil {
			return nil, err
		}
		return azqueue.NewServiceClientWithSharedKeyCredential(url, skc, nil) // want `keyauth/storage-shared-key: `
	}
	tokens, err := azidentity.NewDefaultAzureCredential(nil)
	if err != nil {
		return nil, err
	}
	return azqueue.NewServiceClient(url, tokens, nil)
}
