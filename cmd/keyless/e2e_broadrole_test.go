package main

// broadrole end to end: testdata/e2e/provision uses the REAL
// armauthorization (v1, v2, v3) and armcognitiveservices modules. The
// generic markers ("// want: broadrole/...") are checked by TestE2ELint;
// this file checks that every broadrole rule is planted, what the findings
// say, and what -fix writes.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var broadroleRules = []string{
	"broadrole/owner", "broadrole/contributor", "broadrole/user-access-admin",
	"broadrole/rbac-admin-unconditioned", "broadrole/key-reader", "broadrole/broad-scope",
	"broadrole/custom-role-wildcard", "broadrole/local-auth-enabled",
}

const (
	openAIUserGUID  = "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd"
	contributorGUID = "b24988ac-6180-42a0-ab88-20f7382dd24c"
)

func TestE2EBroadrole(t *testing.T) {
	bin := lintBin(t)
	dir := e2eDir(t)

	// Every rule has a planted case, and each is found there.
	planted := map[string]bool{}
	for _, e := range expectations(t, dir) {
		if strings.HasPrefix(e.path, "provision/") {
			planted[e.rule] = true
		}
	}
	for _, r := range broadroleRules {
		if !planted[r] {
			t.Errorf("no planted case for %s in testdata/e2e/provision", r)
		}
	}
	fs, r := lintFindings(t, bin, dir, "./provision/")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	found := map[string]int{}
	for _, f := range fs {
		if f.Suppression == nil {
			found[f.RuleID]++
		}
	}
	for _, r := range broadroleRules {
		if found[r] == 0 {
			t.Errorf("no %s finding in provision/", r)
		}
	}

	// The Contributor assignment at an Azure OpenAI account names the
	// role, why, and the least-privilege role, and carries the swap fix.
	var swap *e2eFinding
	for i, f := range fs {
		if f.RuleID == "broadrole/contributor" && f.Path == "provision/roles.go" && f.Fix != nil {
			swap = &fs[i]
		}
	}
	if swap == nil {
		t.Fatal("no fixable broadrole/contributor finding in provision/roles.go")
	}
	for _, want := range []string{"Contributor in a role assignment", "too broad", "keys", "assign Cognitive Services OpenAI User"} {
		if !strings.Contains(swap.Message, want) {
			t.Errorf("message %q lacks %q", swap.Message, want)
		}
	}
	if len(swap.Fix.Edits) != 1 || swap.Fix.Edits[0].NewText != openAIUserGUID || swap.Fix.Edits[0].EndOffset-swap.Fix.Edits[0].Offset != len(contributorGUID) {
		t.Errorf("swap fix %+v, want one edit replacing the GUID with %s", swap.Fix, openAIUserGUID)
	}

	// A team's custom role is reported once its rules file classifies it.
	for _, f := range fs {
		if strings.Contains(f.Message, "Acme Platform Operator") {
			t.Errorf("custom role reported without its rules file: %s", f.Message)
		}
	}
	cfg := filepath.Join(t.TempDir(), "rules.yaml")
	custom := "roles:\n  - name: Acme Platform Operator\n    guid: 0b5fe8a2-1c5e-4a47-9d0e-3f1a2b3c4d5e\n    class: broad\n    why: it runs every pipeline of the platform\n    instead: Cognitive Services OpenAI User\n"
	if err := os.WriteFile(cfg, []byte(custom), 0o600); err != nil {
		t.Fatal(err)
	}
	withCfg, r := lintFindings(t, bin, dir, "-config", cfg, "./provision/")
	n := 0
	for _, f := range withCfg {
		if f.RuleID == "broadrole/contributor" && strings.HasPrefix(f.Message, "Acme Platform Operator in a role assignment is too broad: it runs every pipeline of the platform") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("-config with a custom role: %d findings for it, want 1\n%s", n, r.stderr)
	}

	// -fix swaps the GUIDs, disables local auth, and the code still builds.
	work := copyTree(t, dir)
	if r := exe(t, work, bin, "lint", "-fix", "./provision/"); r.code == 2 {
		t.Fatalf("lint -fix: exit 2\n%s", r.stderr)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(work, "provision", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	roles := read("roles.go")
	if strings.Contains(roles, "roleDefinitions/"+contributorGUID) || strings.Count(roles, openAIUserGUID) != 2 {
		t.Errorf("roles.go after -fix: Contributor and Cognitive Services User not both swapped for OpenAI User:\n%s", roles)
	}
	if !strings.Contains(roles, "25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68") {
		t.Error("roles.go after -fix: the suppressed assignment was rewritten")
	}
	account := read("account.go")
	if !strings.Contains(account, "DisableLocalAuth:    to.Ptr(true)") || !strings.Contains(account, `"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"`) {
		t.Errorf("account.go after -fix lacks DisableLocalAuth or the to import:\n%s", account)
	}
	if c := read("customrole.go"); strings.Contains(c, "DisableLocalAuth: to.Ptr(false)") {
		t.Errorf("customrole.go after -fix still sets DisableLocalAuth false")
	}
	if r := exe(t, work, "go", "vet", "./provision/"); r.code != 0 {
		t.Fatalf("go vet ./provision/ after -fix:\n%s%s", r.stdout, r.stderr)
	}
	after, _ := lintFindings(t, bin, work, "./provision/")
	for _, f := range after {
		if f.RuleID == "broadrole/local-auth-enabled" || f.Fix != nil && f.Suppression == nil {
			t.Errorf("after -fix: %s:%d %s %s", f.Path, f.Line, f.RuleID, f.Message)
		}
	}
}
