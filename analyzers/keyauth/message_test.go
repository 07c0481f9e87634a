package keyauth

import (
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/analyzers/internal/lintutil"
	"github.com/keyless-dev/keyless/internal/rules"
)

// TestMessagesShort builds the message of every function, header setter
// and object of the default catalog, as a direct call and through a
// wrapper, and checks it is one line of at most lintutil.MaxMessage
// characters (rule id included) that gives its advice once.
func TestMessagesShort(t *testing.T) {
	cat := rules.Default()
	n := 0
	for i := range cat.KeyAuth {
		r := &cat.KeyAuth[i]
		var names []string
		names = append(names, r.Funcs...)
		names = append(names, r.Credentials...)
		names = append(names, r.Objects...)
		for _, full := range names {
			rep := r.ReplacementFor(full)
			for _, what := range []string{shortName(full), "function value " + shortName(full)} {
				msg := r.RuleID() + ": " + compose(r, what, "", false, rep != "", rep)
				check(t, msg)
				n++
			}
			msg := r.RuleID() + ": " + compose(r, "this call", "aiclient.NewChatClientFromSettings", false, rep != "", rep)
			check(t, msg)
		}
		for _, full := range r.HeaderFuncs {
			for _, h := range r.Headers {
				check(t, r.RuleID()+": "+compose(r, shortName(full)+` with header "`+h+`"`, "", true, false, ""))
				n++
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d messages built: the catalog walk is broken", n)
	}
}

func check(t *testing.T, msg string) {
	t.Helper()
	if err := lintutil.CheckMessage(msg); err != nil {
		t.Errorf("%v:\n\t%s", err, msg)
	}
}

// shortName renders a catalog full name as funcName does:
// "github.com/x/azblob.NewClient" -> "azblob.NewClient",
// "(*github.com/x/armstorage.AccountsClient).ListKeys" -> "armstorage.AccountsClient.ListKeys".
func shortName(full string) string {
	s := strings.NewReplacer("(*", "", "(", "", ")", "").Replace(full)
	if i := strings.LastIndex(s, "/"); i >= 0 {
		s = s[i+1:]
	}
	return s
}
