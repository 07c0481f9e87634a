package historyrepo

import (
	"math/rand/v2"

	"github.com/keyless-dev/keyless/internal/secrets/azkeys"
)

// Keys builds fixture secrets from a fixed-seed generator, so that no
// live-looking secret is ever committed to keyless's own repository and
// every run plants the same values. Azure keys carry valid checksums.
type Keys struct{ r *rand.Rand }

// NewKeys returns a generator with a fixed seed.
func NewKeys(seed uint64) *Keys { return &Keys{r: rand.New(rand.NewPCG(seed, 0x6b65796c657373))} }

const (
	b62   = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b64   = b62 + "+/"
	upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	hex   = "0123456789abcdef"
)

// Pick returns n characters drawn from alphabet.
func (k *Keys) Pick(alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[k.r.IntN(len(alphabet))]
	}
	return string(b)
}

// CASK returns an 84-character CASK key with provider reserved chars res
// and signature sig ("AAAB","ACOG" = Azure OpenAI; "AAAA","ACOG" = Azure
// AI Services) and a valid checksum; bad breaks the checksum.
func (k *Keys) CASK(res, sig string, bad bool) string {
	body := k.Pick(b62, 52) + "JQQJ99" + "B" + "F" + k.Pick(b62, 12) + res + sig
	sum, ok := azkeys.CASKChecksum(body, azkeys.Base62, false)
	if !ok {
		panic("historyrepo: bad CASK body")
	}
	if bad {
		sum = flip(sum)
	}
	return body + sum
}

// OpenAIKey is an Azure OpenAI CASK key.
func (k *Keys) OpenAIKey() string { return k.CASK("AAAB", "ACOG", false) }

// AIServicesKey is an Azure AI Services CASK key.
func (k *Keys) AIServicesKey() string { return k.CASK("AAAA", "ACOG", false) }

// HIS returns a key of an identifiable (HIS v1) kind with a valid
// checksum for its first seed; bad breaks the checksum.
func (k *Keys) HIS(kind azkeys.HISKind, bad bool) string {
	for {
		t := []byte(k.Pick(b64, kind.Len))
		copy(t[kind.SigOffset:], kind.Signature)
		switch kind.Len {
		case 44: // 32 bytes
			t[43] = '='
		case 88: // 64 bytes
			t[86], t[87] = '=', '='
		}
		key, ok := kind.Complete(string(t), kind.Seeds[0])
		if !ok {
			continue // the signature did not survive re-encoding; retry
		}
		if bad {
			key = key[:kind.Len-6] + flip(key[kind.Len-6:kind.Len-4]) + key[kind.Len-4:]
		}
		return key
	}
}

// EntraSecret is a 40-character "8Q~" Entra ID client secret with a valid
// checksum.
func (k *Keys) EntraSecret() string {
	body := k.Pick(b62, 3) + "8Q~" + k.Pick(b62+"~._-", 31)
	return body + azkeys.EntraChecksum(body)
}

// AWSAccessKeyID is an AKIA… access key id.
func (k *Keys) AWSAccessKeyID() string { return "AKIA" + k.Pick(upper, 16) }

// GitHubPAT is a classic ghp_ personal access token.
func (k *Keys) GitHubPAT() string { return "ghp_" + k.Pick(b62, 36) }

// Hex returns n lower-case hex digits.
func (k *Keys) Hex(n int) string { return k.Pick(hex, n) }

// flip changes every character of s to a different alphanumeric one.
func flip(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == 'A' {
			b[i] = 'B'
		} else {
			b[i] = 'A'
		}
	}
	return string(b)
}
