// Stub of github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/servicebus/armservicebus (v1.2.0) with the real signatures of the functions keyauth's tests need.
package armservicebus

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

type QueuesClient struct{ subscriptionID string }

type (
	QueuesClientListKeysOptions  struct{}
	QueuesClientListKeysResponse struct{ PrimaryConnectionString *string }
	TopicsClientListKeysOptions  struct{}
	TopicsClientListKeysResponse struct{ PrimaryConnectionString *string }
)

func NewQueuesClient(subscriptionID string, credential azcore.TokenCredential, options *arm.ClientOptions) (*QueuesClient, error) {
	return &QueuesClient{subscriptionID: subscriptionID}, nil
}

func (client *QueuesClient) ListKeys(ctx context.Context, resourceGroupName string, namespaceName string, queueName string, authorizationRuleName string, options *QueuesClientListKeysOptions) (QueuesClientListKeysResponse, error) {
	return QueuesClientListKeysResponse{}, nil
}

type TopicsClient struct{ subscriptionID string }

func NewTopicsClient(subscriptionID string, credential azcore.TokenCredential, options *arm.ClientOptions) (*TopicsClient, error) {
	return &TopicsClient{subscriptionID: subscriptionID}, nil
}

func (client *TopicsClient) ListKeys(ctx context.Context, resourceGroupName string, namespaceName string, topicName string, authorizationRuleName string, options *TopicsClientListKeysOptions) (TopicsClientListKeysResponse, error) {
	return TopicsClientListKeysResponse{}, nil
}
