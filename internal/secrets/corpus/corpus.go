package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Planted is one secret the corpus contains on purpose, with the rule
// that must report it.
type Planted struct {
	File   string // corpus-relative, '/'-separated
	Line   int
	RuleID string // short id
	Form   string // how it is written: const, struct-field, call-arg, …
	Azure  bool
	Format string // the Format's name, for keys of Formats()
}

// Decoy is a look-alike that no rule may report.
type Decoy struct {
	File   string
	Line   int
	What   string
	Format string // the Format's name, for broken keys of Formats()
}

// Corpus is a Go module (example.com/corpus, with stub SDK modules
// replaced in) holding planted secrets and decoys.
type Corpus struct {
	Files   map[string]string
	Planted []Planted
	Decoys  []Decoy
	// Contextless are valid keys written where nothing says what they are
	// (32 hex digits as a bare constant): no rule is expected to report
	// them, and none may report them under another rule.
	Contextless []Planted

	n int // identifier suffixes, unique across the package
}

func (c *Corpus) uniq() int { c.n++; return c.n }

// ModulePath is the corpus module's path.
const ModulePath = "example.com/corpus"

// Build generates the corpus for seed with n plantings of each form.
func Build(seed uint64, n int) *Corpus {
	g := New(seed)
	c := &Corpus{Files: map[string]string{}}
	c.Files["go.mod"] = "module " + ModulePath + "\n\ngo 1.22\n\nrequire github.com/Azure/azure-sdk-for-go/sdk/azcore v1.0.0\n\n" +
		"replace github.com/Azure/azure-sdk-for-go/sdk/azcore => ./stubs/azcore\n"
	c.Files["stubs/azcore/go.mod"] = "module github.com/Azure/azure-sdk-for-go/sdk/azcore\n\ngo 1.22\n"
	c.Files["stubs/azcore/core.go"] = azcoreStub
	c.Files["app/helpers.go"] = helpers

	for i := 0; i < n; i++ {
		c.cask(g, i, "azure-openai-key", g.OpenAIKey)
		c.cask(g, i, "azure-ai-services-key", g.AIServicesKey)
		c.cask(g, i, "azure-cask-key", g.OtherCASKKey)
		c.hex(g, i)
		c.storage(g, i)
		c.sas(g, i)
		c.messaging(g, i)
		c.cosmos(g, i)
		c.entra(g, i)
		c.others(g, i)
		c.decoys(g, i)
	}
	c.formats(g)
	return c
}

// file is a Go source file being written line by line.
type file struct {
	c     *Corpus
	name  string
	lines []string
}

func (c *Corpus) newFile(name, imports string) *file {
	f := &file{c: c, name: name}
	f.add("package app")
	f.add("")
	if imports != "" {
		f.add("import (")
		for _, imp := range strings.Split(imports, " ") {
			f.add("\t%q", imp)
		}
		f.add(")")
		f.add("")
	}
	return f
}

func (f *file) add(format string, args ...any) int {
	f.lines = append(f.lines, fmt.Sprintf(format, args...))
	return len(f.lines)
}

func (f *file) plant(rule, form string, format string, args ...any) {
	line := f.add(format, args...)
	f.c.Planted = append(f.c.Planted, Planted{File: f.name, Line: line, RuleID: rule, Form: form, Azure: strings.HasPrefix(rule, "azure-")})
}

func (f *file) decoy(what string, format string, args ...any) {
	line := f.add(format, args...)
	f.c.Decoys = append(f.c.Decoys, Decoy{File: f.name, Line: line, What: what})
}

func (f *file) done() { f.c.Files[f.name] = strings.Join(f.lines, "\n") + "\n" }

// caskForms writes one key in every form a Go program writes a key.
func (c *Corpus) cask(g *Gen, i int, rule string, key func() string) {
	f := c.newFile(fmt.Sprintf("app/%s_%d.go", rule, i), "github.com/Azure/azure-sdk-for-go/sdk/azcore")
	f.plant(rule, "const", "const aiKey%d = %q", c.uniq(), key())
	f.add("")
	f.add("func use%d() {", c.uniq())
	f.plant(rule, "call-arg", "\t_ = azcore.NewKeyCredential(%q)", key())
	f.plant(rule, "struct-field", "\t_ = Config{Endpoint: \"https://x.example\", APIKey: %q}", key())
	f.plant(rule, "map-value", "\t_ = map[string]string{\"api-key\": %q}", key())
	f.plant(rule, "getenv-default", "\t_ = getenv(\"AZURE_AI_KEY\", %q)", key())
	f.plant(rule, "bytes", "\t_ = []byte(%q)", key())
	a, b := g.Split(key())
	f.plant(rule, "concat", "\tconst joined = %q + %q", a, b)
	f.add("\t_ = joined")
	f.add("\t_ = `# settings")
	f.plant(rule, "raw-string", "AZURE_AI_KEY=%s", key())
	f.add("`")
	f.add("}")
	f.done()
}

