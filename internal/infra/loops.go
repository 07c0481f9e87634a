package infra

import (
	"slices"
	"strings"
)

// Role assignments are often written once for several roles: in
// Terraform, for_each over a map or set of role names
// (role_definition_name = each.value, each.key or each.value.role) or
// count over a list (var.roles[count.index]); in ARM, a copy loop over a
// parameter or variable array (parameters('roles')[copyIndex()]).
// loopRoles expands such a role into the role of every instance, so that
// each role the loop assigns counts; nil when role is not a loop's or
// the collection is not known. (Bicep's [for …] loops are read as such.)
func loopRoles(r *Resource, role *Node) []*Node {
	if role == nil || role.Kind != Expr {
		return nil
	}
	f := r.File
	if fe := r.Body.Get("for_each"); fe != nil {
		keys, vals := f.collection(fe)
		var out []*Node
		for _, ref := range role.Refs {
			switch {
			case ref == "each.key":
				out = append(out, keys...)
			case ref == "each.value":
				out = append(out, vals...)
			case strings.HasPrefix(ref, "each.value."):
				for _, v := range vals {
					if n := v.Get(strings.TrimPrefix(ref, "each.value.")); n != nil {
						out = append(out, n)
					}
				}
			}
		}
		return out
	}
	if r.TFType == "" && r.Body.Get("copy") != nil && slices.Contains(role.Calls, "copyIndex") {
		for _, s := range role.Strings {
			if v := f.Symbols[s.Str]; v != nil && v.Kind == Array {
				return v.Items
			}
		}
		return nil
	}
	if r.Body.Get("count") != nil && strings.Contains(role.Str, "count.index") {
		for _, ref := range role.Refs {
			if ref == "count.index" {
				continue
			}
			if _, vals := f.collection(&Node{Kind: Expr, Refs: []string{ref}}); len(vals) > 0 {
				return vals
			}
		}
	}
	return nil
}

// collection resolves a for_each or count collection: a map (its keys
// and values), or a list or set (each item its own key), written in
// place or held by a local or variable, toset()/tolist() included.
func (f *File) collection(n *Node) (keys, vals []*Node) {
	switch n.Kind {
	case Object:
		for _, fl := range n.Fields {
			keys = append(keys, &Node{Kind: String, Str: fl.Key, Pos: fl.KeyPos})
			vals = append(vals, fl.Value)
		}
		return keys, vals
	case Array:
		return n.Items, n.Items
	case Expr:
		for _, ref := range n.Refs {
			if v := f.Symbols[ref]; v != nil && (v.Kind == Object || v.Kind == Array) {
				return f.collection(v)
			}
		}
		if len(n.Refs) == 0 { // toset(["a", "b"]): its literals
			return n.Strings, n.Strings
		}
	}
	return nil, nil
}
