package rules

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Pos is where a value was written, so that semantic errors (a bad regex,
// a duplicate id) point at the line a user must edit, not just at the file.
type Pos struct {
	File      string
	Line, Col int
}

func (p Pos) String() string {
	if p.File == "" {
		return fmt.Sprintf("%d:%d", p.Line, p.Col)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Error is a problem in a rules file, located at file:line:col.
type Error struct {
	Pos Pos
	Msg string
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

func errorf(pos Pos, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

var (
	posType       = reflect.TypeFor[Pos]()
	posStringType = reflect.TypeFor[PosString]()
)

// PosString is a scalar that remembers where it was written.
type PosString struct {
	Pos   Pos
	Value string
}

// decoder turns a yaml.Node tree into Go values strictly: unknown keys,
// wrong kinds and duplicate keys are errors with a position. yaml.v3's own
// KnownFields check gives a line but no column and stops at the first
// problem inside Decode, losing the node positions we need for later checks.
type decoder struct{ file string }

func (d decoder) pos(n *yaml.Node) Pos { return Pos{File: d.file, Line: n.Line, Col: n.Column} }

func (d decoder) decode(n *yaml.Node, v reflect.Value) error {
	if n.Kind == yaml.AliasNode {
		return d.decode(n.Alias, v)
	}
	if v.Kind() == reflect.Pointer {
		if n.Tag == "!!null" {
			return nil
		}
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		return d.decode(n, v.Elem())
	}
	if v.Type() == posStringType {
		if n.Kind != yaml.ScalarNode {
			return errorf(d.pos(n), "expected a string, found %s", describe(n))
		}
		v.Set(reflect.ValueOf(PosString{Pos: d.pos(n), Value: n.Value}))
		return nil
	}
	switch v.Kind() {
	case reflect.Struct:
		return d.decodeStruct(n, v)
	case reflect.Slice:
		if n.Tag == "!!null" {
			return nil
		}
		if n.Kind != yaml.SequenceNode {
			return errorf(d.pos(n), "expected a list, found %s", describe(n))
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			if err := d.decode(c, s.Index(i)); err != nil {
				return err
			}
		}
		v.Set(s)
		return nil
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			return errorf(d.pos(n), "expected a mapping, found %s", describe(n))
		}
		m := reflect.MakeMapWithSize(v.Type(), len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			ev := reflect.New(v.Type().Elem()).Elem()
			if err := d.decode(val, ev); err != nil {
				return err
			}
			if m.MapIndex(reflect.ValueOf(k.Value)).IsValid() {
				return errorf(d.pos(k), "duplicate key %q", k.Value)
			}
			m.SetMapIndex(reflect.ValueOf(k.Value), ev)
		}
		v.Set(m)
		return nil
	}
	if n.Kind != yaml.ScalarNode {
		return errorf(d.pos(n), "expected a %s, found %s", kindName(v.Kind()), describe(n))
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(n.Value)
	case reflect.Bool:
		b, err := strconv.ParseBool(n.Value)
		if err != nil || (n.Tag != "!!bool" && n.Style == 0) {
			return errorf(d.pos(n), "expected true or false, found %q", n.Value)
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int64, reflect.Int32:
		i, err := strconv.ParseInt(n.Value, 0, 64)
		if err != nil {
			return errorf(d.pos(n), "expected an integer, found %q", n.Value)
		}
		v.SetInt(i)
	case reflect.Float64:
		f, err := strconv.ParseFloat(n.Value, 64)
		if err != nil {
			return errorf(d.pos(n), "expected a number, found %q", n.Value)
		}
		v.SetFloat(f)
	default:
		return errorf(d.pos(n), "internal: cannot decode into %s", v.Type())
	}
	return nil
}

func (d decoder) decodeStruct(n *yaml.Node, v reflect.Value) error {
	if n.Kind != yaml.MappingNode {
		return errorf(d.pos(n), "expected a mapping, found %s", describe(n))
	}
	fields := map[string]reflect.Value{}
	var names []string
	d.collectFields(v, fields, &names)
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		f, ok := fields[k.Value]
		if !ok {
			return errorf(d.pos(k), "unknown key %q (known: %s)", k.Value, strings.Join(names, ", "))
		}
		if seen[k.Value] {
			return errorf(d.pos(k), "duplicate key %q", k.Value)
		}
		seen[k.Value] = true
		if err := d.decode(val, f); err != nil {
			return err
		}
	}
	return nil
}

// collectFields maps yaml keys to settable fields, flattening ",inline"
// structs, and records the mapping's own position in any Pos field.
func (d decoder) collectFields(v reflect.Value, fields map[string]reflect.Value, names *[]string) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		if tag == "-" || sf.Type == posType {
			continue
		}
		if opts == "inline" {
			d.collectFields(v.Field(i), fields, names)
			continue
		}
		if name == "" {
			name = strings.ToLower(sf.Name)
		}
		fields[name] = v.Field(i)
		*names = append(*names, name)
	}
}

// setPositions fills every Pos field of v (recursively) from the node tree,
// so later validation can point at the entry that is wrong.
func (d decoder) setPositions(n *yaml.Node, v reflect.Value) {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			d.setPositions(n, v.Elem())
		}
	case reflect.Slice:
		if n.Kind == yaml.SequenceNode {
			for i := 0; i < v.Len() && i < len(n.Content); i++ {
				d.setPositions(n.Content[i], v.Index(i))
			}
		}
	case reflect.Struct:
		if n.Kind != yaml.MappingNode || v.Type() == posStringType {
			return
		}
		d.setStructPositions(n, v)
	}
}

func (d decoder) setStructPositions(n *yaml.Node, v reflect.Value) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		if sf.Type == posType {
			v.Field(i).Set(reflect.ValueOf(d.pos(n)))
			continue
		}
		tag := sf.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		if tag == "-" {
			continue
		}
		if opts == "inline" {
			d.setStructPositions(n, v.Field(i))
			continue
		}
		if name == "" {
			name = strings.ToLower(sf.Name)
		}
		for j := 0; j+1 < len(n.Content); j += 2 {
			if n.Content[j].Value == name {
				d.setPositions(n.Content[j+1], v.Field(i))
			}
		}
	}
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	}
	return "nothing"
}

func kindName(k reflect.Kind) string {
	switch k {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Float64:
		return "number"
	}
	return "integer"
}
