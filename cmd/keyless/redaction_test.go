package main

// The redaction property, end to end on the built binary: secrets planted
// in a Go module (hardcodedsecret findings, a keyauth finding with a fix)
// and in a git history (history findings) never appear, whole or as any
// piece longer than 8 bytes, in any byte that keyless writes — stdout,
// stderr and report files of every format of lint and history, -json,
// -diff, -fix, baselines, debug mode, and the error paths that quote
// their input (a rules file, a package that does not type-check, a
// baseline or .gitleaksignore that does not parse). -no-redact is the one
// way out; it prints the secrets and says so on stderr.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/internal/report"
	"github.com/keyless-dev/keyless/internal/secrets/azkeys"
	"github.com/keyless-dev/keyless/internal/secrets/corpus"
	"github.com/keyless-dev/keyless/testdata/historyrepo"
)

// plantedSecret is one secret with the rule that must find it and a Go
// declaration and a config line that hold it.
type plantedSecret struct {
	rule   string // short secret rule id
	value  string // the secret
	goDecl string // Go declaration holding it
	env    string // line of a config file holding it
}

// plantSecrets generates one secret per Azure secret rule and a few of
// gitleaks' providers (fixed seed: the same keys every run, none
// committed).
func plantSecrets(seed uint64) []plantedSecret {
	g := corpus.New(seed)
	var ps []plantedSecret
	add := func(rule, value, goDecl, env string) {
		ps = append(ps, plantedSecret{rule: rule, value: value, goDecl: goDecl, env: env})
	}
	v := g.OpenAIKey()
	add("azure-openai-key", v, fmt.Sprintf("const openAIKey = %q", v), "AZURE_OPENAI_API_KEY="+v)
	v = g.AIServicesKey()
	add("azure-ai-services-key", v, fmt.Sprintf("const aiServicesKey = %q", v), "AI_SERVICES_KEY="+v)
	v = g.CASK("AAAY", "ACOG", azkeys.Base62)
	add("azure-cask-key", v, fmt.Sprintf("const speechKey = %q", v), "SPEECH_KEY="+v)
	v = g.Hex32()
	add("azure-cognitive-hex-key", v, fmt.Sprintf("const azureOpenAIKey = %q", v), "AZURE_OPENAI_KEY="+v)
	v = g.HIS(azkeys.StorageKey)
	add("azure-storage-account-key", v, fmt.Sprintf("const storageAccountKey = %q", v), "STORAGE_ACCOUNT_KEY="+v)
	v = g.StorageKey()
	conn := "DefaultEndpointsProtocol=https;AccountName=leakyacct;AccountKey=" + v + ";EndpointSuffix=core.windows.net"
	add("azure-storage-connection-string", v, fmt.Sprintf("const storageConn = %q", conn), "STORAGE_CONNECTION_STRING="+conn)
	v = g.SASSignature()
	sas := "https://leakyacct.blob.core.windows.net/data/r.csv?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2031-01-01T00:00:00Z&spr=https&sig=" + v
	add("azure-sas-token", v, fmt.Sprintf("const reportURL = %q", sas), "REPORT_URL="+sas)
	v = g.ServiceBusKey()
	bus := "Endpoint=sb://leaky.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=" + v
	add("azure-servicebus-connection-string", v, fmt.Sprintf("const busConn = %q", bus), "SERVICEBUS_CONNECTION_STRING="+bus)
	v = g.HIS(azkeys.CosmosKey)
	add("azure-cosmos-key", v, fmt.Sprintf("const cosmosKey = %q", v), "COSMOS_KEY="+v)
	v = g.EntraSecret()
	add("azure-entra-client-secret", v, fmt.Sprintf("const clientSecret = %q", v), "AZURE_CLIENT_SECRET="+v)
	v = g.AWSKeyID()
	add("aws-access-token", v, fmt.Sprintf("const awsKeyID = %q", v), "AWS_ACCESS_KEY_ID="+v)
	v = g.GitHubPAT()
	add("github-pat", v, fmt.Sprintf("const ghToken = %q", v), "GITHUB_TOKEN="+v)
	v = g.SlackBotToken()
	add("slack-bot-token", v, fmt.Sprintf("const slackToken = %q", v), "SLACK_TOKEN="+v)
	return ps
}

func secretValues(ps []plantedSecret) []string {
	var vs []string
	for _, p := range ps {
		vs = append(vs, p.value)
	}
	return vs
}

// leakWindow: no piece of a secret longer than this may be printed (the
// redacted form shows at most 4 characters).
const leakWindow = 8

