package infra

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/keyless-dev/keyless/internal/rules"
)

// Repo is every template under a directory, parsed.
type Repo struct {
	Root   string
	Files  []*File
	Errors []*SyntaxError // syntax errors; the rest of each file is still read
}

// IsTemplate reports whether a file name is one keyless infra reads:
// .bicep, .bicepparam, .tf, .tf.json, and .json (read only when it is an
// ARM template or parameters file).
func IsTemplate(name string) bool {
	switch {
	case strings.HasSuffix(name, ".bicep"), strings.HasSuffix(name, ".bicepparam"),
		strings.HasSuffix(name, ".tf"), strings.HasSuffix(name, ".tf.json"), strings.HasSuffix(name, ".json"):
		return true
	}
	return false
}

// Load reads every template under root, skipping hidden directories,
// vendor, node_modules, .terraform and testdata below root (as go ./...
// skips testdata).
func Load(root string, cat *rules.Catalog) (*Repo, error) {
	var paths []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if p != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "vendor" || name == "node_modules" || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && IsTemplate(d.Name()) {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return LoadFiles(root, paths, cat)
}

// LoadFiles reads the given template files (paths under root).
func LoadFiles(root string, paths []string, cat *rules.Catalog) (*Repo, error) {
	r := &Repo{Root: root}
	sort.Strings(paths)
	bicepStems := map[string]bool{}
	for _, p := range paths {
		if strings.HasSuffix(p, ".bicep") {
			bicepStems[strings.TrimSuffix(p, ".bicep")] = true
		}
	}
	params := map[string]map[string]*Node{} // directory -> parameter values
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		rel := p
		if rr, err := filepath.Rel(root, p); err == nil {
			rel = filepath.ToSlash(rr)
		}
		var f *File
		var errs []*SyntaxError
		switch {
		case strings.HasSuffix(p, ".bicep"):
			f, errs = ParseBicep(rel, src)
		case strings.HasSuffix(p, ".bicepparam"):
			vals, perrs := parseBicepParams(rel, src)
			r.Errors = append(r.Errors, perrs...)
			mergeParams(params, filepath.Dir(p), vals)
			continue
		case strings.HasSuffix(p, ".tf"), strings.HasSuffix(p, ".tf.json"):
			f, errs = ParseTerraform(rel, src)
		case strings.HasSuffix(p, ".json"):
			if !bytes.Contains(src, []byte("deploymentTemplate")) && !bytes.Contains(src, []byte("deploymentParameters")) {
				continue // not ARM: package.json, tsconfig.json, …
			}
			root, comments, perr := ParseJSON(rel, src)
			if perr != nil {
				r.Errors = append(r.Errors, perr)
				continue
			}
			if bytes.Contains(src, []byte("deploymentParameters")) && root.Get("parameters") != nil && root.Get("resources") == nil {
				vals := map[string]*Node{}
				for _, fl := range root.Get("parameters").Fields {
					if v := fl.Value.Get("value"); v != nil {
						vals[fl.Key] = v
					}
				}
				mergeParams(params, filepath.Dir(p), vals)
				continue
			}
			f = armFile(rel, src, root)
			f.Ignores = directives(comments)
			// A Bicep file and its compiled twin give one verdict: the
			// Bicep source is read, the twin skipped.
			if f.BicepGenerated && bicepStems[strings.TrimSuffix(p, ".json")] {
				continue
			}
		default:
			continue
		}
		r.Errors = append(r.Errors, errs...)
		r.Files = append(r.Files, f)
	}
	// Parameter files give values to the templates of their directory.
	for _, f := range r.Files {
		vals := params[filepath.Dir(filepath.Join(root, filepath.FromSlash(f.Path)))]
		for k, v := range vals {
			if _, ok := f.Symbols[k]; ok || f.Format != FormatTerraform {
				f.Symbols[k] = v
			}
		}
	}
	for _, f := range r.Files {
		resolveTypes(f, cat)
	}
	return r, nil
}

func mergeParams(params map[string]map[string]*Node, dir string, vals map[string]*Node) {
	if params[dir] == nil {
		params[dir] = map[string]*Node{}
	}
	for k, v := range vals {
		params[dir][k] = v
	}
}

var bicepParamRE = regexp.MustCompile(`(?m)^\s*param\s+([A-Za-z_][A-Za-z0-9_]*)\s*=`)

// parseBicepParams reads `param name = value` lines of a .bicepparam file
// with the Bicep reader.
func parseBicepParams(path string, src []byte) (map[string]*Node, []*SyntaxError) {
	// A .bicepparam file is Bicep with `using` and value-only params:
	// rewrite `param x =` to `var x =` (same length) and read it as Bicep.
	fixed := bicepParamRE.ReplaceAllFunc(src, func(m []byte) []byte {
		return bytes.Replace(m, []byte("param"), []byte("var  "), 1)
	})
	f, errs := ParseBicep(path, fixed)
	return f.Symbols, errs
}

