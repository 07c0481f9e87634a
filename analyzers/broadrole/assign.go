package broadrole

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/keyless-dev/keyless/analyzers/internal/constval"
	"github.com/keyless-dev/keyless/internal/rules"
)

// props is a role assignment's properties as the code builds them: a
// composite literal and/or variables whose fields are assigned later.
type props struct {
	lit   *ast.CompositeLit
	en    *constval.Env // environment of lit
	roots []root
}

// root is a variable such that root.path.<Field> = v sets a property.
type root struct {
	obj  types.Object
	path []string
	en   *constval.Env
}

// field returns a property's value expression and its environment: the
// last field assignment, else the literal's field.
func (c *checker) field(p props, name string) (ast.Expr, *constval.Env) {
	var e ast.Expr
	var en *constval.Env
	if p.lit != nil {
		if x, ok := c.res.Fields(p.lit)[name]; ok {
			e, en = x, p.en
		}
	}
	for _, r := range p.roots {
		if vs := c.ix.FieldValues(r.obj, append(append([]string{}, r.path...), name)...); len(vs) > 0 {
			e, en = vs[len(vs)-1], r.en
		}
	}
	return e, en
}

// markSeen records the literal and field assignments of p as checked.
func (c *checker) markSeen(p props) {
	if p.lit != nil {
		c.seenLits[p.lit] = true
	}
	for _, r := range p.roots {
		for _, fs := range c.ix.FieldSets() {
			if fs.Root == r.obj && len(fs.Path) == len(r.path)+1 && slices.Equal(fs.Path[:len(r.path)], r.path) {
				c.seenSets[fs.Sel] = true
			}
		}
	}
}

// propsOf follows the parameters argument of an assignment call
// (RoleAssignmentCreateParameters or a PIM request) to its Properties.
func (c *checker) propsOf(params ast.Expr, en *constval.Env) props {
	var p props
	if r := c.res.Root(params); r != nil {
		p.roots = append(p.roots, root{obj: r, path: []string{"Properties"}, en: en})
	}
	outer, oen := c.res.CompositeLit(params, en)
	if outer == nil {
		return p
	}
	if r := c.ix.VarOf(outer); r != nil && r != c.res.Root(params) {
		p.roots = append(p.roots, root{obj: r, path: []string{"Properties"}, en: oen})
	}
	pe, ok := c.res.Fields(outer)["Properties"]
	if !ok {
		return p
	}
	if r := c.res.Root(pe); r != nil {
		p.roots = append(p.roots, root{obj: r, en: oen})
	}
	p.lit, p.en = c.res.CompositeLit(pe, oen)
	if p.lit != nil {
		if r := c.ix.VarOf(p.lit); r != nil && r != c.res.Root(pe) {
			p.roots = append(p.roots, root{obj: r, en: p.en})
		}
	}
	return p
}

func (c *checker) checkAssignCall(call *ast.CallExpr, kind callKind) {
	var scopeArg, paramsArg ast.Expr
	switch kind {
	case callAssign, callPIMAssign, callPIMEligible:
		if len(call.Args) < 4 {
			return
		}
		scopeArg, paramsArg = call.Args[1], call.Args[3]
	case callAssignByID:
		if len(call.Args) < 3 {
			return
		}
		scopeArg, paramsArg = call.Args[1], call.Args[2]
	}
	for _, en := range c.ix.Contexts(c.ix.Enclosing(call.Pos())) {
		p := c.propsOf(paramsArg, en)
		c.markSeen(p)
		c.checkAssignment(p, kind, scopeArg, en)
	}
}

// checkAssignLit checks role-assignment properties built where no call
// shows the scope (a helper returning them, a struct kept for later).
func (c *checker) checkAssignLit(lit *ast.CompositeLit) {
	kind := propsKind(c.pass.TypesInfo.TypeOf(lit))
	for _, en := range c.ix.Contexts(c.ix.Enclosing(lit.Pos())) {
		p := props{lit: lit, en: en}
		if r := c.ix.VarOf(lit); r != nil {
			p.roots = append(p.roots, root{obj: r, en: en})
		}
		c.markSeen(p)
		c.checkAssignment(p, kind, nil, en)
	}
}