func (c *Corpus) hex(g *Gen, i int) {
	const rule = "azure-cognitive-hex-key"
	f := c.newFile(fmt.Sprintf("app/hexkey_%d.go", i), "github.com/Azure/azure-sdk-for-go/sdk/azcore")
	f.plant(rule, "const", "const azureOpenAIKey%d = %q", c.uniq(), g.Hex32())
	f.add("")
	f.add("func hex%d(h Header) {", c.uniq())
	f.plant(rule, "call-arg", "\t_ = azcore.NewKeyCredential(%q)", g.Hex32())
	f.plant(rule, "struct-field", "\t_ = Config{Endpoint: \"https://x.example\", APIKey: %q}", g.Hex32())
	f.plant(rule, "map-value", "\t_ = map[string]string{\"api-key\": %q}", g.Hex32())
	f.plant(rule, "getenv-default", "\t_ = getenv(\"AZURE_OPENAI_API_KEY\", %q)", g.Hex32())
	f.plant(rule, "header", "\th.Set(\"Ocp-Apim-Subscription-Key\", %q)", g.Hex32())
	f.plant(rule, "assign", "\tsubscriptionKey := %q", g.Hex32())
	f.add("\t_ = subscriptionKey")
	f.add("\t_ = `")
	f.plant(rule, "raw-string", "AZURE_OPENAI_API_KEY=%s", g.Hex32())
	f.add("`")
	f.add("}")
	f.done()

	// A file that names an Azure endpoint: a bare 32-hex value is a key.
	e := c.newFile(fmt.Sprintf("app/endpoint_%d.go", i), "")
	ep := c.uniq()
	e.add("const endpoint%d = \"https://%s.openai.azure.com/\"", ep, g.Name())
	e.add("")
	e.add("func endpointUse%d() []string {", c.uniq())
	e.plant(rule, "endpoint-file", "\treturn []string{endpoint%d, %q}", ep, g.Hex32())
	e.add("}")
	e.done()
}

func (c *Corpus) storage(g *Gen, i int) {
	f := c.newFile(fmt.Sprintf("app/storage_%d.go", i), "")
	const cs = "azure-storage-connection-string"
	conn := func() string {
		return fmt.Sprintf("DefaultEndpointsProtocol=https;AccountName=%s;AccountKey=%s;EndpointSuffix=core.windows.net", g.Name(), g.StorageKey())
	}
	f.plant(cs, "const", "const storageConn%d = %q", c.uniq(), conn())
	f.add("func storage%d() {", c.uniq())
	f.plant(cs, "call-arg", "\t_ = fromConnectionString(%q)", conn())
	f.plant(cs, "struct-field", "\t_ = Config{ConnectionString: %q}", conn())
	f.add("\t_ = `")
	f.plant(cs, "raw-string", "  connection: %s", conn())
	f.add("`")
	const ak = "azure-storage-account-key"
	f.plant(ak, "assign", "\tstorageAccountKey := %q", g.StorageKey())
	f.add("\t_ = storageAccountKey")
	f.plant(ak, "identifiable", "\t_ = sharedKey(\"acct\", %q)", g.HIS(azkeysStorage))
	f.plant(ak, "struct-field", "\t_ = Config{AccountKey: %q}", g.StorageKey())
	f.add("}")
	f.done()
}

func (c *Corpus) sas(g *Gen, i int) {
	const rule = "azure-sas-token"
	f := c.newFile(fmt.Sprintf("app/sas_%d.go", i), "")
	f.plant(rule, "const", "const reportURL%d = %q", c.uniq(), g.SASURL(g.Name()))
	f.add("func sas%d() {", c.uniq())
	f.plant(rule, "call-arg", "\t_ = download(%q)", g.SASURL(g.Name()))
	f.plant(rule, "query", "\t_ = %q", "?sv=2022-11-02&sp=r&se=2031-01-01&sr=b&sig="+g.SASSignature())
	f.add("}")
	f.done()
}

