// Stub of github.com/Azure/azure-sdk-for-go/sdk/storage/azdatalake with the real signatures of the functions keyauth's tests need.
package azdatalake

import "github.com/Azure/azure-sdk-for-go/sdk/storage/azdatalake/internal/exported"

type SharedKeyCredential = exported.SharedKeyCredential

func NewSharedKeyCredential(accountName, accountKey string) (*SharedKeyCredential, error) {
	return exported.NewSharedKeyCredential(accountName, accountKey)
}
