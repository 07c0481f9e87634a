package infra

import (
	"regexp"
	"strings"

	"github.com/keyless-dev/keyless/internal/rules"
)

// Assignment is a role assignment found in a template: Azure RBAC
// (roleAssignments, azurerm_role_assignment, an AVM module's
// roleAssignments entry) or a Cosmos DB SQL role assignment.
type Assignment struct {
	File  *File
	Pos   Pos
	Cosmo bool // Cosmos DB SQL role assignment (data plane), not Azure RBAC

	Role     rules.Role // zero when unresolved
	RoleNode *Node      // the role reference as written
	// Literal is the string literal holding the role GUID or name, when
	// it is written in the assignment itself (a fix can swap it).
	Literal *Node

	PrincipalType string // "ServicePrincipal", "User", … ("" unknown)
	Principal     *Node
	Condition     bool // has an ABAC condition

	// ScopeRefs are the symbols the scope (or parent) references; Module
	// is the module call the entry belongs to. AllScope is set when the
	// scope is the resource group or above (or unknown).
	ScopeRefs []string
	ScopeText string
	Module    *Resource
	AllScope  bool
}

var guidRE = regexp.MustCompile(`[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`)

// Assignments lists the role assignments of every file of repo.
func (repo *Repo) Assignments(cat *rules.Catalog) []*Assignment {
	var out []*Assignment
	for _, f := range repo.Files {
		for _, r := range f.Resources {
			out = append(out, resourceAssignments(r, cat)...)
		}
	}
	return out
}

func resourceAssignments(r *Resource, cat *rules.Catalog) []*Assignment {
	if r.Existing {
		return nil
	}
	f := r.File
	switch {
	case r.Module != "":
		return moduleAssignments(r, cat)
	case r.TFType == "azurerm_role_assignment" || r.TFType == "azurerm_cosmosdb_sql_role_assignment":
		a := &Assignment{File: f, Pos: r.Pos, Cosmo: r.TFType == "azurerm_cosmosdb_sql_role_assignment"}
		a.RoleNode = r.Body.Get("role_definition_name")
		if a.RoleNode == nil {
			a.RoleNode = r.Body.Get("role_definition_id")
		}
		a.PrincipalType = r.Body.Get("principal_type").Text()
		a.Principal = r.Body.Get("principal_id")
		a.Condition = r.Body.Get("condition") != nil
		scope := r.Body.Get("scope")
		if a.Cosmo {
			scope = r.Body.Get("account_name")
		}
		a.setScope(scope)
		return a.perRole(r, cat)
	case r.TFType == "":
		props := r.Body.Get("properties")
		switch {
		case strings.EqualFold(r.Type, "Microsoft.Authorization/roleAssignments"),
			strings.HasSuffix(strings.ToLower(r.Type), "/providers/roleassignments"):
			a := &Assignment{File: f, Pos: r.Pos}
			a.RoleNode = props.Get("roleDefinitionId")
			a.PrincipalType = props.Get("principalType").Text()
			a.Principal = props.Get("principalId")
			a.Condition = props.Get("condition") != nil
			a.setScope(r.Body.Get("scope"))
			return a.perRole(r, cat)
		case strings.EqualFold(r.Type, "Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments"):
			a := &Assignment{File: f, Pos: r.Pos, Cosmo: true}
			a.RoleNode = props.Get("roleDefinitionId")
			a.Principal = props.Get("principalId")
			a.setScope(r.Body.Get("parent"))
			if len(a.ScopeRefs) == 0 {
				a.AllScope = true // child by name: any account of the file
			}
			a.resolveRole(cat)
			return []*Assignment{a}
		}
	}
	return nil
}

// perRole resolves a's role, one assignment per role when r is a loop
// over several (see loopRoles).
func (a *Assignment) perRole(r *Resource, cat *rules.Catalog) []*Assignment {
	roles := loopRoles(r, a.RoleNode)
	if len(roles) == 0 {
		a.resolveRole(cat)
		return []*Assignment{a}
	}
	out := make([]*Assignment, 0, len(roles))
	for _, role := range roles {
		b := *a
		b.RoleNode = role
		b.resolveRole(cat)
		out = append(out, &b)
	}
	return out
}

