package infra

import (
	"path"
	"strings"
)

// Which principal the Go process runs as, as far as the templates say.
// A compute resource (Container Apps, App Service / Functions, AKS) runs
// as its system-assigned identity (referenced as <app>.identity.principalId)
// or as the user-assigned identities it lists (identity blocks,
// AZURE_CLIENT_ID settings, AKS workload identity federated credentials).
// A role assignment's principal is then the app's, another identity, or
// unknown (a parameter, an object id): unknown counts as possibly the
// app's, so a role is never claimed missing when it may be granted.

// computeTypes are the resource types an app runs in.
var computeTypes = []string{
	"Microsoft.App/containerApps", "Microsoft.App/jobs", "Microsoft.Web/sites",
	"Microsoft.ContainerService/managedClusters", "Microsoft.ContainerInstance/containerGroups",
}

// Principal kinds of an assignment.
const (
	principalApp     = "app"
	principalOther   = "other"
	principalUnknown = "unknown"
)

// identities is what the templates of one directory say about identities.
type identities struct {
	user    map[string]bool // user-assigned identity symbols
	app     map[string]bool // symbols the app runs as (identities and compute resources)
	compute bool            // any compute resource declared
}

func (c *checker) identitiesOf(dir string) *identities {
	if c.ids == nil {
		c.ids = map[string]*identities{}
	}
	if ids, ok := c.ids[dir]; ok {
		return ids
	}
	ids := &identities{user: map[string]bool{}, app: map[string]bool{}}
	var files []*File
	for _, f := range c.repo.Files {
		if path.Dir(f.Path) == dir {
			files = append(files, f)
		}
	}
	for _, f := range files {
		for _, r := range f.Resources {
			if strings.EqualFold(r.Type, "Microsoft.ManagedIdentity/userAssignedIdentities") {
				ids.user[r.Symbol] = true
			}
		}
	}
	refsUser := func(n *Node) []string {
		var out []string
		n.Walk(func(x *Node) {
			for _, ref := range append(append([]string(nil), x.Refs...), fieldKeys(x)...) {
				for u := range ids.user {
					if ref == u || strings.HasPrefix(ref, u+".") || strings.Contains(ref, "${"+u+".") {
						out = append(out, u)
					}
				}
			}
		})
		return out
	}
	for _, f := range files {
		for _, r := range f.Resources {
			switch {
			case isCompute(r):
				ids.compute = true
				ids.app[r.Symbol] = true // its system-assigned identity
				for _, u := range refsUser(r.Body.Get("identity")) {
					ids.app[u] = true
				}
				if r.TFType != "" {
					for _, u := range refsUser(r.Body) { // identity { identity_ids = [...] }, AZURE_CLIENT_ID
						ids.app[u] = true
					}
				}
				for _, u := range clientIDRefs(r.Body, ids.user) {
					ids.app[u] = true
				}
			case strings.EqualFold(r.Type, "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials"):
				// AKS workload identity: the parent identity is a workload's.
				ids.compute = true
				for _, u := range refsUser(r.Body.Get("parent")) {
					ids.app[u] = true
				}
				for _, u := range refsUser(r.Body) {
					ids.app[u] = true
				}
			}
		}
	}
	c.ids[dir] = ids
	return ids
}

func fieldKeys(n *Node) []string {
	var keys []string
	for _, f := range n.Fields {
		keys = append(keys, f.Key)
	}
	return keys
}

func isCompute(r *Resource) bool {
	for _, t := range computeTypes {
		if strings.EqualFold(r.Type, t) {
			return true
		}
	}
	return false
}

// clientIDRefs finds identities whose client id an AZURE_CLIENT_ID setting
// (env var, app setting) of a compute resource names.
func clientIDRefs(body *Node, user map[string]bool) []string {
	var out []string
	body.Walk(func(n *Node) {
		var val *Node
		if f := n.Field("AZURE_CLIENT_ID"); f != nil {
			val = f.Value
		}
		if name := n.Get("name"); name != nil && name.Str == "AZURE_CLIENT_ID" {
			val = n.Get("value")
		}
		if val == nil {
			return
		}
		for _, ref := range val.Refs {
			head, _, _ := strings.Cut(ref, ".")
			if strings.HasPrefix(ref, "azurerm_user_assigned_identity.") {
				head = strings.Join(strings.SplitN(ref, ".", 3)[:2], ".")
			}
			if user[head] {
				out = append(out, head)
			}
		}
	})
	return out
}

// principalOf classifies an assignment's principal.
func (c *checker) principalOf(a *Assignment) string {
	if a.Principal == nil {
		return principalUnknown
	}
	ids := c.identitiesOf(path.Dir(a.File.Path))
	if !ids.compute {
		return principalUnknown // where the app runs is not in these templates
	}
	var nodes []*Node
	if a.Principal.Kind == Array {
		nodes = a.Principal.Items
	} else {
		nodes = []*Node{a.Principal}
	}
	kind := principalUnknown
	for _, n := range nodes {
		for _, ref := range n.Refs {
			sym := ref
			if strings.HasPrefix(ref, "azurerm_") || strings.HasPrefix(ref, "data.") {
				parts := strings.SplitN(ref, ".", 3)
				if len(parts) >= 2 {
					sym = parts[0] + "." + parts[1]
				}
			} else {
				sym, _, _ = strings.Cut(ref, ".")
			}
			switch {
			case ids.app[sym]:
				return principalApp
			case ids.user[sym] || isComputeSymbol(c, a.File, sym):
				kind = principalOther
			}
		}
	}
	return kind
}

// isComputeSymbol reports whether sym is a resource of a type that has an
// identity but is not where the app runs.
func isComputeSymbol(c *checker, f *File, sym string) bool {
	for _, g := range c.repo.Files {
		if path.Dir(g.Path) != path.Dir(f.Path) {
			continue
		}
		for _, r := range g.Resources {
			if r.Symbol == sym && r.Body.Get("identity") != nil {
				return true
			}
		}
	}
	return false
}
