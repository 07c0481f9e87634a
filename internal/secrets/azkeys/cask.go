package azkeys

import (
	"encoding/base64"
	"encoding/binary"
	"math/bits"
)

// CASK (legacy Common Annotated Security Key, "HIS v2") layout, by
// character offset in the 84-character key (88 in long form).
const (
	CASKLen       = 84
	CASKLongLen   = 88
	caskSigOff    = 52 // "JQQJ"
	caskKindOff   = 57 // '9' access key, 'D' derived, 'H' hashed
	caskYearOff   = 58
	caskMonthOff  = 59
	caskResOff    = 72 // provider-reserved, 4 chars
	caskProvOff   = 76 // provider signature, 4 chars
	caskCheckOff  = 80
	caskSignature = "JQQJ"
)

// caskSeed is VersionTwoChecksumSeed = "Default0".
var caskSeed = Seed("Default0")

// Encoding of a CASK checksum (§2.4 of the reference): Base62 is the
// generator's default since security-utilities v1.7.0; Raw is the older
// encoding that every real Cognitive Services key examined uses.
type Encoding int

const (
	Base62 Encoding = iota
	Raw
)

// CASK is a parsed CASK key's fields (never the random part).
type CASK struct {
	Kind              byte   // '9', 'D' or 'H'
	ProviderReserved  string // chars 72–75: "AAAB" = Azure OpenAI, "AAAA" = Azure AI Services for ACOG
	ProviderSignature string // chars 76–79: "ACOG", "AZDO", "msql", …
	LongForm          bool
	Encoding          Encoding
}

// CognitiveServices are the services of the ACOG family, by index: the
// provider-reserved field of service i is CognitiveReserved(i).
var CognitiveServices = []string{
	"Azure AI Services", "Azure OpenAI", "Anomaly Detector EE", "Anomaly Detector",
	"Cognitive Services", "Computer Vision", "Content Moderator", "Content Safety",
	"Custom Vision Prediction", "Custom Vision Training", "Face", "Form Recognizer",
	"Health Decision Support", "Health Insights", "Immersive Reader", "Internal All-In-One",
	"Knowledge", "LUIS Authoring", "LUIS", "Metrics Advisor", "Personalizer", "QnA Maker",
	"QnA Maker v2", "Speaker Recognition", "Speech Services", "Speech Translation",
	"Text Analytics", "Text Translation", "Dummy", "Transcription Intelligence",
	"Video Intelligence", "Bing Autosuggest", "Bing Autosuggest v7", "Bing Custom Search",
	"Bing Custom Visual Search", "Bing Entity Search", "Bing Search", "Bing Search v7",
	"Bing Speech", "Bing Spell Check", "Bing Spell Check v7",
}

// CognitiveReserved is the provider-reserved field (chars 72–75) of the
// i-th of CognitiveServices: "AAA" and the base64 character at i.
func CognitiveReserved(i int) string { return "AAA" + b64Alphabet[i:i+1] }

// CASKProviders names the services of the provider signatures (chars
// 76–79) other than ACOG.
var CASKProviders = map[string]string{
	"msql": "Azure SQL",
	"AZAC": "Azure App Configuration",
	"AZFR": "Azure Fluid Relay",
	"AZEG": "Azure Event Grid",
	"AZDO": "Azure DevOps",
	"AZMR": "Azure Mixed Reality",
	"AZMP": "Azure Maps",
	"AZCS": "Azure Communication Services",
}

const b64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// Service names the Azure service a CASK key belongs to, "" when unknown.
func (c CASK) Service() string {
	if c.ProviderSignature == "ACOG" && c.ProviderReserved[:3] == "AAA" {
		for i := range CognitiveServices {
			if c.ProviderReserved == CognitiveReserved(i) {
				return CognitiveServices[i]
			}
		}
		return "Azure Cognitive Services"
	}
	return CASKProviders[c.ProviderSignature]
}

func isB62(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
}

// ParseCASK checks that key is a CASK key whose checksum is valid in either
// encoding and returns its fields.
func ParseCASK(key string) (CASK, bool) {
	var c CASK
	switch {
	case len(key) == CASKLen:
	case len(key) == CASKLongLen && key[86:] == "==":
		c.LongForm = true
	default:
		return c, false
	}
	for i := 0; i < 86 && i < len(key); i++ {
		if !isB62(key[i]) {
			return c, false
		}
	}
	if key[caskSigOff:caskSigOff+4] != caskSignature || key[56] != '9' {
		return c, false
	}
	c.Kind = key[caskKindOff]
	if c.Kind != '9' && c.Kind != 'D' && c.Kind != 'H' {
		return c, false
	}
	if m := key[caskMonthOff]; m < 'A' || m > 'L' {
		return c, false
	}
	if p := key[caskProvOff]; !(p >= 'A' && p <= 'Z' || p >= 'a' && p <= 'z') {
		return c, false
	}
	c.ProviderReserved = key[caskResOff : caskResOff+4]
	c.ProviderSignature = key[caskProvOff : caskProvOff+4]
	b62, raw, ok := caskChecksums(key[:caskCheckOff])
	if !ok {
		return c, false
	}
	tail := key[caskCheckOff:]
	if c.LongForm {
		switch tail {
		case b62.long:
			c.Encoding = Base62
		case raw.long:
			c.Encoding = Raw
		default:
			return c, false
		}
		return c, true
	}
	switch tail {
	case b62.short:
		c.Encoding = Base62
	case raw.short:
		c.Encoding = Raw
	default:
		return c, false
	}
	return c, true
}

type caskTail struct{ short, long string }

// caskChecksums computes both checksum encodings of an 80-character body.
func caskChecksums(body string) (b62, raw caskTail, ok bool) {
	data, err := base64.StdEncoding.DecodeString(body)
	if err != nil || len(data) != 60 {
		return b62, raw, false
	}
	h := Marvin32(data, caskSeed)
	var cb [4]byte
	binary.LittleEndian.PutUint32(cb[:], h)

	raw.short = base64.StdEncoding.EncodeToString(cb[:3])
	raw.long = base64.StdEncoding.EncodeToString(cb[:4])

	t := base62Checksum(cb)
	b62.short = t[:4]
	canon, err := base64.StdEncoding.DecodeString(t + "==")
	if err != nil {
		return b62, raw, false
	}
	b62.long = base64.StdEncoding.EncodeToString(canon)
	return b62, raw, true
}

const base62Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// base62Checksum is §2.4-A: one '0' per leading zero byte (at most 3), the
// base62 digits of the big-endian value, right-padded with '0' to 6.
func base62Checksum(cb [4]byte) string {
	var t []byte
	for i := 0; i < 3 && cb[i] == 0; i++ {
		t = append(t, '0')
	}
	n := bits.ReverseBytes32(binary.LittleEndian.Uint32(cb[:]))
	var digits []byte
	for {
		digits = append(digits, base62Alphabet[n%62])
		n /= 62
		if n == 0 {
			break
		}
	}
	for i := len(digits) - 1; i >= 0; i-- {
		t = append(t, digits[i])
	}
	for len(t) < 6 {
		t = append(t, '0')
	}
	return string(t[:6])
}

// CASKChecksum returns the checksum characters that complete an
// 80-character CASK body, in the given encoding and form: 4 characters, or
// 8 ending in "==" for the long form.
func CASKChecksum(body string, enc Encoding, long bool) (string, bool) {
	b62, raw, ok := caskChecksums(body)
	if !ok {
		return "", false
	}
	t := b62
	if enc == Raw {
		t = raw
	}
	if long {
		return t.long, true
	}
	return t.short, true
}
