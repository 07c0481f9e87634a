package infra

import (
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/keyless-dev/keyless/internal/report"
	"github.com/keyless-dev/keyless/internal/rules"
)

// Rule ids of keyless infra (documented under checks: in rules.yaml).
const (
	RuleLocalAuthOffKeyInCode = "infra/local-auth-off-key-in-code"
	RuleLocalAuthLeftOn       = "infra/local-auth-left-on"
	RuleMissingDataRole       = "infra/missing-data-role"
	RuleRoleBroader           = "infra/role-broader-than-needed"
	RuleKeyLeaves             = "infra/key-leaves-template"
	RuleBroadRole             = "infra/broad-role"
	RuleNoEntraDataPlane      = "infra/no-entra-data-plane"
)

// Rules lists every infra rule id.
var Rules = []string{RuleLocalAuthOffKeyInCode, RuleLocalAuthLeftOn, RuleMissingDataRole, RuleRoleBroader, RuleKeyLeaves, RuleBroadRole, RuleNoEntraDataPlane}

// Facts is what the checks know about the Go code.
type Facts struct {
	// Analyzed is false when no Go code was analyzed (no module, or
	// -go=false): only the template-only checks (3, 4) run.
	Analyzed bool
	Uses     []GoUse
	// Rel makes a Go file name relative for messages.
	Rel func(string) string
}

// checker is one run of the checks.
type checker struct {
	repo     *Repo
	cat      *rules.Catalog
	facts    Facts
	assigns  []*Assignment
	findings []report.Finding
	seen     map[string]bool
	ids      map[string]*identities // by directory
	tuses    []templateUse          // nil until computed
	tusesSet bool
}

// Check runs every infra check and returns the findings, suppression
// applied (keyless:ignore comments in the template) and disabled rules
// dropped.
func Check(repo *Repo, facts Facts, cat *rules.Catalog) []report.Finding {
	if facts.Rel == nil {
		facts.Rel = func(s string) string { return s }
	}
	c := &checker{repo: repo, cat: cat, facts: facts, assigns: repo.Assignments(cat), seen: map[string]bool{}}
	if facts.Analyzed {
		c.services()
	}
	c.leaks()
	c.broadRoles()
	report.Sort(c.findings)
	return c.findings
}

// add records a finding at n (or pos) of file f.
func (c *checker) add(f *File, rule string, pos, end Pos, msg string, fix *report.Fix) {
	if !c.cat.Enabled(rule) {
		return
	}
	k := fmt.Sprintf("%s\x00%s\x00%d", rule, f.Path, pos.Offset)
	if c.seen[k] {
		return // one expression reached twice (a nested deployment's output)
	}
	c.seen[k] = true
	sev := rules.SeverityWarning
	if d, ok := c.cat.Lookup(rule); ok {
		sev = d.Severity
	}
	fd := report.Finding{
		RuleID: rule, Severity: sev, Message: msg,
		Path: f.Path, Line: pos.Line, Column: pos.Col,
		Fix: fix,
	}
	if end.Line > 0 {
		fd.EndLine, fd.EndColumn = end.Line, end.Col
	}
	fd.Fingerprint = report.Fingerprint(rule, f.Path, report.NormalizeLine(lineText(f.Src, pos.Offset)))
	if d, ok := f.Ignored(pos.Line, rule); ok {
		fd.Suppression = &report.Suppression{Kind: "inSource", Justification: d.Reason}
	}
	c.findings = append(c.findings, fd)
}

func lineText(src []byte, off int) string {
	start := off
	for start > 0 && src[start-1] != '\n' {
		start--
	}
	end := off
	for end < len(src) && src[end] != '\n' {
		end++
	}
	return string(src[start:end])
}

// goSummary is the Go code's use of one service.
type goSummary struct {
	keyless, key, keyAccepted []GoUse
	ops                       []string
	opUses                    []GoUse // first use of each operation
}

// summaries sums up the uses of each service by the Go code, plus (for
// resource r) the Functions identity-based connections that name r.
func (c *checker) summaries(r *Resource) map[string]*goSummary {
	m := map[string]*goSummary{}
	get := func(id string) *goSummary {
		if m[id] == nil {
			m[id] = &goSummary{}
		}
		return m[id]
	}
	uses := c.facts.Uses
	for _, tu := range c.templateUses() {
		if tu.resource == r {
			uses = append(uses, tu.GoUse)
		}
	}
	for _, u := range uses {
		switch u.Kind {
		case UseKeyless:
			get(u.Service).keyless = append(get(u.Service).keyless, u)
		case UseKey:
			if u.Suppressed {
				get(u.Service).keyAccepted = append(get(u.Service).keyAccepted, u)
			} else {
				get(u.Service).key = append(get(u.Service).key, u)
			}
		case UseOp:
			s := get(u.Service)
			if !slices.Contains(s.ops, u.Op) {
				s.ops = append(s.ops, u.Op)
				s.opUses = append(s.opUses, u)
			}
		}
	}
	return m
}

