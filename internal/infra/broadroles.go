package infra

// Check 4: broad roles, from the roles catalog broadrole uses.

import (
	"fmt"
	"strings"

	"github.com/keyless-dev/keyless/internal/rules"
)

// namesIdentity reports whether the assignment's principal references a
// managed identity (a user-assigned identity resource or a resource's
// system-assigned identity).
func (c *checker) namesIdentity(a *Assignment) bool {
	if a.Principal == nil {
		return false
	}
	ids := c.identitiesOf(a.File.deployment())
	for _, ref := range a.Principal.Refs {
		head, _, _ := strings.Cut(ref, ".")
		if strings.HasPrefix(ref, "azurerm_") {
			parts := strings.SplitN(ref, ".", 3)
			if len(parts) >= 2 {
				head = parts[0] + "." + parts[1]
			}
		}
		if ids.user[head] || strings.Contains(ref, ".identity.") || strings.HasSuffix(ref, ".principal_id") {
			return true
		}
	}
	return false
}

// broadRoles is check 4, from the roles catalog broadrole uses.
func (c *checker) broadRoles() {
	for _, a := range c.assigns {
		if a.Role.Name == "" || a.Role.Class == rules.RoleLeastPrivilege || a.Role.Class == rules.RoleReadOnly || !a.ForWorkload() {
			continue
		}
		if a.Role.Class == rules.RoleRBACAdmin && a.Condition {
			continue
		}
		at, end := a.Pos, Pos{}
		if a.RoleNode != nil {
			at, end = a.RoleNode.Pos, a.RoleNode.End
		}
		who := "a workload identity"
		if a.PrincipalType == "" && c.principalOf(a) == principalUnknown && !c.namesIdentity(a) {
			who = "a principal of unknown type (not marked User or Group)"
		}
		c.add(a.File, RuleBroadRole, at, end, fmt.Sprintf("%s (%s) assigned to %s: %s; assign %s", a.Role.Name, a.Role.GUID, who, a.Role.Why, a.Role.Instead), nil)
	}
}