func (c *Corpus) messaging(g *Gen, i int) {
	const rule = "azure-servicebus-connection-string"
	f := c.newFile(fmt.Sprintf("app/servicebus_%d.go", i), "")
	f.plant(rule, "servicebus", "const busConn%d = %q", c.uniq(),
		fmt.Sprintf("Endpoint=sb://%s.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=%s", g.Name(), g.ServiceBusKey()))
	f.add("func bus%d() {", c.uniq())
	f.plant(rule, "eventhubs", "\t_ = fromConnectionString(%q)",
		fmt.Sprintf("Endpoint=sb://%s.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=%s;EntityPath=events", g.Name(), g.ServiceBusKey()))
	f.plant(rule, "identifiable", "\t_ = sharedKey(\"send\", %q)", g.HIS(azkeysServiceBus))
	f.plant(rule, "identifiable-eh", "\tehKey := %q", g.HIS(azkeysEventHubs))
	f.add("\t_ = ehKey")
	f.add("}")
	f.done()
}

func (c *Corpus) cosmos(g *Gen, i int) {
	const rule = "azure-cosmos-key"
	f := c.newFile(fmt.Sprintf("app/cosmos_%d.go", i), "")
	f.plant(rule, "connection-string", "const cosmosConn%d = %q", c.uniq(),
		fmt.Sprintf("AccountEndpoint=https://%s.documents.azure.com:443/;AccountKey=%s;", g.Name(), g.CosmosKey()))
	f.add("func cosmos%d() {", c.uniq())
	f.plant(rule, "identifiable", "\t_ = sharedKey(\"db\", %q)", g.HIS(azkeysCosmos))
	f.plant(rule, "assign", "\tcosmosKey := %q", g.CosmosKey())
	f.add("\t_ = cosmosKey")
	f.add("}")
	f.done()
}

func (c *Corpus) entra(g *Gen, i int) {
	const rule = "azure-entra-client-secret"
	f := c.newFile(fmt.Sprintf("app/entra_%d.go", i), "")
	f.plant(rule, "const", "const clientSecret%d = %q", c.uniq(), g.EntraSecret())
	f.add("func entra%d() {", c.uniq())
	f.plant(rule, "call-arg", "\t_ = clientSecretCredential(\"tenant\", \"client\", %q)", g.EntraSecret())
	f.plant(rule, "struct-field", "\t_ = Config{ClientSecret: %q}", g.EntraSecret())
	f.add("}")
	f.done()
}

func (c *Corpus) others(g *Gen, i int) {
	f := c.newFile(fmt.Sprintf("app/providers_%d.go", i), "")
	f.plant("aws-access-token", "const", "const awsKeyID%d = %q", c.uniq(), g.AWSKeyID())
	f.plant("github-pat", "const", "const ghToken%d = %q", c.uniq(), g.GitHubPAT())
	f.plant("slack-bot-token", "const", "const slackToken%d = %q", c.uniq(), g.SlackBotToken())
	f.add("func providers%d() {", c.uniq())
	f.plant("aws-access-token", "call-arg", "\t_ = download(%q)", g.AWSKeyID())
	f.plant("github-pat", "struct-field", "\t_ = Config{APIKey: %q}", g.GitHubPAT())
	f.add("}")
	f.done()
	// The same secrets in a test file report under -in-test ids; the
	// corpus counts them under their base rule.
	t := c.newFile(fmt.Sprintf("app/fixture_%d_test.go", i), "")
	t.plant("azure-openai-key", "test-file", "const testKey%d = %q", c.uniq(), g.OpenAIKey())
	t.plant("github-pat", "test-file", "const testToken%d = %q", c.uniq(), g.GitHubPAT())
	t.done()
}