// moduleAssignments reads an AVM module's roleAssignments entries and
// Cosmos DB sqlRoleAssignmentsPrincipalIds.
func moduleAssignments(r *Resource, cat *rules.Catalog) []*Assignment {
	params := r.Body.Get("params")
	if a := roleModule(r, params, cat); a != nil {
		return []*Assignment{a}
	}
	var mod *rules.InfraModule
	for i := range cat.Infra.Modules {
		if cat.Infra.Modules[i].Path == r.Module {
			mod = &cat.Infra.Modules[i]
		}
	}
	if mod == nil {
		return nil
	}
	var out []*Assignment
	if mod.RoleAssignmentsParam != "" {
		if ras := params.Get(mod.RoleAssignmentsParam); ras != nil {
			for _, it := range ras.Items {
				it = unwrapLoop(it)
				a := &Assignment{File: r.File, Pos: it.Pos, Module: r}
				a.RoleNode = it.Get("roleDefinitionIdOrName")
				a.PrincipalType = it.Get("principalType").Text()
				a.Principal = it.Get("principalId")
				a.Condition = it.Get("condition") != nil
				a.resolveRole(cat)
				out = append(out, a)
			}
		}
	}
	if mod.SQLRoleAssignmentsParam != "" {
		if ras := params.Get(mod.SQLRoleAssignmentsParam); ras != nil {
			for _, it := range ras.Items {
				it = unwrapLoop(it)
				a := &Assignment{File: r.File, Pos: it.Pos, Module: r, Cosmo: true}
				a.RoleNode = it.Get("roleDefinitionId")
				a.Principal = it.Get("principalId")
				a.resolveRole(cat)
				out = append(out, a)
			}
		}
	}
	if mod.SQLPrincipalIDsParam != "" {
		if ids := params.Get(mod.SQLPrincipalIDsParam); ids != nil && (ids.Kind != Array || len(ids.Items) > 0) {
			a := &Assignment{File: r.File, Pos: ids.Pos, Module: r, Cosmo: true, Principal: ids}
			// The module assigns Cosmos DB Built-in Data Contributor.
			a.Role, _ = cat.RoleByGUID("00000000-0000-0000-0000-000000000002")
			out = append(out, a)
		}
	}
	return out
}

// roleModule recognises a module call that deploys one role assignment by
// its parameters (azd's core/security/role.bicep, AVM's
// ptn/authorization/resource-role-assignment and res/authorization/
// role-assignment): roleDefinitionId (or roleDefinitionIdOrName) and
// principalId. Its scope is the resource its resourceId parameter names,
// else the resource group the module deploys to.
func roleModule(r *Resource, params *Node, cat *rules.Catalog) *Assignment {
	role := params.Get("roleDefinitionId")
	if role == nil {
		role = params.Get("roleDefinitionIdOrName")
	}
	if role == nil || params.Get("principalId") == nil {
		return nil
	}
	a := &Assignment{File: r.File, Pos: r.Pos, RoleNode: role, Principal: params.Get("principalId")}
	a.PrincipalType = params.Get("principalType").Text()
	a.Condition = params.Get("condition") != nil
	if rid := params.Get("resourceId"); rid != nil {
		a.setScope(rid)
	} else {
		a.AllScope = true
	}
	a.resolveRole(cat)
	return a
}

func (a *Assignment) setScope(n *Node) {
	if n == nil {
		a.AllScope = true // deployed at the template's scope: the resource group (or above)
		return
	}
	a.ScopeText = n.Text()
	for _, c := range n.Calls {
		if c == "resourceGroup" || c == "subscription" || c == "managementGroup" || c == "tenant" {
			a.AllScope = true
		}
	}
	for _, ref := range n.Refs {
		if strings.HasPrefix(ref, "azurerm_resource_group.") || strings.HasPrefix(ref, "data.azurerm_resource_group.") ||
			strings.HasPrefix(ref, "data.azurerm_subscription.") {
			a.AllScope = true
		}
	}
	a.ScopeRefs = n.Refs
	if n.Kind == String {
		a.ScopeText = n.Str
	}
}