// checkAssignFieldSet checks x.RoleDefinitionID = v outside any literal
// or call already checked.
func (c *checker) checkAssignFieldSet(fs constval.FieldSet) {
	kind := propsKind(c.pass.TypesInfo.TypeOf(fs.Sel.X))
	for _, en := range c.ix.Contexts(c.ix.Enclosing(fs.Sel.Pos())) {
		p := props{roots: []root{{obj: fs.Root, path: fs.Path[:len(fs.Path)-1], en: en}}}
		if len(fs.Path) == 1 {
			if x, ok := c.ix.Single(fs.Root); ok {
				p.lit, p.en = c.res.CompositeLit(x, en)
			}
		}
		c.markSeen(p)
		c.checkAssignment(p, kind, nil, en)
	}
}

func propsKind(t types.Type) callKind {
	switch {
	case namedIn(t, authPkgs, "RoleAssignmentScheduleRequestProperties"):
		return callPIMAssign
	case namedIn(t, authPkgs, "RoleEligibilityScheduleRequestProperties"):
		return callPIMEligible
	}
	return callNone
}

// checkAssignment reports the role and, for RoleAssignmentsClient calls,
// the scope of one role assignment in one context.
func (c *checker) checkAssignment(p props, kind callKind, scopeArg ast.Expr, en *constval.Env) {
	if kind == callPIMAssign || kind == callPIMEligible {
		if rt, rten := c.field(p, "RequestType"); rt != nil {
			s := strings.ToLower(c.res.String(rt, rten).String())
			if strings.Contains(s, "remove") || strings.Contains(s, "deactivate") {
				return // taking a role away is never too broad
			}
		}
	}
	roleExpr, ren := c.field(p, "RoleDefinitionID")
	var role constval.Value
	var roleStr string
	if roleExpr != nil {
		role = c.res.String(roleExpr, ren)
		roleStr = role.String()
	}

	// Scope: the call's argument, else the role definition ID's own.
	var scope constval.Value
	var scopeStr string
	sk, rtype := scopeUnknown, ""
	if scopeArg != nil {
		scope = c.res.String(scopeArg, en)
		scopeStr = scope.String()
		if kind == callAssignByID {
			var ok bool
			if scopeStr, ok = assignmentScope(scopeStr); !ok {
				scopeStr = constval.Unknown
			}
		}
		sk, rtype = classifyScope(scopeStr)
	}
	if rtype == "" && roleStr != "" {
		_, rtype = classifyScope(roleDefScope(roleStr))
	}

	var r *rules.Role
	if roleExpr != nil {
		if guid, off, ok := roleGUID(roleStr); ok {
			r = c.roles.byGUID[strings.ToLower(guid)]
			if r != nil {
				c.reportRole(p, kind, r, guid, role.Slice(off, off+len(guid)), roleExpr, rtype)
			}
		}
	}

	if r != nil && r.Class == rules.RoleReadOnly && sk == scopeSubscription {
		return // Reader for a monitoring principal: deliberate, not broad
	}
	if (kind == callAssign || kind == callAssignByID) && (sk == scopeRoot || sk == scopeManagementGroup || sk == scopeSubscription) {
		if pt, pten := c.field(p, "PrincipalType"); pt != nil && !c.res.IsNil(pt) {
			if humanPrincipals[strings.ToLower(c.res.String(pt, pten).String())] {
				return
			}
		}
		what := "the role"
		if r != nil {
			what = r.Name
		} else if guid, _, ok := roleGUID(roleStr); ok {
			what = "role " + guid
		}
		c.reportScope(what, sk, scope, scopeArg)
	}
}

// conditionSet reports whether an assignment carries a non-empty ABAC
// Condition (an unknown value counts as set).
func (c *checker) conditionSet(p props) bool {
	e, en := c.field(p, "Condition")
	if e == nil || c.res.IsNil(e) {
		return false
	}
	return c.res.String(e, en).String() != ""
}

func (c *checker) reportRole(p props, kind callKind, r *rules.Role, guid string, gp constval.Value, roleExpr ast.Expr, rtype string) {
	rule := roleRules[r.Class]
	if rule == "" {
		return
	}
	cond := c.conditionSet(p)
	if r.Class == rules.RoleRBACAdmin && cond {
		return
	}
	var at ast.Node = roleExpr
	if len(gp) == 1 && gp[0].At != nil {
		at = gp[0].At
	}
	msg := roleMessage(r, kindPhrase(kind), cond, c.suggestion(r, rtype))
	c.out.add(rule, at, msg, c.swapFix(r, guid, gp, rtype))
}

func kindPhrase(kind callKind) string {
	switch kind {
	case callPIMAssign:
		return "in a PIM assignment request"
	case callPIMEligible:
		return "in a PIM eligibility request"
	case callListDefs:
		return "looked up by name"
	}
	return "in a role assignment"
}

