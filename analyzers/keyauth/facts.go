package keyauth

import (
	"fmt"
	"go/constant"
	"go/types"
	"strconv"
	"strings"
)

// wrapperFact marks a function of user code whose parameter reaches the
// key argument of a cataloged API (directly or through other wrappers):
// its call sites are key auth too, reported under the wrapped rule.
type wrapperFact struct {
	Params []wrapParam
}

type wrapParam struct {
	Index  int    // parameter index
	RuleID string // full rule id of the wrapped API
}

func (*wrapperFact) AFact() {}

func (f *wrapperFact) String() string {
	var parts []string
	for _, p := range f.Params {
		parts = append(parts, fmt.Sprintf("%s(arg %d)", p.RuleID, p.Index))
	}
	return "wraps " + strings.Join(parts, ", ")
}

// wrapsFact marks a package that exports at least one wrapperFact, so
// that importers know they must be analyzed.
type wrapsFact struct{}

func (*wrapsFact) AFact()         {}
func (*wrapsFact) String() string { return "has key-auth wrappers" }

// moduleFact records the module version of an openai-go package, from
// pass.Module when the driver knows it, else from the module's
// internal.PackageVersion constant. The fix for an option on an Azure
// /openai/v1 base URL depends on it (openai-go v3.53.0 changed Azure
// authentication).
type moduleFact struct {
	Path    string
	Version string // "v3.52.0"; "" when unknown
}

func (*moduleFact) AFact()           {}
func (f *moduleFact) String() string { return "module " + f.Path + "@" + f.Version }

// openAIModule returns the openai-go module path a package belongs to.
func openAIModule(pkgPath string) (string, bool) {
	const root = "github.com/openai/openai-go"
	if pkgPath != root && !strings.HasPrefix(pkgPath, root+"/") {
		return "", false
	}
	rest := strings.TrimPrefix(pkgPath, root)
	if strings.HasPrefix(rest, "/v") {
		elem := strings.SplitN(rest[1:], "/", 2)[0]
		if _, err := strconv.Atoi(elem[1:]); err == nil && len(elem) > 1 {
			return root + "/" + elem, true
		}
	}
	return root, true
}

// openAIMajor returns the major version of an openai-go module path.
func openAIMajor(modPath string) int {
	if i := strings.LastIndex(modPath, "/v"); i >= 0 {
		if n, err := strconv.Atoi(modPath[i+2:]); err == nil {
			return n
		}
	}
	return 1
}

// exportModuleFact records the module version of an openai-go package.
func (s *state) exportModuleFact(mod string) {
	pass := s.pass
	version := ""
	if m := pass.Module; m != nil && m.Path == mod {
		version = m.Version
		if m.Replace != nil && m.Replace.Version != "" {
			version = m.Replace.Version
		}
	}
	if version == "" && pass.Pkg.Path() == mod+"/internal" {
		if c, ok := pass.Pkg.Scope().Lookup("PackageVersion").(*types.Const); ok && c.Val().Kind() == constant.String {
			version = "v" + strings.TrimPrefix(constant.StringVal(c.Val()), "v")
		}
	}
	if version == "" {
		for _, imp := range pass.Pkg.Imports() {
			var f moduleFact
			if m, _ := openAIModule(imp.Path()); m == mod && pass.ImportPackageFact(imp, &f) && f.Version != "" {
				version = f.Version
				break
			}
		}
	}
	pass.ExportPackageFact(&moduleFact{Path: mod, Version: version})
}

// semverLess compares "vX.Y.Z" versions (pre-release suffixes ignored).
func semverLess(a, b string) bool {
	pa, pb := semverParts(a), semverParts(b)
	for i := 0; i < 3; i++ {
		if pa[i] != pb[i] {
			return pa[i] < pb[i]
		}
	}
	return false
}

func semverParts(v string) [3]int {
	v = strings.TrimPrefix(v, "v")
	if i := strings.IndexAny(v, "-+"); i >= 0 {
		v = v[:i]
	}
	var out [3]int
	for i, p := range strings.SplitN(v, ".", 3) {
		out[i], _ = strconv.Atoi(p)
	}
	return out
}
