package integration

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// reviewdog's RDFormat (proto/rdf/reviewdog.proto): 1-based lines and
// UTF-8 byte columns, end exclusive, insertion = zero-width range.
type rdPos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

type rdRange struct {
	Start rdPos  `json:"start"`
	End   *rdPos `json:"end"`
}

type rdDiag struct {
	Message  string `json:"message"`
	Location struct {
		Path  string  `json:"path"`
		Range rdRange `json:"range"`
	} `json:"location"`
	Severity string `json:"severity"`
	Source   struct {
		Name string `json:"name"`
		URL  string `json:"url"`
	} `json:"source"`
	Code struct {
		Value string `json:"value"`
		URL   string `json:"url"`
	} `json:"code"`
	Suggestions []struct {
		Range rdRange `json:"range"`
		Text  string  `json:"text"`
	} `json:"suggestions"`
}

// offset converts a reviewdog position to a byte offset in src, or -1.
func offset(src []byte, p rdPos) int {
	if p.Line < 1 || p.Column < 1 {
		return -1
	}
	off := 0
	for l := 1; l < p.Line; l++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return -1
		}
		off += i + 1
	}
	lineEnd := len(src)
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		lineEnd = off + i
	}
	if off+p.Column-1 > lineEnd+1 { // the column after the newline is the next line's start
		return -1
	}
	return off + p.Column - 1
}

func parseRDJSONL(t *testing.T, data []byte) []rdDiag {
	t.Helper()
	var diags []rdDiag
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		var d rdDiag
		if err := dec.Decode(&d); err != nil {
			// unknown fields are fine for reviewdog, but tell which
			var loose rdDiag
			if err2 := json.Unmarshal(line, &loose); err2 != nil {
				t.Fatalf("rdjsonl line %d is not a diagnostic: %v\n%s", n, err2, line)
			}
			t.Logf("rdjsonl line %d: %v", n, err)
			d = loose
		}
		diags = append(diags, d)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return diags
}

type textEdit struct {
	start, end int
	text       string
}

