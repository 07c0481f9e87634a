package engine

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/internal/secrets/corpus"
)

// literals are typical string constants of Go code: what the analyzer
// meets on almost every call.
var literals = []string{
	"id", "name", "application/json", "Content-Type", "%s: %w",
	"https://management.azure.com/subscriptions/%s/resourceGroups/%s?api-version=2023-05-01",
	"SELECT id, name, created_at FROM users WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY created_at DESC LIMIT 100",
	"failed to create client for endpoint %q: %v",
	"AZURE_OPENAI_ENDPOINT", "api-key", "Authorization", "Bearer ",
	"github.com/Azure/azure-sdk-for-go/sdk/azcore",
	"the access token could not be refreshed; check the credential configuration and try again",
}

func BenchmarkScanLiteral(b *testing.B) {
	e := newEngine(b)
	for _, s := range literals { // warm the lazily compiled regexes
		e.Scan(s)
	}
	b.ResetTimer()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		e.ScanSource("x.go", literals[i%len(literals)])
	}
}

// BenchmarkScanLiteralKeywordHeavy: literals that contain prefilter
// keywords (key, token, secret, api) so that rules' regexes do run.
func BenchmarkScanLiteralKeywordHeavy(b *testing.B) {
	e := newEngine(b)
	heavy := []string{
		`apiKey = "not-a-real-value"`, "token expired", "secret rotation failed for %s",
		"access denied: the key was revoked", "auth: missing api key",
	}
	b.ResetTimer()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		e.ScanSource("x.go", heavy[i%len(heavy)])
	}
}

func BenchmarkScanLiteralSecret(b *testing.B) {
	e := newEngine(b)
	g := corpus.New(1)
	ss := []string{g.OpenAIKey(), g.EntraSecret(), "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=" + g.StorageKey(), g.AWSKeyID()}
	b.ResetTimer()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		e.ScanSource("x.go", ss[i%len(ss)])
	}
}

func BenchmarkScanValue(b *testing.B) {
	e := newEngine(b)
	vs := []Value{{Text: "application/json", Name: "contentType"}, {Text: "https://example.com/v1", Name: "endpoint"}, {Text: corpus.New(2).Hex32(), Name: "apiKey"}}
	b.ResetTimer()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		e.ScanValue(vs[i%len(vs)])
	}
}

func BenchmarkNew(b *testing.B) {
	for i := 0; i < b.N; i++ {
		newEngine(b)
	}
}

// goLiterals returns every string literal of the Go files under dir.
func goLiterals(tb testing.TB, dir string) []string {
	var lits []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if l, ok := n.(*ast.BasicLit); ok && l.Kind == token.STRING {
				if s, err := strconv.Unquote(l.Value); err == nil {
					lits = append(lits, s)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return lits
}

// BenchmarkScanSourceLiterals runs ScanSource (what the analyzer runs)
// over every string literal of the standard library's net/http, crypto
// and encoding trees: ns/op is the cost per real-world literal.
func BenchmarkScanSourceLiterals(b *testing.B) {
	e := newEngine(b)
	var lits []string
	for _, d := range []string{"net/http", "crypto", "encoding"} {
		lits = append(lits, goLiterals(b, filepath.Join(runtime.GOROOT(), "src", d))...)
	}
	for _, s := range lits {
		e.ScanSource("x.go", s)
	}
	b.ResetTimer()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		e.ScanSource("x.go", lits[i%len(lits)])
	}
	b.ReportMetric(float64(len(lits)), "literals")
}
