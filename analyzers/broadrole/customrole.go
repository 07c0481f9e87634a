package broadrole

import (
	"fmt"
	"go/ast"
	"regexp"
	"strings"

	"github.com/keyless-dev/keyless/analyzers/internal/constval"
)

// checkRoleDefinition checks a custom role's RoleDefinitionProperties:
// its AssignableScopes and the Permissions it lists.
func (c *checker) checkRoleDefinition(lit *ast.CompositeLit) {
	for _, en := range c.ix.Contexts(c.ix.Enclosing(lit.Pos())) {
		f := c.res.Fields(lit)
		name := ""
		if ne, ok := f["RoleName"]; ok {
			if s := c.res.String(ne, en).String(); !strings.Contains(s, constval.Unknown) {
				name = s
			}
		}
		if scopes, sen, ok := c.res.Elems(f["AssignableScopes"], en); ok {
			for _, se := range scopes {
				v := c.res.String(se, sen)
				if v.String() == "/" {
					c.out.add(ruleCustomRole, reportAt(v, se),
						fmt.Sprintf(`%s AssignableScopes "/" is too broad: the role can be assigned anywhere in the tenant; list only the subscriptions or resource groups that need it`, roleLabel(name)), nil)
				}
			}
		}
		perms, pen, ok := c.res.Elems(f["Permissions"], en)
		if !ok {
			continue
		}
		for _, pe := range perms {
			pl, plen := c.res.CompositeLit(pe, pen)
			if pl == nil {
				continue
			}
			c.seenLits[pl] = true
			c.checkPermissionIn(pl, plen, name)
		}
	}
}

// checkPermission checks a Permission literal met outside a role
// definition (built by a helper).
func (c *checker) checkPermission(lit *ast.CompositeLit, name string) {
	for _, en := range c.ix.Contexts(c.ix.Enclosing(lit.Pos())) {
		c.checkPermissionIn(lit, en, name)
	}
}

func (c *checker) checkPermissionIn(lit *ast.CompositeLit, en *constval.Env, name string) {
	f := c.res.Fields(lit)
	for _, field := range []string{"Actions", "DataActions"} {
		elems, een, ok := c.res.Elems(f[field], en)
		if !ok {
			continue
		}
		for _, el := range elems {
			v := c.res.String(el, een)
			s := v.String()
			if strings.Contains(s, constval.Unknown) {
				continue
			}
			if why := permissionTooBroad(field, s); why != "" {
				c.out.add(ruleCustomRole, reportAt(v, el),
					fmt.Sprintf("%s %s %q is too broad: %s; list only the actions the job needs (or assign a built-in least-privilege role such as Cognitive Services OpenAI User)", roleLabel(name), field, s, why), nil)
			}
		}
	}
}

func roleLabel(name string) string {
	if name == "" {
		return "custom role"
	}
	return fmt.Sprintf("custom role %q:", name)
}

// reportAt is where to report a finding about a resolved value: the
// call-site argument that carried it into a helper, else the expression.
func reportAt(v constval.Value, e ast.Expr) ast.Node {
	if len(v) == 1 && v[0].At != nil {
		return v[0].At
	}
	return e
}

var keyActionRE = regexp.MustCompile(`(?i)/(listkeys|listadminkeys|listquerykeys|listconnectionstrings|listaccountsas|listservicesas|regeneratekey|regeneratekeys|regenerateadminkey)/action$`)

// permissionTooBroad says why an action pattern is too broad for a
// workload's custom role, or "".
func permissionTooBroad(field, action string) string {
	a := strings.ToLower(strings.TrimSpace(action))
	segs := strings.Split(a, "/")
	last := segs[len(segs)-1]
	if field == "DataActions" {
		switch {
		case a == "*":
			return "every data-plane action of every service in scope"
		case len(segs) == 2 && last == "*":
			return "every data-plane action of the provider (" + segs[0] + ")"
		}
		return ""
	}
	switch {
	case a == "*":
		return "every control-plane action, role assignments and key listing included (Owner-equivalent)"
	case keyActionRE.MatchString(a):
		return "it reads or regenerates the service's keys, which undoes keyless auth"
	case strings.HasPrefix(a, "*/") && a != "*/read":
		return fmt.Sprintf("%s on every resource type in scope, key listing and regeneration included", strings.TrimPrefix(a, "*/"))
	case strings.HasPrefix(a, "microsoft.authorization/") && !strings.HasSuffix(a, "/read") && (strings.Contains(a, "*") ||
		strings.HasSuffix(a, "/roleassignments/write") || strings.HasSuffix(a, "/roledefinitions/write") || strings.HasSuffix(a, "/elevateaccess/action")):
		return "it can write role assignments or definitions, so the identity can grant itself any role"
	case last == "*" && len(segs) <= 3:
		return fmt.Sprintf("every action on %s, listKeys and regenerateKey included", strings.TrimSuffix(action, "/*"))
	}
	return ""
}
