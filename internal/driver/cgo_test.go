package driver

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

// TestCgo: Load lists without cgo processing, so net, os/user and
// runtime/cgo are type-checked from their unprocessed files with a fake
// "C"; a main-module package that uses cgo is analysed from the files
// the compiler sees. Either way the report equals the from-source
// checker's, cold and warm, positions included.
func TestCgo(t *testing.T) {
	out, err := exec.Command("go", "env", "CGO_ENABLED").Output()
	if err != nil || strings.TrimSpace(string(out)) != "1" {
		t.Skip("cgo is not enabled (no C compiler)")
	}
	dir := testModule(t)
	cg := "package cg\n\n/*\nstatic int twice(int x) { return 2 * x; }\n*/\nimport \"C\"\n\nimport (\n\t\"net\"\n\t\"os/user\"\n\n\t\"example.com/m/wrap\"\n)\n\n" +
		"func Twice(x int) int { return int(C.twice(C.int(x))) }\n\n" +
		"func Lookup(host string) error {\n\t_, err := net.LookupHost(host)\n\tif _, err := user.Current(); err != nil {\n\t\treturn err\n\t}\n\twrap.Open(host, \"k\")\n\treturn err\n}\n"
	if err := os.MkdirAll(filepath.Join(dir, "cg"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "cg", "cg.go"), []byte(cg), 0o644); err != nil {
		t.Fatal(err)
	}

	pkgs := load(t, dir, LoadMode, "./cg")
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		switch p.PkgPath {
		case "example.com/m/cg":
			if slices.Equal(p.CompiledGoFiles, p.GoFiles) {
				t.Errorf("cg: CompiledGoFiles %v are its GoFiles: cgo was not processed", p.CompiledGoFiles)
			}
		case "net", "os/user":
			if !slices.Equal(p.CompiledGoFiles, p.GoFiles) {
				t.Errorf("%s: CompiledGoFiles %v, want its GoFiles (no cgo processing for dependencies)", p.PkgPath, p.CompiledGoFiles)
			}
		}
	})

	want := fromSource(t, dir, "./cg")
	if !strings.Contains(want, "key passed to Open") || !strings.Contains(want, "cg.go:22:2") {
		t.Fatalf("the reference lacks the finding in the cgo package:\n%s", want)
	}
	c := openTestCache(t)
	for _, name := range []string{"cold", "warm"} {
		got, st := analyze(t, dir, c, "s", "./cg")
		if got != want {
			t.Errorf("%s: driver report differs from checker's\ngot:\n%s\nwant:\n%s", name, got, want)
		}
		if name == "warm" && (st.Misses != 0 || st.RootHits != st.Roots) {
			t.Errorf("warm run: %+v: net or os/user did not enter the cache (ill-typed without cgo processing?)", st)
		}
	}
}
