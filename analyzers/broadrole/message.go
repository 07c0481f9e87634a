package broadrole

import (
	"fmt"
	"strings"

	"github.com/keyless-dev/keyless/internal/rules"
)

// Messages are one line: what is too broad, why in a few words, what to
// do instead. The role catalog's why, the jobs of the least-privilege
// roles and the before/after live in the rules' docs (`keyless explain`).

// classWhy says in a few words why a role of a reported class is too
// broad for a workload identity.
var classWhy = map[string]string{
	rules.RoleOwner:       "it can do everything and grant access",
	rules.RoleBroad:       "it manages everything, keys included",
	rules.RoleAccessAdmin: "it can grant any role",
	rules.RoleRBACAdmin:   "it can assign any role",
	rules.RoleKeyReader:   "it can read the account keys",
}

// maxWhy is the longest catalog why a message quotes; a longer one is
// documentation, and the message gives its class's few words instead.
const maxWhy = 48

// roleWhy is why r is too broad in a few words: the catalog's why when it
// is short (a team's own roles say what they do), else its class's.
func roleWhy(r *rules.Role) string {
	if w := strings.TrimSuffix(strings.TrimSpace(r.Why), "."); w != "" && len(w) <= maxWhy {
		return w
	}
	return classWhy[r.Class]
}

// roleMessage is the finding for role r met in phrase ("in a role
// assignment"), with or without a Condition, and the role(s) to assign
// instead.
func roleMessage(r *rules.Role, phrase string, cond bool, instead string) string {
	why := roleWhy(r)
	switch r.Class {
	case rules.RoleAccessAdmin:
		if cond {
			return fmt.Sprintf("%s %s is too broad, Condition or not: it can grant any role; use %s", r.Name, phrase, instead)
		}
		return fmt.Sprintf("%s %s is too broad: %s; use %s", r.Name, phrase, why, instead)
	case rules.RoleRBACAdmin:
		return fmt.Sprintf("%s %s has no Condition: %s; add %s", r.Name, phrase, why, instead)
	}
	return fmt.Sprintf("%s %s is too broad: %s; assign %s", r.Name, phrase, why, instead)
}

// scopeMessage is the finding for role what assigned to a service
// principal at a scope of kind sk.
func scopeMessage(what string, sk scopeKind) string {
	where, why := "subscription scope", "every resource in the subscription"
	switch sk {
	case scopeRoot:
		where, why = `the root scope "/"`, "every subscription in the tenant"
	case scopeManagementGroup:
		where, why = "management-group scope", "every subscription in the group"
	}
	return fmt.Sprintf("%s for a service principal at %s applies to %s; assign it at the resource's scope", what, where, why)
}

// clip shortens a name or action quoted from user code to n characters.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// assignableRootMessage is the finding for AssignableScopes "/".
func assignableRootMessage(name string) string {
	return fmt.Sprintf(`%s AssignableScopes "/" is too broad: assignable anywhere in the tenant; list only the scopes that need it`, roleLabel(name))
}

// permissionMessage is the finding for an action pattern of field that
// is too broad for why. The finding is at the pattern in a custom role's
// Permissions; the role's name is left out.
func permissionMessage(field, action, why string) string {
	return fmt.Sprintf("%s %q is too broad: %s; list only what the job needs", field, clip(action, 56), why)
}

func roleLabel(name string) string {
	if name == "" {
		return "custom role"
	}
	return fmt.Sprintf("custom role %q:", clip(name, 32))
}
