// Command gen builds the synthetic repository that bench/history/run.sh
// scans, and exports keyless's secret rules as a gitleaks configuration so
// that the gitleaks CLI runs exactly the same rules.
//
//	go run ./bench/history/gen -repo DIR [-commits N] [-seed S]   build the repository
//	go run ./bench/history/gen -gitleaks-config FILE               write the rules as gitleaks TOML
//	go run ./bench/history/gen -file FILE [-lines N]               write one typical source file (with a key)
//
// The history is deterministic (fixed seed, identity and dates): commits
// edit 1–4 files of a few hundred Go, Python, YAML, JSON, Terraform,
// TypeScript and Markdown files, adding and deleting lines whose words
// (token, key, secret, auth, password…) hit the rules' keyword prefilters
// as real code does; one commit in ~200 adds a real-looking key.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"sort"
	"strings"

	"github.com/keyless-dev/keyless/internal/rules"
	"github.com/keyless-dev/keyless/internal/secrets"
	"github.com/keyless-dev/keyless/internal/secrets/azkeys"
	"github.com/keyless-dev/keyless/internal/secrets/corpus"
	"github.com/keyless-dev/keyless/internal/secrets/gitleaksdefault"
	"github.com/keyless-dev/keyless/testdata/historyrepo"
)

func main() {
	repo := flag.String("repo", "", "build the synthetic repository in `dir`")
	commits := flag.Int("commits", 5000, "number of commits")
	seed := flag.Uint64("seed", 1, "generator seed")
	config := flag.String("gitleaks-config", "", "write keyless's rules as a gitleaks TOML configuration to `file`")
	file := flag.String("file", "", "write one typical source file with a key to `file`")
	lines := flag.Int("lines", 60, "lines of -file")
	flag.Parse()
	log.SetFlags(0)
	switch {
	case *repo != "":
		if err := build(*repo, *commits, *seed); err != nil {
			log.Fatal(err)
		}
	case *config != "":
		if err := writeConfig(*config); err != nil {
			log.Fatal(err)
		}
	case *file != "":
		g := newGen(*seed + 1000)
		text := g.file("app/handler.go", *lines) + "\nconst fallbackKey = \"" + g.keys.OpenAIKey() + "\"\n"
		if err := os.WriteFile(*file, []byte(text), 0o644); err != nil {
			log.Fatal(err)
		}
	default:
		flag.Usage()
		os.Exit(2)
	}
}

type gen struct {
	r    *rand.Rand
	keys *corpus.Gen
}

func newGen(seed uint64) *gen {
	return &gen{r: rand.New(rand.NewPCG(seed, 42)), keys: corpus.New(seed)}
}

var (
	dirs   = []string{"cmd/server", "internal/auth", "internal/store", "internal/api", "pkg/client", "scripts", "deploy", "config", "web/src", "docs"}
	exts   = []string{".go", ".go", ".go", ".py", ".yaml", ".json", ".tf", ".ts", ".md"}
	nouns  = []string{"user", "session", "token", "request", "config", "client", "server", "account", "key", "secret", "cache", "queue", "record", "order", "invoice", "credential", "password", "endpoint", "region", "tenant", "blob", "message", "event", "api", "auth", "access", "handler", "router", "store", "item"}
	verbs  = []string{"get", "set", "load", "save", "parse", "validate", "refresh", "rotate", "build", "fetch", "send", "handle", "encode", "decode", "check", "list", "delete", "update", "create", "open"}
	phrase = []string{"the caller owns the returned value", "retry with backoff when the service is busy", "keep this in sync with the API schema",
		"tokens expire after one hour", "read the key from the environment, never from source", "the secret is rotated by the platform team",
		"do not log the password", "auth happens in middleware", "access is checked per tenant", "see docs/architecture.md"}
)

