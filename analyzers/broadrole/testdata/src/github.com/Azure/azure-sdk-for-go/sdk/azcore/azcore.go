// Package azcore is a stub of github.com/Azure/azure-sdk-for-go/sdk/azcore v1.24.0.
package azcore

import (
	"context"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// AccessToken represents an Azure service bearer access token with expiry information.
type AccessToken struct {
	Token string
}

// TokenCredential represents a credential capable of providing an OAuth token.
type TokenCredential interface {
	GetToken(ctx context.Context, options policy.TokenRequestOptions) (AccessToken, error)
}
