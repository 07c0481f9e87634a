package hardcodedsecret_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"text/template"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/keyless-dev/keyless/analyzers/hardcodedsecret"
	"github.com/keyless-dev/keyless/analyzers/internal/lintutil"
	"github.com/keyless-dev/keyless/internal/rules"
	"github.com/keyless-dev/keyless/internal/secrets/azkeys"
	"github.com/keyless-dev/keyless/internal/secrets/corpus"
)

// fixtureSeed fixes the keys substituted into testdata/src/**/*.tmpl.
const fixtureSeed = 7

// fixtures generates every key the templates name. No key is committed:
// testdata holds templates, and the rendered tree lives in a temp dir.
func fixtures() map[string]string {
	g := corpus.New(fixtureSeed)
	m := map[string]string{"Seed": "seed 7"}
	for _, k := range []string{"OpenAI", "OpenAI2", "OpenAI3", "OpenAI4", "OpenAI5", "OpenAI6", "OpenAI7", "RawKey", "OpenAITest"} {
		m[k] = g.OpenAIKey()
	}
	m["FoldA"], m["FoldB"] = g.Split(g.OpenAIKey())
	m["FoldKey"], m["FoldKey2"] = g.OpenAIKey(), g.OpenAIKey()
	for _, k := range []string{"LegacyStorage", "LegacyStorage2", "LegacyStorage3", "LegacyStorage4", "LegacyOther", "Decoy88", "Decoy88b"} {
		m[k] = g.StorageKey()
	}
	m["LegacyCosmos"], m["LegacyCosmos2"] = g.CosmosKey(), g.CosmosKey()
	m["AIServices"], m["AIServices2"] = g.AIServicesKey(), g.AIServicesKey()
	m["Speech"] = g.CASK("AAAY", "ACOG", azkeys.Raw)
	m["DevOps"] = g.CASK("AAAA", "AZDO", azkeys.Base62)
	for _, k := range []string{"Hex1", "Hex2", "Hex3", "Hex4", "Hex5", "Hex6", "Hex7", "HexTest", "HexMD5", "HexHash", "HexBare"} {
		m[k] = g.Hex32()
	}
	m["Hex40"] = g.Hex(40)
	m["Entra"] = g.EntraSecret()
	m["EntraBadChecksum"] = g.EntraSecretBad()
	m["Storage"] = g.StorageKey()
	m["StorageHIS"] = g.HIS(azkeys.StorageKey)
	m["ServiceBus"] = g.ServiceBusKey()
	m["SAS"] = g.SASSignature()
	m["Cosmos"] = g.CosmosKey()
	m["AWS"] = g.AWSKeyID()
	m["GitHub"] = g.GitHubPAT()
	m["OpenAIBadChecksum"] = g.BadChecksum(g.OpenAIKey(), 81)
	body := strings.Repeat("A", 52) + "JQQJ99BA" + strings.Repeat("A", 12) + "AAABACOG"
	sum, _ := azkeys.CASKChecksum(body, azkeys.Base62, false)
	m["LowVariety"] = body + sum // valid checksum, but the library's test-key shape
	m["InHouse"] = "ihk_" + g.Hex(24)
	m["APIMSubscription"] = g.HIS(azkeys.APIMSubscriptionKey)
	m["APIMGateway"] = g.HIS(azkeys.APIMGatewayKey)
	m["APIMBroken"] = g.BrokenHIS(azkeys.APIMSubscriptionKey)
	m["IoTHub"], m["IoTHubBroken"] = g.HIS(azkeys.IoTHubKey), g.BrokenHIS(azkeys.IoTHubKey)
	m["IoTDevice"] = g.HIS(azkeys.IoTDeviceKey)
	m["Functions"] = g.HIS(azkeys.FunctionsKey)
	m["DevOpsPAT"], m["DevOpsPATBroken"] = g.ADOPAT(), g.BrokenADOPAT()
	m["NuGet"] = g.NuGetKey()
	return m
}

// render copies testdata/src to a temp dir, executing *.tmpl files with
// the generated keys (and dropping the .tmpl suffix).
func render(t *testing.T) string {
	t.Helper()
	data := fixtures()
	dst := t.TempDir()
	src := filepath.Join("testdata", "src")
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		out := filepath.Join(dst, "src", rel)
		if d.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.HasSuffix(path, ".tmpl") {
			tmpl, err := template.New(rel).Delims("[[", "]]").Option("missingkey=error").Parse(string(b))
			if err != nil {
				return err
			}
			var sb strings.Builder
			if err := tmpl.Execute(&sb, data); err != nil {
				return err
			}
			b, out = []byte(sb.String()), strings.TrimSuffix(out, ".tmpl")
		}
		return os.WriteFile(out, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestAnalyzer(t *testing.T) {
	dir := render(t)
	analysistest.Run(t, dir, hardcodedsecret.Analyzer, "a", "b", "fold", "sinks")
}

// A user rules file adds a rule, allowlists by path, regex and stopword,
// and disables a gitleaks rule, all without code.
func TestUserRulesAndAllowlists(t *testing.T) {
	dir := render(t)
	user := filepath.Join(t.TempDir(), "rules.yaml")
	err := os.WriteFile(user, []byte(`secrets:
  rules:
    - id: inhouse-token
      title: In-house gateway token in source
      kind: in-house gateway token
      severity: error
      regex: '(?P<secret>ihk_[a-f0-9]{24})'
      keywords: [ihk_]
  allowlist:
    paths: ['(^|/)allowpath/allowed/']
    regexes: ['^AKIA']
    stopwords: [aaabacog]
disable:
  - hardcodedsecret/github-pat
`), 0o600)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := rules.Load(user)
	if err != nil {
		t.Fatal(err)
	}
	a := hardcodedsecret.New(lintutil.Options{Catalog: cat})
	analysistest.Run(t, dir, a, "allow", "allowpath/allowed")
}

// A user rule naming an unknown validator fails with the rule's position.
func TestUnknownValidator(t *testing.T) {
	user := filepath.Join(t.TempDir(), "rules.yaml")
	os.WriteFile(user, []byte("secrets:\n  rules:\n    - id: x\n      title: t\n      severity: error\n      regex: 'x{9}'\n      validate: luhn\n"), 0o600)
	cat, err := rules.Load(user)
	if err != nil {
		t.Fatal(err)
	}
	a := hardcodedsecret.New(lintutil.Options{Catalog: cat})
	var errs []string
	analysistest.Run(errRecorder{&errs}, render(t), a, "b")
	if len(errs) == 0 || !strings.Contains(strings.Join(errs, "\n"), `rules.yaml:3:7: secret rule "x": unknown validate "luhn"`) {
		t.Fatalf("want a positioned error for the unknown validator, got %q", errs)
	}
}

type errRecorder struct{ errs *[]string }

func (r errRecorder) Errorf(format string, args ...any) {
	*r.errs = append(*r.errs, strings.TrimSpace(sprintf(format, args...)))
}

// Files naming an Azure AI endpoint of a sovereign cloud or of AI
// Services (rules.AzureAIHostSuffixes, shared with keyauth) make their
// 32-hex values keys, as an *.openai.azure.com endpoint does.
func TestAzureHostSuffixes(t *testing.T) {
	analysistest.Run(t, render(t), hardcodedsecret.Analyzer, "sovereign")
}
