package infra

import (
	"fmt"
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
	ids      map[string]*identities // by deployment
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
	c.checkIgnores()
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
			if !app.isFunctionApp() {
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
		if g.deployment() != f.deployment() || (g != f && f.Format != FormatTerraform) {
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
