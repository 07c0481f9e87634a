package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/internal/rules"
	"github.com/keyless-dev/keyless/internal/secrets/azkeys"
	"github.com/keyless-dev/keyless/internal/secrets/corpus"
)

func newEngine(t testing.TB) *Engine {
	t.Helper()
	e, err := New(rules.Default())
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// describe shows matches without secrets, for failure messages.
func describe(ms []Match) string {
	var parts []string
	for _, m := range ms {
		parts = append(parts, fmt.Sprintf("%s %s [%d:%d]", m.RuleID, Redact(m.Secret), m.Start, m.End))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func TestRedact(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{strings.Repeat("AbCdEfGh", 10) + "IjKl", "AbCd…(84)"},
		{"0123456789abcdef0123456789abcdef", "0123…(32)"},
		{"AKIA0123456789ABCDEF", "AK…(20)"},
		{"abcdefgh", "a…(8)"},
		{"short", "…(5)"},
		{"", "…(0)"},
		{"ключ-ключ-ключ-ключ", "кл…(19)"},
	} {
		if got := Redact(tc.in); got != tc.want {
			t.Errorf("Redact(%d chars) = %q, want %q", len(tc.in), got, tc.want)
		}
	}
	// Never more than 4 characters, never more than an eighth of the secret.
	for n := 0; n < 200; n++ {
		s := strings.Repeat("x", n)
		prefix, _, _ := strings.Cut(Redact(s), "…")
		if len(prefix) > 4 || len(prefix) > n/8 {
			t.Fatalf("Redact of %d chars shows %d", n, len(prefix))
		}
	}
}

func TestHash(t *testing.T) {
	a, b := Hash("secret-one"), Hash("secret-two")
	if a == b || len(a) != 64 || Hash("secret-one") != a {
		t.Fatalf("Hash not stable/distinct: %s %s", a, b)
	}
	if strings.Contains(a, "secret") {
		t.Fatal("hash contains the secret")
	}
}

// Every Azure rule finds its generated key in text, at the right offsets.
func TestScanAzureRules(t *testing.T) {
	e := newEngine(t)
	g := corpus.New(1)
	type tcase struct{ rule, prefix, secret, suffix string }
	var cases []tcase
	add := func(rule, prefix, secret, suffix string) { cases = append(cases, tcase{rule, prefix, secret, suffix}) }
	add("azure-openai-key", `key := "`, g.OpenAIKey(), `"`)
	add("azure-ai-services-key", "AZURE_AI_KEY=", g.AIServicesKey(), "\n")
	add("azure-cask-key", "speech: ", g.CASK("AAAY", "ACOG", azkeys.Base62), "")
	add("azure-cask-key", "pat=", g.CASK("AAAA", "AZDO", azkeys.Raw), ";")
	add("azure-cognitive-hex-key", "AZURE_OPENAI_API_KEY=", g.Hex32(), "\n")
	add("azure-cognitive-hex-key", `{"api-key": "`, g.Hex32(), `"}`)
	add("azure-cognitive-hex-key", "Ocp-Apim-Subscription-Key: ", g.Hex32(), "\r\n")
	add("azure-storage-connection-string", "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=", g.StorageKey(), ";EndpointSuffix=core.windows.net")
	add("azure-storage-account-key", "x := ", g.HIS(azkeys.StorageKey), "")
	add("azure-storage-account-key", "storage_account_key: ", g.StorageKey(), "\n")
	add("azure-sas-token", "https://a.blob.core.windows.net/c?sv=2022-11-02&sp=r&sig=", g.SASSignature(), "&x=1")
	add("azure-servicebus-connection-string", "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=", g.ServiceBusKey(), ";EntityPath=q")
	add("azure-servicebus-connection-string", "k=", g.HIS(azkeys.EventHubsKey), "")
	add("azure-cosmos-key", "AccountEndpoint=https://a.documents.azure.com:443/;AccountKey=", g.CosmosKey(), ";")
	add("azure-cosmos-key", "key: ", g.HIS(azkeys.CosmosKey), "\n")
	add("azure-entra-client-secret", `secret = "`, g.EntraSecret(), `"`)
	add("aws-access-token", "id=", g.AWSKeyID(), "\n")
	add("github-pat", "token: ", g.GitHubPAT(), "\n")
	for _, tc := range cases {
		text := tc.prefix + tc.secret + tc.suffix
		ms := e.Scan(text)
		if len(ms) != 1 || ms[0].RuleID != tc.rule || ms[0].Secret != tc.secret || text[ms[0].Start:ms[0].End] != tc.secret {
			t.Errorf("%s (%s…): got %s", tc.rule, tc.prefix, describe(ms))
		}
		if !e.Validate(tc.rule, tc.secret) {
			t.Errorf("%s: Validate rejects the found secret %s", tc.rule, Redact(tc.secret))
		}
	}
}

func TestScanRejects(t *testing.T) {
	e := newEngine(t)
	g := corpus.New(2)
	body := strings.Repeat("A", 52) + "JQQJ99BA" + strings.Repeat("A", 12) + "AAABACOG"
	sum, _ := azkeys.CASKChecksum(body, azkeys.Base62, false)
	for name, text := range map[string]string{
		"CASK bad checksum":           `apiKey := "` + g.BadChecksum(g.OpenAIKey(), 83) + `"`,
		"CASK test-key shape":         `apiKey := "` + body + sum + `"`,
		"Entra 8Q~ bad checksum":      `clientSecret := "` + g.EntraSecretBad() + `"`,
		"HIS storage bad checksum":    "key=" + g.BadChecksum(g.HIS(azkeys.StorageKey), 80),
		"hex without Azure context":   "md5=" + g.Hex32(),
		"hex all digits":              "AZURE_OPENAI_KEY=01234567890123456789012345678901",
		"storage key without context": "blob: " + g.StorageKey(),
		"env var name":                "AZURE_OPENAI_API_KEY",
		"placeholder":                 `AZURE_OPENAI_API_KEY=<your-api-key>`,
		"zeros":                       "AZURE_OPENAI_API_KEY=00000000000000000000000000000000",
		"SAS not 32 bytes":            "https://a.blob.core.windows.net/c?sv=1&sig=" + g.Hex(40) + "%3D",
		"uuid":                        "api_key = 8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
		"AWS documentation key":       "AKIAIOSFODNN7EXAMPLE",
		"Azurite key":                 "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + corpus.AzuriteKey + ";",
		"Azurite key alone":           "storageAccountKey: " + corpus.AzuriteKey,
		"Cosmos DB Emulator key":      "AccountEndpoint=https://localhost:8081/;AccountKey=" + corpus.CosmosEmulatorKey + ";",
	} {
		if ms := e.Scan(text); len(ms) != 0 {
			t.Errorf("%s: got %s", name, describe(ms))
		}
	}
	if e.Validate("azure-openai-key", g.BadChecksum(g.OpenAIKey(), 80)) {
		t.Error("Validate accepts a CASK key with a bad checksum")
	}
	if e.Validate("no-such-rule", g.OpenAIKey()) {
		t.Error("Validate accepts an unknown rule id")
	}
}

// Two secrets separated by one delimiter that the first match consumes
// are both found.
func TestAdjacentSecrets(t *testing.T) {
	e := newEngine(t)
	g := corpus.New(3)
	a, b := g.EntraSecret(), g.EntraSecret()
	ms := e.Scan(a + ";" + b)
	if len(ms) != 2 || ms[0].Secret != a || ms[1].Secret != b {
		t.Fatalf("got %s", describe(ms))
	}
	k1, k2 := g.OpenAIKey(), g.AIServicesKey()
	ms = e.Scan(k1 + "," + k2)
	if len(ms) != 2 || ms[0].RuleID != "azure-openai-key" || ms[1].RuleID != "azure-ai-services-key" {
		t.Fatalf("got %s", describe(ms))
	}
	// Concatenated without a delimiter they are one 168-character blob.
	if ms := e.Scan(k1 + k2); len(ms) != 0 {
		t.Fatalf("concatenated keys: got %s", describe(ms))
	}
}

// A key of an identifiable format is reported under its own rule in the
// context of another service's rule (a SharedAccessKey= of IoT Hub, a
// storage-key name), and a broken one under none: the contextual rules
// take only the legacy keys of their own services.
func TestIdentifiableOverContext(t *testing.T) {
	e := newEngine(t)
	g := corpus.New(5)
	for _, tc := range []struct {
		text, secret, want string
	}{
		{"HostName=h.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=", g.HIS(azkeys.IoTHubKey), "azure-iot-hub-key"},
		{"Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=x;SharedAccessKey=", g.HIS(azkeys.RedisKey), "azure-redis-access-key"},
		{"storage_account_key: ", g.HIS(azkeys.BatchKey), "azure-batch-account-key"},
		{"DefaultEndpointsProtocol=https;AccountName=a;AccountKey=", g.HIS(azkeys.APIMRepositoryKey), "azure-apim-repository-key"},
		{"AccountEndpoint=https://a.documents.azure.com:443/;AccountKey=", g.HIS(azkeys.MLClassicKey), "azure-ml-classic-webservice-key"},
		{"HostName=h.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=", g.BrokenHIS(azkeys.IoTHubKey), ""},
		{"storage_account_key: ", g.BrokenHIS(azkeys.BatchKey), ""},
		{"DefaultEndpointsProtocol=https;AccountName=a;AccountKey=", g.BrokenHIS(azkeys.APIMGatewayKey), ""},
	} {
		ms := e.Scan(tc.text + tc.secret + "\n")
		if tc.want == "" {
			if len(ms) != 0 {
				t.Errorf("broken key after %q: got %s", tc.text, describe(ms))
			}
			continue
		}
		if len(ms) != 1 || ms[0].RuleID != tc.want || ms[0].Secret != tc.secret {
			t.Errorf("after %q: got %s, want %s", tc.text, describe(ms), tc.want)
		}
	}
	// A whole constant named like a storage key: the value rule leaves a
	// valid key of another format to that format's rule.
	if ms := e.ScanValue(Value{Text: g.HIS(azkeys.APIMTenantKey), Name: "storageAccountKey"}); len(ms) != 0 {
		t.Errorf("ScanValue took an API Management key as a storage key: %s", describe(ms))
	}
}

func TestScanValueContext(t *testing.T) {
	e := newEngine(t)
	g := corpus.New(4)
	hex := g.Hex32()
	for _, tc := range []struct {
		v    Value
		want string
	}{
		{Value{Text: hex, Name: "apiKey"}, "azure-cognitive-hex-key"},
		{Value{Text: hex, Name: "AZURE_OPENAI_API_KEY"}, "azure-cognitive-hex-key"},
		{Value{Text: hex, Name: "github.com/Azure/azure-sdk-for-go/sdk/azcore.NewKeyCredential.key"}, "azure-cognitive-hex-key"},
		{Value{Text: hex, KeyArg: true}, "azure-cognitive-hex-key"},
		{Value{Text: hex, AzureFile: true}, "azure-cognitive-hex-key"},
		{Value{Text: hex}, ""},
		{Value{Text: hex, Name: "md5sum", AzureFile: true}, ""},
		{Value{Text: hex, Name: "cacheKey"}, ""},
		{Value{Text: hex, Name: "requestID", AzureFile: true}, ""},
		{Value{Text: g.StorageKey(), Name: "storageAccountKey"}, "azure-storage-account-key"},
		{Value{Text: g.CosmosKey(), Name: "cosmosKey"}, "azure-cosmos-key"},
		{Value{Text: g.StorageKey(), Name: "publicKey"}, ""},
		{Value{Text: strings.Repeat("ab", 16), Name: "apiKey"}, ""},
	} {
		ms := e.ScanValue(tc.v)
		got := ""
		if len(ms) == 1 {
			got = ms[0].RuleID
		}
		if got != tc.want || len(ms) > 1 {
			t.Errorf("ScanValue(name %q, keyArg %v, azure %v) = %s, want %q", tc.v.Name, tc.v.KeyArg, tc.v.AzureFile, describe(ms), tc.want)
		}
	}
}

// The keyword prefilter is case-insensitive and selects exactly the rules
// whose keywords occur.
func TestKeywordIndex(t *testing.T) {
	idx := newKeywordIndex(map[string][]int{"jqqj": {0}, "q~": {1}, "accountkey": {2}, "key": {3}, "sig=": {4}})
	for _, tc := range []struct {
		text string
		want uint64
	}{
		{"...JQQJ99...", 1 << 0},
		{"abc8Q~xyz", 1 << 1},
		{"AccountKey=abc", 1<<2 | 1<<3},
		{"monkey", 1 << 3},
		{"&SIG=x", 1 << 4},
		{"nothing here", 0},
	} {
		set := []uint64{0}
		idx.mark(tc.text, set)
		if set[0] != tc.want {
			t.Errorf("mark(%q) = %b, want %b", tc.text, set[0], tc.want)
		}
	}
}

func TestAllowlists(t *testing.T) {
	g := corpus.New(5)
	key, aws := g.OpenAIKey(), g.AWSKeyID()
	user := filepath.Join(t.TempDir(), "rules.yaml")
	if err := os.WriteFile(user, []byte(`secrets:
  allowlist:
    paths: ['(^|/)fixtures/']
    regexes: ['^AKIA']
    stopwords: [aaabacog]
`), 0o600); err != nil {
		t.Fatal(err)
	}
	cat, err := rules.Load(user)
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(cat)
	if err != nil {
		t.Fatal(err)
	}
	if ms := e.Scan(key + " " + aws); len(ms) != 0 {
		t.Errorf("allowlisted secrets reported: %s", describe(ms))
	}
	if !e.PathAllowed("repo/fixtures/x.go") || e.PathAllowed("repo/main.go") {
		t.Error("path allowlist")
	}
	// gitleaks' own global path allowlist applies too.
	if !e.PathAllowed("go.sum") || !e.PathAllowed("x/node_modules/y.js") {
		t.Error("gitleaks global path allowlist not applied")
	}
	if ms := e.ScanPath("go.sum", aws); len(ms) != 0 {
		t.Errorf("ScanPath ignored the path allowlist: %s", describe(ms))
	}
}

func TestSupersedes(t *testing.T) {
	e := newEngine(t)
	if e.Has("azure-ad-client-secret") {
		t.Error("gitleaks' azure-ad-client-secret still runs; azure-entra-client-secret supersedes it")
	}
	if !e.Has("aws-access-token") || !e.IsGitleaksRule("aws-access-token") || e.IsGitleaksRule("azure-openai-key") {
		t.Error("rule provenance")
	}
	rs := e.Rules()
	if rs[0].ID != "azure-openai-key" || rs[len(rs)-1].ID != "generic-api-key" {
		t.Errorf("order: first %s, last %s", rs[0].ID, rs[len(rs)-1].ID)
	}
}

func TestKind(t *testing.T) {
	e := newEngine(t)
	g := corpus.New(6)
	for _, tc := range []struct {
		m    Match
		want string
	}{
		{Match{RuleID: "azure-openai-key", Secret: g.OpenAIKey()}, "Azure OpenAI key"},
		{Match{RuleID: "azure-cask-key", Secret: g.CASK("AAAY", "ACOG", azkeys.Raw)}, "Speech Services key"},
		{Match{RuleID: "azure-cask-key", Secret: g.CASK("AAAA", "AZMP", azkeys.Raw)}, "Azure Maps key"},
		{Match{RuleID: "azure-cognitive-hex-key", Secret: g.Hex32()}, "Azure Cognitive Services key"},
		{Match{RuleID: "aws-access-token", Secret: g.AWSKeyID()}, "aws access token"},
	} {
		if got := e.Kind(tc.m); got != tc.want {
			t.Errorf("Kind(%s) = %q, want %q", tc.m.RuleID, got, tc.want)
		}
	}
}

func TestPlaceholder(t *testing.T) {
	for _, s := range []string{"<your-api-key>", "REPLACE_ME", "xxxxxxxxxxxxxxxx", strings.Repeat("0", 32),
		"8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "AZURE_OPENAI_API_KEY", "${AZURE_KEY}", "{{ .Values.key }}", "your_api_key_here_123"} {
		if !Placeholder(s) {
			t.Errorf("Placeholder(%q) = false", s)
		}
	}
	g := corpus.New(8)
	for _, s := range []string{g.Hex32(), g.AWSKeyID(), g.GitHubPAT(), g.StorageKey()} {
		if Placeholder(s) {
			t.Errorf("Placeholder(%s) = true for a random secret", Redact(s))
		}
	}
}