func TestRDJSONLSuggestions(t *testing.T) {
	src := e2eModule(t)
	// One copy gets reviewdog's suggestions applied, the other keyless's
	// own -fix; both must end up identical, and compile.
	viaRD := filepath.Join(t.TempDir(), "rd")
	viaFix := filepath.Join(t.TempDir(), "fix")
	copyTree(t, src, viaRD)
	copyTree(t, src, viaFix)

	r := run(t, viaRD, nil, keyless(t), "lint", "-format", "rdjsonl", "./...")
	if r.code != 1 {
		t.Fatalf("keyless lint -format rdjsonl on the end-to-end module: want exit 1 (findings), got %s", r)
	}
	diags := parseRDJSONL(t, []byte(r.stdout))
	if len(diags) == 0 {
		t.Fatal("no rdjsonl diagnostics")
	}

	edits := map[string][]textEdit{}
	withSuggestions := 0
	for i, d := range diags {
		where := fmt.Sprintf("diagnostic %d (%s %s:%d)", i, d.Code.Value, d.Location.Path, d.Location.Range.Start.Line)
		if d.Code.Value == "" || d.Source.Name != "keyless" || d.Message == "" {
			t.Errorf("%s: code %q source %q message %q", where, d.Code.Value, d.Source.Name, d.Message)
		}
		switch d.Severity {
		case "ERROR", "WARNING", "INFO":
		default:
			t.Errorf("%s: severity %q", where, d.Severity)
		}
		path := d.Location.Path
		if filepath.IsAbs(path) || strings.Contains(path, `\`) {
			t.Errorf("%s: path %q should be module-relative with '/'", where, path)
		}
		file, err := os.ReadFile(filepath.Join(viaRD, filepath.FromSlash(path)))
		if err != nil {
			t.Errorf("%s: %v", where, err)
			continue
		}
		// The diagnostic's own range points at the offending code.
		start := offset(file, d.Location.Range.Start)
		if start < 0 {
			t.Errorf("%s: start %+v is outside the file", where, d.Location.Range.Start)
			continue
		}
		if d.Location.Range.End != nil {
			end := offset(file, *d.Location.Range.End)
			if end < start {
				t.Errorf("%s: range end %+v before start", where, *d.Location.Range.End)
			} else if strings.HasPrefix(d.Code.Value, "keyauth/") {
				text := string(file[start:end])
				if !strings.Contains(text, "(") || !strings.HasSuffix(strings.TrimSpace(text), ")") {
					t.Errorf("%s: range covers %q, want the key-based call", where, text)
				}
			}
		}
		if len(d.Suggestions) > 0 {
			withSuggestions++
		}
		for _, s := range d.Suggestions {
			if s.Range.End == nil {
				t.Errorf("%s: suggestion without end (reviewdog needs start and end)", where)
				continue
			}
			a, b := offset(file, s.Range.Start), offset(file, *s.Range.End)
			if a < 0 || b < a {
				t.Errorf("%s: suggestion range %+v–%+v is not in the file", where, s.Range.Start, *s.Range.End)
				continue
			}
			edits[path] = append(edits[path], textEdit{a, b, s.Text})
		}
	}
	if withSuggestions == 0 {
		t.Fatal("no diagnostic carries a suggestion; keyauth findings on the end-to-end module have fixes")
	}

	// Apply the suggestions as reviewdog's "commit suggestion" would,
	// merging identical edits as the go/analysis fixer does.
	for path, es := range edits {
		full := filepath.Join(viaRD, filepath.FromSlash(path))
		file, _ := os.ReadFile(full)
		sort.Slice(es, func(i, j int) bool {
			if es[i].start != es[j].start {
				return es[i].start > es[j].start
			}
			return es[i].end > es[j].end
		})
		var uniq []textEdit
		for _, e := range es {
			if len(uniq) > 0 && uniq[len(uniq)-1] == e {
				continue
			}
			if len(uniq) > 0 && e.end > uniq[len(uniq)-1].start {
				t.Fatalf("%s: suggestions overlap: %+v and %+v", path, e, uniq[len(uniq)-1])
			}
			uniq = append(uniq, e)
		}
		for _, e := range uniq {
			file = append(file[:e.start:e.start], append([]byte(e.text), file[e.end:]...)...)
		}
		if err := os.WriteFile(full, file, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	fix := run(t, viaFix, nil, keyless(t), "lint", "-fix", "./...")
	if fix.code > 1 {
		t.Fatalf("keyless lint -fix: %s", fix)
	}
	for path := range edits {
		got, _ := os.ReadFile(filepath.Join(viaRD, filepath.FromSlash(path)))
		want, _ := os.ReadFile(filepath.Join(viaFix, filepath.FromSlash(path)))
		// -fix gofmts what it writes; a committed suggestion is raw text.
		if f, err := format.Source(got); err != nil {
			t.Errorf("%s: with the suggestions applied the file does not parse: %v\n%s", path, err, got)
		} else {
			got = f
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: applying the rdjsonl suggestions differs from keyless lint -fix:\n--- suggestions\n%s\n--- -fix\n%s", path, got, want)
		}
	}
	// -fix changed no file that has no suggestion.
	err := filepath.Walk(viaFix, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(viaFix, p)
		rel = filepath.ToSlash(rel)
		if _, ok := edits[rel]; ok {
			return nil
		}
		a, _ := os.ReadFile(p)
		b, _ := os.ReadFile(filepath.Join(src, filepath.FromSlash(rel)))
		if !bytes.Equal(a, b) {
			t.Errorf("%s: changed by -fix but no rdjsonl suggestion covers it", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if b := run(t, viaRD, nil, "go", "build", "./..."); b.code != 0 {
		t.Errorf("module with the suggestions applied does not build: %s", b)
	}
}

// lintAddedCall writes a package that adds one key-based Azure OpenAI
// client to a module that requires azopenai and azcore.
const addedCall = `package added

import (
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
)

// New is the change under review.
func New() (*azopenai.Client, error) {
	return azopenai.NewClientWithKeyCredential(os.Getenv("AZURE_OPENAI_ENDPOINT"), azcore.NewKeyCredential(os.Getenv("AZURE_OPENAI_API_KEY")), nil)
}
`

// reviewedRepo is a git repository holding a copy of the end-to-end
// module, committed, plus an uncommitted change that adds one key-based
// client (added/added.go, line 12) and touches an existing file.
func reviewedRepo(t *testing.T) (dir, base string) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "repo")
	copyTree(t, e2eModule(t), dir)
	git(t, dir, "init", "-q", "-b", "main")
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "base")
	base = git(t, dir, "rev-parse", "HEAD")
	writeFile(t, dir, "added/added.go", addedCall)
	return dir, base
}

func onlyAdded(t *testing.T, what string, diags []rdDiag) {
	t.Helper()
	if len(diags) != 1 {
		t.Fatalf("%s: %d diagnostics, want exactly the one on the added line: %+v", what, len(diags), diags)
	}
	d := diags[0]
	if d.Code.Value != "keyauth/azopenai-key-credential" || d.Location.Path != "added/added.go" || d.Location.Range.Start.Line != 12 {
		t.Errorf("%s: got %s at %s:%d, want keyauth/azopenai-key-credential at added/added.go:12",
			what, d.Code.Value, d.Location.Path, d.Location.Range.Start.Line)
	}
}

// In a pull request only the changed lines matter: keyless's own
// -new-from-rev and reviewdog's -filter-mode=added (fed keyless's
// rdjsonl) both keep exactly the finding on the added line.
func TestReviewOnlyChangedLines(t *testing.T) {
	dir, base := reviewedRepo(t)
	git(t, dir, "add", "-A") // new files count once they are known to git

	r := run(t, dir, nil, keyless(t), "lint", "-new-from-rev", base, "-format", "rdjsonl", "./...")
	if r.code != 1 {
		t.Fatalf("lint -new-from-rev: want exit 1, got %s", r)
	}
	onlyAdded(t, "keyless lint -new-from-rev", parseRDJSONL(t, []byte(r.stdout)))

	rd := needTool(t, "reviewdog", "go install github.com/reviewdog/reviewdog/cmd/reviewdog@v0.21.0")
	all := run(t, dir, nil, keyless(t), "lint", "-format", "rdjsonl", "./...")
	if all.code != 1 {
		t.Fatalf("lint: %s", all)
	}
	if n := len(parseRDJSONL(t, []byte(all.stdout))); n < 2 {
		t.Fatalf("the whole module should have several findings, got %d", n)
	}
	in := filepath.Join(t.TempDir(), "in.rdjsonl")
	if err := os.WriteFile(in, []byte(all.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	f := run(t, dir, gitEnv, "sh", "-c", rd+` -f=rdjsonl -reporter=local -filter-mode=added -fail-level=none -diff="git diff --cached `+base+`" < `+in)
	if f.code != 0 {
		t.Fatalf("reviewdog: %s", f)
	}
	onlyAdded(t, "reviewdog -filter-mode=added", parseRDJSONL(t, []byte(f.stdout)))
}