func (c *checker) where(u GoUse) string { return fmt.Sprintf("%s:%d", c.facts.Rel(u.File), u.Line) }

// services runs checks 1 and 2: local auth and data-plane roles against
// what the Go code does.
func (c *checker) services() {
	var mongo []GoUse
	for _, u := range c.facts.Uses {
		if u.Kind == UseMongo {
			mongo = append(mongo, u)
		}
	}
	for _, f := range c.repo.Files {
		for _, r := range f.Resources {
			if r.Existing || r.Type == "" {
				continue
			}
			if isMongo(r) {
				if len(mongo) > 0 {
					c.add(f, RuleNoEntraDataPlane, r.Pos, Pos{}, fmt.Sprintf(
						"%s is a Cosmos DB for MongoDB (RU) account, which has no Entra ID data plane; the Mongo driver used at %s needs its connection string: keep it in Key Vault behind the app's identity (not fixable keyless)",
						r.Symbol, c.where(mongo[0])), nil)
				}
				continue
			}
			for i := range c.cat.Infra.Services {
				s := &c.cat.Infra.Services[i]
				if !strings.EqualFold(s.ResourceType, r.Type) {
					continue
				}
				sum := c.summaries(r)[s.ID]
				if sum == nil {
					continue
				}
				c.localAuth(r, s, sum)
				if len(sum.keyless) > 0 {
					c.dataRole(r, s, sum)
				}
			}
		}
	}
}

// templateUse is a keyless use of a service declared by the templates
// themselves: a Functions app setting for an identity-based connection
// (<Name>__fullyQualifiedNamespace, __accountName, __blobServiceUri,
// __accountEndpoint, …) whose value references resource.
type templateUse struct {
	GoUse
	resource *Resource
}

// templateUses finds the identity-based connections of Functions apps:
// the Functions host (and a Go custom handler's bindings) reach those
// resources keyless, without a Go client.
func (c *checker) templateUses() []templateUse {
	if c.tusesSet {
		return c.tuses
	}
	c.tusesSet = true
	for _, f := range c.repo.Files {
		for _, app := range f.Resources {
			isFunc := strings.Contains(strings.ToLower(app.Body.Get("kind").Text()), "functionapp") ||
				strings.HasSuffix(app.TFType, "_function_app")
			if !isFunc {
				continue
			}
			app.Body.Walk(func(n *Node) {
				var settings []*Field
				if name := n.Get("name"); name != nil && n.Get("value") != nil {
					settings = append(settings, &Field{Key: name.Str, Value: n.Get("value")})
				}
				if n.Kind == Object {
					for _, fl := range n.Fields {
						if strings.Contains(fl.Key, "__") {
							settings = append(settings, fl)
						}
					}
				}
				for _, st := range settings {
					if !strings.Contains(st.Key, "__") || strings.HasPrefix(st.Key, "AzureWebJobsStorage") {
						continue // the host's own storage is covered by the host
					}
					for _, ref := range st.Value.Refs {
						target := c.resourceBySymbol(f, ref)
						if target == nil {
							continue
						}
						for _, s := range c.cat.Infra.Services {
							if strings.EqualFold(s.ResourceType, target.Type) {
								conn, _, _ := strings.Cut(st.Key, "__")
								c.tuses = append(c.tuses, templateUse{GoUse{Service: s.ID, Kind: UseKeyless,
									File: f.Path, Line: st.Value.Pos.Line,
									Via: fmt.Sprintf("Functions app %s's identity-based connection %s", app.Symbol, conn)}, target})
								break
							}
						}
					}
				}
			})
		}
	}
	return c.tuses
}

// resourceBySymbol resolves a reference ("bus.name",
// "azurerm_servicebus_namespace.bus.name") to a resource of f's directory.
func (c *checker) resourceBySymbol(f *File, ref string) *Resource {
	for _, g := range c.repo.Files {
		if path.Dir(g.Path) != path.Dir(f.Path) || (g != f && f.Format != FormatTerraform) {
			continue
		}
		for _, r := range g.Resources {
			if !r.Existing && r.Symbol != "" && (ref == r.Symbol || strings.HasPrefix(ref, r.Symbol+".")) {
				return r
			}
		}
	}
	return nil
}

