package fixreview

import (
	"flag"

	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
)

// A -key flag read only by the key credential goes with it; -account is
// still read (the URL) and stays.
func fromFlags() (*azblob.Client, error) {
	account := flag.String("account", "", "storage account")
	key := flag.String("key", "", "storage account key")
	flag.Parse()
	skc, err := azblob.NewSharedKeyCredential(*account, *key)
	if err != nil {
		return nil, err
	}
	return azblob.NewClientWithSharedKeyCredential("https://"+*account+".blob.core.windows.net/", skc, nil) // want `keyauth/storage-shared-key: `
}

// A key flag something else reads (here: a log of whether it is set)
// stays.
func flagStillRead() (*azblob.Client, error) {
	key := flag.String("key2", "", "storage account key")
	flag.Parse()
	println("key set:", *key != "")
	skc, err := azblob.NewSharedKeyCredential("acct", *key)
	if err != nil {
		return nil, err
	}
	return azblob.NewClientWithSharedKeyCredential("https://acct.blob.core.windows.net/", skc, nil) // want `keyauth/storage-shared-key: `
}
