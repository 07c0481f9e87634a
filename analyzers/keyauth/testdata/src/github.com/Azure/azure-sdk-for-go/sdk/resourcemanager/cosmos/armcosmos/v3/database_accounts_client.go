// Stub of github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/cosmos/armcosmos/v3 (v3.2.0) with the real signatures of the functions keyauth's tests need.
package armcosmos

import (
	"context"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/arm"
)

type DatabaseAccountsClient struct{ subscriptionID string }

type (
	DatabaseAccountsClientListKeysOptions               struct{}
	DatabaseAccountsClientListKeysResponse              struct{ PrimaryMasterKey *string }
	DatabaseAccountsClientListReadOnlyKeysOptions       struct{}
	DatabaseAccountsClientListReadOnlyKeysResponse      struct{ PrimaryReadonlyMasterKey *string }
	DatabaseAccountsClientGetReadOnlyKeysOptions        struct{}
	DatabaseAccountsClientGetReadOnlyKeysResponse       struct{ PrimaryReadonlyMasterKey *string }
	DatabaseAccountsClientListConnectionStringsOptions  struct{}
	DatabaseAccountsClientListConnectionStringsResponse struct{}
)

func NewDatabaseAccountsClient(subscriptionID string, credential azcore.TokenCredential, options *arm.ClientOptions) (*DatabaseAccountsClient, error) {
	return &DatabaseAccountsClient{subscriptionID: subscriptionID}, nil
}

func (client *DatabaseAccountsClient) ListKeys(ctx context.Context, resourceGroupName string, accountName string, options *DatabaseAccountsClientListKeysOptions) (DatabaseAccountsClientListKeysResponse, error) {
	return DatabaseAccountsClientListKeysResponse{}, nil
}

func (client *DatabaseAccountsClient) ListReadOnlyKeys(ctx context.Context, resourceGroupName string, accountName string, options *DatabaseAccountsClientListReadOnlyKeysOptions) (DatabaseAccountsClientListReadOnlyKeysResponse, error) {
	return DatabaseAccountsClientListReadOnlyKeysResponse{}, nil
}

func (client *DatabaseAccountsClient) GetReadOnlyKeys(ctx context.Context, resourceGroupName string, accountName string, options *DatabaseAccountsClientGetReadOnlyKeysOptions) (DatabaseAccountsClientGetReadOnlyKeysResponse, error) {
	return DatabaseAccountsClientGetReadOnlyKeysResponse{}, nil
}

func (client *DatabaseAccountsClient) ListConnectionStrings(ctx context.Context, resourceGroupName string, accountName string, options *DatabaseAccountsClientListConnectionStringsOptions) (DatabaseAccountsClientListConnectionStringsResponse, error) {
	return DatabaseAccountsClientListConnectionStringsResponse{}, nil
}
