// Package historyrepo generates the git repositories that test and
// benchmark `keyless history`: a small fixture with planted secrets and
// decoys, and large synthetic histories. Everything is deterministic:
// fixed author, committer and dates (so commit ids are stable) and secrets
// drawn from a fixed-seed generator at run time, so no live-looking secret
// is ever committed to keyless's own repository.
package historyrepo

import (
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/keyless-dev/keyless/internal/secrets/azkeys"
	"github.com/keyless-dev/keyless/internal/secrets/corpus"
)

// Planted is a secret the fixture commits, with where keyless must find it.
type Planted struct {
	Name   string // stable label
	Value  string // the secret
	Rule   string // expected secret rule id (history/<Rule>)
	Path   string
	Line   int    // line of the secret in Path at Commit
	Commit string // the earliest commit that adds it
	// Late is true when the commit is not reachable from Fixture.Since,
	// so `-since Fixture.Since` must report it.
	Late bool
	// Commits is how many commits add it (re-additions after deletion).
	Commits int
	// Encoded is the form committed when it is not Value itself (base64).
	Encoded string
}

// Fixture is a generated repository.
type Fixture struct {
	Dir     string
	Planted []Planted
	// Decoys are strings that look like secrets but are not (placeholders,
	// UUIDs, commit ids, bad checksums, a secret inside a binary blob):
	// keyless must report none of them.
	Decoys []string
	// Since is a commit on main: the secrets with Late set are exactly
	// those added by commits not reachable from it.
	Since string
	// Head is main's tip; Commits maps commit messages to ids.
	Head    string
	Commits map[string]string
}

// Seed is the seed of the fixture's secret generator (internal/secrets/corpus).
const Seed = 20240501

// file is a file's content with markers "{{name}}" replaced by values.
type file struct {
	path string
	text string
}

