package keyauth

import (
	"go/types"
	"strings"

	"github.com/keyless-dev/keyless/internal/rules"
)

// entry is one cataloged function of a rule.
type entry struct {
	rule        *rules.KeyAuthRule
	fn          string // full name
	keyArg      int    // -1: none
	replacement string // bare name of the keyless sibling, "" for none
	credential  bool   // builds a credential for the rule's funcs
	header      bool   // header setter: matches only for a key header name
}

// catalog is the compiled keyauth section: built once per analyzer and
// only read afterwards (analyzers run concurrently).
type catalog struct {
	funcs map[string]*entry
	// names holds the bare names of funcs: a cheap filter before
	// building a callee's full name.
	names   map[string]bool
	objects map[string]*rules.KeyAuthRule
	headers map[*rules.KeyAuthRule]map[string]bool // lower-cased names
	// pkgs holds the package of every cataloged name: a package that
	// imports none of them (and no package with wrapper facts) cannot
	// contain a finding.
	pkgs map[string]bool
	// credentials are functions a fix may delete once their result is
	// unused.
	credentials map[string]bool
	// rules by full id, for wrapper facts.
	byID map[string]*rules.KeyAuthRule
}

func compile(cat *rules.Catalog) *catalog {
	c := &catalog{
		funcs:       map[string]*entry{},
		names:       map[string]bool{},
		objects:     map[string]*rules.KeyAuthRule{},
		headers:     map[*rules.KeyAuthRule]map[string]bool{},
		pkgs:        map[string]bool{},
		credentials: map[string]bool{},
		byID:        map[string]*rules.KeyAuthRule{},
	}
	for i := range cat.KeyAuth {
		r := &cat.KeyAuth[i]
		c.byID[r.RuleID()] = r
		add := func(fn string, credential, header bool) {
			c.funcs[fn] = &entry{
				rule:        r,
				fn:          fn,
				keyArg:      r.KeyIndex(fn),
				replacement: r.ReplacementFor(fn),
				credential:  credential,
				header:      header,
			}
			c.pkgs[pkgOf(fn)] = true
			c.names[fn[strings.LastIndex(fn, ".")+1:]] = true
			if credential {
				c.credentials[fn] = true
			}
		}
		for _, fn := range r.Funcs {
			add(fn, false, false)
		}
		for _, fn := range r.Credentials {
			add(fn, true, false)
		}
		for _, fn := range r.HeaderFuncs {
			add(fn, false, true)
		}
		for _, o := range r.Objects {
			c.objects[o] = r
			c.pkgs[pkgOf(o)] = true
		}
		if len(r.Headers) > 0 {
			hs := map[string]bool{}
			for _, h := range r.Headers {
				hs[strings.ToLower(h)] = true
			}
			c.headers[r] = hs
		}
	}
	return c
}

// lookup returns the entry of fn, if cataloged.
func (c *catalog) lookup(fn *types.Func) *entry {
	if !c.names[fn.Name()] {
		return nil
	}
	return c.funcs[fn.Origin().FullName()]
}

// pkgOf returns the package path of a full name:
// "p/q.F" -> "p/q", "(*p/q.T).M" -> "p/q".
func pkgOf(full string) string {
	s := full
	if strings.HasPrefix(s, "(") {
		s = strings.TrimPrefix(s[1:], "*")
		if i := strings.Index(s, ")"); i >= 0 {
			s = s[:i]
		}
	}
	if i := strings.LastIndex(s, "."); i > strings.LastIndex(s, "/") {
		return s[:i]
	}
	return s
}
