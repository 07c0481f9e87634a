// Package azcore is a stub of github.com/Azure/azure-sdk-for-go/sdk/azcore
// (v1.24.0 signatures).
package azcore

// KeyCredential contains an authentication key used to authenticate to an Azure service.
type KeyCredential struct{ key string }

// NewKeyCredential creates a new instance of [KeyCredential] with the specified values.
func NewKeyCredential(key string) *KeyCredential { return &KeyCredential{key: key} }

// SASCredential contains a shared access signature used to authenticate to an Azure service.
type SASCredential struct{ sas string }

// NewSASCredential creates a new instance of [SASCredential] with the specified values.
func NewSASCredential(sas string) *SASCredential { return &SASCredential{sas: sas} }
