package fixedit

import (
	"go/ast"
	"strings"
	"testing"
)

const errPathSrc = `package p

import (
	"errors"
	"fmt"
	"log"
	"net/http"
	"os"
	"sync"
)

func mk() (int, error) { return 0, errors.New("x") }

var (
	once      sync.Once
	sharedErr error
)

func wraps() (int, error) {
	a, err := mk()
	if err != nil {
		return 0, fmt.Errorf("first: %w", err)
	}
	return a, nil
}

func onceDo() {
	once.Do(func() {
		_, err := mk()
		if err != nil {
			sharedErr = err
			return
		}
	})
}

func logsAndGoesOn(items []string) {
	for _, it := range items {
		_, err := mk()
		if err != nil {
			log.Printf("%s: %v", it, err)
			continue
		}
	}
}

func noPath() {
	_ = os.Getenv("X")
}

func diesButReturnsError() error {
	_, err := mk()
	if err != nil {
		log.Fatal(err)
	}
	return nil
}

func handler(w http.ResponseWriter, r *http.Request) {
	_, err := mk()
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
}
`

// TestErrPath: the credential's error handling follows the function's
// own error path, and never dies where the function hands errors back or
// handles them without dying.
func TestErrPath(t *testing.T) {
	f := load(t, errPathSrc)
	handler := func(fn, at string) (Handler, string) {
		t.Helper()
		var fd *ast.FuncDecl
		for _, d := range f.AST.Decls {
			if x, ok := d.(*ast.FuncDecl); ok && x.Name.Name == fn {
				fd = x
			}
		}
		var stmt ast.Node = fd.Body.List[0]
		if at != "" {
			stmt = find[ast.Stmt](f, at)
		}
		s, ok := f.SiteOf(stmt)
		if !ok {
			t.Fatalf("%s: no site", fn)
		}
		return f.ErrPath(s, "err", nil)
	}
	cases := []struct {
		fn, at, want string
		dies         bool
		reason       string
	}{
		{"wraps", "", `return 0, fmt.Errorf("azure credential: %w", err)`, false, ""},
		{"onceDo", "_, err := mk()", "sharedErr = err\nreturn", false, ""},
		{"logsAndGoesOn", "for _, it", "", false, "handles errors without stopping"},
		{"noPath", "", "log.Fatal(err)", true, ""}, // log is imported
		// The function returns an error: its log.Fatal is not copied.
		{"diesButReturnsError", "", "return err", false, ""},
		{"handler", "", "http.Error(w, err.Error(), 500)\nreturn", false, ""},
	}
	for _, c := range cases {
		h, reason := handler(c.fn, c.at)
		if c.reason != "" {
			if !strings.Contains(reason, c.reason) {
				t.Errorf("%s: reason %q, want %q", c.fn, reason, c.reason)
			}
			continue
		}
		if reason != "" {
			t.Errorf("%s: unexpected reason %q", c.fn, reason)
			continue
		}
		if got := strings.Join(h.Lines, "\n"); got != c.want || h.Dies != c.dies {
			t.Errorf("%s: handler %q (dies=%v), want %q (dies=%v)", c.fn, got, h.Dies, c.want, c.dies)
		}
	}
}
