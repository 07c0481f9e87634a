// Package azidentity is a stub of github.com/Azure/azure-sdk-for-go/sdk/azidentity
// (v1.15.0 signatures).
package azidentity

// ClientSecretCredentialOptions contains optional parameters for a ClientSecretCredential.
type ClientSecretCredentialOptions struct{}

// ClientSecretCredential authenticates an application with a client secret.
type ClientSecretCredential struct{}

// NewClientSecretCredential constructs a ClientSecretCredential.
func NewClientSecretCredential(tenantID string, clientID string, clientSecret string, options *ClientSecretCredentialOptions) (*ClientSecretCredential, error) {
	return &ClientSecretCredential{}, nil
}
