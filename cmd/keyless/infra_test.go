package main

// End-to-end tests of `keyless infra`: the real binary on testdata/infra
// (a Go module with real SDK imports and the same infrastructure as Bicep,
// AVM Bicep, a compiled ARM twin, ARM and Terraform), in JSON and SARIF,
// and on malformed templates.

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func infraDir(t *testing.T) string {
	t.Helper()
	d, err := filepath.Abs(filepath.Join("..", "..", "testdata", "infra"))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

var infraMarkerRE = regexp.MustCompile(`(?://|#) (want|suppressed): ((?:infra/[a-z0-9-]+\s*)+)$`)

// infraExpectations reads the "// want: infra/…" markers of the templates
// ("#" in Terraform). JSON without comments (.tf.json) cannot carry
// markers: its expectations are listed here.
func infraExpectations(t *testing.T, dir string) []string {
	t.Helper()
	exps := []string{"tf/search.tf.json:14 infra/key-leaves-template"}
	notGo := func(p string) bool { return !strings.HasSuffix(p, ".go") }
	eachMarker(t, dir, notGo, infraMarkerRE, func(rel string, line int, m []string) {
		for _, rule := range strings.Fields(m[2]) {
			e := rel + ":" + itoa(line) + " " + rule
			if m[1] == "suppressed" {
				e += " (suppressed)"
			}
			exps = append(exps, e)
		}
	})
	return exps
}

type infraFinding struct {
	RuleID      string `json:"ruleId"`
	Severity    string `json:"severity"`
	Message     string `json:"message"`
	Path        string `json:"path"`
	Line        int    `json:"line"`
	Suppression *struct {
		Justification string `json:"justification"`
	} `json:"suppression"`
	Fix *struct {
		Edits []struct {
			Path string `json:"path"`
		} `json:"edits"`
	} `json:"fix"`
}

func TestInfraE2E(t *testing.T) {
	bin := lintBin(t)
	dir := infraDir(t)
	r := exe(t, dir, bin, "infra", "-format", "json", ".")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\nstderr: %s", r.code, r.stderr)
	}
	var findings []infraFinding
	if err := json.Unmarshal([]byte(r.stdout), &findings); err != nil {
		t.Fatalf("json: %v\n%s", err, r.stdout)
	}
	var got []string
	for _, f := range findings {
		e := f.Path + ":" + itoa(f.Line) + " " + f.RuleID
		if f.Suppression != nil {
			e += " (suppressed)"
		}
		got = append(got, e)
		// Checks 1 and 2 name the Go line they cross-check.
		switch f.RuleID {
		case "infra/local-auth-off-key-in-code":
			if !strings.Contains(f.Message, "chat/chat.go:13") {
				t.Errorf("%s: message does not name the Go line: %s", e, f.Message)
			}
		case "infra/role-broader-than-needed", "infra/local-auth-left-on":
			if !regexp.MustCompile(`(queue/worker\.go|blobs/reader\.go):\d+`).MatchString(f.Message) {
				t.Errorf("%s: message does not name the Go line: %s", e, f.Message)
			}
			if f.Fix == nil && !strings.HasPrefix(f.Path, "arm/") {
				t.Errorf("%s: no fix", e)
			}
		}
	}
	want := infraExpectations(t, dir)
	slices.Sort(got)
	slices.Sort(want)
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("missing %s", w)
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) {
			t.Errorf("unexpected %s", g)
		}
	}
	if len(want) < 20 {
		t.Errorf("only %d expectations", len(want))
	}
}

