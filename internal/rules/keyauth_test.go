package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The keyauth rule ids other pieces (CLI, e2e tests, SARIF, baselines)
// rely on.
var keyauthIDs = []string{
	"azopenai-key-credential", "azopenai-for-openai", "azopenaiassistants-key-credential",
	"openai-azure-api-key", "openai-option-api-key", "go-openai-azure-key",
	"azcore-key-credential", "azcore-sas-credential", "storage-shared-key",
	"storage-connection-string", "tables-shared-key", "tables-connection-string",
	"cosmos-key", "cosmos-connection-string", "servicebus-connection-string",
	"eventhubs-connection-string", "eventgrid-key", "eventgrid-sas",
	"appconfig-connection-string", "client-secret-credential", "http-api-key-header",
	"list-keys", "face-key", "speech-subscription-key", "autorest-cognitive-key",
}

func TestDefaultKeyAuthRules(t *testing.T) {
	c := Default()
	byID := map[string]*KeyAuthRule{}
	for i := range c.KeyAuth {
		byID[c.KeyAuth[i].ID] = &c.KeyAuth[i]
	}
	for _, id := range keyauthIDs {
		r := byID[id]
		if r == nil {
			t.Errorf("default catalog lacks keyauth/%s", id)
			continue
		}
		if r.Service == "" || r.Why == "" || r.Before == "" || r.After == "" || r.CWE == "" {
			t.Errorf("keyauth/%s: service, why, before, after and cwe are required in the default catalog", id)
		}
		if r.ReportOnly() && r.Advice == "" {
			t.Errorf("keyauth/%s: a report-only rule must say what to do (advice)", id)
		}
	}
	r := byID["storage-shared-key"]
	if got := r.ReplacementFor("github.com/Azure/azure-sdk-for-go/sdk/storage/azqueue.NewQueueClientWithSharedKeyCredential"); got != "NewQueueClient" {
		t.Errorf("per-func replacement = %q", got)
	}
	if got := r.ReplacementFor("github.com/Azure/azure-sdk-for-go/sdk/storage/azblob.NewClientWithSharedKeyCredential"); got != "NewClient" {
		t.Errorf("default replacement = %q", got)
	}
	// azfile's NewClient also needs FileRequestIntent, which keyauth's
	// fix sets (see analyzers/keyauth/intent.go).
	if got := r.ReplacementFor("github.com/Azure/azure-sdk-for-go/sdk/storage/azfile/file.NewClientWithSharedKeyCredential"); got != "NewClient" {
		t.Errorf("azfile replacement = %q, want NewClient", got)
	}
	if got := byID["storage-connection-string"].ReplacementFor("github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/container.NewClientFromConnectionString"); got != "" {
		t.Errorf("container connection string must have no replacement (the URL takes a container name), got %q", got)
	}
	if got := byID["azopenai-key-credential"].ReplacementFor("github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai.NewClientWithKeyCredential"); got != "NewClient" {
		t.Errorf("full-name replacement = %q", got)
	}
	cosmos := byID["cosmos-key"]
	if cosmos.KeyIndex("github.com/Azure/azure-sdk-for-go/sdk/data/azcosmos.NewKeyCredential") != 0 ||
		cosmos.KeyIndex("github.com/Azure/azure-sdk-for-go/sdk/data/azcosmos.NewClientWithKey") != 1 {
		t.Error("keyArgs override")
	}
	if byID["list-keys"].KeyIndex("x") != -1 {
		t.Error("no keyArg must be -1")
	}
}