func isMongo(r *Resource) bool {
	if !strings.EqualFold(r.Type, "Microsoft.DocumentDB/databaseAccounts") {
		return false
	}
	kind := r.Body.Get("kind")
	if r.Module != "" {
		kind = r.Body.Get("params.kind")
	}
	return kind != nil && strings.EqualFold(kind.Text(), "MongoDB")
}

// authState is a resource's local-auth switch as written.
type authState struct {
	off     bool
	node    *Node  // the value as written; nil when absent
	how     string // "disableLocalAuth: true", "assumed module default …"
	assumed bool
}

func (c *checker) authOf(r *Resource, s *rules.InfraService) (authState, bool) {
	la := s.LocalAuth
	if la.Property == "" {
		return authState{}, false
	}
	var st authState
	switch {
	case r.Module != "":
		var mod *rules.InfraModule
		for i := range c.cat.Infra.Modules {
			if c.cat.Infra.Modules[i].Path == r.Module {
				mod = &c.cat.Infra.Modules[i]
			}
		}
		if mod == nil || mod.LocalAuthParam == "" {
			return authState{}, false
		}
		params := r.Body.Get("params")
		st.node = params.Get(mod.LocalAuthParam)
		if st.node == nil {
			applies := mod.DefaultWhen == "" || nonEmpty(params.Get(mod.DefaultWhen))
			if mod.LocalAuthDefault == nil || !applies {
				return authState{off: la.DefaultDisabled, how: "not set"}, true
			}
			st.off = *mod.LocalAuthDefault == la.DisabledWhen
			st.assumed = true
			st.how = fmt.Sprintf("%s: %t (assumed module default of %s %s)", mod.LocalAuthParam, *mod.LocalAuthDefault, mod.Path, mod.Versions)
			return st, true
		}
		v, ok := r.File.boolValue(st.node)
		if !ok {
			return authState{}, false
		}
		st.off = v == la.DisabledWhen
		st.how = fmt.Sprintf("%s: %t", mod.LocalAuthParam, v)
		return st, true
	case r.TFType != "":
		if la.Terraform == "" {
			return authState{}, false
		}
		st.node = r.Body.Get(la.Terraform)
		if st.node == nil {
			return authState{off: la.DefaultDisabled, how: la.Terraform + " not set (azurerm default: keys on)"}, true
		}
		v, ok := r.File.boolValue(st.node)
		if !ok {
			return authState{}, false
		}
		st.off = v == la.TerraformDisabledWhen
		st.how = fmt.Sprintf("%s = %t", la.Terraform, v)
		return st, true
	default:
		st.node = r.Body.Get(la.Property)
		name := la.Property[strings.LastIndexByte(la.Property, '.')+1:]
		if st.node == nil {
			return authState{off: la.DefaultDisabled, how: name + " not set (Azure default: keys on)"}, true
		}
		v, ok := r.File.boolValue(st.node)
		if !ok {
			return authState{}, false
		}
		st.off = v == la.DisabledWhen
		st.how = fmt.Sprintf("%s: %t", name, v)
		return st, true
	}
}

func nonEmpty(n *Node) bool {
	if n == nil || n.Kind == Null {
		return false
	}
	return n.Kind != Array || len(n.Items) > 0
}

// boolValue folds a literal, or a reference to a param/var with a literal
// value (Bicep param default or parameter file, ARM parameters('x'),
// Terraform var.x).
func (f *File) boolValue(n *Node) (bool, bool) {
	if n == nil {
		return false, false
	}
	switch n.Kind {
	case Bool:
		return n.Bool, true
	case Expr:
		if len(n.Refs) == 1 && len(n.Calls) == 0 {
			if v := f.Symbols[n.Refs[0]]; v != nil && v.Kind == Bool {
				return v.Bool, true
			}
		}
		if len(n.Strings) == 1 && len(n.Calls) == 1 && (n.Calls[0] == "parameters" || n.Calls[0] == "variables") {
			if v := f.Symbols[n.Strings[0].Str]; v != nil && v.Kind == Bool {
				return v.Bool, true
			}
		}
	}
	return false, false
}

