package engine

import (
	"encoding/base64"
	"net/url"
	"sort"
	"strings"

	"github.com/keyless-dev/keyless/internal/secrets/azkeys"
)

// verdict is a validator's answer. proven means a checksum holds: the
// generic placeholder filter is skipped (the validator has checked the
// random part's variety itself; fixed fields may legitimately repeat).
type verdict int

const (
	rejected verdict = iota
	// vetoed: the candidate has an identifiable format (signature in
	// place) and fails its checksum. It is not a key of that format, and
	// no generic rule may report the same text either: the format allows
	// certainty, and a look-alike is what keyless must stay quiet on.
	vetoed
	plausible
	proven
)

func boolVerdict(ok bool) verdict {
	if ok {
		return plausible
	}
	return rejected
}

// validators are the structural checks rules.yaml can name in `validate:`;
// "his:<id>" names one of azkeys.HISKinds.
var validators = hisValidators(map[string]func(string) verdict{
	"":              nil,
	"cask":          validCASK,
	"hex32":         validHex32,
	"storage-key":   func(s string) verdict { return validHISOr64(s, 64, azkeys.StorageKey) },
	"cosmos-key":    func(s string) verdict { return validHISOr64(s, 64, azkeys.CosmosKey) },
	"messaging-key": validMessaging,
	"sas":           validSAS,
	"entra-secret":  validEntra,
	"ado-pat":       validADOPAT,
})

func hisValidators(m map[string]func(string) verdict) map[string]func(string) verdict {
	for _, k := range azkeys.HISKinds {
		m["his:"+k.ID] = func(s string) verdict {
			if v, ok := identifiable(s, k); ok {
				return v
			}
			return rejected
		}
	}
	return m
}

func validatorNames() string {
	var names []string
	for n := range validators {
		if n != "" {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// validCASK: shape and checksum (either encoding), and a random part with
// the variety of a generated key (the library's test keys are 52 × 'A').
func validCASK(s string) verdict {
	if _, ok := azkeys.ParseCASK(s); !ok || distinct(s[:52]) < 12 {
		return vetoed
	}
	return proven
}

func validHex32(s string) verdict {
	if len(s) != 32 {
		return rejected
	}
	letters, digits := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i] | 0x20; {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'a' && c <= 'f':
			letters++
		default:
			return rejected
		}
	}
	return boolVerdict(letters > 0 && digits > 0)
}

// validHISOr64: an identifiable key (a known signature at its offset)
// must be a valid key of one of kinds; any other candidate must decode to
// n bytes (the legacy keys of the same services, found by context).
func validHISOr64(s string, n int, kinds ...azkeys.HISKind) verdict {
	if v, ok := identifiable(s, kinds...); ok {
		return v
	}
	b, err := base64.StdEncoding.DecodeString(s)
	return boolVerdict(err == nil && len(b) == n)
}

// identifiable judges a candidate that has the shape of an HIS v1 key
// (ok is false for any other): proven when its checksum makes it a key of
// one of kinds, rejected when it makes it a key of another format (whose
// own rule reports it), vetoed when no checksum holds or the random part
// lacks the variety of a generated key.
func identifiable(s string, kinds ...azkeys.HISKind) (v verdict, ok bool) {
	k, shaped, valid := azkeys.ClassifyHIS(s)
	switch {
	case !shaped:
		return rejected, false
	case !valid || distinct(s[:k.SigOffset]) < 12:
		return vetoed, true
	}
	for _, want := range kinds {
		if want.ID == k.ID {
			return proven, true
		}
	}
	return rejected, true
}

func validMessaging(s string) verdict {
	return validHISOr64(s, 32, azkeys.ServiceBusKey, azkeys.EventHubsKey, azkeys.RelayKey)
}

// validADOPAT: a legacy Azure DevOps PAT carries a CRC32 checksum. It has
// no signature, so a failed checksum says only that it is not a PAT.
func validADOPAT(s string) verdict {
	if !azkeys.ADOPAT(s) || distinct(s) < 12 {
		return rejected
	}
	return proven
}

// validSAS: a SAS signature is base64(HMAC-SHA256), 32 bytes, usually
// URL-encoded.
func validSAS(s string) verdict {
	u, err := url.PathUnescape(s)
	if err != nil {
		return rejected
	}
	b, err := base64.StdEncoding.DecodeString(u)
	return boolVerdict(err == nil && len(b) == 32)
}

// validEntra: the client-secret shape; the 8Q~ form must carry a valid
// checksum.
func validEntra(s string) verdict {
	switch ok, checksummed := azkeys.EntraSecret(s); {
	case !ok:
		return rejected
	case checksummed:
		if distinct(s[6:37]) < 12 {
			return vetoed
		}
		return proven
	case len(s) == 37:
		return plausible
	}
	return vetoed // an 8Q~ secret with a wrong checksum
}

// refineKind names the service of a CASK key ("Azure Speech Services key").
func refineKind(validator, secret string) string {
	if validator != "cask" {
		return ""
	}
	c, ok := azkeys.ParseCASK(secret)
	if !ok {
		return ""
	}
	if svc := c.Service(); svc != "" {
		return svc + " key"
	}
	return ""
}
