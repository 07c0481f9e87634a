package fixconnstr

import (
	"fmt"
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/data/aztables"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/container"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azqueue"
)

// Storage connection strings built in sight: the service URL is written
// from AccountName (https, core.windows.net by default).
func blobFromAccount(account string) (*azblob.Client, error) { // want blobFromAccount:"wraps keyauth/storage-connection-string\\(arg 0\\)"
	cs := fmt.Sprintf("DefaultEndpointsProtocol=https;AccountName=%s;AccountKey=%s;EndpointSuffix=core.windows.net", account, os.Getenv("AZURE_STORAGE_KEY"))
	return azblob.NewClientFromConnectionString(cs, nil) // want `keyauth/storage-connection-string: `
}

// An explicit QueueEndpoint wins.
func queueFromEndpoint() (*azqueue.ServiceClient, error) {
	return azqueue.NewServiceClientFromConnectionString("QueueEndpoint=https://q.example.net/;AccountName=acct;AccountKey="+os.Getenv("K"), nil) // want `keyauth/storage-connection-string: `
}

// Tables: the table service URL.
func tablesFromAccount(account string) (*aztables.ServiceClient, error) { // want tablesFromAccount:"wraps keyauth/tables-connection-string\\(arg 0\\)"
	return aztables.NewServiceClientFromConnectionString("AccountName="+account+";AccountKey="+os.Getenv("K")+";EndpointSuffix=core.chinacloudapi.cn", nil) // want `keyauth/tables-connection-string: `
}

// A container client takes the container name where the URL would go: no
// mechanical fix.
func containerFromAccount(account string) (*container.Client, error) { // want containerFromAccount:"wraps keyauth/storage-connection-string\\(arg 0\\)"
	return container.NewClientFromConnectionString("AccountName="+account+";AccountKey="+os.Getenv("K"), "c", nil) // want `keyauth/storage-connection-string: `
}

// From the environment: nothing to build the URL from.
func blobFromEnv() (*azblob.Client, error) {
	return azblob.NewClientFromConnectionString(os.Getenv("AZURE_STORAGE_CONNECTION_STRING"), nil) // want `keyauth/storage-connection-string: `
}
