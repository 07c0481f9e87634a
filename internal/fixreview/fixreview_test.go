package fixreview

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const before = `package p

import (
	"net/http"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai"
)

func two(key string) (*azopenai.Client, *azopenai.Client, error) {
	a, err := azopenai.NewClientWithKeyCredential("https://a", azcore.NewKeyCredential(key), nil)
	if err != nil {
		return nil, nil, err
	}
	b, err := azopenai.NewClientWithKeyCredential("https://b", azcore.NewKeyCredential(key), nil)
	if err != nil {
		return nil, nil, err
	}
	return a, b, nil
}

func routes(mux *http.ServeMux, key string) {
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		c, err := azopenai.NewClientWithKeyCredential("https://a", azcore.NewKeyCredential(key), nil)
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		_ = c
	})
}
`

// What the reviewer sent back: two credentials, a numbered name,
// a credential per request, log.Fatal in a function returning an error,
// the handler's error path replaced.
const bad = `package p

import (
	"log"
	"net/http"

	"github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
)

func two(key string) (*azopenai.Client, *azopenai.Client, error) {
	cred2, err := azidentity.NewDefaultAzureCredential(nil)
	if err != nil {
		log.Fatal(err)
	}
	a, err := azopenai.NewClient("https://a", cred2, nil)
	if err != nil {
		return nil, nil, err
	}
	cred3, err := azidentity.NewDefaultAzureCredential(nil)
	if err != nil {
		return nil, nil, err
	}
	b, err := azopenai.NewClient("https://b", cred3, nil)
	if err != nil {
		return nil, nil, err
	}
	return a, b, nil
}

func routes(mux *http.ServeMux, key string) {
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		cred, err := azidentity.NewDefaultAzureCredential(nil)
		if err != nil {
			log.Fatal(err)
		}
		c, err := azopenai.NewClient("https://a", cred, nil)
		_ = c
	})
}
`

const good = `package p

import (
	"log"
	"net/http"

	"github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
)

func two(key string) (*azopenai.Client, *azopenai.Client, error) {
	cred, err := azidentity.NewDefaultAzureCredential(nil)
	if err != nil {
		return nil, nil, err
	}
	a, err := azopenai.NewClient("https://a", cred, nil)
	if err != nil {
		return nil, nil, err
	}
	b, err := azopenai.NewClient("https://b", cred, nil)
	if err != nil {
		return nil, nil, err
	}
	return a, b, nil
}

func routes(mux *http.ServeMux, key string) {
	cred, err := azidentity.NewDefaultAzureCredential(nil)
	if err != nil {
		log.Fatal(err)
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		c, err := azopenai.NewClient("https://a", cred, nil)
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		_ = c
	})
}
`

func TestCheck(t *testing.T) {
	probs, err := Check([]byte(before), []byte(bad))
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(probs, "\n")
	for _, want := range []string{
		"two: 1 new panic/log.Fatal/os.Exit",
		"two: 2 credential constructors",
		"two: numbered credential name cred2 while cred is free",
		"routes: a credential is constructed inside an HTTP handler literal",
		"routes: error handling removed: { http.Error(w, ERR.Error(), 500) return }",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q; got:\n%s", want, got)
		}
	}
	probs, err = Check([]byte(before), []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) != 0 {
		t.Errorf("the good fix has problems:\n%s", strings.Join(probs, "\n"))
	}
}

func TestCheckTree(t *testing.T) {
	orig, fixed := t.TempDir(), t.TempDir()
	write := func(dir, name, src string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(orig, "a/a.go", before)
	write(fixed, "a/a.go", bad)
	write(orig, "b.go", before)
	write(fixed, "b.go", before) // unchanged: not counted
	probs, changed, err := CheckTree(orig, fixed)
	if err != nil {
		t.Fatal(err)
	}
	if changed != 1 || len(probs) == 0 || !strings.HasPrefix(probs[0], filepath.Join("a", "a.go")+": ") {
		t.Errorf("CheckTree: %d changed, problems %q", changed, probs)
	}
}
