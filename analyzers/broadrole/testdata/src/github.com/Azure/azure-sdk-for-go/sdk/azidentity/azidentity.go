// Package azidentity is a stub of github.com/Azure/azure-sdk-for-go/sdk/azidentity v1.15.0.
package azidentity

import (
	"context"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// DefaultAzureCredentialOptions contains optional parameters for DefaultAzureCredential.
type DefaultAzureCredentialOptions struct{}

// DefaultAzureCredential simplifies authentication while developing applications that deploy to Azure.
type DefaultAzureCredential struct{}

// NewDefaultAzureCredential creates a DefaultAzureCredential.
func NewDefaultAzureCredential(options *DefaultAzureCredentialOptions) (*DefaultAzureCredential, error) {
	panic("stub")
}

// GetToken requests an access token from Microsoft Entra ID.
func (c *DefaultAzureCredential) GetToken(ctx context.Context, opts policy.TokenRequestOptions) (azcore.AccessToken, error) {
	panic("stub")
}
