// Stub of github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai with the real signatures of the functions keyauth's tests need.
package azopenai

import "github.com/Azure/azure-sdk-for-go/sdk/azcore"

type Client struct{}

type ClientOptions struct{ azcore.ClientOptions }

func NewClient(endpoint string, credential azcore.TokenCredential, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewClientWithKeyCredential(endpoint string, credential *azcore.KeyCredential, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

func NewClientForOpenAI(endpoint string, credential *azcore.KeyCredential, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}

type OnYourDataAuthenticationType string

type OnYourDataAuthenticationOptionsClassification interface {
	GetOnYourDataAuthenticationOptions() *OnYourDataAuthenticationOptions
}

type OnYourDataAuthenticationOptions struct {
	Type *OnYourDataAuthenticationType
}

type OnYourDataAPIKeyAuthenticationOptions struct {
	Type *OnYourDataAuthenticationType
	Key  *string
}

func (o *OnYourDataAPIKeyAuthenticationOptions) GetOnYourDataAuthenticationOptions() *OnYourDataAuthenticationOptions {
	return &OnYourDataAuthenticationOptions{Type: o.Type}
}

type OnYourDataConnectionStringAuthenticationOptions struct {
	ConnectionString *string
	Type             *OnYourDataAuthenticationType
}

func (o *OnYourDataConnectionStringAuthenticationOptions) GetOnYourDataAuthenticationOptions() *OnYourDataAuthenticationOptions {
	return &OnYourDataAuthenticationOptions{Type: o.Type}
}

type OnYourDataSystemAssignedManagedIdentityAuthenticationOptions struct {
	Type *OnYourDataAuthenticationType
}

func (o *OnYourDataSystemAssignedManagedIdentityAuthenticationOptions) GetOnYourDataAuthenticationOptions() *OnYourDataAuthenticationOptions {
	return &OnYourDataAuthenticationOptions{Type: o.Type}
}

type AzureSearchChatExtensionParameters struct {
	Authentication OnYourDataAuthenticationOptionsClassification
	Endpoint       *string
	IndexName      *string
}
