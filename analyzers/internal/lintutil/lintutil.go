// Package lintutil holds what every keyless analyzer shares: its options,
// type-based callee resolution, and reporting that honours rule ids,
// disabled rules and //keyless:ignore comments.
package lintutil

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/keyless-dev/keyless/analyzers/internal/ignore"
	"github.com/keyless-dev/keyless/internal/rules"
)

// Options configure an analyzer instance. They are fixed when the analyzer
// is built and only read afterwards, so one instance is safe to run on
// many packages at once.
type Options struct {
	// Catalog is the merged rule catalog; nil means rules.Default().
	Catalog *rules.Catalog
	// KeepSuppressed reports findings covered by a //keyless:ignore
	// comment instead of dropping them; the keyless CLI sets it so that
	// SARIF can show them as suppressed. go vet and golangci-lint leave it
	// off.
	KeepSuppressed bool
}

var (
	defaultOnce sync.Once
	defaultCat  *rules.Catalog
)

// CatalogOf returns o.Catalog or the embedded default.
func (o Options) CatalogOf() *rules.Catalog {
	if o.Catalog != nil {
		return o.Catalog
	}
	defaultOnce.Do(func() { defaultCat = rules.Default() })
	return defaultCat
}

// FuncName is the full types name of the function or method a call
// resolves to ("pkg/path.Func", "(*pkg/path.T).Method"), or "" for
// dynamic calls, builtins and conversions. Generic instances resolve to
// their origin, so instantiation does not change the name.
func FuncName(info *types.Info, call *ast.CallExpr) string {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok {
		return ""
	}
	return fn.Origin().FullName()
}

// Reporter reports diagnostics of one pass under rule ids.
type Reporter struct {
	Pass *analysis.Pass
	Opts Options

	mu      sync.Mutex
	ignores map[*token.File]ignore.Index
}

// NewReporter returns a Reporter for pass.
func NewReporter(pass *analysis.Pass, opts Options) *Reporter {
	return &Reporter{Pass: pass, Opts: opts, ignores: map[*token.File]ignore.Index{}}
}

// Report emits d under ruleID: the message is prefixed with the rule id
// (so go vet and golangci-lint users see what to put in an ignore
// comment), Category carries the id for machine-readable output, and the
// finding is dropped when the rule is disabled or, unless KeepSuppressed,
// when an ignore comment covers it.
func (r *Reporter) Report(ruleID string, d analysis.Diagnostic) {
	cat := r.Opts.CatalogOf()
	if !cat.Enabled(ruleID) {
		return
	}
	if !r.Opts.KeepSuppressed && r.Suppressed(d.Pos, ruleID) {
		return
	}
	d.Category = ruleID
	if !strings.HasPrefix(d.Message, ruleID+": ") {
		d.Message = ruleID + ": " + d.Message
	}
	r.Pass.Report(d)
}

// Suppressed reports whether a valid ignore comment for ruleID covers pos.
func (r *Reporter) Suppressed(pos token.Pos, ruleID string) bool {
	tf := r.Pass.Fset.File(pos)
	if tf == nil {
		return false
	}
	r.mu.Lock()
	idx, ok := r.ignores[tf]
	if !ok {
		for _, f := range r.Pass.Files {
			if r.Pass.Fset.File(f.Pos()) == tf {
				idx = ignore.FileIndex(r.Pass.Fset, f)
				break
			}
		}
		r.ignores[tf] = idx
	}
	r.mu.Unlock()
	_, ok = idx.Match(tf.Line(pos), ruleID)
	return ok
}

// StripRuleID undoes Report's message prefix, for output formats that
// carry the rule id in a field of its own.
func StripRuleID(ruleID, msg string) string {
	return strings.TrimPrefix(msg, ruleID+": ")
}
