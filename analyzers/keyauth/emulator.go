package keyauth

import (
	"go/ast"
	"go/types"
	"strings"
)

// A client built for a local emulator keeps its key: Azurite and the
// Cosmos DB emulator accept only their published well-known keys and no
// Entra ID token, so a keyless rewrite would compile and then fail the
// tests that use the emulator. The finding stays (the code still shows
// the key pattern) but carries no fix, and says why.

const emulatorNoFix = "the client targets a local emulator (Azurite or the Cosmos DB emulator), which accepts only its well-known key, not an Entra ID token"

// emulatorMarkers are lower-cased texts that only an emulator setup
// holds: the development-storage shortcut, the emulator account, loopback
// endpoints, and the documented emulator keys by prefix (the same
// prefixes the secrets allowlist in rules.yaml uses).
var emulatorMarkers = []string{
	"usedevelopmentstorage=true",
	"devstoreaccount1",
	"://localhost",
	"://127.0.0.1",
	"://[::1]",
	"eby8vdm02xnocqflquwjpllmetlcdxj1",
	"c2y6ydjf5/r+ob0n8a7cgv30vrdjiweh",
}

// emulatorTarget reports whether a finding's call is built for a local
// emulator: one of its string arguments, or of the arguments of the
// constructor of a key credential it is passed, resolves to text with an
// emulator marker.
func (s *state) emulatorTarget(f *finding) bool {
	if f.call == nil {
		return false
	}
	for _, arg := range f.call.Args {
		if s.emulatorText(arg) {
			return true
		}
		// A key credential variable: look at its constructor's arguments.
		id, ok := ast.Unparen(arg).(*ast.Ident)
		if !ok {
			if call, ok := ast.Unparen(arg).(*ast.CallExpr); ok {
				for _, a := range call.Args {
					if s.emulatorText(a) {
						return true
					}
				}
			}
			continue
		}
		v, ok := s.pass.TypesInfo.Uses[id].(*types.Var)
		if !ok {
			continue
		}
		init, ok := s.values().Index.Single(v)
		if !ok {
			continue
		}
		if call, ok := ast.Unparen(init).(*ast.CallExpr); ok {
			for _, a := range call.Args {
				if s.emulatorText(a) {
					return true
				}
			}
		}
	}
	return false
}

// emulatorText reports whether the string value of e holds an emulator
// marker.
func (s *state) emulatorText(e ast.Expr) bool {
	t := s.pass.TypesInfo.TypeOf(e)
	if t == nil {
		return false
	}
	if b, ok := t.Underlying().(*types.Basic); !ok || b.Info()&types.IsString == 0 {
		return false
	}
	text := strings.ToLower(s.values().String(e, nil).String())
	for _, m := range emulatorMarkers {
		if strings.Contains(text, m) {
			return true
		}
	}
	return false
}
