package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDefaultRoles(t *testing.T) {
	c := Default()
	byName := map[string]Role{}
	for _, r := range c.Roles {
		byName[r.Name] = r
	}
	for name, class := range map[string]string{
		"Owner":                     RoleOwner,
		"Contributor":               RoleBroad,
		"User Access Administrator": RoleAccessAdmin,
		"Role Based Access Control Administrator": RoleRBACAdmin,
		"Cognitive Services User":                 RoleKeyReader,
		"Cognitive Services OpenAI User":          RoleLeastPrivilege,
	} {
		r, ok := byName[name]
		if !ok {
			t.Errorf("default catalog lacks role %q", name)
			continue
		}
		if r.Class != class {
			t.Errorf("%s: class %q, want %q", name, r.Class, class)
		}
		if r.Pos.Line == 0 {
			t.Errorf("%s: no position recorded", name)
		}
	}
	if g := byName["Cognitive Services OpenAI User"].GUID; g != "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd" {
		t.Errorf("OpenAI User guid %s", g)
	}
}

func TestUserRoles(t *testing.T) {
	const custom = `roles:
  - name: Acme Platform Operator
    guid: 0b5fe8a2-1c5e-4a47-9d0e-3f1a2b3c4d5e
    class: broad
    why: it runs the whole platform
    instead: Cognitive Services OpenAI User
`
	for _, tc := range []struct{ name, body, want string }{
		{"ok", custom, ""},
		{"bad class", "roles:\n  - name: X\n    guid: 0b5fe8a2-1c5e-4a47-9d0e-3f1a2b3c4d5e\n    class: admin\n", "user.yaml:2:5: role \"X\": class must be"},
		{"bad guid", "roles:\n  - name: X\n    guid: nope\n    class: least-privilege\n", "user.yaml:2:5: role \"X\": guid \"nope\" is not a GUID"},
		{"no why", "roles:\n  - name: X\n    guid: 0b5fe8a2-1c5e-4a47-9d0e-3f1a2b3c4d5e\n    class: owner\n    instead: Y\n", "user.yaml:2:5: role \"X\": a owner role needs a one-line why"},
		{"dup guid", "roles:\n  - name: My Contributor\n    guid: B24988AC-6180-42A0-AB88-20F7382DD24C\n    class: least-privilege\n", "user.yaml:2:5: role \"My Contributor\": guid B24988AC-6180-42A0-AB88-20F7382DD24C is already role \"Contributor\""},
		{"two swaps", "roles:\n  - name: X\n    guid: 0b5fe8a2-1c5e-4a47-9d0e-3f1a2b3c4d5e\n    class: least-privilege\n    resources: [Microsoft.CognitiveServices/accounts]\n    swap: true\n", "user.yaml:2:5: role \"X\": Microsoft.CognitiveServices/accounts already has swap target \"Cognitive Services OpenAI User\""},
		{"bad resource", "roles:\n  - name: X\n    guid: 0b5fe8a2-1c5e-4a47-9d0e-3f1a2b3c4d5e\n    class: least-privilege\n    resources: [accounts]\n", "user.yaml:2:5: role \"X\": resource \"accounts\" is not a resource type"},
		{"swap on broad", "roles:\n  - name: X\n    guid: 0b5fe8a2-1c5e-4a47-9d0e-3f1a2b3c4d5e\n    class: broad\n    why: w\n    instead: i\n    swap: true\n", "only least-privilege roles take resources and swap"},
		{"unknown key", "roles:\n  - name: X\n    gid: 0b5fe8a2-1c5e-4a47-9d0e-3f1a2b3c4d5e\n", "user.yaml:3:5: unknown key \"gid\""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "user.yaml")
			if err := os.WriteFile(p, []byte(tc.body), 0o600); err != nil {
				t.Fatal(err)
			}
			c, err := Load(p)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				last := c.Roles[len(c.Roles)-1]
				if last.Name != "Acme Platform Operator" || last.Class != RoleBroad || last.Pos.File != p || last.Pos.Line != 2 {
					t.Fatalf("custom role not layered over the default: %+v", last)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
}
