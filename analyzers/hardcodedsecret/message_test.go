package hardcodedsecret

import (
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/analyzers/internal/lintutil"
	"github.com/keyless-dev/keyless/internal/rules"
	"github.com/keyless-dev/keyless/internal/secrets/engine"
)

// TestMessagesShort builds the message of every rule of the engine (the
// Azure formats and gitleaks' rules), in test files too, with the
// longest redaction a secret gets, and checks it is one short line.
func TestMessagesShort(t *testing.T) {
	s := setupFor(rules.Default())
	if s.err != nil {
		t.Fatal(s.err)
	}
	red := engine.Redact(strings.Repeat("A", 100000))
	n := 0
	for _, r := range s.eng.Rules() {
		id := "hardcodedsecret/" + r.ID + rules.TestSuffix
		msg := id + ": " + message(s.eng.Kind(engine.Match{RuleID: r.ID}), red)
		if err := lintutil.CheckMessage(msg); err != nil {
			t.Errorf("%v:\n\t%s", err, msg)
		}
		n++
	}
	if n < 100 {
		t.Fatalf("only %d rules: the engine walk is broken", n)
	}
}
