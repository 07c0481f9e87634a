// Stub of github.com/Azure/azure-sdk-for-go/sdk/messaging/azeventhubs/v2 with the real signatures of the functions keyauth's tests need.
package azeventhubs

import "github.com/Azure/azure-sdk-for-go/sdk/azcore"

type ProducerClient struct{}

type ProducerClientOptions struct{ ApplicationID string }

type ConsumerClient struct{}

type ConsumerClientOptions struct{ ApplicationID string }

func NewProducerClient(fullyQualifiedNamespace string, eventHub string, credential azcore.TokenCredential, options *ProducerClientOptions) (*ProducerClient, error) {
	return &ProducerClient{}, nil
}

func NewProducerClientFromConnectionString(connectionString string, eventHub string, options *ProducerClientOptions) (*ProducerClient, error) {
	return &ProducerClient{}, nil
}

func NewConsumerClient(fullyQualifiedNamespace string, eventHub string, consumerGroup string, credential azcore.TokenCredential, options *ConsumerClientOptions) (*ConsumerClient, error) {
	return &ConsumerClient{}, nil
}

func NewConsumerClientFromConnectionString(connectionString string, eventHub string, consumerGroup string, options *ConsumerClientOptions) (*ConsumerClient, error) {
	return &ConsumerClient{}, nil
}