// suggestion names the least-privilege role(s) for the scope's resource
// type, else the role's catalog advice.
func (c *checker) suggestion(r *rules.Role, rtype string) string {
	if r.Class == rules.RoleAccessAdmin || r.Class == rules.RoleRBACAdmin || rtype == "" {
		return r.Instead
	}
	cands, swap := c.roles.forResource(rtype)
	if swap != nil {
		return swap.Name
	}
	if len(cands) == 0 {
		return r.Instead
	}
	if len(cands) == 1 {
		return cands[0].Name
	}
	return either(cands[0].Name, cands[1].Name)
}

// either renders two role names as alternatives, their common prefix
// once: "Storage Blob Data Reader or Contributor".
func either(a, b string) string {
	wa, wb := strings.Fields(a), strings.Fields(b)
	i := 0
	for i < len(wa)-1 && i < len(wb)-1 && wa[i] == wb[i] {
		i++
	}
	return a + " or " + strings.Join(wb[i:], " ")
}

// swapFix replaces the role GUID by the swap target of the scope's
// resource type, when the GUID is written in exactly one string literal
// that only this assignment reaches.
func (c *checker) swapFix(r *rules.Role, guid string, gp constval.Value, rtype string) *analysis.SuggestedFix {
	switch r.Class {
	case rules.RoleOwner, rules.RoleBroad, rules.RoleKeyReader:
	default:
		return nil
	}
	if rtype == "" || len(gp) != 1 || gp[0].Lit == nil {
		return nil
	}
	_, swap := c.roles.forResource(rtype)
	if swap == nil || strings.EqualFold(swap.GUID, guid) {
		return nil
	}
	pc := gp[0]
	for _, obj := range pc.Via {
		if c.ix.Uses(obj) != 1 || constval.PackageLevel(obj) && obj.Exported() {
			return nil
		}
	}
	if pc.Off+len(guid) > len(pc.Lit.Value) || pc.Lit.Value[pc.Off:pc.Off+len(guid)] != guid {
		return nil
	}
	repl := strings.ToLower(swap.GUID)
	if guid == strings.ToUpper(guid) {
		repl = strings.ToUpper(repl)
	}
	pos := pc.Lit.Pos() + token.Pos(pc.Off)
	return &analysis.SuggestedFix{
		Message: fmt.Sprintf("Assign %s (%s) instead of %s", swap.Name, strings.ToLower(swap.GUID), r.Name),
		TextEdits: []analysis.TextEdit{{
			Pos: pos, End: pos + token.Pos(len(guid)), NewText: []byte(repl),
		}},
	}
}

// reportScope reports an assignment at subscription, management-group or
// root scope.
func (c *checker) reportScope(what string, sk scopeKind, scope constval.Value, scopeArg ast.Expr) {
	var at ast.Node = scopeArg
	for _, p := range scope {
		if p.At != nil && !p.Unknown() {
			at = p.At
			break
		}
	}
	c.out.add(ruleBroadScope, at, scopeMessage(what, sk), nil)
}

var roleNameFilterRE = regexp.MustCompile(`(?i)roleName\s+eq\s+'([^']+)'`)

// checkRoleLookup reports RoleDefinitionsClient.NewListPager(scope,
// &RoleDefinitionsClientListOptions{Filter: "roleName eq 'Contributor'"}).
func (c *checker) checkRoleLookup(call *ast.CallExpr) {
	if len(call.Args) < 2 {
		return
	}
	for _, en := range c.ix.Contexts(c.ix.Enclosing(call.Pos())) {
		lit, lenv := c.res.CompositeLit(call.Args[1], en)
		if lit == nil {
			continue
		}
		fe, ok := c.res.Fields(lit)["Filter"]
		if !ok {
			continue
		}
		v := c.res.String(fe, lenv)
		s := v.String()
		m := roleNameFilterRE.FindStringSubmatchIndex(s)
		if m == nil {
			continue
		}
		r := c.roles.byName[strings.ToLower(s[m[2]:m[3]])]
		if r == nil || roleRules[r.Class] == "" || r.Class == rules.RoleRBACAdmin {
			// An RBAC Administrator lookup says nothing about the
			// Condition of the assignment made with it.
			continue
		}
		var at ast.Node = fe
		if np := v.Slice(m[2], m[3]); len(np) == 1 && np[0].At != nil {
			at = np[0].At
		}
		c.out.add(roleRules[r.Class], at, roleMessage(r, kindPhrase(callListDefs), false, r.Instead), nil)
	}
}
