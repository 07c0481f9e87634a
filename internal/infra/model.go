// Package infra cross-checks a repository's Go code with its Bicep, ARM
// and Terraform templates: key-based Go clients against resources whose
// local auth is off, keyless clients against the data-plane roles the
// templates assign, keys leaving templates, and broad roles (keyless infra).
//
// Each template language has its own parser (bicep.go, arm.go,
// terraform.go) producing the same small value tree (Node) and the same
// model (File, Resource, Output); the checks (checks.go) see only that
// model and the Go facts (gocode.go).
package infra

import (
	"fmt"
	"path"
	"strings"
)

// Pos is a position in a template: 1-based line and byte column, and the
// 0-based byte offset.
type Pos struct{ Line, Col, Offset int }

// Kind is the kind of a Node.
type Kind int

// Node kinds.
const (
	Object Kind = iota
	Array
	String
	Number
	Bool
	Null
	Expr // anything computed: a reference, a call, an interpolation
)

// Node is one value of a template with its source range. Expressions keep
// what the checks need of them: the functions they call, the symbols they
// reference and the string literals inside them.
type Node struct {
	Kind     Kind
	Pos, End Pos
	Fields   []*Field // Object, in source order
	Items    []*Node  // Array
	Str      string   // String: the value; Number: its text; Expr: the source text
	Bool     bool
	Calls    []string // Expr: called functions and methods ("listKeys", "subscriptionResourceId")
	Refs     []string // Expr: dotted references ("app.identity.principalId")
	Strings  []*Node  // Expr: string literals inside it, with positions when known
	// Quoted is set on String nodes whose Pos..End covers the quotes.
	Quoted bool
	loop   bool // Bicep [for …: body]
}

// Field is one key of an Object.
type Field struct {
	Key    string
	KeyPos Pos
	Value  *Node
}

// Get follows a dotted path of object keys (case-insensitive, as ARM
// property names are); nil when any step is missing.
func (n *Node) Get(path string) *Node {
	cur := n
	for _, k := range strings.Split(path, ".") {
		if cur == nil || cur.Kind != Object {
			return nil
		}
		var next *Node
		for _, f := range cur.Fields {
			if strings.EqualFold(f.Key, k) {
				next = f.Value
				break
			}
		}
		cur = next
	}
	return cur
}

// Field returns the field named key (case-insensitive), or nil.
func (n *Node) Field(key string) *Field {
	if n == nil || n.Kind != Object {
		return nil
	}
	for _, f := range n.Fields {
		if strings.EqualFold(f.Key, key) {
			return f
		}
	}
	return nil
}

// Walk calls fn on n and every node below it.
func (n *Node) Walk(fn func(*Node)) {
	if n == nil {
		return
	}
	fn(n)
	for _, f := range n.Fields {
		f.Value.Walk(fn)
	}
	for _, it := range n.Items {
		it.Walk(fn)
	}
}

// Text is a node's string value, or its expression text.
func (n *Node) Text() string {
	if n == nil {
		return ""
	}
	return n.Str
}

// Formats of a File.
const (
	FormatBicep     = "bicep"
	FormatARM       = "arm"
	FormatTerraform = "terraform"
)

// File is one parsed template.
type File struct {
	Path   string // repository-relative, '/'-separated
	Format string
	Src    []byte

	Resources []*Resource
	Outputs   []*Output
	// Symbols maps Bicep params and vars (and ARM parameters/variables,
	// Terraform locals and variables) to their default or value.
	Symbols map[string]*Node
	// BicepGenerated is set on an ARM file compiled from Bicep
	// (metadata._generator.name == "bicep").
	BicepGenerated bool
	// Ignores are the keyless:ignore comments by line.
	Ignores map[int][]Directive
	// Deployment names the deployment the file belongs to: its
	// directory, merged with the directories of the local Bicep modules
	// it calls (and their callers). Resource-group-wide role assignments
	// and identities are shared within one deployment.
	Deployment string
}

// deployment is f's deployment key (its directory until Load links modules).
func (f *File) deployment() string {
	if f.Deployment != "" {
		return f.Deployment
	}
	return path.Dir(f.Path)
}

// Resource is a resource declaration (or an Azure Verified Module call,
// standing for the resource it deploys).
type Resource struct {
	File   *File
	Symbol string // Bicep symbol, Terraform "type.name", ARM name expression
	Type   string // ARM resource type; for Terraform the azurerm type's ARM twin
	TFType string // Terraform resource type
	Pos    Pos    // the declaration
	Body   *Node  // the resource object (Bicep/ARM) or block body (Terraform)
	// Existing is a Bicep `existing` reference, not a deployment.
	Existing bool
	// Module is the AVM module path when the resource is a module call;
	// Body is then the module's params object.
	Module string
}

// isFunctionApp reports whether r is an Azure Functions app (an ARM/Bicep
// site whose kind names functionapp, or a Terraform *_function_app).
func (r *Resource) isFunctionApp() bool {
	return strings.Contains(strings.ToLower(r.Body.Get("kind").Text()), "functionapp") ||
		strings.HasSuffix(r.TFType, "_function_app")
}

// Output is an output (Bicep, ARM, Terraform).
type Output struct {
	File  *File
	Name  string
	Pos   Pos
	Value *Node
}

// Directive is a "keyless:ignore <rule> -- <reason>" comment in a template.
type Directive struct {
	Line   int
	RuleID string
	Reason string
}

// SyntaxError is a template that could not be parsed at a position.
type SyntaxError struct {
	Path string
	Pos  Pos
	Msg  string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Pos.Line, e.Pos.Col, e.Msg)
}

// lineIndex maps byte offsets of one file to positions.
type lineIndex []int // offsets where lines start

func newLineIndex(src []byte) lineIndex {
	idx := lineIndex{0}
	for i, b := range src {
		if b == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

// pos converts a byte offset into a Pos.
func (li lineIndex) pos(off int) Pos {
	lo, hi := 0, len(li)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if li[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return Pos{Line: lo + 1, Col: off - li[lo] + 1, Offset: off}
}