// resolveRole finds the role the assignment's role reference names: a
// GUID anywhere in it (a bare GUID, subscriptionResourceId(…, '<guid>'),
// /providers/Microsoft.Authorization/roleDefinitions/<guid>) or a role
// name (AVM, role_definition_name), directly or through a var/param.
func (a *Assignment) resolveRole(cat *rules.Catalog) {
	n := a.RoleNode
	if n == nil {
		return
	}
	try := func(lit *Node, direct bool) bool {
		s := lit.Str
		if g := guidRE.FindAllString(s, -1); len(g) > 0 {
			if role, ok := cat.RoleByGUID(g[len(g)-1]); ok {
				a.Role = role
				if direct && lit.Quoted {
					a.Literal = lit
				}
				return true
			}
			return false
		}
		if role, ok := cat.RoleByName(s); ok {
			a.Role = role
			if direct && lit.Quoted {
				a.Literal = lit
			}
			return true
		}
		return false
	}
	switch n.Kind {
	case String:
		if try(n, true) {
			return
		}
	case Expr:
		for _, s := range n.Strings {
			if try(s, true) {
				return
			}
		}
		// Through a symbol: Bicep var/param (roles.openAIUser too), ARM
		// variables('x') / parameters('x'), Terraform var.x / local.x.
		for _, ref := range n.Refs {
			if v := a.File.lookup(ref); v != nil && try(v, false) {
				return
			}
		}
		for _, s := range n.Strings {
			v := a.File.Symbols[s.Str]
			if v == nil {
				continue
			}
			if v.Kind == String && try(v, false) {
				return
			}
			for _, vs := range v.Strings { // variables('x') holding an expression
				if try(vs, false) {
					return
				}
			}
		}
		if g := guidRE.FindAllString(n.Str, -1); len(g) > 0 {
			if role, ok := cat.RoleByGUID(g[len(g)-1]); ok {
				a.Role = role
			}
		}
	}
}

// lookup resolves a dotted reference to a symbol's literal value
// ("roles.openAIUser" -> the openAIUser field of var roles).
func (f *File) lookup(ref string) *Node {
	if v, ok := f.Symbols[ref]; ok && v.Kind == String {
		return v
	}
	head, rest, _ := strings.Cut(ref, ".")
	v := f.Symbols[head]
	if v == nil {
		return nil
	}
	if rest == "" {
		if v.Kind == String {
			return v
		}
		return nil
	}
	if n := v.Get(rest); n != nil && n.Kind == String {
		return n
	}
	return nil
}

// Covers reports whether the assignment's scope includes resource r.
func (a *Assignment) Covers(r *Resource) bool {
	if a.Module != nil {
		return a.Module == r
	}
	// Bicep and ARM symbols are file-local; a Terraform module is its
	// directory; a deployment (and its resource-group scope) is one
	// directory's templates with the local modules they call.
	if a.File.deployment() != r.File.deployment() || (a.File.Format != FormatTerraform && a.File != r.File && !a.AllScope) {
		return false
	}
	if a.AllScope {
		return true
	}
	for _, ref := range a.ScopeRefs {
		if ref == r.Symbol || strings.HasPrefix(ref, r.Symbol+".") {
			return true
		}
	}
	// ARM: scope "[resourceId('Microsoft.X/y', …)]" names the type.
	if r.File.Format == FormatARM && r.Type != "" && strings.Contains(strings.ToLower(a.ScopeText), strings.ToLower(r.Type)) {
		return true
	}
	return false
}

// ForWorkload reports whether the principal may be a workload identity
// (a service principal or unknown), not a user or group.
func (a *Assignment) ForWorkload() bool {
	switch strings.ToLower(a.PrincipalType) {
	case "user", "group", "foreigngroup", "device":
		return false
	}
	return true
}
