package broadrole

import (
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
						assignableRootMessage(name), nil)
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
					permissionMessage(field, s, why), nil)
			}
		}
	}
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
			return "every data action in scope"
		case len(segs) == 2 && last == "*":
			return "every data action of the provider"
		}
		return ""
	}
	switch {
	case a == "*":
		return "every action, role assignments and keys included"
	case keyActionRE.MatchString(a):
		return "it reads or regenerates the keys"
	case strings.HasPrefix(a, "*/") && a != "*/read":
		return "on every resource type, keys included"
	case strings.HasPrefix(a, "microsoft.authorization/") && !strings.HasSuffix(a, "/read") && (strings.Contains(a, "*") ||
		strings.HasSuffix(a, "/roleassignments/write") || strings.HasSuffix(a, "/roledefinitions/write") || strings.HasSuffix(a, "/elevateaccess/action")):
		return "the identity can grant itself any role"
	case last == "*" && len(segs) <= 3:
		return "every action of the provider, keys included"
	}
	return ""
}
