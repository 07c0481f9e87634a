// Stub of github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/storage/armstorage/v2 with the real signatures of the functions keyauth's tests need.
package armstorage

import (
	"context"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/arm"
)

type AccountsClient struct{ subscriptionID string }

type AccountsClientListKeysOptions struct{}

type AccountsClientListKeysResponse struct{ Key1, Key2 *string }

type AccountsClientRegenerateKeyOptions struct{}

type AccountsClientRegenerateKeyResponse struct{ Key1, Key2 *string }

type AccountRegenerateKeyParameters struct{ KeyName *string }

func NewAccountsClient(subscriptionID string, credential azcore.TokenCredential, options *arm.ClientOptions) (*AccountsClient, error) {
	return &AccountsClient{subscriptionID: subscriptionID}, nil
}

func (client *AccountsClient) ListKeys(ctx context.Context, resourceGroupName string, accountName string, options *AccountsClientListKeysOptions) (AccountsClientListKeysResponse, error) {
	return AccountsClientListKeysResponse{}, nil
}

func (client *AccountsClient) RegenerateKey(ctx context.Context, resourceGroupName string, accountName string, regenerateKey AccountRegenerateKeyParameters, options *AccountsClientRegenerateKeyOptions) (AccountsClientRegenerateKeyResponse, error) {
	return AccountsClientRegenerateKeyResponse{}, nil
}