// Build creates the fixture repository in dir (created; must not exist or
// be empty).
//
// History (one hour between commits, main unless noted):
//
//	c1  Initial commit            README.md, go.mod, main.go, config/app.env (placeholder)
//	c2  Configure Azure OpenAI    config/app.env: Azure OpenAI key           (.env)
//	c3  Add storage settings      app/settings.yaml: Storage connection string (.yaml)
//	c4  Add API client            internal/client/client.go: AWS access key  (.go)
//	c5  Add infrastructure        deploy/main.tf: Entra client secret        (.tf)
//	c6  Add release script        scripts/release.py: GitHub token           (.py)
//	c7  Add service catalog       data/services.json: Azure AI Services key  (.json),
//	                              docs/notes.txt: GitHub token in Latin-1 text, assets/logo.bin (binary)
//	c7b Add Kubernetes secret     deploy/k8s/secret.yaml: Azure OpenAI key, base64-encoded
//	f1  Add Service Bus sender    (branch feature, from c7b) services/bus.go: Service Bus key
//	c8  Remove key from env       config/app.env: key replaced by ${VAR}
//	c9  Restore key for demo      config/app.env: the c2 key again
//	c10 Remove key again          config/app.env: placeholder          ← Since
//	c11 Add Cosmos settings       config/cosmos.env: Cosmos DB key
//	c12 Update README
func Build(dir string) (*Fixture, error) {
	k := corpus.New(Seed)
	v := map[string]string{
		"openai":     k.OpenAIKey(),
		"storage":    k.HIS(azkeys.StorageKey),
		"aws":        k.AWSKeyID(),
		"entra":      k.EntraSecret(),
		"github":     k.GitHubPAT(),
		"aiservices": k.AIServicesKey(),
		"github2":    k.GitHubPAT(),
		"servicebus": k.HIS(azkeys.ServiceBusKey),
		"cosmos":     k.HIS(azkeys.CosmosKey),
		"k8s":        k.OpenAIKey(),
		// decoys
		"badcask":    k.BadChecksum(k.OpenAIKey(), 81),
		"badstorage": k.BadChecksum(k.HIS(azkeys.StorageKey), 82),
		"binaws":     k.AWSKeyID(),
		"uuid":       k.UUID(),
		"sha":        k.Hex(40),
	}
	v["k8s64"] = base64.StdEncoding.EncodeToString([]byte(v["k8s"]))
	fill := func(s string) string {
		for name, val := range v {
			s = strings.ReplaceAll(s, "{{"+name+"}}", val)
		}
		return s
	}
	put := func(f file) Op { return Put(f.path, fill(f.text)) }

	envPlaceholder := file{"config/app.env", "# Azure OpenAI settings\nAZURE_OPENAI_ENDPOINT=https://fixture.openai.azure.com/\nAZURE_OPENAI_API_KEY=<your-key-here>\nAZURE_OPENAI_DEPLOYMENT=gpt-4o\n"}
	envKey := file{"config/app.env", "# Azure OpenAI settings\nAZURE_OPENAI_ENDPOINT=https://fixture.openai.azure.com/\nAZURE_OPENAI_API_KEY={{openai}}\nAZURE_OPENAI_DEPLOYMENT=gpt-4o\n"}
	envVar := file{"config/app.env", "# Azure OpenAI settings\nAZURE_OPENAI_ENDPOINT=https://fixture.openai.azure.com/\nAZURE_OPENAI_API_KEY=${AZURE_OPENAI_API_KEY}\nAZURE_OPENAI_DEPLOYMENT=gpt-4o\n"}
	files := map[string]file{
		"settings": {"app/settings.yaml", "app:\n  name: fixture\n  region: westeurope\n  tenant: {{uuid}}\nstorage:\n  container: uploads\n  connectionString: \"DefaultEndpointsProtocol=https;AccountName=fixtureacct;AccountKey={{storage}};EndpointSuffix=core.windows.net\"\n  replica: \"{{badstorage}}\"\n"},
		"client":   {"internal/client/client.go", "package client\n\nimport \"fmt\"\n\n// Region is the default region.\nconst Region = \"us-east-1\"\n\n// docsSample is the placeholder id from the AWS documentation.\nconst docsSample = \"AKIAIOSFODNN7EXAMPLE\"\n\nfunc New() string {\n\taccessKeyID := \"{{aws}}\"\n\treturn fmt.Sprint(Region, accessKeyID)\n}\n"},
		"tf":       {"deploy/main.tf", "provider \"azurerm\" {\n  features {}\n  tenant_id       = \"{{uuid}}\"\n  subscription_id = \"00000000-0000-0000-0000-000000000000\"\n  client_id       = \"{{uuid}}\"\n  client_secret   = \"{{entra}}\"\n}\n"},
		"py":       {"scripts/release.py", "#!/usr/bin/env python3\n\"\"\"Release helper.\"\"\"\nimport os\n\nBASE_COMMIT = \"{{sha}}\"\nGITHUB_TOKEN = \"{{github}}\"\nFALLBACK = os.environ.get(\"RELEASE_TOKEN\", \"changeme\")\n"},
		"json":     {"data/services.json", "{\n  \"speech\": {\n    \"endpoint\": \"https://fixture.cognitiveservices.azure.com/\",\n    \"key\": \"{{aiservices}}\",\n    \"build\": \"{{badcask}}\"\n  }\n}\n"},
		"notes":    {"docs/notes.txt", "Caf\xe9 notes (Latin-1)\nRotation d\xfb: {{github2}}\n"},
		"bus":      {"services/bus.go", "package services\n\n// connection to the fixture namespace\nconst conn = \"Endpoint=sb://fixture.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={{servicebus}}\"\n"},
		"k8s":      {"deploy/k8s/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: openai\ntype: Opaque\ndata:\n  apiKey: {{k8s64}}\n"},
		"cosmos":   {"config/cosmos.env", "COSMOS_ENDPOINT=https://fixture.documents.azure.com:443/\nCOSMOS_KEY={{cosmos}}\n"},
	}

	im, err := NewImporter(dir)
	if err != nil {
		return nil, err
	}
	marks := map[string]int{}
	commit := func(name, branch, from string, ops ...Op) {
		marks[name] = im.Commit(branch, from, name, ops...)
	}
	commit("Initial commit", "main", "",
		Put("README.md", "# fixture\n\nA repository with secrets in its history.\n"),
		Put("go.mod", "module example.com/fixture\n\ngo 1.22\n"),
		Put("main.go", "package main\n\nfunc main() {}\n"),
		put(envPlaceholder))
	commit("Configure Azure OpenAI", "main", "", put(envKey))
	commit("Add storage settings", "main", "", put(files["settings"]))
	commit("Add API client", "main", "", put(files["client"]))
	commit("Add infrastructure", "main", "", put(files["tf"]))
	commit("Add release script", "main", "", put(files["py"]))
	commit("Add service catalog", "main", "", put(files["json"]), put(files["notes"]),
		Put("assets/logo.bin", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00"+v["binaws"]+"\x00\x00\xff"))
	commit("Add Kubernetes secret", "main", "", put(files["k8s"]))
	commit("Add Service Bus sender", "feature", "main", put(files["bus"]))
	commit("Remove key from env", "main", "", put(envVar))
	commit("Restore key for demo", "main", "", put(envKey))
	commit("Remove key again", "main", "", put(envPlaceholder))
	commit("Add Cosmos settings", "main", "", put(files["cosmos"]))
	commit("Update README", "main", "", Put("README.md", "# fixture\n\nA repository with secrets in its history.\nKeys were rotated.\n"))
	shas, err := im.Close()
	if err != nil {
		return nil, err
	}

	fx := &Fixture{Dir: dir, Commits: map[string]string{}}
	for name, m := range marks {
		fx.Commits[name] = shas[m]
	}
	fx.Since = fx.Commits["Remove key again"]
	fx.Head = fx.Commits["Update README"]
	plant := func(name, rule string, f file, commitName string, late bool, commits int) {
		text := fill(f.text)
		committed := v[name]
		if enc := v[name+"64"]; enc != "" {
			committed = enc
		}
		p := Planted{
			Name: name, Value: v[name], Rule: rule, Path: f.path, Line: lineOf(text, committed),
			Commit: fx.Commits[commitName], Late: late, Commits: commits,
		}
		if committed != p.Value {
			p.Encoded = committed
		}
		fx.Planted = append(fx.Planted, p)
	}
	plant("openai", "azure-openai-key", envKey, "Configure Azure OpenAI", false, 2)
	plant("storage", "azure-storage-connection-string", files["settings"], "Add storage settings", false, 1)
	plant("aws", "aws-access-token", files["client"], "Add API client", false, 1)
	plant("entra", "azure-entra-client-secret", files["tf"], "Add infrastructure", false, 1)
	plant("github", "github-pat", files["py"], "Add release script", false, 1)
	plant("aiservices", "azure-ai-services-key", files["json"], "Add service catalog", false, 1)
	plant("github2", "github-pat", files["notes"], "Add service catalog", false, 1)
	plant("k8s", "azure-openai-key", files["k8s"], "Add Kubernetes secret", false, 1)
	plant("servicebus", "azure-servicebus-connection-string", files["bus"], "Add Service Bus sender", true, 1)
	plant("cosmos", "azure-cosmos-key", files["cosmos"], "Add Cosmos settings", true, 1)
	fx.Decoys = []string{v["badcask"], v["badstorage"], v["binaws"], v["uuid"], v["sha"],
		"AKIAIOSFODNN7EXAMPLE", "<your-key-here>", "${AZURE_OPENAI_API_KEY}", "changeme",
		"00000000-0000-0000-0000-000000000000"}
	return fx, nil
}

// Stage writes a new file holding a fresh Azure OpenAI key into the
// fixture's work tree and stages it (as a developer about to commit
// would). It returns the staged secret; the work tree's other files stay
// as committed.
func (fx *Fixture) Stage() (Planted, error) {
	k := corpus.New(Seed + 1)
	key := k.OpenAIKey()
	text := "\"\"\"Local settings.\"\"\"\n\nENDPOINT = \"https://fixture.openai.azure.com/\"\nAPI_KEY = \"" + key + "\"\n"
	p := Planted{Name: "staged", Value: key, Rule: "azure-openai-key", Path: "app/local_settings.py", Line: lineOf(text, key)}
	full := filepath.Join(fx.Dir, filepath.FromSlash(p.Path))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return p, err
	}
	if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
		return p, err
	}
	return p, Git(fx.Dir, nil, "add", "--", p.Path)
}

// lineOf is the 1-based line of the first occurrence of s in text.
func lineOf(text, s string) int {
	i := strings.Index(text, s)
	if i < 0 {
		panic(fmt.Sprintf("historyrepo: %q not in file", s))
	}
	return strings.Count(text[:i], "\n") + 1
}