// Reparse parses one template's (fixed) content and returns its syntax
// errors; keyless infra -fix refuses a fix that would break the file.
func Reparse(path string, src []byte) []*SyntaxError {
	var errs []*SyntaxError
	switch {
	case strings.HasSuffix(path, ".bicep"):
		_, errs = ParseBicep(path, src)
	case strings.HasSuffix(path, ".tf"), strings.HasSuffix(path, ".tf.json"):
		_, errs = ParseTerraform(path, src)
	case strings.HasSuffix(path, ".json"):
		if _, _, err := ParseJSON(path, src); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// armFile builds the model of an ARM template.
func armFile(path string, src []byte, root *Node) *File {
	f := &File{Path: path, Format: FormatARM, Src: src, Symbols: map[string]*Node{}}
	f.BicepGenerated = strings.EqualFold(root.Get("metadata._generator.name").Text(), "bicep")
	armTemplate(f, root, "")
	return f
}

func armTemplate(f *File, t *Node, parent string) {
	if t == nil || t.Kind != Object {
		return
	}
	if ps := t.Get("parameters"); ps != nil {
		for _, fl := range ps.Fields {
			if d := fl.Value.Get("defaultValue"); d != nil {
				f.Symbols[fl.Key] = d
			}
		}
	}
	if vs := t.Get("variables"); vs != nil {
		for _, fl := range vs.Fields {
			f.Symbols[fl.Key] = fl.Value
		}
	}
	armResources(f, t.Get("resources"), parent)
	if os := t.Get("outputs"); os != nil {
		for _, fl := range os.Fields {
			if v := fl.Value.Get("value"); v != nil {
				f.Outputs = append(f.Outputs, &Output{File: f, Name: fl.Key, Pos: fl.KeyPos, Value: v})
			}
		}
	}
}

// armResources reads a resources array (or languageVersion 2.0 object),
// child resources and inline nested deployments.
func armResources(f *File, rs *Node, parent string) {
	if rs == nil {
		return
	}
	var items []*Node
	var names []string
	switch rs.Kind {
	case Array:
		items = rs.Items
		names = make([]string, len(items))
	case Object:
		for _, fl := range rs.Fields {
			items = append(items, fl.Value)
			names = append(names, fl.Key)
		}
	}
	for i, res := range items {
		if res.Kind != Object {
			continue
		}
		typ := res.Get("type").Text()
		if parent != "" && !strings.Contains(typ, "/") {
			typ = parent + "/" + typ
		}
		sym := names[i]
		if sym == "" {
			sym = res.Get("name").Text()
		}
		r := &Resource{File: f, Symbol: sym, Type: typ, Pos: res.Pos, Body: res, Existing: res.Get("existing") != nil && res.Get("existing").Bool}
		f.Resources = append(f.Resources, r)
		armResources(f, res.Get("resources"), typ)
		if strings.EqualFold(typ, "Microsoft.Resources/deployments") {
			armTemplate(f, res.Get("properties.template"), "")
		}
	}
}

// resolveTypes fills the ARM type of Terraform resources and AVM module
// calls from the catalog.
func resolveTypes(f *File, cat *rules.Catalog) {
	for _, r := range f.Resources {
		switch {
		case r.TFType != "":
			r.Type = tfARMType(r.TFType, cat)
		case r.Module != "":
			for _, m := range cat.Infra.Modules {
				if m.Path == r.Module {
					r.Type = m.ResourceType
				}
			}
		}
	}
}

// Terraform resource types with an ARM twin the checks need beyond the
// services of the catalog.
var tfTypes = map[string]string{
	"azurerm_role_assignment":               "Microsoft.Authorization/roleAssignments",
	"azurerm_cosmosdb_sql_role_assignment":  "Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments",
	"azurerm_key_vault_secret":              "Microsoft.KeyVault/vaults/secrets",
	"azurerm_linux_web_app":                 "Microsoft.Web/sites",
	"azurerm_windows_web_app":               "Microsoft.Web/sites",
	"azurerm_linux_function_app":            "Microsoft.Web/sites",
	"azurerm_windows_function_app":          "Microsoft.Web/sites",
	"azurerm_container_app":                 "Microsoft.App/containerApps",
	"azurerm_user_assigned_identity":        "Microsoft.ManagedIdentity/userAssignedIdentities",
	"azurerm_kubernetes_cluster":            "Microsoft.ContainerService/managedClusters",
	"azurerm_federated_identity_credential": "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials",
}

func tfARMType(tf string, cat *rules.Catalog) string {
	if t, ok := tfTypes[tf]; ok {
		return t
	}
	for _, s := range cat.Infra.Services {
		for _, t := range s.Terraform {
			if t == tf {
				return s.ResourceType
			}
		}
	}
	return ""
}
