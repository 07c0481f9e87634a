package infra

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/keyless-dev/keyless/internal/rules"
)

// GoUse is one fact about the Go code: a keyless (token-credential) call
// into a service's package, an operation (read, write, send, receive) on
// it, a key-based client (a keyauth finding), or an import of a driver
// that has no Entra data plane.
type GoUse struct {
	Service string // infra service id
	Kind    string // UseKeyless, UseKey, UseOp, UseMongo
	Op      string // UseOp: the operation
	File    string // absolute file name
	Line    int
	// Suppressed is set on a key use whose keyauth finding carries a
	// //keyless:ignore (an accepted key, e.g. for an emulator).
	Suppressed bool
	RuleID     string // UseKey: the keyauth rule id
	// Via describes a keyless use declared by the templates, not the Go
	// code ("Functions app fn's identity-based connection OrdersConnection").
	Via string
}

// Kinds of GoUse.
const (
	UseKeyless = "keyless"
	UseKey     = "key"
	UseOp      = "op"
	UseMongo   = "mongo"
)

const (
	tokenCredential       = "github.com/Azure/azure-sdk-for-go/sdk/azcore.TokenCredential"
	tokenCredentialOrigin = "github.com/Azure/azure-sdk-for-go/sdk/azcore/internal/exported.TokenCredential"
)

func typeName(obj *types.TypeName) string {
	if obj.Pkg() == nil {
		return obj.Name()
	}
	return obj.Pkg().Path() + "." + obj.Name()
}

// mongoDriver is the import path prefix of the MongoDB Go driver.
const mongoDriver = "go.mongodb.org/mongo-driver"

// NewUseAnalyzer returns the analyzer that records keyless service use and
// operations by type (typeutil.Callee, full names), never by identifier
// text. Key use is not detected here: it comes from keyauth's findings
// (KeyUses). It reports nothing; its result is []GoUse.
func NewUseAnalyzer(cat *rules.Catalog) *analysis.Analyzer {
	byPkg := map[string]string{}
	byOp := map[string][2]string{}
	for _, s := range cat.Infra.Services {
		for _, p := range s.Packages {
			if _, dup := byPkg[p]; !dup {
				byPkg[p] = s.ID
			}
		}
		for op, fns := range s.Operations {
			for _, fn := range fns {
				byOp[fn] = [2]string{s.ID, op}
			}
		}
	}
	return &analysis.Analyzer{
		Name:       "infrause",
		Doc:        "records keyless Azure service use and the operations the code performs, for keyless infra",
		Requires:   []*analysis.Analyzer{inspect.Analyzer},
		ResultType: reflect.TypeFor[[]GoUse](),
		Run: func(pass *analysis.Pass) (any, error) {
			var uses []GoUse
			at := func(pos token.Pos) (string, int) {
				p := pass.Fset.Position(pos)
				return p.Filename, p.Line
			}
			for _, f := range pass.Files {
				for _, imp := range f.Imports {
					if strings.HasPrefix(strings.Trim(imp.Path.Value, `"`), mongoDriver) {
						file, line := at(imp.Pos())
						uses = append(uses, GoUse{Kind: UseMongo, File: file, Line: line})
					}
				}
			}
			ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
			ins.Preorder([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node) {
				call := n.(*ast.CallExpr)
				fn, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
				if !ok || fn.Pkg() == nil {
					return
				}
				fn = fn.Origin()
				file, line := at(call.Pos())
				if so, ok := byOp[fn.FullName()]; ok {
					uses = append(uses, GoUse{Service: so[0], Kind: UseOp, Op: so[1], File: file, Line: line})
				}
				svc, ok := byPkg[fn.Pkg().Path()]
				if !ok || !takesTokenCredential(fn) {
					return
				}
				uses = append(uses, GoUse{Service: svc, Kind: UseKeyless, File: file, Line: line})
			})
			return uses, nil
		},
	}
}

// takesTokenCredential reports whether fn has a parameter of type
// azcore.TokenCredential (NewClient(endpoint, cred, opts),
// azure.WithTokenCredential(cred)).
func takesTokenCredential(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok {
		return false
	}
	for i := range sig.Params().Len() {
		t := sig.Params().At(i).Type()
		// azcore.TokenCredential is an alias of
		// azcore/internal/exported.TokenCredential: match either.
		if a, ok := t.(*types.Alias); ok && typeName(a.Obj()) == tokenCredential {
			return true
		}
		if named, ok := types.Unalias(t).(*types.Named); ok {
			if n := typeName(named.Obj()); n == tokenCredential || n == tokenCredentialOrigin {
				return true
			}
		}
	}
	return false
}

// KeyUse turns a keyauth finding (rule id "keyauth/<id>", absolute file,
// line) into a key use of the service whose keyauth list names it; ok is
// false for rules no service lists.
func KeyUse(cat *rules.Catalog, ruleID, file string, line int, suppressed bool) (GoUse, bool) {
	id, ok := strings.CutPrefix(ruleID, "keyauth/")
	if !ok {
		return GoUse{}, false
	}
	for _, s := range cat.Infra.Services {
		for _, k := range s.KeyAuth {
			if k == id {
				return GoUse{Service: s.ID, Kind: UseKey, File: file, Line: line, Suppressed: suppressed, RuleID: ruleID}, true
			}
		}
	}
	return GoUse{}, false
}