// SARIF results carry the template's file and line.
func TestInfraSARIF(t *testing.T) {
	bin := lintBin(t)
	r := exe(t, infraDir(t), bin, "infra", "-format", "sarif", "-go=false", ".")
	if r.code != 1 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	var log struct {
		Runs []struct {
			AutomationDetails struct{ ID string } `json:"automationDetails"`
			Results           []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }    `json:"artifactLocation"`
						Region           struct{ StartLine int } `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil {
		t.Fatal(err)
	}
	if log.Runs[0].AutomationDetails.ID != "keyless-infra/" {
		t.Errorf("category %q", log.Runs[0].AutomationDetails.ID)
	}
	found := false
	for _, res := range log.Runs[0].Results {
		loc := res.Locations[0].PhysicalLocation
		if res.RuleID == "infra/broad-role" && loc.ArtifactLocation.URI == "tf/main.tf" && loc.Region.StartLine == 121 {
			found = true
		}
	}
	if !found {
		t.Errorf("no infra/broad-role result at tf/main.tf:121 in\n%s", r.stdout)
	}
}

// A template that does not parse is an error with file:line (exit 2);
// the other templates are still checked.
func TestInfraBadInput(t *testing.T) {
	bin := lintBin(t)
	for name, src := range map[string]string{
		"bad.bicep":   "resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'st'\n  properties: {\n    allowSharedKeyAccess false\n  }\n}\n",
		"bad.json":    "{\n  \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",\n  \"resources\": [\n    { \"type\": }\n  ]\n}\n",
		"bad.tf":      "resource \"azurerm_storage_account\" \"st\" {\n  name = \"st\"\n\n  tier = = 1\n}\n",
		"bad.tf.json": "{\"resource\": {\"azurerm_storage_account\": {\"st\": {\"name\": }}}}",
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, map[string]string{
				name:    src,
				"ok.tf": "resource \"azurerm_role_assignment\" \"r\" {\n  scope = \"/subscriptions/x\"\n  role_definition_name = \"Owner\"\n  principal_id = \"p\"\n}\n",
			})
			r := exe(t, dir, bin, "infra", ".")
			if r.code != 2 {
				t.Errorf("exit %d, want 2\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
			}
			if !regexp.MustCompile(`keyless infra: ` + regexp.QuoteMeta(name) + `:\d+:\d+: `).MatchString(r.stderr) {
				t.Errorf("stderr lacks %s:line:col: %s", name, r.stderr)
			}
			if !strings.Contains(r.stdout, "ok.tf:3:") || !strings.Contains(r.stdout, "infra/broad-role") {
				t.Errorf("the valid template was not checked: %s", r.stdout)
			}
		})
	}
	// Usage errors are exit 2 too.
	if r := exe(t, t.TempDir(), bin, "infra", "no-such-dir"); r.code != 2 || !strings.Contains(r.stderr, "not a directory") {
		t.Errorf("missing dir: exit %d %s", r.code, r.stderr)
	}
	if r := exe(t, t.TempDir(), bin, "infra", "-staged", "."); r.code != 2 || !strings.Contains(r.stderr, "not a git repository") {
		t.Errorf("-staged outside git: exit %d %s", r.code, r.stderr)
	}
}

// -fix sets the local-auth switches and swaps the broad data roles in
// place, keeping each template's formatting; a second run no longer
// reports them and the templates still parse.
func TestInfraFix(t *testing.T) {
	bin := lintBin(t)
	dir := copyTree(t, infraDir(t))
	r := exe(t, dir, bin, "infra", "-fix", "-format", "json", ".")
	if r.code != 1 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "keyless infra: fixed 8 findings in 3 files") {
		t.Errorf("fix summary missing:\n%s", r.stderr)
	}
	for file, want := range map[string][]string{
		"infra/main.bicep": {
			"    disableLocalAuth: true // want: infra/local-auth-left-on\n",
			"    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0') // want: infra/role-broader-than-needed\n",
		},
		"infra/avm/main.bicep": {
			"    disableLocalAuth: true // want: infra/local-auth-left-on\n",
			"        roleDefinitionIdOrName: 'Azure Service Bus Data Receiver' // want: infra/role-broader-than-needed\n",
			"module store 'br/public:avm/res/storage/storage-account:0.14.3' = { // want: infra/local-auth-left-on\n  name: 'store'\n  params: {\n    allowSharedKeyAccess: false\n",
		},
		"tf/main.tf": {
			"  local_auth_enabled  = false # want: infra/local-auth-left-on\n",
			"  role_definition_name = \"Azure Service Bus Data Receiver\" # want: infra/role-broader-than-needed\n",
			"resource \"azurerm_storage_account\" \"st\" { # want: infra/local-auth-left-on infra/missing-data-role\n  shared_access_key_enabled = false\n  name ",
		},
	} {
		b, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(string(b), w) {
				t.Errorf("%s lacks %q", file, w)
			}
		}
	}
	again := exe(t, dir, bin, "infra", "-format", "json", ".")
	if again.code != 1 || strings.Contains(again.stdout, "infra/local-auth-left-on") || strings.Contains(again.stdout, "infra/role-broader-than-needed") {
		t.Errorf("after -fix: exit %d\n%s\n%s", again.code, again.stdout, again.stderr)
	}
}

// keyless lint -infra reports the same infra findings as keyless infra,
// from its own analysis run, next to the lint findings.
func TestLintInfra(t *testing.T) {
	bin := lintBin(t)
	dir := infraDir(t)
	keys := func(args ...string) (infraKeys []string, lintRules []string) {
		r := exe(t, dir, bin, args...)
		if r.code != 1 {
			t.Fatalf("%v: exit %d\n%s", args, r.code, r.stderr)
		}
		var fs []infraFinding
		if err := json.Unmarshal([]byte(r.stdout), &fs); err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		for _, f := range fs {
			if strings.HasPrefix(f.RuleID, "infra/") {
				infraKeys = append(infraKeys, f.Path+":"+itoa(f.Line)+" "+f.RuleID+" "+f.Message)
			} else {
				lintRules = append(lintRules, f.RuleID)
			}
		}
		return infraKeys, lintRules
	}
	want, _ := keys("infra", "-format", "json", ".")
	got, lint := keys("lint", "-infra", "-format", "json", "./...")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("lint -infra:\n%s\nkeyless infra:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !slices.Contains(lint, "keyauth/azopenai-key-credential") {
		t.Errorf("lint findings missing: %v", lint)
	}
	if r := exe(t, dir, bin, "lint", "-infra", "-fix", "./..."); r.code != 2 {
		t.Errorf("lint -infra -fix: exit %d, want 2", r.code)
	}
}

// TestInfraDiffApplies: `keyless infra -diff` prints a patch that applies
// and gives what -fix writes; role-swap fixes included (built-in role
// GUIDs are public: the scrubber leaves them).
func TestInfraDiffApplies(t *testing.T) {
	bin := lintBin(t)
	diffed, fixed := copyTree(t, infraDir(t)), copyTree(t, infraDir(t))
	r := exe(t, diffed, bin, "infra", "-diff", ".")
	if r.code != 1 || !strings.Contains(r.stdout, "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0") {
		t.Fatalf("infra -diff: exit %d, want 1 and the swapped role's GUID unmasked\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	patch := filepath.Join(t.TempDir(), "fix.patch")
	if err := os.WriteFile(patch, []byte(r.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("git", "-C", diffed, "apply", "--unsafe-paths", "--directory=.", patch).CombinedOutput(); err != nil {
		t.Fatalf("git apply: %v\n%s", err, out)
	}
	if r := exe(t, fixed, bin, "infra", "-fix", "."); r.code != 1 {
		t.Fatalf("infra -fix: exit %d\n%s", r.code, r.stderr)
	}
	for _, name := range []string{"infra/main.bicep", "infra/avm/main.bicep", "tf/main.tf"} {
		a, errA := os.ReadFile(filepath.Join(diffed, name))
		b, errB := os.ReadFile(filepath.Join(fixed, name))
		if errA != nil || errB != nil || string(a) != string(b) {
			t.Errorf("%s: the applied -diff differs from -fix (%v, %v)", name, errA, errB)
		}
	}
}