func TestKeyAuthValidation(t *testing.T) {
	head := "keyauth:\n  - id: x\n    title: t\n    severity: error\n"
	for _, tc := range []struct{ name, body, want string }{
		{"no funcs", head, "lists no funcs"},
		{"bad name", head + "    funcs: [NewClient]\n", `"NewClient" is not a full name`},
		{"bad method name", head + "    funcs: ['(*p.T.M']\n", "is not a full name"},
		{"unknown fix", head + "    funcs: [p.F]\n    fix: rewrite\n", `unknown fix "rewrite"`},
		{"unknown match", head + "    funcs: [p.F]\n    match: regex\n", `unknown match "regex"`},
		{"swap without keyArg", head + "    funcs: [p.F]\n    fix: swap-credential\n    replacement: G\n", "needs keyArg"},
		{"swap without replacement", head + "    funcs: [p.F]\n    fix: swap-credential\n    keyArg: 1\n", "needs a replacement"},
		{"replacement elsewhere", head + "    funcs: [p.F]\n    fix: swap-credential\n    keyArg: 1\n    replacement: q.G\n", "must be in the same package"},
		{"negative keyArg", head + "    funcs: [p.F]\n    keyArg: -1\n", "keyArg must be >= 0"},
		{"keyArgs unknown func", head + "    funcs: [p.F]\n    keyArgs: {p.G: 1}\n", `keyArgs names "p.G"`},
		{"replacements unknown func", head + "    funcs: [p.F]\n    replacements: {p.G: H}\n", `replacements names "p.G"`},
		{"header funcs without headers", head + "    headerFuncs: ['(net/http.Header).Set']\n", "headerFuncs need headers"},
		{"bad header", head + "    headerFuncs: ['(net/http.Header).Set']\n    headers: ['api key']\n", "is not a header name"},
		{"connection-string without endpointKey", head + "    funcs: [p.F]\n    keyArg: 0\n    fix: connection-string\n    replacement: G\n    endpointForm: host\n", "needs endpointKey"},
		{"connection-string bad form", head + "    funcs: [p.F]\n    keyArg: 0\n    fix: connection-string\n    replacement: G\n    endpointKey: Endpoint\n    endpointForm: uri\n", "endpointForm must be host, url or storage"},
		{"connection-string keyArg", head + "    funcs: [p.F]\n    keyArg: 1\n    fix: connection-string\n    replacement: G\n    endpointKey: Endpoint\n    endpointForm: url\n", "needs keyArg 0"},
		{"unknown field", head + "    funcs: [p.F]\n    keyarg: 1\n", `unknown key "keyarg"`},
		{"keyArg not int", head + "    funcs: [p.F]\n    keyArg: one\n", "expected an integer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "user.yaml")
			if err := os.WriteFile(p, []byte(tc.body), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := Load(p)
			if err == nil {
				t.Fatal("Load accepted an invalid keyauth rule")
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "user.yaml:") {
				t.Fatalf("error %q does not contain %q with a position", err, tc.want)
			}
		})
	}
}

func TestKeyAuthUserEntry(t *testing.T) {
	p := filepath.Join(t.TempDir(), "user.yaml")
	body := `keyauth:
  - id: inhouse
    title: In-house client built with a key
    severity: warning
    service: Gateway
    funcs: ['(*example.com/gw.Factory).NewWithKey']
    keyArg: 1
    replacement: NewWithCredential
    fix: swap-credential
  - id: azopenai-key-credential
    title: overridden
    severity: note
    funcs: [github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai.NewClientWithKeyCredential]
`
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	var in, over *KeyAuthRule
	for i := range c.KeyAuth {
		switch c.KeyAuth[i].ID {
		case "inhouse":
			in = &c.KeyAuth[i]
		case "azopenai-key-credential":
			over = &c.KeyAuth[i]
		}
	}
	if in == nil || in.ReplacementFor("(*example.com/gw.Factory).NewWithKey") != "NewWithCredential" || in.KeyIndex("(*example.com/gw.Factory).NewWithKey") != 1 {
		t.Fatalf("user entry not loaded: %+v", in)
	}
	if over == nil || over.Severity != "note" || !over.ReportOnly() {
		t.Fatalf("user entry did not replace the default one: %+v", over)
	}
}

// The advice and the role to grant, which messages leave out, are in the
// rule's docs (keyless explain, SARIF help).
func TestKeyAuthDocsCarryAdvice(t *testing.T) {
	cat := Default()
	for _, r := range cat.KeyAuth {
		d, ok := cat.Lookup(r.RuleID())
		if !ok {
			t.Fatalf("%s: no docs", r.RuleID())
		}
		if r.Advice != "" && !strings.Contains(d.Why, strings.TrimSuffix(r.Advice, ".")) {
			t.Errorf("%s: docs lack the advice", r.RuleID())
		}
		if r.Role != "" && !strings.Contains(d.Why, r.Role) {
			t.Errorf("%s: docs lack the role %q", r.RuleID(), r.Role)
		}
	}
}
