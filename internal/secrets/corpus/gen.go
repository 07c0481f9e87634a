// Package corpus generates secrets and look-alikes deterministically (a
// fixed seed), so that keyless's tests, its detection-quality corpus and
// bench/secrets never commit a live-looking key: every key is computed at
// run time with the real format and checksum algorithms of
// internal/secrets/azkeys, and every decoy is one character, one checksum
// or one context away from a real finding.
package corpus

import (
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strings"

	"github.com/keyless-dev/keyless/internal/secrets/azkeys"
)

// Gen produces secrets from a seeded stream: the same seed, the same keys.
type Gen struct{ r *rand.Rand }

// New returns a generator for seed.
func New(seed uint64) *Gen { return &Gen{r: rand.New(rand.NewPCG(seed, seed^0x6b65796c657373))} }

const (
	b62         = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	hexLow      = "0123456789abcdef"
	b32         = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	base32Lower = "abcdefghijklmnopqrstuvwxyz234567"
	urlCh       = b62 + "~._-"
)

func (g *Gen) str(alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[g.r.IntN(len(alphabet))]
	}
	return string(b)
}

func (g *Gen) bytes(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(g.r.IntN(256))
	}
	return b
}

// CASK is an 84-character Azure identifiable key with a valid checksum:
// reserved is the provider-reserved field ("AAAB" Azure OpenAI, "AAAA" AI
// Services, "AAAY" Speech…), sig the provider signature ("ACOG", "AZDO").
func (g *Gen) CASK(reserved, sig string, enc azkeys.Encoding) string {
	for {
		body := g.str(b62, 52) + "JQQJ99" + string(b62[g.r.IntN(26)]) + string("ABCDEFGHIJKL"[g.r.IntN(12)]) +
			"AC" + g.str(b62, 5) + "XJ3w3" + reserved + sig
		sum, ok := azkeys.CASKChecksum(body, enc, false)
		if ok && isAlnum(sum) {
			return body + sum
		}
	}
}

// OpenAIKey and AIServicesKey are CASK keys of Azure OpenAI and Azure AI
// Services, alternating checksum encodings.
func (g *Gen) OpenAIKey() string     { return g.CASK("AAAB", "ACOG", g.enc()) }
func (g *Gen) AIServicesKey() string { return g.CASK("AAAA", "ACOG", g.enc()) }

// OtherCASKKey is a CASK key of another service (Speech, Azure DevOps, Maps…).
func (g *Gen) OtherCASKKey() string {
	switch g.r.IntN(3) {
	case 0:
		return g.CASK("AAAY", "ACOG", g.enc()) // Speech Services
	case 1:
		return g.CASK("AAAA", "AZDO", g.enc())
	}
	return g.CASK("AAAA", "AZMP", g.enc())
}

func (g *Gen) enc() azkeys.Encoding {
	if g.r.IntN(2) == 0 {
		return azkeys.Raw
	}
	return azkeys.Base62
}

// BadChecksum changes one checksum character of an identifiable key, so
// that it keeps its shape and loses its validity.
func (g *Gen) BadChecksum(key string, at int) string {
	b := []byte(key)
	for {
		c := b62[g.r.IntN(52)]
		if c != b[at] {
			b[at] = c
			return string(b)
		}
	}
}

// BrokenCASK is a CASK key of the given provider fields whose checksum is
// wrong in both encodings.
func (g *Gen) BrokenCASK(reserved, sig string) string {
	for {
		bad := g.BadChecksum(g.CASK(reserved, sig, g.enc()), azkeys.CASKLen-4+g.r.IntN(4))
		if _, ok := azkeys.ParseCASK(bad); !ok {
			return bad
		}
	}
}

// ADOPAT is an Azure DevOps personal access token of the legacy format
// (52 base32 characters, CRC32 checksum) of a user or an application.
func (g *Gen) ADOPAT() string {
	var b [32]byte
	copy(b[:], g.bytes(32))
	magic := azkeys.ADOUserPATMagic
	if g.r.IntN(2) == 0 {
		magic = azkeys.ADOApplicationPATMagic
	}
	return azkeys.CompleteADOPAT(b, magic)
}

// BrokenADOPAT is an ADOPAT with one character changed: the same shape, a
// checksum that fails.
func (g *Gen) BrokenADOPAT() string {
	pat := []byte(g.ADOPAT())
	for {
		b := append([]byte(nil), pat...)
		i := g.r.IntN(azkeys.ADOPATLen - 1) // the last character carries unused bits
		b[i] = base32Lower[g.r.IntN(len(base32Lower))]
		if !azkeys.ADOPAT(string(b)) {
			return string(b)
		}
	}
}

// NuGetKey is a nuget.org API key: "oy2" and 43 lower-case base32
// characters.
func (g *Gen) NuGetKey() string { return "oy2" + g.str(base32Lower, 43) }

// Hex32 is a classic 32-hex Azure OpenAI / Cognitive Services key.
func (g *Gen) Hex32() string {
	for {
		s := g.str(hexLow, 32)
		if strings.ContainsAny(s, "abcdef") && strings.ContainsAny(s, "0123456789") {
			return s
		}
	}
}

