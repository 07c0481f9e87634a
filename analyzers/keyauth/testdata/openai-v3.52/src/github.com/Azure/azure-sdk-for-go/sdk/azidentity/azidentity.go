// Stub of github.com/Azure/azure-sdk-for-go/sdk/azidentity with the real signatures of the functions keyauth's tests need.
package azidentity

import (
	"context"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

type DefaultAzureCredentialOptions struct{ TenantID string }

type DefaultAzureCredential struct{}

func NewDefaultAzureCredential(options *DefaultAzureCredentialOptions) (*DefaultAzureCredential, error) {
	return &DefaultAzureCredential{}, nil
}

func (c *DefaultAzureCredential) GetToken(ctx context.Context, opts policy.TokenRequestOptions) (azcore.AccessToken, error) {
	return azcore.AccessToken{}, nil
}

type ManagedIdentityCredentialOptions struct{}

type ManagedIdentityCredential struct{}

func NewManagedIdentityCredential(options *ManagedIdentityCredentialOptions) (*ManagedIdentityCredential, error) {
	return &ManagedIdentityCredential{}, nil
}

func (c *ManagedIdentityCredential) GetToken(ctx context.Context, opts policy.TokenRequestOptions) (azcore.AccessToken, error) {
	return azcore.AccessToken{}, nil
}

type ClientSecretCredentialOptions struct{}

type ClientSecretCredential struct{}

func NewClientSecretCredential(tenantID string, clientID string, clientSecret string, options *ClientSecretCredentialOptions) (*ClientSecretCredential, error) {
	return &ClientSecretCredential{}, nil
}

func (c *ClientSecretCredential) GetToken(ctx context.Context, opts policy.TokenRequestOptions) (azcore.AccessToken, error) {
	return azcore.AccessToken{}, nil
}

type OnBehalfOfCredentialOptions struct{}

type OnBehalfOfCredential struct{}

func NewOnBehalfOfCredentialWithSecret(tenantID, clientID, userAssertion, clientSecret string, options *OnBehalfOfCredentialOptions) (*OnBehalfOfCredential, error) {
	return &OnBehalfOfCredential{}, nil
}
