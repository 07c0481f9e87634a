package history

import (
	"path/filepath"
	"testing"

	"github.com/keyless-dev/keyless/internal/secrets"
	"github.com/keyless-dev/keyless/internal/secrets/corpus"
	"github.com/keyless-dev/keyless/testdata/historyrepo"
)

// gitleaks' global allowlist applies: paths (checked once per path by
// keyless), and its stopwords and regexes (left to gitleaks).
func TestGlobalAllowlist(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "repo")
	im, err := historyrepo.NewImporter(dir)
	if err != nil {
		t.Fatal(err)
	}
	k := corpus.New(21)
	pat1, pat2, pat3 := k.GitHubPAT(), k.GitHubPAT(), k.GitHubPAT()
	im.Commit("main", "", "deps",
		historyrepo.Put("node_modules/x/index.js", "const t = \""+pat1+"\";\n"),
		historyrepo.Put("vendor/github.com/a/b/c.go", "const t = \""+pat2+"\"\n"),
		historyrepo.Put("src/index.js", "const t = \""+pat3+"\";\n"+
			"const api_key = \"014df517-39d1-4453-b7b3-9930c563627c\";\n"+ // global stopword
			"const token = \"xQ9vT3kZ0abcdefghijklmnopqrstuvwxyzR7\";\n"))
	im.Commit("main", "", "more", historyrepo.Put("node_modules/x/other.js", "const u = \""+k.GitHubPAT()+"\";\n"))
	if _, err := im.Close(); err != nil {
		t.Fatal(err)
	}
	res := scan(t, Options{Dir: dir})
	if len(res.Findings) != 1 || res.Findings[0].Path != "src/index.js" || res.Findings[0].Line != 1 {
		t.Errorf("findings: %+v", res.Findings)
	}
}

func TestSplitPathAllowlists(t *testing.T) {
	eng, err := secrets.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	orig := eng.GitleaksConfig()
	cfg, paths := splitPathAllowlists(orig)
	var words, regexes, origWords, origRegexes int
	for _, a := range cfg.Allowlists {
		if len(a.Paths) > 0 && a.MatchCondition == 0 {
			t.Errorf("OR allowlist %q keeps its paths", a.Description)
		}
		words += len(a.StopWords)
		regexes += len(a.Regexes)
	}
	for _, a := range orig.Allowlists {
		origWords += len(a.StopWords)
		origRegexes += len(a.Regexes)
	}
	if words != origWords || regexes != origRegexes || words == 0 || regexes == 0 {
		t.Errorf("stopwords %d of %d, regexes %d of %d kept", words, origWords, regexes, origRegexes)
	}
	if len(paths) == 0 || !paths[0].PathAllowed("node_modules/x.js") {
		t.Errorf("path allowlists: %d", len(paths))
	}
	if len(orig.Allowlists) == 0 || len(orig.Allowlists[0].Paths) == 0 {
		t.Error("the engine's configuration was modified")
	}
}
