// Stub of github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/eventhub/armeventhub (v1.3.0) with the real signatures of the functions keyauth's tests need.
package armeventhub

import (
	"context"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/arm"
)

type RegenerateAccessKeyParameters struct{ KeyType *string }

type NamespacesClient struct{ subscriptionID string }

type (
	NamespacesClientListKeysOptions        struct{}
	NamespacesClientListKeysResponse       struct{ PrimaryConnectionString, PrimaryKey *string }
	NamespacesClientRegenerateKeysOptions  struct{}
	NamespacesClientRegenerateKeysResponse struct{ PrimaryKey *string }
)

func NewNamespacesClient(subscriptionID string, credential azcore.TokenCredential, options *arm.ClientOptions) (*NamespacesClient, error) {
	return &NamespacesClient{subscriptionID: subscriptionID}, nil
}

func (client *NamespacesClient) ListKeys(ctx context.Context, resourceGroupName string, namespaceName string, authorizationRuleName string, options *NamespacesClientListKeysOptions) (NamespacesClientListKeysResponse, error) {
	return NamespacesClientListKeysResponse{}, nil
}

func (client *NamespacesClient) RegenerateKeys(ctx context.Context, resourceGroupName string, namespaceName string, authorizationRuleName string, parameters RegenerateAccessKeyParameters, options *NamespacesClientRegenerateKeysOptions) (NamespacesClientRegenerateKeysResponse, error) {
	return NamespacesClientRegenerateKeysResponse{}, nil
}

type EventHubsClient struct{ subscriptionID string }

type (
	EventHubsClientListKeysOptions  struct{}
	EventHubsClientListKeysResponse struct{ PrimaryConnectionString *string }
)

func NewEventHubsClient(subscriptionID string, credential azcore.TokenCredential, options *arm.ClientOptions) (*EventHubsClient, error) {
	return &EventHubsClient{subscriptionID: subscriptionID}, nil
}

func (client *EventHubsClient) ListKeys(ctx context.Context, resourceGroupName string, namespaceName string, eventHubName string, authorizationRuleName string, options *EventHubsClientListKeysOptions) (EventHubsClientListKeysResponse, error) {
	return EventHubsClientListKeysResponse{}, nil
}
