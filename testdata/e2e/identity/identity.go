// Package identity authenticates as a service principal with a secret.
package identity

import (
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
)

// Credential returns a client-secret credential.
func Credential() (azcore.TokenCredential, error) {
	return azidentity.NewClientSecretCredential(os.Getenv("AZURE_TENANT_ID"), os.Getenv("AZURE_CLIENT_ID"), os.Getenv("AZURE_CLIENT_SECRET"), nil) // want: keyauth/client-secret-credential
}