func (c *Corpus) decoys(g *Gen, i int) {
	f := c.newFile(fmt.Sprintf("app/decoys_%d.go", i), "os regexp")
	f.decoy("CASK key with a bad checksum", "const badKey%d = %q", c.uniq(), g.BadChecksum(g.OpenAIKey(), 82))
	f.decoy("AI Services key with a bad checksum", "const badKey2_%d = %q", c.uniq(), g.BadChecksum(g.AIServicesKey(), 80))
	f.decoy("Entra secret with a bad checksum", "const badSecret%d = %q", c.uniq(), g.EntraSecretBad())
	f.decoy("md5 in a checksum context", "const md5sum%d = %q", c.uniq(), g.Hex(32))
	f.decoy("sha256 in a checksum context", "const expectedSHA256_%d = %q", c.uniq(), g.Hex(64))
	f.decoy("git SHA", "const commit%d = %q", c.uniq(), g.Hex(40))
	f.decoy("role GUID", "const roleID%d = %q", c.uniq(), g.UUID())
	f.decoy("hex without Azure context", "var requestTag%d = %q", c.uniq(), g.Hex32())
	f.add("func decoys%d() {", c.uniq())
	f.decoy("env var name", "\t_ = os.Getenv(%q)", "AZURE_OPENAI_API_KEY")
	f.decoy("env var name as constant", "\tconst apiKeyEnv = %q", "AZURE_OPENAI_API_KEY")
	f.add("\t_ = apiKeyEnv")
	f.decoy("placeholder", "\t_ = Config{APIKey: %q}", "<your-api-key>")
	f.decoy("placeholder", "\t_ = Config{APIKey: %q}", "REPLACE_ME")
	f.decoy("placeholder", "\t_ = Config{APIKey: %q}", strings.Repeat("x", 32))
	f.decoy("all zeros", "\t_ = Config{APIKey: %q}", strings.Repeat("0", 32))
	f.decoy("regex source", "\t_ = regexp.MustCompile(%q)", `[0-9a-f]{32}`)
	f.decoy("regex source", "\t_ = regexp.MustCompile(%q)", `[A-Za-z0-9]{52}JQQJ99[A-Za-z0-9][A-L][A-Za-z0-9]{12}AAABACOG[A-Za-z0-9]{4}`)
	f.decoy("public key, not an account key", "\tpublicKey := %q", g.StorageKey())
	f.add("\t_ = publicKey")
	f.decoy("storage key without context", "\tblob := %q", g.StorageKey())
	f.add("\t_ = blob")
	f.decoy("AWS documentation key", "\t_ = %q", "AKIAIOSFODNN7EXAMPLE")
	f.decoy("endpoint only", "\t_ = %q", "https://"+g.Name()+".blob.core.windows.net/?comp=list")
	f.decoy("Azurite well-known key", "\t_ = %q", "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey="+AzuriteKey+";BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;")
	f.decoy("Cosmos DB Emulator well-known key", "\t_ = %q", "AccountEndpoint=https://localhost.documents.azure.com:8081/;AccountKey="+CosmosEmulatorKey+";")
	f.decoy("SAS sig too short", "\t_ = %q", "https://x.blob.core.windows.net/c?sv=2022-11-02&sig="+g.Hex(20)+"%3D")
	f.add("}")
	f.done()
}

// Documented, public emulator keys (Azurite/Storage Emulator and Cosmos DB
// Emulator): look-alikes keyless must not report. Split so that no scanner
// of this repository sees them whole.
var (
	AzuriteKey        = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6" + "IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
	CosmosEmulatorKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2n" + "Q9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw=="
)

// Write writes the corpus under dir.
func (c *Corpus) Write(dir string) error {
	names := make([]string, 0, len(c.Files))
	for n := range c.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		p := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(c.Files[n]), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Rules lists the rule ids the corpus plants, sorted.
func (c *Corpus) Rules() []string {
	seen := map[string]bool{}
	var ids []string
	for _, p := range c.Planted {
		if !seen[p.RuleID] {
			seen[p.RuleID] = true
			ids = append(ids, p.RuleID)
		}
	}
	sort.Strings(ids)
	return ids
}

const azcoreStub = `// Package azcore is a stub of the Azure SDK's azcore for the corpus.
package azcore

// KeyCredential holds an API key.
type KeyCredential struct{ key string }

// NewKeyCredential wraps key.
func NewKeyCredential(key string) *KeyCredential { return &KeyCredential{key: key} }
`

const helpers = `package app

import "os"

// Config is how applications pass settings around.
type Config struct {
	Endpoint         string
	APIKey           string
	AccountKey       string
	ConnectionString string
	ClientSecret     string
}

// Header mirrors net/http.Header.
type Header map[string][]string

func (h Header) Set(key, value string) { h[key] = []string{value} }

func getenv(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func fromConnectionString(s string) error                     { return nil }
func sharedKey(account, key string) error                     { return nil }
func download(url string) error                               { return nil }
func clientSecretCredential(tenant, client, secret string) error { return nil }
`