// leaks returns the secrets of which a piece of leakWindow+1 bytes
// appears in out, with where. Pieces that several secrets share are
// format, not secret (every generated Azure OpenAI key holds
// "JQQJ99" and "AAABACOG"): they are not counted.
func leaks(out []byte, values []string) []string {
	var found []string
	for k, v := range values {
		for i := 0; i+leakWindow+1 <= len(v); i++ {
			piece := v[i : i+leakWindow+1]
			shared := false
			for j, w := range values {
				shared = shared || j != k && strings.Contains(w, piece)
			}
			if !shared && bytes.Contains(out, []byte(piece)) {
				// Show where, without the secret.
				at := bytes.Index(out, []byte(piece))
				before := string(out[max(at-40, 0):at])
				after := string(out[at+len(piece) : min(at+len(piece)+40, len(out))])
				found = append(found, fmt.Sprintf("%s (piece at byte %d of a %d-byte secret, in %q)",
					secretsRedact(v), i, len(v), redactAll([]byte(before), values)+"<SECRET>"+redactAll([]byte(after), values)))
				break
			}
		}
	}
	return found
}

func secretsRedact(v string) string {
	if len(v) < 4 {
		return "…"
	}
	return v[:4] + "…"
}

// checkNoLeak fails for every planted secret any of outs shows.
func checkNoLeak(t *testing.T, what string, values []string, outs ...[]byte) {
	t.Helper()
	for _, out := range outs {
		for _, l := range leaks(out, values) {
			t.Errorf("%s leaks %s", what, l)
		}
	}
}

// leakyModule is a module (no dependencies: loads in a blink) with
// package leaky holding every planted secret and package broken whose
// failing lines hold secrets (the type checker quotes constants in its
// errors).
func leakyModule(t *testing.T, ps []plantedSecret) string {
	t.Helper()
	dir := t.TempDir()
	var decls []string
	for _, p := range ps {
		decls = append(decls, p.goDecl)
	}
	writeTree(t, dir, map[string]string{
		"go.mod":           "module example.com/leaky\n\ngo 1.22\n",
		"leaky/secrets.go": "package leaky\n\n" + strings.Join(decls, "\n") + "\n",
		"broken/broken.go": "package broken\n\n" +
			"const hidden = \"" + ps[0].value + "\"\n\n" +
			"var N int = \"" + ps[1].value + "\"\n\n" +
			"var M int = hidden\n\n" +
			"var H int = \"" + ps[3].value + "\"\n\n" +
			"func f() { undefinedCall(\"" + ps[len(ps)-1].value + "\") }\n",
	})
	return dir
}

// fixModule copies the end-to-end module (real Azure SDKs) and adds a
// keyauth finding whose fix rewrites a line holding a literal key, so
// that -diff shows that line and -fix reports on it.
func fixModule(t *testing.T, fixKey string) string {
	t.Helper()
	dir := copyTree(t, e2eDir(t))
	writeTree(t, dir, map[string]string{
		"leaky/client.go": `package leaky

import (
	"github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
)

// New builds a client with a key written in source.
func New() (*azopenai.Client, error) {
	return azopenai.NewClientWithKeyCredential("https://leaky.openai.azure.com/", azcore.NewKeyCredential("` + fixKey + `"), nil)
}
`,
	})
	return dir
}

