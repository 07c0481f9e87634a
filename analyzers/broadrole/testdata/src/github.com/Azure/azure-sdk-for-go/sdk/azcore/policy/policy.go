// Package policy is a stub of github.com/Azure/azure-sdk-for-go/sdk/azcore/policy v1.24.0.
package policy

// TokenRequestOptions contain specific parameter that may be used by credentials types when attempting to get a token.
type TokenRequestOptions struct {
	Scopes []string
}