// localAuth is check 1, both ways.
func (c *checker) localAuth(r *Resource, s *rules.InfraService, sum *goSummary) {
	st, ok := c.authOf(r, s)
	if !ok {
		return
	}
	f := r.File
	at, end := r.Pos, Pos{}
	if st.node != nil {
		at, end = st.node.Pos, st.node.End
	}
	switch {
	case st.off && len(sum.key) > 0:
		u := sum.key[0]
		msg := fmt.Sprintf("%s %s turns key auth off (%s), but the Go code uses a key at %s (%s): its calls will fail with 401/403; build the client with a token credential (keyless lint -fix)",
			s.Name, r.Symbol, st.how, c.where(u), u.RuleID)
		if n := len(sum.key); n > 1 {
			msg += fmt.Sprintf(" (and %d more key uses)", n-1)
		}
		c.add(f, RuleLocalAuthOffKeyInCode, at, end, msg, nil)
		if len(sum.keyless) > 0 {
			// Library code with both modes: the key path may be a
			// fallback that never runs here.
			last := &c.findings[len(c.findings)-1]
			last.Severity = rules.SeverityWarning
			last.Message += fmt.Sprintf("; the code also has a keyless path (%s): if the key path is a fallback for other deployments, make it unreachable here", c.where(sum.keyless[0]))
		}
	case !st.off && len(sum.keyless) > 0 && len(sum.key) == 0 && len(sum.keyAccepted) == 0:
		first := fmt.Sprintf("every Go client of %s is keyless (%s)", s.Name, c.where(sum.keyless[0]))
		if u := sum.keyless[0]; u.Via != "" {
			first = fmt.Sprintf("%s reaches %s keyless (%s)", u.Via, s.Name, c.where(u))
		}
		msg := fmt.Sprintf("%s, but %s still accepts keys (%s): turn local auth off so a leaked key stops working",
			first, r.Symbol, st.how)
		c.add(f, RuleLocalAuthLeftOn, at, end, msg, c.localAuthFix(r, s, st))
	}
}

// localAuthFix sets the local-auth switch: the literal replaced in place,
// or the property inserted as the first line of the properties object
// (the Terraform attribute as the first line of the block), indented like
// its neighbours.
func (c *checker) localAuthFix(r *Resource, s *rules.InfraService, st authState) *report.Fix {
	f := r.File
	var name string
	var val bool
	switch {
	case r.Module != "":
		for _, m := range c.cat.Infra.Modules {
			if m.Path == r.Module {
				name = m.LocalAuthParam
			}
		}
		val = s.LocalAuth.DisabledWhen
	case r.TFType != "":
		name, val = s.LocalAuth.Terraform, s.LocalAuth.TerraformDisabledWhen
	default:
		name, val = s.LocalAuth.Property[strings.LastIndexByte(s.LocalAuth.Property, '.')+1:], s.LocalAuth.DisabledWhen
	}
	msg := fmt.Sprintf("set %s to %t", name, val)
	if st.node != nil {
		if st.node.Kind != Bool {
			return nil // a parameter or expression: the fix belongs where it is set
		}
		return &report.Fix{Message: msg, Edits: []report.Edit{edit(f, st.node.Pos, st.node.End, fmt.Sprintf("%t", val))}}
	}
	var obj *Node
	var line string
	switch {
	case r.Module != "":
		obj = r.Body.Get("params")
		line = fmt.Sprintf("%s: %t", name, val)
	case r.TFType != "":
		obj = r.Body
		line = fmt.Sprintf("%s = %t", name, val)
	case f.Format == FormatARM:
		obj = r.Body.Get("properties")
		line = fmt.Sprintf("%q: %t,", name, val)
	default:
		obj = r.Body.Get("properties")
		line = fmt.Sprintf("%s: %t", name, val)
	}
	if obj == nil || obj.Kind != Object || len(obj.Fields) == 0 {
		return nil
	}
	first := obj.Fields[0].KeyPos
	indent := lineText(f.Src, first.Offset)[:first.Col-1]
	if strings.TrimSpace(indent) != "" {
		return nil // single-line object: leave it to the author
	}
	ins := Pos{Line: first.Line, Col: 1, Offset: first.Offset - (first.Col - 1)}
	return &report.Fix{Message: msg, Edits: []report.Edit{edit(f, ins, ins, indent+line+"\n")}}
}

