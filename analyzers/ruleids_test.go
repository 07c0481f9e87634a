package analyzers_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/analyzers/broadrole"
	"github.com/keyless-dev/keyless/analyzers/ignorecheck"
	"github.com/keyless-dev/keyless/internal/history"
	"github.com/keyless-dev/keyless/internal/rules"
	"github.com/keyless-dev/keyless/internal/secrets"
	"github.com/keyless-dev/keyless/internal/secrets/engine"
)

// emittedRuleIDs lists every rule id an analyzer or the history pass can
// report, from the code and tables each one reports from: keyauth's
// catalog rules, broadrole's and ignorecheck's constants, the secret
// engine's rules under hardcodedsecret/ (and -in-test), and the history
// pass's gitleaks configuration under history/.
func emittedRuleIDs(t *testing.T, cat *rules.Catalog) map[string]string {
	t.Helper()
	ids := map[string]string{}
	for _, r := range cat.KeyAuth {
		ids[r.RuleID()] = "keyauth"
	}
	for _, id := range broadrole.RuleIDs {
		ids[id] = "broadrole"
	}
	ids[ignorecheck.UnknownRule] = "ignorecheck"
	ids[ignorecheck.MissingReason] = "ignorecheck"
	eng, err := engine.New(cat)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range eng.Rules() {
		ids["hardcodedsecret/"+r.ID] = "hardcodedsecret"
		ids["hardcodedsecret/"+r.ID+rules.TestSuffix] = "hardcodedsecret"
	}
	det, err := secrets.New(cat)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range det.GitleaksConfig().OrderedRules {
		ids[history.RulePrefix+id] = "history"
	}
	return ids
}

// Every rule id keyless can report has a documented catalog entry (title,
// severity; a remedy for secrets), so SARIF, `keyless explain` and ignore
// comments never fall back to a bare id.
func TestEveryEmittedRuleIsDocumented(t *testing.T) {
	cat := rules.Default()
	ids := emittedRuleIDs(t, cat)
	if len(ids) < 200 {
		t.Fatalf("only %d rule ids collected: the collection is broken", len(ids))
	}
	for id, from := range ids {
		d, ok := cat.Lookup(id)
		switch {
		case !ok:
			t.Errorf("%s reports %s, which rules.yaml does not document", from, id)
		case d.Title == "" || d.Severity == "":
			t.Errorf("%s: documented without title or severity: %+v", id, d.Doc)
		case (from == "hardcodedsecret" || from == "history") && d.Remedy == "":
			t.Errorf("%s: secret rule without a remedy", id)
		}
	}
}

// ruleIDLiteral is what a full rule id written in code looks like.
var ruleIDLiteral = regexp.MustCompile(`^(keyauth|broadrole|hardcodedsecret|history|ignore)/[a-z0-9-]+$`)

// A rule id spelled as a string literal in the code of an analyzer or of
// the history pass is one that the tables above list: an id reported from
// a literal the tables miss would fail here rather than reach SARIF
// undocumented.
func TestRuleIDLiteralsAreListed(t *testing.T) {
	cat := rules.Default()
	ids := emittedRuleIDs(t, cat)
	seen := 0
	for _, root := range []string{".", filepath.Join("..", "internal", "history")} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "testdata" {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
			if err != nil {
				return err
			}
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil || !ruleIDLiteral.MatchString(s) {
					return true
				}
				seen++
				if _, ok := ids[s]; !ok {
					t.Errorf("%s: rule id %q is not one the analyzers' tables list (emittedRuleIDs)", path, s)
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if seen == 0 {
		t.Fatal("no rule id literal found: the source walk is broken")
	}
}
