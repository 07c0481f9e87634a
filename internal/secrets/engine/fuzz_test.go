package engine

// Fuzz targets of the secret engine (run by scripts/fuzz.sh). The seed
// corpus is testdata/fuzz/<FuzzName>/ (look-alikes, broken shapes, odd
// bytes: nothing live-looking is committed) plus keys generated here at
// run time from a fixed seed.

import (
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/keyless-dev/keyless/internal/rules"
	"github.com/keyless-dev/keyless/internal/secrets/azkeys"
	"github.com/keyless-dev/keyless/internal/secrets/corpus"
)

var (
	fuzzEngineOnce sync.Once
	fuzzEngineVal  *Engine
	fuzzEngineErr  error
)

func fuzzEngine(t testing.TB) *Engine {
	fuzzEngineOnce.Do(func() { fuzzEngineVal, fuzzEngineErr = New(rules.Default()) })
	if fuzzEngineErr != nil {
		t.Fatal(fuzzEngineErr)
	}
	return fuzzEngineVal
}

// fuzzSeeds are generated secrets in the contexts the rules look for, so
// the fuzzer starts from inputs that reach the validators.
func fuzzSeeds() []string {
	g := corpus.New(20260101)
	return []string{
		"key = \"" + g.OpenAIKey() + "\"",
		g.AIServicesKey() + ";" + g.OpenAIKey(),
		"AZURE_OPENAI_API_KEY=" + g.Hex32(),
		"DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + g.StorageKey() + ";EndpointSuffix=core.windows.net",
		"storageAccountKey: " + g.HIS(azkeys.StorageKey),
		"AccountEndpoint=https://db.documents.azure.com:443/;AccountKey=" + g.CosmosKey() + ";",
		"Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=" + g.ServiceBusKey(),
		g.SASURL("acct"),
		"client_secret = \"" + g.EntraSecret() + "\"",
		"aws_key = " + g.AWSKeyID(),
		"token: " + g.GitHubPAT(),
		"slack = " + g.SlackBotToken(),
		g.BadChecksum(g.OpenAIKey(), 81),
		g.EntraSecretBad(),
		"HostName=h.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=" + g.HIS(azkeys.IoTHubKey),
		"code=" + g.HIS(azkeys.FunctionsKey) + "&x=" + g.HIS(azkeys.SearchAdminKey),
		g.HIS(azkeys.APIMGatewayKey) + ";" + g.BrokenHIS(azkeys.APIMGatewayKey),
		"https://build:" + g.ADOPAT() + "@dev.azure.com/o/p",
		g.BrokenADOPAT() + " " + g.NuGetKey(),
	}
}

// FuzzScan: Scan, ScanPath and ScanSource never panic, every match lies
// within the text, its Secret is exactly text[Start:End], matches are
// ordered and disjoint, and redaction never shows a secret of 8 bytes or
// more.
func FuzzScan(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		e := fuzzEngine(t)
		check := func(what string, ms []Match) {
			prevEnd := -1
			for _, m := range ms {
				if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
					t.Fatalf("%s: match %s [%d:%d] out of bounds (len %d)", what, m.RuleID, m.Start, m.End, len(text))
				}
				if m.Secret != text[m.Start:m.End] {
					t.Fatalf("%s: match %s: Secret is not text[%d:%d]", what, m.RuleID, m.Start, m.End)
				}
				if m.Start < prevEnd {
					t.Fatalf("%s: match %s [%d:%d] overlaps or precedes the previous one (ends %d)", what, m.RuleID, m.Start, m.End, prevEnd)
				}
				prevEnd = m.End
				if !e.Has(m.RuleID) {
					t.Fatalf("%s: match of unknown rule %q", what, m.RuleID)
				}
				checkRedact(t, m.Secret)
				_ = e.Kind(m)
				_ = e.Validate(m.RuleID, m.Secret)
			}
		}
		check("Scan", e.Scan(text))
		check("ScanPath", e.ScanPath("config/app.env", text))
		check("ScanSource", e.ScanSource("app/x.go", text))
		for _, m := range e.ScanValue(Value{Text: text, Name: "apiKey", KeyArg: true, AzureFile: true}) {
			if m.Start != 0 || m.End != len(text) || m.Secret != text {
				t.Fatalf("ScanValue: match %s [%d:%d] does not span the value", m.RuleID, m.Start, m.End)
			}
		}
	})
}

// FuzzPrefilter: the regex-derived prefilter (minimum length and needed
// byte runs) is sound for every rule: when a rule's regex matches a text,
// its prefilter passes it, else the engine would silently miss a secret.
// One rule per input (chosen by n), so each execution runs one regex.
func FuzzPrefilter(f *testing.F) {
	e := fuzzEngine(f)
	for i, s := range fuzzSeeds() {
		f.Add(uint16(i), s)
	}
	// Each rule once on a text it matches, when its own example does.
	for i := range e.rules {
		f.Add(uint16(i), "key = \"0123456789abcdef0123456789abcdef\"")
	}
	f.Fuzz(func(t *testing.T, n uint16, text string) {
		r := e.rules[int(n)%len(e.rules)]
		if r.compile() != nil {
			t.Skip()
		}
		if r.re.MatchString(text) && (len(text) < r.minLen || !possible(text, r.needs)) {
			t.Fatalf("prefilter of rule %s rejects a text its regex matches (minLen %d, len %d)", r.spec.ID, r.minLen, len(text))
		}
	})
}

// FuzzRedact: the redacted form of a string of 8 or more bytes never
// contains it, keeps at most one leading rune per 8 (and at most 4), and
// ends with the rune count.
func FuzzRedact(f *testing.F) {
	for _, s := range []string{"", "short", "abcdefgh", "0123456789abcdef0123456789abcdef", "ÄÖÜäöüßÄÖÜäöüß", "\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8"} {
		f.Add(s)
	}
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkRedact(t, s)
	})
}

func checkRedact(t *testing.T, s string) {
	t.Helper()
	r := Redact(s)
	n := utf8.RuneCountInString(s)
	suffix := "…(" + itoa(n) + ")"
	if !strings.HasSuffix(r, suffix) {
		t.Fatalf("Redact(len %d) = %q: no length suffix %q", len(s), r, suffix)
	}
	prefix := strings.TrimSuffix(r, suffix)
	if !strings.HasPrefix(s, prefix) {
		t.Fatalf("Redact(len %d): kept %q, not a prefix of the secret", len(s), prefix)
	}
	if k := utf8.RuneCountInString(prefix); k > 4 || k > n/8 {
		t.Fatalf("Redact(%d runes) keeps %d runes", n, k)
	}
	if len(s) >= 8 && strings.Contains(r, s) {
		t.Fatalf("Redact returned the whole secret (len %d)", len(s))
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
