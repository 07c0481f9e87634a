// Package driver runs go/analysis analyzers for `keyless lint` at a cost
// that follows what changed.
//
// The packages named on the command line (the roots) are parsed,
// type-checked and analysed from source, as any driver does. Their
// dependencies are needed only for their types and for the facts that
// analyzers (keyauth's wrapper facts) derive from them; both are kept in a
// persistent cache, one entry per package holding its export data
// (gcexportdata) and its facts (gob, objects addressed by objectpath),
// keyed by a hash of everything that determines them: the analyzers'
// build and configuration (Config.Salt), the package's files, the build
// configuration and the keys of its dependencies. A dependency whose key
// hits is imported from its entry; one that misses is type-checked from
// source (without function bodies when no fact can arise in it, see
// Config.Scope), analysed and written back, so a cold run costs what a
// from-source run costs and fills the cache as it goes.
//
// Analyze takes packages loaded with LoadMode (go list metadata, no
// types) and returns a Graph shaped like golang.org/x/tools/go/analysis/
// checker's, whose Roots and PrintJSON keyless's reporting consumes
// unchanged.
package driver
