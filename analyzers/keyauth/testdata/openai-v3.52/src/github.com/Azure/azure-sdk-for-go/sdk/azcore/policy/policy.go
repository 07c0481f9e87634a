// Stub of github.com/Azure/azure-sdk-for-go/sdk/azcore/policy with the real signatures of the functions keyauth's tests need.
package policy

import "github.com/Azure/azure-sdk-for-go/sdk/azcore/internal/exported"

type TokenRequestOptions = exported.TokenRequestOptions

type ClientOptions struct{ Retry int }

type Policy interface{ Do() error }
