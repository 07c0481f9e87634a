// Package fixedit builds suggested fixes that must keep a package
// compiling: adding an import under a name that resolves, picking fresh
// names, writing zero values of result types, inserting a declaration
// with error handling before the enclosing statement, and deleting
// declarations and imports that a rewrite leaves unused.
//
// Fixes of one file are planned together (see Plan) because drivers apply
// them in two ways: `go vet -fix` and gopls may apply one alone, while
// golangci-lint and `keyless lint -fix` apply all of them, coalescing
// identical edits. Every fix Plan returns compiles in both cases: fixes
// whose deletions only become complete together (two rewrites that each
// remove one use of the same variable or import) are merged into one
// shared fix that each of their diagnostics carries.
//
// The package knows nothing about Azure: keyauth describes its rewrites
// as Candidates (edits + the expressions the edits drop) and Plan does
// the rest; broadrole's edits, which drop nothing, use Import and
// AppendElement directly. Files reads each file's source once per pass.
package fixedit
