// Stub of github.com/Azure/azure-sdk-for-go/sdk/storage/azqueue with the real signatures of the functions keyauth's tests need.
package azqueue

import "github.com/Azure/azure-sdk-for-go/sdk/azcore"

type ServiceClient struct{}

type QueueClient struct{}

type ClientOptions struct{ azcore.ClientOptions }

type SharedKeyCredential struct{ accountName string }

func NewSharedKeyCredential(accountName, accountKey string) (*SharedKeyCredential, error) {
	return &SharedKeyCredential{accountName: accountName}, nil
}

func NewServiceClient(serviceURL string, cred azcore.TokenCredential, options *ClientOptions) (*ServiceClient, error) {
	return &ServiceClient{}, nil
}

func NewServiceClientWithSharedKeyCredential(serviceURL string, cred *SharedKeyCredential, options *ClientOptions) (*ServiceClient, error) {
	return &ServiceClient{}, nil
}

func NewServiceClientFromConnectionString(connectionString string, options *ClientOptions) (*ServiceClient, error) {
	return &ServiceClient{}, nil
}

func NewQueueClient(queueURL string, cred azcore.TokenCredential, options *ClientOptions) (*QueueClient, error) {
	return &QueueClient{}, nil
}

func NewQueueClientWithSharedKeyCredential(queueURL string, cred *SharedKeyCredential, options *ClientOptions) (*QueueClient, error) {
	return &QueueClient{}, nil
}

func NewQueueClientFromConnectionString(connectionString string, queueName string, options *ClientOptions) (*QueueClient, error) {
	return &QueueClient{}, nil
}

func (s *ServiceClient) NewQueueClient(queueName string) *QueueClient { return &QueueClient{} }
