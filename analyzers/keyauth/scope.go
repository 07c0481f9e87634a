package keyauth

import "github.com/keyless-dev/keyless/internal/rules"

// FactScope reports the packages through which keyauth facts can arise:
// the cataloged ones. A package that imports none of them, directly or
// not, gets no wrapper fact (wrappers call a cataloged API or another
// wrapper) and its module fact needs no function body, so a driver may
// type-check it without bodies.
func FactScope(c *rules.Catalog) func(pkgPath string) bool {
	cat := compile(c)
	return func(path string) bool { return cat.pkgs[path] }
}
