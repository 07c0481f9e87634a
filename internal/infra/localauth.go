package infra

// Check 1: the local-auth switch of a resource against key and keyless
// use in the Go code, both ways, with the fix that sets the switch.

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/keyless-dev/keyless/internal/report"
	"github.com/keyless-dev/keyless/internal/rules"
)

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
		for _, p := range mod.KeysOnWhen {
			if nonEmpty(params.Get(p)) {
				return authState{off: false, how: fmt.Sprintf("key auth forced on by %s (%s set)", mod.Path, p)}, true
			}
		}
		name := mod.LocalAuthParam
		node := params.Get(name)
		for _, alias := range mod.LocalAuthParamAliases {
			if node == nil {
				name, node = alias, params.Get(alias)
			}
		}
		if node == nil {
			applies := len(mod.DefaultWhen) == 0
			for _, p := range mod.DefaultWhen {
				applies = applies || nonEmpty(params.Get(p))
			}
			if mod.LocalAuthDefault == nil || !applies {
				return authState{off: la.DefaultDisabled, how: "not set"}, true
			}
			return authState{
				off:     *mod.LocalAuthDefault == la.DisabledWhen,
				assumed: true,
				how:     fmt.Sprintf("%s: %t (assumed module default of %s %s)", mod.LocalAuthParam, *mod.LocalAuthDefault, mod.Path, mod.Versions),
			}, true
		}
		return r.File.written(node, la.DisabledWhen, name+": ")
	case r.TFType != "":
		if la.Terraform == "" {
			return authState{}, false
		}
		node := r.Body.Get(la.Terraform)
		if node == nil {
			return authState{off: la.DefaultDisabled, how: la.Terraform + " not set (azurerm default: keys on)"}, true
		}
		return r.File.written(node, la.TerraformDisabledWhen, la.Terraform+" = ")
	default:
		node := r.Body.Get(la.Property)
		name := la.Property[strings.LastIndexByte(la.Property, '.')+1:]
		if node == nil {
			return authState{off: la.DefaultDisabled, how: name + " not set (Azure default: keys on)"}, true
		}
		return r.File.written(node, la.DisabledWhen, name+": ")
	}
}

// written is the state a switch written as node gives: off when its
// value is disabledWhen; false when the value is not known.
func (f *File) written(node *Node, disabledWhen bool, label string) (authState, bool) {
	v, ok := f.boolValue(node)
	if !ok {
		return authState{}, false
	}
	return authState{node: node, off: v == disabledWhen, how: label + strconv.FormatBool(v)}, true
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
