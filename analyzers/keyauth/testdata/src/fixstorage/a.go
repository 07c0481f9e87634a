// Package fixstorage exercises shared-key rewrites of the data SDKs. // want package:"has key-auth wrappers"
package fixstorage

import (
	"fmt"
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/data/azcosmos"
	"github.com/Azure/azure-sdk-for-go/sdk/data/aztables"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/blockblob"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/container"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azdatalake"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azdatalake/filesystem"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azfile/directory"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azfile/share"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azqueue"
)

// The shared key credential and its error check go; the inserted
// credential declaration takes over err.
func blobService(account string) (*azblob.Client, error) {
	skc, err := azblob.NewSharedKeyCredential(account, os.Getenv("AZURE_STORAGE_KEY"))
	if err != nil {
		return nil, err
	}
	client, err := azblob.NewClientWithSharedKeyCredential(fmt.Sprintf("https://%s.blob.core.windows.net/", account), skc, nil) // want `keyauth/storage-shared-key: azblob.NewClientWithSharedKeyCredential authenticates with a key`
	if err != nil {
		return nil, err
	}
	return client, nil
}

func containerClient(url string, skc *container.SharedKeyCredential) (*container.Client, error) { // want containerClient:"wraps keyauth/storage-shared-key\\(arg 1\\)"
	return container.NewClientWithSharedKeyCredential(url, skc, nil) // want `keyauth/storage-shared-key: `
}

func blockBlob(url string, skc *azblob.SharedKeyCredential) (*blockblob.Client, error) { // want blockBlob:"wraps keyauth/storage-shared-key\\(arg 1\\)"
	return blockblob.NewClientWithSharedKeyCredential(url, skc, nil) // want `keyauth/storage-shared-key: `
}

func queues(url, account, key string) (*azqueue.ServiceClient, *azqueue.QueueClient, error) { // want queues:"wraps keyauth/storage-shared-key\\(arg 2\\)"
	skc, err := azqueue.NewSharedKeyCredential(account, key)
	if err != nil {
		return nil, nil, err
	}
	svc, err := azqueue.NewServiceClientWithSharedKeyCredential(url, skc, nil) // want `keyauth/storage-shared-key: azqueue.NewServiceClientWithSharedKeyCredential .*use NewServiceClient with`
	if err != nil {
		return nil, nil, err
	}
	q, err := azqueue.NewQueueClientWithSharedKeyCredential(url+"/q", skc, nil) // want `keyauth/storage-shared-key: azqueue.NewQueueClientWithSharedKeyCredential .*use NewQueueClient with`
	return svc, q, err
}

func datalake(url, account, key string) (*filesystem.Client, error) { // want datalake:"wraps keyauth/storage-shared-key\\(arg 2\\)"
	skc, err := azdatalake.NewSharedKeyCredential(account, key)
	if err != nil {
		return nil, err
	}
	return filesystem.NewClientWithSharedKeyCredential(url, skc, nil) // want `keyauth/storage-shared-key: `
}

func tables(url, account, key string) (*aztables.ServiceClient, error) { // want tables:"wraps keyauth/tables-shared-key\\(arg 2\\)"
	skc, err := aztables.NewSharedKeyCredential(account, key)
	if err != nil {
		return nil, err
	}
	return aztables.NewServiceClientWithSharedKey(url, skc, nil) // want `keyauth/tables-shared-key: aztables.NewServiceClientWithSharedKey .*use NewServiceClient with`
}

func table(url string, skc *aztables.SharedKeyCredential) (*aztables.Client, error) { // want table:"wraps keyauth/tables-shared-key\\(arg 1\\)"
	return aztables.NewClientWithSharedKey(url+"/mytable", skc, nil) // want `keyauth/tables-shared-key: `
}

func cosmos(endpoint string) (*azcosmos.Client, error) {
	kc, err := azcosmos.NewKeyCredential(os.Getenv("COSMOS_KEY"))
	if err != nil {
		return nil, err
	}
	return azcosmos.NewClientWithKey(endpoint, kc, nil) // want `keyauth/cosmos-key: azcosmos.NewClientWithKey authenticates with a key`
}

// azfile: the keyless constructor needs FileRequestIntent; the fix sets
// it in nil options and in an options literal.
func fileShare(url string) (*share.Client, error) {
	skc, err := share.NewSharedKeyCredential("acct", os.Getenv("AZURE_STORAGE_KEY"))
	if err != nil {
		return nil, err
	}
	return share.NewClientWithSharedKeyCredential(url, skc, nil) // want `keyauth/storage-shared-key: share.NewClientWithSharedKeyCredential`
}

func fileDir(url string) (*directory.Client, error) {
	skc, err := directory.NewSharedKeyCredential("acct", os.Getenv("AZURE_STORAGE_KEY"))
	if err != nil {
		return nil, err
	}
	return directory.NewClientWithSharedKeyCredential(url, skc, &directory.ClientOptions{}) // want `keyauth/storage-shared-key: directory.NewClientWithSharedKeyCredential`
}
