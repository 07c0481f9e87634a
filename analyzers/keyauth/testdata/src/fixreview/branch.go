package fixreview

import (
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/container"
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

// Reduced from thanos-io/objstore providers/azure/helpers.go
// (getContainerClient): the comment heading the key branch goes with it.
func commented(cfg config) (*azblob.Client, error) {
	// Use shared keys if set
	if cfg.AccountKey != "" {
		cred, err := azblob.NewSharedKeyCredential(cfg.Account, cfg.AccountKey)
		if err != nil {
			return nil, err
		}
		client, err := azblob.NewClientWithSharedKeyCredential(cfg.URL, cred, nil) // want `keyauth/storage-shared-key: `
		if err != nil {
			return nil, err
		}
		return client, nil
	}

	// Otherwise use a token credential
	cred, err := azidentity.NewDefaultAzureCredential(nil)
	if err != nil {
		return nil, err
	}
	return azblob.NewClient(cfg.URL, cred, nil)
}

// secretString is restic's options.SecretString: String() only formats.
type secretString struct{ s *string }

func (s secretString) String() string {
	if s.s == nil || *s.s == "" {
		return ""
	}
	return "**redacted**"
}

func (s secretString) Unwrap() string { return *s.s }

type resticConfig struct {
	AccountName string
	AccountKey  secretString
	AccountSAS  secretString
}

// Reduced from restic v0.18.1 internal/backend/azure/azure.go (open): the
// key branch heads an if / else if / else chain whose last branch is
// keyless; the chain goes on from the SAS branch.
func chain(cfg resticConfig, url string) (*azblob.Client, error) {
	var client *azblob.Client
	var err error
	if cfg.AccountKey.String() != "" {
		cred, err := azblob.NewSharedKeyCredential(cfg.AccountName, cfg.AccountKey.Unwrap())
		if err != nil {
			return nil, err
		}

		client, err = azblob.NewClientWithSharedKeyCredential(url, cred, nil) // want `keyauth/storage-shared-key: `

		if err != nil {
			return nil, err
		}
	} else if cfg.AccountSAS.String() != "" {
		client, err = azblob.NewClientWithNoCredential(url+"?"+cfg.AccountSAS.Unwrap(), nil)
		if err != nil {
			return nil, err
		}
	} else {
		cred, err := azidentity.NewDefaultAzureCredential(nil)
		if err != nil {
			return nil, err
		}
		client, err = azblob.NewClient(url, cred, nil)
		if err != nil {
			return nil, err
		}
	}
	return client, err
}

type objstoreConfig struct {
	ConnectionString string
	ContainerURL     string
}

// Reduced from thanos-io/objstore providers/azure/helpers.go: a container
// client from a connection string has no keyless constructor of the same
// shape (the container name stands where the URL would go), but the
// branch beside a keyless NewClient can go whole.
func connBranch(cfg objstoreConfig) (*container.Client, error) {
	// Use connection string if set
	if cfg.ConnectionString != "" {
		containerClient, err := container.NewClientFromConnectionString(cfg.ConnectionString, "c", nil) // want `keyauth/storage-connection-string: `
		if err != nil {
			return nil, err
		}
		return containerClient, nil
	}

	cred, err := azidentity.NewDefaultAzureCredential(nil)
	if err != nil {
		return nil, err
	}
	return container.NewClient(cfg.ContainerURL, cred, nil)
}