// Hex is n random lower-case hex digits (hashes, git SHAs).
func (g *Gen) Hex(n int) string { return g.str(hexLow, n) }

// UUID is a random RFC 4122 v4 UUID (role definition ids look like this).
func (g *Gen) UUID() string {
	h := g.Hex(32)
	return h[:8] + "-" + h[8:12] + "-4" + h[13:16] + "-a" + h[17:20] + "-" + h[20:]
}

// StorageKey is a classic (non-identifiable) 88-character account key.
func (g *Gen) StorageKey() string { return g.base64NoSig(64, "+ASt", "ACDb") }

// CosmosKey is a classic 88-character Cosmos DB key.
func (g *Gen) CosmosKey() string { return g.base64NoSig(64, "+ASt", "ACDb") }

func (g *Gen) base64NoSig(n int, sigs ...string) string {
	for {
		s := base64.StdEncoding.EncodeToString(g.bytes(n))
		ok := true
		for _, sig := range sigs {
			if strings.Contains(s, sig) {
				ok = false
			}
		}
		if ok {
			return s
		}
	}
}

// HIS completes a random key of an identifiable HIS v1 format with a valid
// checksum (seed: one of kind.Seeds).
func (g *Gen) HIS(kind azkeys.HISKind) string {
	alphabet := b62 + "+/"
	if kind.Base62 {
		alphabet = b62
	}
	for {
		tmpl := g.str(alphabet, kind.SigOffset) + kind.Signature
		tmpl += strings.Repeat("A", kind.Len-len(tmpl)-kind.Pad()) + strings.Repeat("=", kind.Pad())
		key, ok := kind.Complete(tmpl, kind.Seeds[g.r.IntN(len(kind.Seeds))])
		if ok {
			return key
		}
	}
}

// BrokenHIS is a key of kind's shape whose checksum holds for no seed of
// any format: one checksum character of a valid key changed.
func (g *Gen) BrokenHIS(kind azkeys.HISKind) string {
	key := g.HIS(kind)
	for {
		// The 4 characters after the signature's are checksum bits only.
		bad := g.BadChecksum(key, kind.SigOffset+5+g.r.IntN(4))
		if _, shaped, valid := azkeys.ClassifyHIS(bad); shaped && !valid {
			return bad
		}
	}
}

// ServiceBusKey is a classic 44-character SharedAccessKey.
func (g *Gen) ServiceBusKey() string { return g.base64NoSig(32, "+ASb", "+AEh", "+ARm") }

// SASSignature is a URL-encoded SAS sig= value (base64 of 32 bytes).
func (g *Gen) SASSignature() string {
	return url.QueryEscape(base64.StdEncoding.EncodeToString(g.bytes(32)))
}

// SASURL is a blob URL with a full SAS query.
func (g *Gen) SASURL(account string) string {
	return fmt.Sprintf("https://%s.blob.core.windows.net/data/report.csv?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2031-01-01T00:00:00Z&st=2024-01-01T00:00:00Z&spr=https&sig=%s",
		account, g.SASSignature())
}

// EntraSecret is a 40-character "8Q~" client secret with a valid checksum.
func (g *Gen) EntraSecret() string {
	body := g.str(b62, 3) + "8Q~" + g.str(urlCh, 31)
	return body + azkeys.EntraChecksum(body)
}

// EntraSecretBad is an "8Q~" secret whose checksum is wrong.
func (g *Gen) EntraSecretBad() string {
	s := g.EntraSecret()
	b := []byte(s)
	b[38] = "abcdefghij"[(strings.IndexByte("abcdefghij", b[38])+1+g.r.IntN(8))%10]
	if string(b) == s {
		b[39] = 'Z'
	}
	return string(b)
}

// EntraSecretLegacy is a 37-character "7Q~" client secret (no checksum).
func (g *Gen) EntraSecretLegacy() string { return g.str(b62, 3) + "7Q~" + g.str(urlCh, 31) }

// AWSKeyID is an AWS access key id (gitleaks aws-access-token).
func (g *Gen) AWSKeyID() string { return "AKIA" + g.str(b32, 16) }

// GitHubPAT is a classic GitHub personal access token (github-pat).
func (g *Gen) GitHubPAT() string { return "ghp_" + g.str(b62, 36) }

// SlackBotToken is a Slack bot token (slack-bot-token).
func (g *Gen) SlackBotToken() string {
	return fmt.Sprintf("xoxb-%d-%d-%s", 1000000000+g.r.IntN(899999999), 1000000000000+g.r.Int64N(899999999999), g.str(b62, 24))
}

// Name is a lower-case account/namespace name.
func (g *Gen) Name() string { return g.str("abcdefghijklmnopqrstuvwxyz", 6) + g.str("0123456789", 2) }

// Split cuts s in two at a random point, for "a" + "b" constants.
func (g *Gen) Split(s string) (string, string) {
	i := 1 + g.r.IntN(len(s)-1)
	return s[:i], s[i:]
}

// IntN exposes the stream for choices.
func (g *Gen) IntN(n int) int { return g.r.IntN(n) }

func isAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		if !strings.ContainsRune(b62, rune(s[i])) {
			return false
		}
	}
	return true
}
