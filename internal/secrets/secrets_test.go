package secrets

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"

	"github.com/keyless-dev/keyless/internal/secrets/azkeys"
	"github.com/keyless-dev/keyless/internal/secrets/corpus"
	"github.com/keyless-dev/keyless/internal/secrets/gitleaksdefault"
)

func newEngine(t testing.TB) *Detector {
	t.Helper()
	e, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// The generated table is exactly what the pinned gitleaks library loads
// from its embedded default config: regenerate it (go generate) when the
// gitleaks version changes.
func TestGitleaksTableMatchesLibrary(t *testing.T) {
	silenceGitleaks()
	d, err := detect.NewDetectorDefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	lib := d.Config.GetOrderedRules()
	if len(lib) != len(gitleaksdefault.Rules) {
		t.Fatalf("library has %d rules, table %d: run go generate ./internal/secrets/gitleaksdefault", len(lib), len(gitleaksdefault.Rules))
	}
	for i, lr := range lib {
		tr := gitleaksdefault.Rules[i]
		got := fmt.Sprint(tr.ID, tr.Description, tr.Regex, tr.Path, tr.SecretGroup, tr.Entropy, tr.Keywords, tr.SkipReport, allowlists(tr.Allowlists))
		want := fmt.Sprint(lr.RuleID, lr.Description, reString(lr.Regex), reString(lr.Path), lr.SecretGroup, lr.Entropy, lr.Keywords, lr.SkipReport, libAllowlists(lr.Allowlists))
		if got != want {
			t.Errorf("rule %s differs from the library: run go generate ./internal/secrets/gitleaksdefault", lr.RuleID)
		}
	}
	if got, want := allowlists(gitleaksdefault.Allowlists), libAllowlists(d.Config.Allowlists); got != want {
		t.Errorf("global allowlists differ from the library")
	}
}

func reString(re interface{ String() string }) string {
	if reflect.ValueOf(re).IsNil() {
		return ""
	}
	return re.String()
}

func allowlists(as []gitleaksdefault.Allowlist) string {
	var b strings.Builder
	for _, a := range as {
		fmt.Fprint(&b, a.Description, a.And, a.RegexTarget, a.Regexes, a.Paths, sorted(a.StopWords), sorted(a.Commits), ";")
	}
	return b.String()
}

func libAllowlists(as []*config.Allowlist) string {
	var conv []gitleaksdefault.Allowlist
	for _, a := range as {
		c := gitleaksdefault.Allowlist{Description: a.Description, And: a.MatchCondition == config.AllowlistMatchAnd,
			RegexTarget: a.RegexTarget, StopWords: a.StopWords, Commits: a.Commits}
		for _, r := range a.Regexes {
			c.Regexes = append(c.Regexes, r.String())
		}
		for _, r := range a.Paths {
			c.Paths = append(c.Paths, r.String())
		}
		conv = append(conv, c)
	}
	return allowlists(conv)
}

func sorted(s []string) []string {
	s = append([]string(nil), s...)
	sort.Strings(s)
	return s
}

func TestGitleaksConfig(t *testing.T) {
	e := newEngine(t)
	cfg := e.GitleaksConfig()
	if cfg2 := e.GitleaksConfig(); len(cfg2.Rules) != len(cfg.Rules) {
		t.Fatal("GitleaksConfig not stable")
	}
	if _, ok := cfg.Rules["azure-ad-client-secret"]; ok {
		t.Error("superseded gitleaks rule still in the config")
	}
	for _, id := range []string{"azure-openai-key", "azure-ai-services-key", "azure-entra-client-secret", "aws-access-token", "generic-api-key"} {
		if _, ok := cfg.Rules[id]; !ok {
			t.Errorf("config lacks %s", id)
		}
	}
	if len(cfg.OrderedRules) != len(cfg.Rules) {
		t.Errorf("OrderedRules %d != Rules %d", len(cfg.OrderedRules), len(cfg.Rules))
	}
	for _, r := range cfg.Rules {
		for _, k := range r.Keywords {
			if _, ok := cfg.Keywords[k]; !ok {
				t.Errorf("%s: keyword %q missing from cfg.Keywords (the prefilter would never run the rule)", r.RuleID, k)
			}
		}
	}
}

// gitleaks, run with GitleaksConfig, finds Azure keys under the same rule
// ids as the engine; Validate then drops what only keyless can tell apart
// (bad checksums).
func TestGitleaksFindsAzureKeysWithSameIDs(t *testing.T) {
	e := newEngine(t)
	g := corpus.New(11)
	d := detect.NewDetector(e.GitleaksConfig())
	good := map[string]string{
		"azure-openai-key":                   g.OpenAIKey(),
		"azure-ai-services-key":              g.AIServicesKey(),
		"azure-cask-key":                     g.CASK("AAAY", "ACOG", azkeys.Raw),
		"azure-entra-client-secret":          g.EntraSecret(),
		"azure-storage-connection-string":    g.StorageKey(),
		"azure-servicebus-connection-string": g.HIS(azkeys.ServiceBusKey),
		"azure-cognitive-hex-key":            g.Hex32(),
	}
	text := fmt.Sprintf("a := azcore.NewKeyCredential(%q)\nb = %q\nc: %s\nsecret := %q\nconn = \"DefaultEndpointsProtocol=https;AccountName=x;AccountKey=%s\"\nsb := %q\nAZURE_OPENAI_API_KEY=%s\n",
		good["azure-openai-key"], good["azure-ai-services-key"], good["azure-cask-key"], good["azure-entra-client-secret"],
		good["azure-storage-connection-string"], good["azure-servicebus-connection-string"], good["azure-cognitive-hex-key"])
	bad := g.BadChecksum(g.OpenAIKey(), 82)
	text += fmt.Sprintf("d := azcore.NewKeyCredential(%q)\n", bad)

	found := map[string]string{}
	for _, f := range d.DetectString(text) {
		if e.Validate(f.RuleID, f.Secret) {
			found[f.RuleID] = f.Secret
		} else if f.RuleID == "azure-openai-key" && f.Secret != bad {
			t.Errorf("Validate rejected a good %s", f.RuleID)
		}
	}
	for id, secret := range good {
		if found[id] != secret {
			t.Errorf("gitleaks with GitleaksConfig did not find %s (%s); found %v", id, Redact(secret), keys(found))
		}
	}
	// The engine finds the same ids in the same text.
	scanned := map[string]bool{}
	for _, m := range e.Scan(text) {
		scanned[m.RuleID] = true
		if m.Secret == bad {
			t.Error("engine reported the bad-checksum key")
		}
	}
	for id := range good {
		if !scanned[id] {
			t.Errorf("engine did not find %s", id)
		}
	}
}

func keys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// On the whole generated corpus, every secret the engine finds, gitleaks
// with GitleaksConfig finds under the same id (gitleaks sees the files as
// text; the analyzer's context-only forms are excluded).
func TestEngineAndGitleaksAgreeOnCorpus(t *testing.T) {
	e := newEngine(t)
	d := detect.NewDetector(e.GitleaksConfig())
	c := corpus.Build(3, 2)
	var missing, total int
	for name, content := range c.Files {
		byGitleaks := map[string]bool{}
		for _, f := range d.DetectString(content) {
			if e.Validate(f.RuleID, f.Secret) {
				byGitleaks[f.RuleID+"\x00"+f.Secret] = true
			}
		}
		for _, m := range e.ScanPath(name, content) {
			total++
			if !byGitleaks[m.RuleID+"\x00"+m.Secret] {
				missing++
				t.Errorf("%s: engine found %s %s, gitleaks did not", name, m.RuleID, Redact(m.Secret))
			}
		}
	}
	if total == 0 {
		t.Fatal("engine found nothing in the corpus")
	}
	t.Logf("%d engine findings, %d not found by gitleaks", total, missing)
}
