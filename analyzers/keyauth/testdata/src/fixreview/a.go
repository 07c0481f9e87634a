// Package fixreview holds the shapes a reviewer sends back when a fix
// ignores the function around it: handler literals, sync.Once, loops,
// goroutines, several clients, credentials already in scope, wrapped
// errors, tests.
package fixreview

import (
	"fmt"
	"log"
	"net/http"
	"os"
	"sync"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/Azure/azure-sdk-for-go/sdk/data/aztables"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azqueue"
)

// Per request: the credential moves out of the handler literal, into
// routes, and takes routes' error path (return err), not the handler's.
func routes(mux *http.ServeMux, account string) error {
	mux.HandleFunc("/files", func(w http.ResponseWriter, r *http.Request) {
		skc, err := azblob.NewSharedKeyCredential(account, os.Getenv("AZURE_STORAGE_KEY"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		client, err := azblob.NewClientWithSharedKeyCredential("https://"+account+".blob.core.windows.net/", skc, nil) // want `keyauth/storage-shared-key: `
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		_ = client
	})
	return nil
}

var (
	once      sync.Once
	shared    *azblob.Client
	sharedErr error
)

// sync.Once: the credential stays inside Do (it runs once) and keeps the
// literal's own error path: sharedErr = err; return.
func sharedClient(account string) (*azblob.Client, error) {
	once.Do(func() {
		skc, err := azblob.NewSharedKeyCredential(account, os.Getenv("AZURE_STORAGE_KEY"))
		if err != nil {
			sharedErr = err
			return
		}
		shared, sharedErr = azblob.NewClientWithSharedKeyCredential("https://"+account+".blob.core.windows.net/", skc, nil) // want `keyauth/storage-shared-key: `
	})
	return shared, sharedErr
}

// Three clients, one credential: every fix inserts the same declaration.
func three(account string) (*azblob.Client, *azqueue.ServiceClient, *aztables.ServiceClient, error) {
	key := os.Getenv("AZURE_STORAGE_KEY")
	// The blob service of the account.
	bkc, err := azblob.NewSharedKeyCredential(account, key)
	if err != nil {
		return nil, nil, nil, err
	}
	blobs, err := azblob.NewClientWithSharedKeyCredential("https://"+account+".blob.core.windows.net/", bkc, nil) // want `keyauth/storage-shared-key: `
	if err != nil {
		return nil, nil, nil, err
	}
	qkc, err := azqueue.NewSharedKeyCredential(account, key)
	if err != nil {
		return nil, nil, nil, err
	}
	queues, err := azqueue.NewServiceClientWithSharedKeyCredential("https://"+account+".queue.core.windows.net/", qkc, nil) // want `keyauth/storage-shared-key: `
	if err != nil {
		return nil, nil, nil, err
	}
	serviceURL := "https://" + account + ".table.core.windows.net/"
	tkc, err := aztables.NewSharedKeyCredential(account, key)
	if err != nil {
		return nil, nil, nil, err
	}
	tables, err := aztables.NewServiceClientWithSharedKey(serviceURL, tkc, nil) // want `keyauth/tables-shared-key: `
	if err != nil {
		return nil, nil, nil, err
	}
	return blobs, queues, tables, nil
}

// A credential parameter is reused: no new credential.
func withParam(cred azcore.TokenCredential, url string) (*azblob.Client, error) {
	skc, err := azblob.NewSharedKeyCredential("acct", os.Getenv("AZURE_STORAGE_KEY"))
	if err != nil {
		return nil, err
	}
	return azblob.NewClientWithSharedKeyCredential(url, skc, nil) // want `keyauth/storage-shared-key: `
}

// A concrete azidentity credential in a local is reused too.
func withLocal(url string) (*azqueue.ServiceClient, error) {
	mi, err := azidentity.NewManagedIdentityCredential(nil)
	if err != nil {
		return nil, err
	}
	_ = mi
	qkc, err := azqueue.NewSharedKeyCredential("acct", os.Getenv("AZURE_STORAGE_KEY"))
	if err != nil {
		return nil, err
	}
	return azqueue.NewServiceClientWithSharedKeyCredential(url, qkc, nil) // want `keyauth/storage-shared-key: `
}

type store struct {
	tokens azcore.TokenCredential
	url    string
}

// A receiver field holding a credential is reused.
func (s *store) blobs() (*azblob.Client, error) {
	skc, err := azblob.NewSharedKeyCredential("acct", os.Getenv("AZURE_STORAGE_KEY"))
	if err != nil {
		return nil, err
	}
	return azblob.NewClientWithSharedKeyCredential(s.url, skc, nil) // want `keyauth/storage-shared-key: `
}

// A loop: the credential is made once, before it; the loop's checks
// name the loop variable, so the plain return of the error is used.
func perAccount(accounts []string) ([]*azblob.Client, error) {
	var out []*azblob.Client
	for _, a := range accounts {
		skc, err := azblob.NewSharedKeyCredential(a, os.Getenv("AZURE_STORAGE_KEY"))
		if err != nil {
			return nil, fmt.Errorf("account %s: %w", a, err)
		}
		c, err := azblob.NewClientWithSharedKeyCredential("https://"+a+".blob.core.windows.net/", skc, nil) // want `keyauth/storage-shared-key: `
		if err != nil {
			return nil, fmt.Errorf("client for %s: %w", a, err)
		}
		out = append(out, c)
	}
	return out, nil
}

// A goroutine per item inside a loop: hoisted out of both.
func uploadAll(urls []string) error {
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func(u string) {
			defer wg.Done()
			skc, err := azblob.NewSharedKeyCredential("acct", os.Getenv("AZURE_STORAGE_KEY"))
			if err != nil {
				log.Print(err)
				return
			}
			c, err := azblob.NewClientWithSharedKeyCredential(u, skc, nil) // want `keyauth/storage-shared-key: `
			if err != nil {
				log.Print(err)
				return
			}
			_ = c
		}(u)
	}
	wg.Wait()
	return nil
}

// The function wraps its errors: the credential's error is wrapped the
// same way, in words of its own.
func wrapped(url string) (*azblob.Client, error) {
	skc, err := azblob.NewSharedKeyCredential("acct", os.Getenv("AZURE_STORAGE_KEY"))
	if err != nil {
		return nil, fmt.Errorf("shared key: %w", err)
	}
	c, err := azblob.NewClientWithSharedKeyCredential(url, skc, nil) // want `keyauth/storage-shared-key: `
	if err != nil {
		return nil, fmt.Errorf("blob client: %w", err)
	}
	return c, nil
}

// A test helper that ignores errors: t.Fatal, not panic.
func clientForTest(t *testing.T, url string) *azblob.Client {
	skc, _ := azblob.NewSharedKeyCredential("acct", os.Getenv("AZURE_STORAGE_KEY"))
	c, _ := azblob.NewClientWithSharedKeyCredential(url, skc, nil) // want `keyauth/storage-shared-key: `
	return c
}

// A test that checks its errors: its check is copied.
func checkedTest(t *testing.T, url string) {
	skc, err := azblob.NewSharedKeyCredential("acct", os.Getenv("AZURE_STORAGE_KEY"))
	if err != nil {
		t.Fatalf("shared key: %v", err)
	}
	c, err := azblob.NewClientWithSharedKeyCredential(url, skc, nil) // want `keyauth/storage-shared-key: `
	if err != nil {
		t.Fatalf("client: %v", err)
	}
	_ = c
}

// A key credential named cred: the name is kept (it is deleted, so free).
func keepName(url string) (*azblob.Client, error) {
	cred, err := azblob.NewSharedKeyCredential("acct", os.Getenv("AZURE_STORAGE_KEY"))
	if err != nil {
		return nil, err
	}
	return azblob.NewClientWithSharedKeyCredential(url, cred, nil) // want `keyauth/storage-shared-key: `
}

// A worker that logs and skips, with no error result: no fix, since the
// only way out would be to stop the program.
func worker(jobs <-chan string) {
	for j := range jobs {
		skc, err := azblob.NewSharedKeyCredential(j, os.Getenv("AZURE_STORAGE_KEY"))
		if err != nil {
			log.Printf("skip %s: %v", j, err)
			continue
		}
		c, err := azblob.NewClientWithSharedKeyCredential("https://"+j+".blob.core.windows.net/", skc, nil) // want `keyauth/storage-shared-key: `
		if err != nil {
			log.Printf("skip %s: %v", j, err)
			continue
		}
		_ = c
	}
}
