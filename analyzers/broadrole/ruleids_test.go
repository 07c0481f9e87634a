package broadrole

import (
	"slices"
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/internal/rules"
)

// Every rule broadrole reports is documented in rules.yaml, and every
// broadrole rule documented there is one it reports.
func TestRuleIDsDocumented(t *testing.T) {
	cat := rules.Default()
	for _, id := range RuleIDs {
		if !cat.Known(id) {
			t.Errorf("%s is not documented in the checks: section of rules.yaml", id)
		}
	}
	for _, d := range cat.Docs() {
		if strings.HasPrefix(d.ID, "broadrole/") && !slices.Contains(RuleIDs, d.ID) {
			t.Errorf("rules.yaml documents %s, which broadrole never reports", d.ID)
		}
	}
}

// Every reported role class has its rule; least-privilege and read-only
// roles none.
func TestRoleRules(t *testing.T) {
	for _, class := range []string{rules.RoleOwner, rules.RoleBroad, rules.RoleAccessAdmin, rules.RoleRBACAdmin, rules.RoleKeyReader} {
		if !slices.Contains(RuleIDs, roleRules[class]) {
			t.Errorf("class %s maps to %q, not a broadrole rule", class, roleRules[class])
		}
	}
	for _, class := range []string{rules.RoleLeastPrivilege, rules.RoleReadOnly} {
		if id, ok := roleRules[class]; ok {
			t.Errorf("%s roles must not be reported, found %s", class, id)
		}
	}
	for _, r := range rules.Default().Roles {
		if _, ok := roleRules[r.Class]; !ok && r.Class != rules.RoleLeastPrivilege && r.Class != rules.RoleReadOnly {
			t.Errorf("role %s: class %s has no rule", r.Name, r.Class)
		}
	}
}
