// Package services exercises detection across the Azure data SDKs.
package services

import (
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/appendblob"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/blob"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/blockblob"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/container"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/pageblob"
	blobservice "github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/service"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azdatalake"
	dldirectory "github.com/Azure/azure-sdk-for-go/sdk/storage/azdatalake/directory"
	dlfile "github.com/Azure/azure-sdk-for-go/sdk/storage/azdatalake/file"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azdatalake/filesystem"
	dlservice "github.com/Azure/azure-sdk-for-go/sdk/storage/azdatalake/service"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azfile/directory"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azfile/file"
	fileservice "github.com/Azure/azure-sdk-for-go/sdk/storage/azfile/service"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azfile/share"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azqueue"
)

var cs = os.Getenv("AZURE_STORAGE_CONNECTION_STRING")

func storageConnectionStrings() {
	azblob.NewClientFromConnectionString(cs, nil)                 // want `keyauth/storage-connection-string: azblob.NewClientFromConnectionString authenticates with a key; use NewClient with the account URL`
	blobservice.NewClientFromConnectionString(cs, nil)            // want `keyauth/storage-connection-string: service.NewClientFromConnectionString`
	container.NewClientFromConnectionString(cs, "c", nil)         // want `keyauth/storage-connection-string: container.NewClientFromConnectionString`
	blob.NewClientFromConnectionString(cs, "c", "b", nil)         // want `keyauth/storage-connection-string: blob.NewClientFromConnectionString`
	blockblob.NewClientFromConnectionString(cs, "c", "b", nil)    // want `keyauth/storage-connection-string: blockblob.NewClientFromConnectionString`
	appendblob.NewClientFromConnectionString(cs, "c", "b", nil)   // want `keyauth/storage-connection-string: appendblob.NewClientFromConnectionString`
	pageblob.NewClientFromConnectionString(cs, "c", "b", nil)     // want `keyauth/storage-connection-string: pageblob.NewClientFromConnectionString`
	fileservice.NewClientFromConnectionString(cs, nil)            // want `keyauth/storage-connection-string: service.NewClientFromConnectionString`
	share.NewClientFromConnectionString(cs, "s", nil)             // want `keyauth/storage-connection-string: share.NewClientFromConnectionString`
	directory.NewClientFromConnectionString(cs, "s", "d", nil)    // want `keyauth/storage-connection-string: directory.NewClientFromConnectionString`
	file.NewClientFromConnectionString(cs, "s", "f", nil)         // want `keyauth/storage-connection-string: file.NewClientFromConnectionString`
	azqueue.NewServiceClientFromConnectionString(cs, nil)         // want `keyauth/storage-connection-string: azqueue.NewServiceClientFromConnectionString`
	azqueue.NewQueueClientFromConnectionString(cs, "q", nil)      // want `keyauth/storage-connection-string: azqueue.NewQueueClientFromConnectionString`
	dlservice.NewClientFromConnectionString(cs, nil)              // want `keyauth/storage-connection-string: service.NewClientFromConnectionString`
	filesystem.NewClientFromConnectionString(cs, "fs", nil)       // want `keyauth/storage-connection-string: filesystem.NewClientFromConnectionString`
	dldirectory.NewClientFromConnectionString(cs, "d", "fs", nil) // want `keyauth/storage-connection-string: directory.NewClientFromConnectionString`
	dlfile.NewClientFromConnectionString(cs, "f", "fs", nil)      // want `keyauth/storage-connection-string: file.NewClientFromConnectionString`
}

func storageSharedKeys(url string) {
	skc, _ := azblob.NewSharedKeyCredential("acct", os.Getenv("K"))
	blobservice.NewClientWithSharedKeyCredential(url, skc, nil) // want `keyauth/storage-shared-key: service.NewClientWithSharedKeyCredential`
	blob.NewClientWithSharedKeyCredential(url, skc, nil)        // want `keyauth/storage-shared-key: blob.NewClientWithSharedKeyCredential`
	appendblob.NewClientWithSharedKeyCredential(url, skc, nil)  // want `keyauth/storage-shared-key: appendblob.NewClientWithSharedKeyCredential`
	pageblob.NewClientWithSharedKeyCredential(url, skc, nil)    // want `keyauth/storage-shared-key: pageblob.NewClientWithSharedKeyCredential`

	fskc, _ := fileservice.NewSharedKeyCredential("acct", os.Getenv("K"))
	fileservice.NewClientWithSharedKeyCredential(url, fskc, nil) // want `keyauth/storage-shared-key: service.NewClientWithSharedKeyCredential`
	shkc, _ := share.NewSharedKeyCredential("acct", os.Getenv("K"))
	share.NewClientWithSharedKeyCredential(url, shkc, nil) // want `keyauth/storage-shared-key: share.NewClientWithSharedKeyCredential`
	dkc, _ := directory.NewSharedKeyCredential("acct", os.Getenv("K"))
	directory.NewClientWithSharedKeyCredential(url, dkc, nil) // want `keyauth/storage-shared-key: directory.NewClientWithSharedKeyCredential`
	fkc, _ := file.NewSharedKeyCredential("acct", os.Getenv("K"))
	file.NewClientWithSharedKeyCredential(url, fkc, nil) // want `keyauth/storage-shared-key: file.NewClientWithSharedKeyCredential`

	dl, _ := azdatalake.NewSharedKeyCredential("acct", os.Getenv("K"))
	dlservice.NewClientWithSharedKeyCredential(url, dl, nil)   // want `keyauth/storage-shared-key: service.NewClientWithSharedKeyCredential`
	dldirectory.NewClientWithSharedKeyCredential(url, dl, nil) // want `keyauth/storage-shared-key: directory.NewClientWithSharedKeyCredential`
	dlfile.NewClientWithSharedKeyCredential(url, dl, nil)      // want `keyauth/storage-shared-key: file.NewClientWithSharedKeyCredential`
}

// A shared key credential used for something else (SAS signing) is
// reported on its own.
func sasSigning(sign func(*azblob.SharedKeyCredential)) {
	skc, _ := azblob.NewSharedKeyCredential("acct", os.Getenv("K")) // want `keyauth/storage-shared-key: azblob.NewSharedKeyCredential`
	sign(skc)
}

func storageKeyless(url string) {
	cred, _ := azidentity.NewDefaultAzureCredential(nil)
	azblob.NewClient(url, cred, nil)
	container.NewClient(url, cred, nil)
	azqueue.NewServiceClient(url, cred, nil)
	azblob.NewClientWithNoCredential(url+"?sv=...", nil)
}
