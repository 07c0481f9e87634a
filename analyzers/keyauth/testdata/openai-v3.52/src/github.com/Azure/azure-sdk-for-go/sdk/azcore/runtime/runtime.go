// Stub of github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime with the real signatures of the functions keyauth's tests need.
package runtime

import "github.com/Azure/azure-sdk-for-go/sdk/azcore/internal/exported"

type KeyCredentialPolicy struct{}

type KeyCredentialPolicyOptions struct{ InsecureAllowCredentialWithHTTP bool }

func NewKeyCredentialPolicy(cred *exported.KeyCredential, header string, options *KeyCredentialPolicyOptions) *KeyCredentialPolicy {
	return &KeyCredentialPolicy{}
}

type SASCredentialPolicy struct{}

type SASCredentialPolicyOptions struct{ InsecureAllowCredentialWithHTTP bool }

func NewSASCredentialPolicy(cred *exported.SASCredential, header string, options *SASCredentialPolicyOptions) *SASCredentialPolicy {
	return &SASCredentialPolicy{}
}