func (g *gen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

func (g *gen) ident() string {
	v, n := g.pick(verbs), g.pick(nouns)
	return v + strings.ToUpper(n[:1]) + n[1:]
}

// line returns one plausible line of a file with extension ext.
func (g *gen) line(ext string) string {
	a, b := g.ident(), g.pick(nouns)
	n := g.r.IntN(1000)
	switch ext {
	case ".go":
		switch g.r.IntN(10) {
		case 0:
			return fmt.Sprintf("func (s *%sService) %s(ctx context.Context, %s string) error {", strings.ToUpper(b[:1])+b[1:], a, b)
		case 1:
			return fmt.Sprintf("\t%s := os.Getenv(\"%s_%d\")", b+"Value", strings.ToUpper(b), n)
		case 2:
			return fmt.Sprintf("\tif err := s.%s(ctx, %s); err != nil {", a, b)
		case 3:
			return fmt.Sprintf("\t\treturn fmt.Errorf(\"%s %s: %%w\", err)", a, b)
		case 4:
			return "\t// " + g.pick(phrase)
		case 5:
			return fmt.Sprintf("\t%s, err := s.client.%s(ctx, &%sRequest{ID: id, Limit: %d})", b, a, strings.ToUpper(b[:1])+b[1:], n)
		case 6:
			return fmt.Sprintf("\ts.metrics.Inc(\"%s.%s\")", b, a)
		case 7:
			return "\t}"
		case 8:
			return fmt.Sprintf("\tconst %sTimeout = %d * time.Millisecond", b, n)
		default:
			return fmt.Sprintf("\tlog.Printf(\"%s: %%s\", %s.String())", a, b)
		}
	case ".py":
		switch g.r.IntN(5) {
		case 0:
			return fmt.Sprintf("def %s(%s, timeout=%d):", a, b, n)
		case 1:
			return fmt.Sprintf("    %s = os.environ.get(\"%s_%d\")", b, strings.ToUpper(b), n)
		case 2:
			return "    # " + g.pick(phrase)
		case 3:
			return fmt.Sprintf("    return self.%s(%s)", a, b)
		default:
			return fmt.Sprintf("    if not %s:\n        raise ValueError(\"%s\")", b, a)
		}
	case ".yaml":
		return fmt.Sprintf("%s%s: %s-%d", strings.Repeat("  ", g.r.IntN(3)), b, g.pick(nouns), n)
	case ".json":
		return fmt.Sprintf("  \"%s\": \"%s-%d\",", a, b, n)
	case ".tf":
		return fmt.Sprintf("  %s_%s_limit = %d", b, g.pick(nouns), n)
	case ".ts":
		return fmt.Sprintf("  const %s = await api.%s({ %s, limit: %d });", b, a, g.pick(nouns), n)
	default:
		return g.pick(phrase) + fmt.Sprintf(" (%s, %d).", a, n)
	}
}

func (g *gen) file(path string, n int) string {
	ext := path[strings.LastIndex(path, "."):]
	var b strings.Builder
	for range n {
		b.WriteString(g.line(ext))
		b.WriteByte('\n')
	}
	return b.String()
}

// secretLine is a line adding a real-looking key, for one commit in ~200.
func (g *gen) secretLine() string {
	k := g.keys
	switch g.r.IntN(5) {
	case 0:
		return "AZURE_OPENAI_API_KEY=" + k.OpenAIKey()
	case 1:
		return "connection: DefaultEndpointsProtocol=https;AccountName=benchacct;AccountKey=" + k.HIS(azkeys.StorageKey) + ";EndpointSuffix=core.windows.net"
	case 2:
		return "\tawsKeyID := \"" + k.AWSKeyID() + "\""
	case 3:
		return "GITHUB_TOKEN = \"" + k.GitHubPAT() + "\""
	default:
		return "  client_secret = \"" + k.EntraSecret() + "\""
	}
}

func build(dir string, commits int, seed uint64) error {
	g := newGen(seed)
	im, err := historyrepo.NewImporter(dir)
	if err != nil {
		return err
	}
	files := map[string][]string{}
	var paths []string
	for i := range commits {
		nfiles := 1 + g.r.IntN(4)
		var ops []historyrepo.Op
		for range nfiles {
			var path string
			if len(paths) < 40 || g.r.IntN(12) == 0 {
				path = fmt.Sprintf("%s/%s_%d%s", g.pick(dirs), g.pick(nouns), len(paths), g.pick(exts))
				paths = append(paths, path)
			} else {
				path = paths[g.r.IntN(len(paths))]
			}
			ext := path[strings.LastIndex(path, "."):]
			ls := files[path]
			// Delete a few lines, then insert a block of new ones.
			if len(ls) > 0 {
				at := g.r.IntN(len(ls))
				del := min(len(ls)-at, g.r.IntN(6))
				if len(ls) > 400 {
					del = min(len(ls)-at, 40+g.r.IntN(40))
				}
				ls = append(ls[:at], ls[at+del:]...)
			}
			at := 0
			if len(ls) > 0 {
				at = g.r.IntN(len(ls) + 1)
			}
			add := make([]string, 3+g.r.IntN(40))
			for j := range add {
				add[j] = g.line(ext)
			}
			if g.r.IntN(200) == 0 {
				add[g.r.IntN(len(add))] = g.secretLine()
			}
			ls = append(ls[:at], append(add, ls[at:]...)...)
			files[path] = ls
			ops = append(ops, historyrepo.Put(path, strings.Join(ls, "\n")+"\n"))
		}
		im.Commit("main", "", fmt.Sprintf("%s %s (#%d)", g.pick(verbs), g.pick(nouns), i+1), ops...)
	}
	_, err = im.Close()
	return err
}

// writeConfig writes the engine's rules (keyless's, then gitleaks'
// defaults, in the engine's order) and allowlists as gitleaks TOML: the
// configuration GitleaksConfig builds in memory, for the gitleaks CLI.
func writeConfig(path string) error {
	eng, err := secrets.New(rules.Default())
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("# keyless's secret rules (rules.yaml + gitleaks " + gitleaksdefault.Version + " defaults), generated by bench/history/gen.\n")
	b.WriteString("title = " + q("keyless") + "\n")
	writeAllowlist := func(header string, a gitleaksdefault.Allowlist) {
		if len(a.Regexes)+len(a.Paths)+len(a.StopWords)+len(a.Commits) == 0 {
			return
		}
		b.WriteString("\n" + header + "\n")
		if a.Description != "" {
			b.WriteString("description = " + q(a.Description) + "\n")
		}
		if a.And {
			b.WriteString("condition = \"AND\"\n")
		}
		if a.RegexTarget != "" {
			b.WriteString("regexTarget = " + q(a.RegexTarget) + "\n")
		}
		list("regexes", a.Regexes, &b)
		list("paths", a.Paths, &b)
		list("stopwords", a.StopWords, &b)
		list("commits", a.Commits, &b)
	}
	for _, a := range gitleaksdefault.Allowlists {
		writeAllowlist("[[allowlists]]", a)
	}
	if a := eng.CatalogAllowlist(); a != nil {
		writeAllowlist("[[allowlists]]", *a)
	}
	for _, r := range eng.Rules() {
		b.WriteString("\n[[rules]]\n")
		b.WriteString("id = " + q(r.ID) + "\n")
		b.WriteString("description = " + q(r.Title) + "\n")
		b.WriteString("regex = " + q(r.Regex) + "\n")
		if r.Path != "" {
			b.WriteString("path = " + q(r.Path) + "\n")
		}
		if r.SecretGroup != 0 {
			fmt.Fprintf(&b, "secretGroup = %d\n", r.SecretGroup)
		}
		if r.Entropy != 0 {
			fmt.Fprintf(&b, "entropy = %g\n", r.Entropy)
		}
		kw := append([]string{}, r.Keywords...)
		sort.Strings(kw)
		list("keywords", kw, &b)
		for _, a := range r.Allowlists {
			writeAllowlist("[[rules.allowlists]]", a)
		}
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func list(key string, xs []string, b *strings.Builder) {
	if len(xs) == 0 {
		return
	}
	b.WriteString(key + " = [")
	for i, x := range xs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(q(x))
	}
	b.WriteString("]\n")
}

// q is a TOML basic string.
func q(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '"':
			b.WriteString(`\"`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