func edit(f *File, start, end Pos, text string) report.Edit {
	return report.Edit{Path: f.Path, Offset: start.Offset, EndOffset: end.Offset,
		Line: start.Line, Column: start.Col, EndLine: end.Line, EndColumn: end.Col, NewText: text}
}

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
			c.add(a.File, RuleRoleBroader, a.RoleNode.Pos, a.RoleNode.End, msg, swapFix(a, least))
		}
		return
	}
	if granted {
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
	msg += ", unless it is granted outside these templates (scripts, portal)"
	fd := len(c.findings)
	c.add(r.File, RuleMissingDataRole, r.Pos, Pos{}, msg, nil)
	if !c.identitiesOf(path.Dir(r.File.Path)).compute && len(c.findings) > fd {
		// Which principal runs the code is unknown: never claim a 403.
		c.findings[fd].Severity = rules.SeverityNote
		c.findings[fd].Message += "; the app's identity is not declared in these templates, so who needs the role is unknown"
	}
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
			isFunc := strings.Contains(strings.ToLower(app.Body.Get("kind").Text()), "functionapp") ||
				strings.HasSuffix(app.TFType, "_function_app")
			if !isFunc {
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

// Terraform attributes that hold a key or a connection string with one.
var tfSecretAttrs = []string{
	"primary_access_key", "secondary_access_key", "primary_key", "secondary_key",
	"primary_connection_string", "secondary_connection_string",
	"primary_blob_connection_string", "secondary_blob_connection_string",
	"primary_mongodb_connection_string", "secondary_mongodb_connection_string",
	"primary_sql_connection_string", "secondary_sql_connection_string",
	"primary_readonly_key", "secondary_readonly_key", "connection_strings",
	"default_primary_key", "default_secondary_key",
	"default_primary_connection_string", "default_secondary_connection_string",
}

// leaks is check 3: keys leaving the templates.
func (c *checker) leaks() {
	for _, f := range c.repo.Files {
		for _, o := range f.Outputs {
			c.leakIn(f, o.Value, "output "+o.Name)
		}
		for _, r := range f.Resources {
			if r.Existing {
				continue
			}
			where := r.Symbol
			if r.Type != "" {
				where += " (" + r.Type + ")"
			}
			c.leakIn(f, r.Body, where)
		}
	}
}

func (c *checker) leakIn(f *File, root *Node, where string) {
	root.Walk(func(n *Node) {
		if n.Kind != Expr {
			return
		}
		for _, call := range n.Calls {
			if strings.HasPrefix(call, "list") && len(call) > 4 && call[4] >= 'A' && call[4] <= 'Z' {
				c.add(f, RuleKeyLeaves, n.Pos, n.End, fmt.Sprintf("%s() puts a key into %s (deployment history, app settings): give the app an identity and a data-plane role and pass only the endpoint", call, where), nil)
				return
			}
		}
		if f.Format != FormatTerraform {
			return
		}
		for _, ref := range n.Refs {
			last := ref[strings.LastIndexByte(ref, '.')+1:]
			if slices.Contains(tfSecretAttrs, last) && !strings.HasPrefix(ref, "var.") && !strings.HasPrefix(ref, "local.") {
				c.add(f, RuleKeyLeaves, n.Pos, n.End, fmt.Sprintf("%s flows into %s (state, app settings): give the app an identity and a data-plane role and pass only the endpoint", ref, where), nil)
				return
			}
		}
	})
}

// broadRoles is check 4, from the roles catalog broadrole uses.
func (c *checker) broadRoles() {
	for _, a := range c.assigns {
		if a.Role.Name == "" || a.Role.Class == rules.RoleLeastPrivilege || !a.ForWorkload() {
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
		if a.PrincipalType == "" {
			who = "a principal of unknown type (not marked User or Group)"
		}
		c.add(a.File, RuleBroadRole, at, end, fmt.Sprintf("%s (%s) assigned to %s: %s; assign %s", a.Role.Name, a.Role.GUID, who, a.Role.Why, a.Role.Instead), nil)
	}
}

// NeedsGo reports whether any template declares a resource of a service
// the Go code could call: only then do checks 1 and 2 need the Go
// analysis (the expensive part of keyless infra).
func (repo *Repo) NeedsGo(cat *rules.Catalog) bool {
	for _, f := range repo.Files {
		for _, r := range f.Resources {
			if r.Existing {
				continue
			}
			for _, s := range cat.Infra.Services {
				if strings.EqualFold(s.ResourceType, r.Type) {
					return true
				}
			}
		}
	}
	return false
}

// RelTo returns a function making absolute names relative to root.
func RelTo(root string) func(string) string {
	return func(p string) string {
		if rel, err := filepath.Rel(root, p); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
		return p
	}
}
