package broadrole

import (
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/analyzers/internal/lintutil"
	"github.com/keyless-dev/keyless/internal/rules"
)

// TestMessagesShort builds every message broadrole can emit for the
// default role catalog (each reported role in each kind of call, with
// and without a Condition, with its catalog advice and with the longest
// suggestion for a resource type), scope findings and custom-role
// findings with long user-chosen names, and checks each is one short
// line that says each thing once.
func TestMessagesShort(t *testing.T) {
	cat := rules.Default()
	ix := newRoleIndex(cat)
	c := &checker{roles: ix}
	var suggestions []string
	for _, r := range cat.Roles {
		for _, t := range r.Resources {
			suggestions = append(suggestions, c.suggestion(&rules.Role{Class: rules.RoleBroad}, t))
		}
	}
	n := 0
	check := func(rule, msg string) {
		t.Helper()
		n++
		if err := lintutil.CheckMessage(rule + ": " + msg); err != nil {
			t.Errorf("%v:\n\t%s: %s", err, rule, msg)
		}
	}
	for i := range cat.Roles {
		r := &cat.Roles[i]
		rule := roleRules[r.Class]
		if rule == "" {
			continue
		}
		for _, kind := range []callKind{callAssign, callPIMAssign, callPIMEligible, callListDefs} {
			for _, cond := range []bool{false, true} {
				insteads := []string{r.Instead}
				if r.Class != rules.RoleAccessAdmin && r.Class != rules.RoleRBACAdmin {
					insteads = append(insteads, suggestions...) // by resource type
				}
				for _, instead := range insteads {
					check(rule, roleMessage(r, kindPhrase(kind), cond, instead))
				}
			}
			check(ruleBroadScope, scopeMessage(r.Name, scopeManagementGroup))
		}
	}
	check(ruleBroadScope, scopeMessage("role 00000000-0000-0000-0000-000000000000", scopeRoot))
	long := strings.Repeat("x", 300)
	check(ruleCustomRole, assignableRootMessage(long))
	for _, a := range []string{"*", "*/write", "Microsoft.Authorization/*", "Microsoft.CognitiveServices/*", "Microsoft.Storage/storageAccounts/listKeys/action", long + "/*", "*/" + long} {
		if why := permissionTooBroad("Actions", a); why != "" {
			check(ruleCustomRole, permissionMessage("Actions", a, why))
		}
	}
	for _, a := range []string{"*", long + "/*"} {
		check(ruleCustomRole, permissionMessage("DataActions", a, permissionTooBroad("DataActions", a)))
	}
	check(ruleLocalAuth, msgLocalAuthUnset)
	check(ruleLocalAuth, msgLocalAuthFalse)
	if n < 100 {
		t.Fatalf("only %d messages built", n)
	}
}
