package infra

// Check 2: keyless use needs a data-plane role for the app's identity;
// the least role follows from the operations the Go code performs.

import (
	"fmt"
	"slices"
	"strings"

	"github.com/keyless-dev/keyless/internal/report"
	"github.com/keyless-dev/keyless/internal/rules"
)

// leastRole picks the first role of s that covers every operation the Go
// code performs; ok is false when the code shows no operation of a
// service whose roles differ by operation.
func (c *checker) leastRole(s *rules.InfraService, sum *goSummary) (rules.Role, bool) {
	for _, ir := range s.Roles {
		covers := true
		for _, op := range sum.ops {
			if !slices.Contains(ir.Covers, op) {
				covers = false
			}
		}
		if covers {
			role, _ := c.cat.RoleByName(ir.Name)
			return role, len(sum.ops) > 0 || len(s.Operations) == 0
		}
	}
	role, _ := c.cat.RoleByName(s.Roles[len(s.Roles)-1].Name)
	return role, false
}

// dataRole is check 2.
func (c *checker) dataRole(r *Resource, s *rules.InfraService, sum *goSummary) {
	if len(s.Roles) == 0 {
		return
	}
	least, opsKnown := c.leastRole(s, sum)
	need := "the calls it makes"
	if len(sum.ops) > 0 {
		need = strings.Join(sum.ops, " and ")
	}
	var broader []*Assignment
	var rbacOnCosmos []*Assignment
	granted := false
	var grants []*Assignment // the data roles that do (part of) the job
	var others []*Assignment
	for _, a := range c.assigns {
		if !a.Covers(r) || !a.ForWorkload() || a.Role.Name == "" {
			continue
		}
		if c.principalOf(a) == principalOther {
			others = append(others, a) // an identity the app does not run as
			continue
		}
		if s.Data == rules.InfraDataCosmosSQL && !a.Cosmo {
			rbacOnCosmos = append(rbacOnCosmos, a)
			continue
		}
		if s.Data != rules.InfraDataCosmosSQL && a.Cosmo {
			continue
		}
		isBroader := slices.ContainsFunc(s.Broader, func(n string) bool { return strings.EqualFold(n, a.Role.Name) }) &&
			!strings.EqualFold(least.Name, a.Role.Name)
		if isBroader && (opsKnown || !slices.ContainsFunc(s.Roles, func(ir rules.InfraRole) bool { return strings.EqualFold(ir.Name, a.Role.Name) })) {
			broader = append(broader, a)
			continue
		}
		if slices.ContainsFunc(s.Roles, func(ir rules.InfraRole) bool { return strings.EqualFold(ir.Name, a.Role.Name) }) {
			granted = true // a data role that does the job
			grants = append(grants, a)
		}
	}
	if len(broader) > 0 {
		for _, a := range broader {
			if c.functionsHostStorage(r) {
				continue // the Functions host's own storage needs Blob Data Owner
			}
			at := sum.keyless[0]
			if len(sum.opUses) > 0 {
				at = sum.opUses[0]
			}
			msg := fmt.Sprintf("%s on %s grants far more than the Go code needs (%s at %s): assign %s (%s)",
				a.Role.Name, r.Symbol, need, c.where(at), least.Name, least.GUID)
			pos, end := a.Pos, Pos{}
			if a.RoleNode != nil {
				pos, end = a.RoleNode.Pos, a.RoleNode.End
			}
			c.add(a.File, RuleRoleBroader, pos, end, msg, swapFix(a, least))
		}
		return
	}
	if granted {
		if opsKnown {
			c.rolesCoverOps(r, s, sum, grants)
		}
		return
	}
	who := fmt.Sprintf("the Go code calls %s with a token credential (%s)", s.Name, c.where(sum.keyless[0]))
	if u := sum.keyless[0]; u.Via != "" {
		who = fmt.Sprintf("%s reaches %s keyless (%s)", u.Via, s.Name, c.where(u))
	}
	msg := fmt.Sprintf("%s, but no template assigns a data-plane role on %s; assign %s (%s) to the app's identity",
		who, r.Symbol, least.Name, least.GUID)
	if !opsKnown && len(s.Operations) > 0 {
		msg += fmt.Sprintf(" (the code shows no %s call: pick the narrowest role for what it does)", strings.Join(sortedKeys(s.Operations), "/"))
	}
	if s.Data == rules.InfraDataCosmosSQL {
		msg += " as a Cosmos DB SQL role assignment (sqlRoleAssignments / azurerm_cosmosdb_sql_role_assignment)"
		if len(rbacOnCosmos) > 0 {
			msg += fmt.Sprintf("; the Azure RBAC role %s gives no data access", rbacOnCosmos[0].Role.Name)
		}
	}
	if len(others) > 0 {
		msg += fmt.Sprintf("; %s is assigned to an identity no compute resource of these templates runs as", others[0].Role.Name)
	}
	c.missingRole(r, r.File, r.Pos, Pos{}, msg)
}

