package infra

// Check 3: keys leaving the templates (list*() calls, Terraform access
// keys and connection strings) where they reach the app.

import (
	"fmt"
	"slices"
	"strings"
)

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
			if r.Existing || !handsToApp(r) {
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

// handsToApp reports whether values in r reach an application: compute
// resources (app settings, environment, secrets of Container Apps and App
// Service / Functions), App Service config and Key Vault secrets. Keys a
// platform resource needs for itself (a Container Apps environment's Log
// Analytics shared key) are not reported.
func handsToApp(r *Resource) bool {
	if isCompute(r) {
		return true
	}
	switch strings.ToLower(r.Type) {
	case "microsoft.web/sites/config", "microsoft.web/sites/slots", "microsoft.web/sites/slots/config",
		"microsoft.keyvault/vaults/secrets":
		return true
	}
	return false
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
