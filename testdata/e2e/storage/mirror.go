package storage

import (
	"fmt"
	"net/http"
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
)

// Mirror copies between two accounts: two clients in one function, which
// the fixes give one shared credential.
func Mirror(src, dst string) (*azblob.Client, *azblob.Client, error) {
	key := os.Getenv("AZURE_STORAGE_KEY")
	srcKey, err := azblob.NewSharedKeyCredential(src, key)
	if err != nil {
		return nil, nil, fmt.Errorf("source key: %w", err)
	}
	from, err := azblob.NewClientWithSharedKeyCredential("https://"+src+".blob.core.windows.net/", srcKey, nil) // want: keyauth/storage-shared-key
	if err != nil {
		return nil, nil, fmt.Errorf("source: %w", err)
	}
	dstKey, err := azblob.NewSharedKeyCredential(dst, key)
	if err != nil {
		return nil, nil, fmt.Errorf("destination key: %w", err)
	}
	to, err := azblob.NewClientWithSharedKeyCredential("https://"+dst+".blob.core.windows.net/", dstKey, nil) // want: keyauth/storage-shared-key
	if err != nil {
		return nil, nil, fmt.Errorf("destination: %w", err)
	}
	return from, to, nil
}

// Serve builds a client per request; the fix makes the credential once,
// in Serve, with Serve's error path.
func Serve(mux *http.ServeMux, account string) error {
	mux.HandleFunc("/blobs", func(w http.ResponseWriter, r *http.Request) {
		skc, err := azblob.NewSharedKeyCredential(account, os.Getenv("AZURE_STORAGE_KEY"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		client, err := azblob.NewClientWithSharedKeyCredential("https://"+account+".blob.core.windows.net/", skc, nil) // want: keyauth/storage-shared-key
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		_ = client
	})
	return nil
}