// leakyRepo creates a repository whose history adds every planted secret
// (in a config file and a Go file) and then removes them; a staged file
// holds them again.
func leakyRepo(t *testing.T, ps []plantedSecret) (dir, since string) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "repo")
	im, err := historyrepo.NewImporter(dir)
	if err != nil {
		t.Fatal(err)
	}
	var env, decls []string
	for _, p := range ps {
		env = append(env, p.env)
		decls = append(decls, p.goDecl)
	}
	im.Commit("main", "", "init", historyrepo.Put("README.md", "# leaky\n"))
	im.Commit("main", "", "add settings",
		historyrepo.Put("config/app.env", strings.Join(env, "\n")+"\n"),
		historyrepo.Put("internal/keys/keys.go", "package keys\n\n"+strings.Join(decls, "\n")+"\n"))
	im.Commit("main", "", "remove settings", historyrepo.Del("config/app.env"), historyrepo.Del("internal/keys/keys.go"))
	shas, err := im.Close()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "staged.env"), []byte(strings.Join(env, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := historyrepo.Git(dir, nil, "add", "staged.env"); err != nil {
		t.Fatal(err)
	}
	return dir, shas[1]
}

// findingRules reads the rule ids of a json report.
func findingRules(t *testing.T, what string, data []byte) map[string]bool {
	t.Helper()
	var fs []struct {
		RuleID string `json:"ruleId"`
	}
	if err := json.Unmarshal(data, &fs); err != nil {
		t.Fatalf("%s: invalid JSON: %v", what, err)
	}
	ids := map[string]bool{}
	for _, f := range fs {
		ids[f.RuleID] = true
	}
	return ids
}

func TestRedaction(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test: builds the binary")
	}
	ps := plantSecrets(20260307)
	fixKey := corpus.New(20260308).OpenAIKey()
	values := append(secretValues(ps), fixKey)
	mod := leakyModule(t, ps)
	fixMod := fixModule(t, fixKey)
	repo, since := leakyRepo(t, ps)
	outDir := t.TempDir()

	// What keyless writes, by run.
	type run struct {
		name string
		dir  string
		args []string
		code int    // expected exit code
		file string // -output / -baseline file to check too
		want string // stdout+stderr must contain it (the run did its job)
	}
	var runs []run
	for _, format := range report.Formats {
		runs = append(runs,
			run{"lint " + format, mod, []string{"lint", "-format", format, "./leaky/..."}, 1, "", ""},
			run{"lint " + format + " -output", mod, []string{"lint", "-format", format, "-output", filepath.Join(outDir, "lint."+format), "./leaky/..."}, 1, filepath.Join(outDir, "lint."+format), ""},
			run{"lint " + format + " broken package", mod, []string{"lint", "-format", format, "./leaky/...", "./broken"}, 2, "", "cannot use"},
			run{"history " + format, repo, []string{"history", "-format", format}, 1, "", ""},
			run{"history " + format + " -output", repo, []string{"history", "-format", format, "-output", filepath.Join(outDir, "history."+format)}, 1, filepath.Join(outDir, "history."+format), ""},
			run{"history " + format + " -staged", repo, []string{"history", "-staged", "-format", format}, 1, "", ""},
		)
	}
	runs = append(runs,
		run{"lint -json", mod, []string{"lint", "-json", "./leaky/..."}, 1, "", ""},
		run{"lint -json broken package", mod, []string{"lint", "-json", "./leaky/...", "./broken"}, 2, "", "cannot use"},
		run{"lint -diff", fixMod, []string{"lint", "-diff", "./leaky/..."}, 1, "", "+\tcred, err := azidentity.NewDefaultAzureCredential(nil)"},
		run{"lint -hardcodedsecret -tests=false", mod, []string{"lint", "-tests=false", "-hardcodedsecret", "./leaky/..."}, 1, "", ""},
		run{"history -since", repo, []string{"history", "-since", since, "-format", "json"}, 1, "", ""},
		run{"history -log-opts", repo, []string{"history", "-log-opts", "--all --author=Fixture", "-format", "sarif"}, 1, "", ""},
		run{"history -no-redact sarif", repo, []string{"history", "-no-redact", "-format", "sarif"}, 1, "", "no effect"},
		run{"baseline", repo, []string{"baseline", "-baseline", filepath.Join(outDir, "baseline.json")}, 0, filepath.Join(outDir, "baseline.json"), "wrote"},
	)

	// Error paths whose input holds a secret.
	badRules := map[string]string{
		"bad-regex.yaml":   "secrets:\n  allowlist:\n    regexes: ['" + ps[0].value + "(']\n",
		"unknown-key.yaml": ps[2].value + ": true\n",
		"bad-rule.yaml":    "secrets:\n  rules:\n    - id: " + ps[3].value + "\n      title: t\n      severity: error\n      regex: '" + ps[4].value + "['\n",
		"dup-id.yaml":      "secrets:\n  rules:\n    - id: " + ps[5].value + "\n      title: t\n      severity: error\n      regex: x\n    - id: " + ps[5].value + "\n      title: t\n      severity: error\n      regex: x\n",
		"disable.yaml":     "disable: [hardcodedsecret/" + ps[6].value + "]\n",
		"syntax.yaml":      "secrets: [" + ps[7].value + "\n  - {",
	}
	for name, text := range badRules {
		p := filepath.Join(outDir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		runs = append(runs,
			run{"lint -config " + name, mod, []string{"lint", "-config", p, "./leaky/..."}, 2, "", name + ":"},
			run{"history -config " + name, repo, []string{"history", "-config", p}, 2, "", name + ":"})
	}
	badBaseline := filepath.Join(outDir, "bad-baseline.json")
	os.WriteFile(badBaseline, []byte(`{"findings": [{"fingerprint": "`+ps[8].value+`", "ruleId": 7}]}`), 0o644)
	runs = append(runs, run{"history -baseline (malformed)", repo, []string{"history", "-baseline", badBaseline}, 2, "", "baseline"})
	badBaseline2 := filepath.Join(outDir, "bad-baseline2.json")
	os.WriteFile(badBaseline2, []byte(`{"version": 1, "`+ps[3].value+`": true}`), 0o644)
	runs = append(runs, run{"history -baseline (unknown field)", repo, []string{"history", "-baseline", badBaseline2}, 2, "", "baseline"})
	// .gitleaksignore lines that fail to parse are quoted in the error.
	for i, line := range []string{
		ps[10].value + ":aws-access-token:notanumber", // found by the engine in the message
		ps[3].value + ":x:notanumber",                 // a 32-hex key: only its context says so
		":" + ps[11].value + ":github-pat:1",
	} {
		dir, _ := leakyRepo(t, ps)
		os.WriteFile(filepath.Join(dir, ".gitleaksignore"), []byte("# ignores\n"+line+"\n"), 0o644)
		runs = append(runs, run{fmt.Sprintf("history with a malformed .gitleaksignore %d", i), dir, []string{"history", "-format", "json"}, 2, "", ".gitleaksignore:2: "})
	}

	for _, r := range runs {
		t.Run(r.name, func(t *testing.T) {
			res := keyless(t, r.dir, r.args...)
			if r.code >= 0 && res.code != r.code {
				t.Errorf("exit %d, want %d\nstderr: %s", res.code, r.code, redactAll(res.stderr, values))
			}
			if !bytes.Contains(append(res.stdout, res.stderr...), []byte(r.want)) {
				t.Errorf("output lacks %q:\nstdout: %s\nstderr: %s", r.want, redactAll(res.stdout, values), redactAll(res.stderr, values))
			}
			outs := [][]byte{res.stdout, res.stderr}
			if r.file != "" {
				data, err := os.ReadFile(r.file)
				if err != nil {
					t.Fatal(err)
				}
				outs = append(outs, data)
			}
			checkNoLeak(t, r.name, values, outs...)
		})
	}

	// The same runs in debug mode (KEYLESS_DEBUG adds detail to internal
	// errors) print nothing more.
	t.Run("KEYLESS_DEBUG", func(t *testing.T) {
		t.Setenv("KEYLESS_DEBUG", "1")
		for _, args := range [][]string{{"lint", "-format", "json", "./leaky/...", "./broken"}, {"lint", "-config", filepath.Join(outDir, "bad-regex.yaml")}} {
			res := keylessEnv(t, mod, []string{"KEYLESS_DEBUG=1"}, args...)
			checkNoLeak(t, "KEYLESS_DEBUG lint", values, res.stdout, res.stderr)
		}
		res := keylessEnv(t, repo, []string{"KEYLESS_DEBUG=1"}, "history", "-format", "text")
		checkNoLeak(t, "KEYLESS_DEBUG history", values, res.stdout, res.stderr)
	})

	// -fix rewrites the keyauth call and reports what it did: no secret in
	// what it prints (the source file itself keeps its secrets).
	t.Run("lint -fix", func(t *testing.T) {
		res := keyless(t, fixMod, "lint", "-fix", "./leaky/...")
		if res.code == 2 {
			t.Fatalf("lint -fix: exit 2\n%s", redactAll(res.stderr, values))
		}
		checkNoLeak(t, "lint -fix", values, res.stdout, res.stderr)
	})

	// The secrets were found: the runs above are not vacuous.
	lintJSON := keyless(t, mod, "lint", "-format", "json", "./leaky/...")
	got := findingRules(t, "lint json", lintJSON.stdout)
	histJSON := keyless(t, repo, "history", "-format", "json")
	gotHist := findingRules(t, "history json", histJSON.stdout)
	var missing []string
	for _, p := range ps {
		if !got["hardcodedsecret/"+p.rule] {
			missing = append(missing, "hardcodedsecret/"+p.rule)
		}
		if !gotHist["history/"+p.rule] {
			missing = append(missing, "history/"+p.rule)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		t.Errorf("planted secrets not reported (the redaction check would prove nothing for them): %s", strings.Join(missing, ", "))
	}

	// Positive control: -no-redact prints every secret and says so.
	res := keyless(t, repo, "history", "-no-redact", "-format", "json")
	if !bytes.Contains(res.stderr, []byte("-no-redact")) || !bytes.Contains(res.stderr, []byte("IN FULL")) {
		t.Errorf("-no-redact does not say so on stderr: %s", redactAll(res.stderr, values))
	}
	for _, p := range ps {
		if !bytes.Contains(res.stdout, []byte(p.value)) {
			t.Errorf("-no-redact json lacks the %s secret", p.rule)
		}
	}
	if len(leaks(res.stdout, values)) == 0 {
		t.Error("control: the leak check finds nothing in -no-redact output")
	}
}

// redactAll masks the secrets in out, for failure messages.
func redactAll(out []byte, values []string) string {
	s := string(out)
	for _, v := range values {
		s = strings.ReplaceAll(s, v, secretsRedact(v))
	}
	return s
}

// keylessEnv is keyless with extra environment variables.
func keylessEnv(t *testing.T, dir string, env []string, args ...string) keylessRun {
	t.Helper()
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	return keyless(t, dir, args...)
}
