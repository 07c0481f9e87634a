// Stub of github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/internal/exported with the real signatures of the functions keyauth's tests need.
package exported

type SharedKeyCredential struct{ accountName string }

func NewSharedKeyCredential(accountName string, accountKey string) (*SharedKeyCredential, error) {
	return &SharedKeyCredential{accountName: accountName}, nil
}
