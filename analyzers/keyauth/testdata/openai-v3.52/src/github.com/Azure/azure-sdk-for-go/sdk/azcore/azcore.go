// Stub of github.com/Azure/azure-sdk-for-go/sdk/azcore with the real signatures of the functions keyauth's tests need.
package azcore

import "github.com/Azure/azure-sdk-for-go/sdk/azcore/internal/exported"

type TokenCredential = exported.TokenCredential

type AccessToken = exported.AccessToken

type KeyCredential = exported.KeyCredential

type SASCredential = exported.SASCredential

type ClientOptions struct{ Retry int }

func NewKeyCredential(key string) *KeyCredential { return exported.NewKeyCredential(key) }

func NewSASCredential(sas string) *SASCredential { return exported.NewSASCredential(sas) }