// missingRole reports a data role missing on r, hedged: it may be granted
// outside the templates, and when the templates declare no compute
// resource, which principal runs the code is unknown (a note, never a
// claimed 403).
func (c *checker) missingRole(r *Resource, f *File, pos, end Pos, msg string) {
	msg += ", unless it is granted outside these templates (scripts, portal)"
	fd := len(c.findings)
	c.add(f, RuleMissingDataRole, pos, end, msg, nil)
	if !c.identitiesOf(r.File.deployment()).compute && len(c.findings) > fd {
		c.findings[fd].Severity = rules.SeverityNote
		c.findings[fd].Message += "; the app's identity is not declared in these templates, so who needs the role is unknown"
	}
}

// rolesCoverOps reports the operations the Go code performs on r that
// none of the data roles granted there allows (a Receiver role for code
// that also sends): those calls fail with 403.
func (c *checker) rolesCoverOps(r *Resource, s *rules.InfraService, sum *goSummary, grants []*Assignment) {
	covered := map[string]bool{}
	var names []string
	for _, a := range grants {
		for _, ir := range s.Roles {
			if strings.EqualFold(ir.Name, a.Role.Name) {
				for _, op := range ir.Covers {
					covered[op] = true
				}
			}
		}
		if !slices.Contains(names, a.Role.Name) {
			names = append(names, a.Role.Name)
		}
	}
	var missing []string
	for _, op := range sum.ops {
		if !covered[op] {
			missing = append(missing, op)
		}
	}
	if len(missing) == 0 {
		return
	}
	role, ok := c.leastRole(s, &goSummary{ops: missing})
	if !ok {
		return
	}
	at := sum.keyless[0]
	for _, u := range sum.opUses {
		if slices.Contains(missing, u.Op) {
			at = u
			break
		}
	}
	msg := fmt.Sprintf("the Go code calls %s to %s (%s), but the data roles assigned on %s (%s) do not allow it; also assign %s (%s) to the app's identity",
		s.Name, strings.Join(missing, " and "), c.where(at), r.Symbol, strings.Join(names, ", "), role.Name, role.GUID)
	a := grants[0]
	pos, end := a.Pos, Pos{}
	if a.RoleNode != nil {
		pos, end = a.RoleNode.Pos, a.RoleNode.End
	}
	c.missingRole(r, a.File, pos, end, msg)
}

func sortedKeys(m map[string][]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// swapFix replaces the role GUID (or name) literal with the least role's.
func swapFix(a *Assignment, least rules.Role) *report.Fix {
	lit := a.Literal
	if lit == nil || !lit.Quoted || lit.End.Offset <= lit.Pos.Offset {
		return nil
	}
	src := string(a.File.Src[lit.Pos.Offset:lit.End.Offset])
	var repl string
	switch {
	case strings.Contains(strings.ToLower(src), strings.ToLower(a.Role.GUID)):
		i := strings.Index(strings.ToLower(src), strings.ToLower(a.Role.GUID))
		repl = src[:i] + least.GUID + src[i+len(a.Role.GUID):]
	case strings.Contains(src, a.Role.Name):
		repl = strings.Replace(src, a.Role.Name, least.Name, 1)
	default:
		return nil
	}
	return &report.Fix{Message: "assign " + least.Name + " instead of " + a.Role.Name,
		Edits: []report.Edit{edit(a.File, lit.Pos, lit.End, repl)}}
}

// functionsHostStorage reports whether storage account r is a Functions
// app's host storage (AzureWebJobsStorage): it needs Blob Data Owner.
func (c *checker) functionsHostStorage(r *Resource) bool {
	if !strings.EqualFold(r.Type, "Microsoft.Storage/storageAccounts") {
		return false
	}
	for _, f := range c.repo.Files {
		for _, app := range f.Resources {
			if !app.isFunctionApp() {
				continue
			}
			found := false
			app.Body.Walk(func(n *Node) {
				for _, ref := range n.Refs {
					if ref == r.Symbol || strings.HasPrefix(ref, r.Symbol+".") {
						found = true
					}
				}
			})
			if found {
				return true
			}
		}
	}
	return false
}
