// Stub of github.com/Azure/azure-sdk-for-go/sdk/azcore/internal/exported with the real signatures of the functions keyauth's tests need.
package exported

import (
	"context"
	"time"
)

type TokenRequestOptions struct {
	Claims    string
	EnableCAE bool
	Scopes    []string
	TenantID  string
}

type AccessToken struct {
	Token     string
	ExpiresOn time.Time
	RefreshOn time.Time
}

type TokenCredential interface {
	GetToken(ctx context.Context, options TokenRequestOptions) (AccessToken, error)
}

type KeyCredential struct{ key string }

func NewKeyCredential(key string) *KeyCredential { return &KeyCredential{key: key} }

func (k *KeyCredential) Update(key string) { k.key = key }

type SASCredential struct{ sas string }

func NewSASCredential(sas string) *SASCredential { return &SASCredential{sas: sas} }

func (k *SASCredential) Update(sas string) { k.sas = sas }
