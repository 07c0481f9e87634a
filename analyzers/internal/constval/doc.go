// Package constval answers, for the analyzers, what string, bool or
// composite literal an expression of a type-checked package holds.
//
// Values are followed through constant folding, + concatenation,
// fmt.Sprintf with a known format, path.Join, strings.Join, the
// strings.Trim* family, conversions, & and *, variables assigned once,
// functions of the package whose body has one return statement and, for
// parameters, the arguments of one call site (an Env). What cannot be
// known statically (a parameter without a binding, a value read at run
// time) is an unknown part: a Piece whose text is Unknown. Every walk
// stops after MaxDepth steps.
//
// A Value also says where its text comes from — the string literal it was
// copied from, the constants, variables and helpers it flowed through,
// the call-site argument that carried it into a function — so that a fix
// can edit the one literal that holds it, and an unknown part carries the
// expression it is the value of, so that a fix can write that expression
// elsewhere.
//
// What the package's own syntax cannot show (results of functions and
// values of fields or variables declared elsewhere, e.g. a role name
// chosen in a Default method of another package) comes from a Source,
// which an analyzer backs with analysis facts.
package constval
