package infra

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"

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

// Load reads every template under root (see Find).
func Load(root string, cat *rules.Catalog) (*Repo, error) {
	paths, err := Find(root)
	if err != nil {
		return nil, err
	}
	srcs, err := ReadFiles(paths)
	if err != nil {
		return nil, err
	}
	return Parse(root, paths, srcs, cat), nil
}

// ReadFiles reads the files named by paths, on every CPU.
func ReadFiles(paths []string) ([][]byte, error) {
	srcs := make([][]byte, len(paths))
	errs := make([]error, len(paths))
	onEveryCPU(len(paths), func(i int) { srcs[i], errs[i] = os.ReadFile(paths[i]) })
	return srcs, errors.Join(errs...)
}

// onEveryCPU calls f(i) for every i in [0, n), on GOMAXPROCS goroutines.
func onEveryCPU(n int, f func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// Find lists the template files under root, skipping hidden
// directories, vendor, node_modules, .terraform and testdata below root
// (as go ./... skips testdata).
func Find(root string) ([]string, error) {
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
	sort.Strings(paths)
	return paths, nil
}

// Parse parses the template files paths (sorted, under root) whose
// contents are srcs.
func Parse(root string, paths []string, srcs [][]byte, cat *rules.Catalog) *Repo {
	r := &Repo{Root: root}
	bicepStems := map[string]bool{}
	for _, p := range paths {
		if strings.HasSuffix(p, ".bicep") {
			bicepStems[strings.TrimSuffix(p, ".bicep")] = true
		}
	}
	parsed := make([]parsedFile, len(paths))
	onEveryCPU(len(paths), func(i int) { parsed[i] = parseOne(root, paths[i], srcs[i]) })
	params := map[string]map[string]*Node{} // directory -> parameter values
	for i, p := range paths {
		pf := parsed[i]
		r.Errors = append(r.Errors, pf.errs...)
		switch {
		case pf.params != nil:
			mergeParams(params, filepath.Dir(p), pf.params)
		case pf.file == nil:
		case pf.file.BicepGenerated && bicepStems[strings.TrimSuffix(p, ".json")]:
			// A Bicep file and its compiled twin give one verdict: the
			// Bicep source is read, the twin skipped.
		default:
			r.Files = append(r.Files, pf.file)
		}
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
	linkModules(r.Files)
	for _, f := range r.Files {
		resolveTypes(f, cat)
	}
	return r
}

// linkModules joins each Bicep file with the local modules it calls
// (module x './core/ai/account.bicep' = {…}): they form one deployment,
// and a module's parameters take the values its callers pass when every
// caller passes the same literal; a parameter some caller sets to
// anything else becomes unknown (never its default, which may be wrong).
func linkModules(files []*File) {
	byPath := map[string]*File{}
	for _, f := range files {
		if f.Format == FormatBicep {
			byPath[f.Path] = f
		}
	}
	parent := map[string]string{}
	var find func(string) string
	find = func(d string) string {
		p, ok := parent[d]
		if !ok || p == d {
			return d
		}
		r := find(p)
		parent[d] = r
		return r
	}
	union := func(a, b string) {
		ra, rb := find(a), find(b)
		if ra == rb {
			return
		}
		if rb < ra {
			ra, rb = rb, ra
		}
		parent[rb] = ra
	}
	type call struct {
		caller *File
		params *Node
	}
	calls := map[*File][]call{}
	for _, f := range files {
		for _, r := range f.Resources {
			ref, ok := strings.CutPrefix(r.Module, "module:")
			if !ok || strings.Contains(ref, ":") {
				continue // a registry (br:, ts:) module
			}
			g := byPath[path.Clean(path.Join(path.Dir(f.Path), ref))]
			if g == nil || g == f {
				continue
			}
			union(path.Dir(f.Path), path.Dir(g.Path))
			calls[g] = append(calls[g], call{f, r.Body.Get("params")})
		}
	}
	for _, f := range files {
		f.Deployment = find(path.Dir(f.Path))
	}
	for g, cs := range calls {
		vals := map[string]*Node{}
		passed := map[string]int{}
		unknown := map[string]bool{}
		for _, c := range cs {
			if c.params == nil {
				continue
			}
			for _, fl := range c.params.Fields {
				passed[fl.Key]++
				v := literalValue(c.caller, fl.Value)
				if v == nil {
					unknown[fl.Key] = true
					continue
				}
				if prev, ok := vals[fl.Key]; ok && (prev.Kind != v.Kind || prev.Str != v.Str || prev.Bool != v.Bool) {
					unknown[fl.Key] = true
				}
				vals[fl.Key] = v
			}
		}
		for k := range passed {
			if unknown[k] || passed[k] != len(cs) {
				delete(g.Symbols, k)
				continue
			}
			g.Symbols[k] = vals[k]
		}
	}
}

// literalValue is n when it is a literal, or the literal a single
// reference to a param/var of f resolves to; nil otherwise.
func literalValue(f *File, n *Node) *Node {
	switch n.Kind {
	case Bool, String, Number, Null:
		return n
	case Expr:
		if len(n.Refs) == 1 && len(n.Calls) == 0 && len(n.Strings) == 0 {
			if v := f.Symbols[n.Refs[0]]; v != nil && v.Kind != Expr && v.Kind != Object && v.Kind != Array {
				return v
			}
		}
	}
	return nil
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
	"azurerm_app_service":                   "Microsoft.Web/sites",
	"azurerm_function_app":                  "Microsoft.Web/sites",
	"azurerm_container_group":               "Microsoft.ContainerInstance/containerGroups",
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

// parsedFile is one template read: a template, or a parameters file's
// values, and the syntax errors found.
type parsedFile struct {
	file   *File
	params map[string]*Node
	errs   []*SyntaxError
}

// parseOne parses one template file, whose contents are src.
func parseOne(root, p string, src []byte) parsedFile {
	rel := p
	if rr, err := filepath.Rel(root, p); err == nil {
		rel = filepath.ToSlash(rr)
	}
	var pf parsedFile
	switch {
	case strings.HasSuffix(p, ".bicep"):
		pf.file, pf.errs = ParseBicep(rel, src)
	case strings.HasSuffix(p, ".bicepparam"):
		pf.params, pf.errs = parseBicepParams(rel, src)
		if pf.params == nil {
			pf.params = map[string]*Node{}
		}
	case strings.HasSuffix(p, ".tf"), strings.HasSuffix(p, ".tf.json"):
		pf.file, pf.errs = ParseTerraform(rel, src)
	case strings.HasSuffix(p, ".json"):
		if !bytes.Contains(src, []byte("deploymentTemplate")) && !bytes.Contains(src, []byte("deploymentParameters")) {
			return pf // not ARM: package.json, tsconfig.json, …
		}
		root, comments, perr := ParseJSON(rel, src)
		if perr != nil {
			pf.errs = []*SyntaxError{perr}
			return pf
		}
		if bytes.Contains(src, []byte("deploymentParameters")) && root.Get("parameters") != nil && root.Get("resources") == nil {
			pf.params = map[string]*Node{}
			for _, fl := range root.Get("parameters").Fields {
				if v := fl.Value.Get("value"); v != nil {
					pf.params[fl.Key] = v
				}
			}
			return pf
		}
		pf.file = armFile(rel, src, root)
		pf.file.Ignores = directives(comments)
	}
	return pf
}
