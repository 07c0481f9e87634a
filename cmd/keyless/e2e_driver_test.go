package main

// The lint driver (internal/driver: dependencies' types and facts from a
// persistent cache) must report exactly what the from-source x/tools
// checker reports (KEYLESS_DRIVER=source), cold, warm and without a
// cache, on the end-to-end module: findings, wrapper findings across
// packages, fixes and suppressions, in every output.

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// lintEnv runs keyless in dir with extra environment variables.
func lintEnv(t *testing.T, bin, dir string, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	r := result{stdout: o.String(), stderr: e.String()}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %v: %v", bin, args, err)
	}
	if strings.Contains(r.stderr, "goroutine ") {
		t.Fatalf("%s %v panicked:\n%s", bin, args, r.stderr)
	}
	return r
}

var driverStats = regexp.MustCompile(`driver: (\d+) roots, dependencies: (\d+) from the cache, (\d+) from source`)

// stats returns the dependencies a run took from the cache and from
// source (KEYLESS_DEBUG's driver line).
func stats(t *testing.T, r result) (hits, misses string) {
	t.Helper()
	m := driverStats.FindStringSubmatch(r.stderr)
	if m == nil {
		t.Fatalf("no driver statistics on stderr:\n%s", r.stderr)
	}
	return m[2], m[3]
}

func TestE2EDriverMatchesFromSource(t *testing.T) {
	bin := lintBin(t)
	dir := e2eDir(t)
	cache := t.TempDir()
	src := []string{"KEYLESS_DRIVER=source"}
	cached := []string{"KEYLESS_CACHE=" + cache, "KEYLESS_DEBUG=1"}

	for _, args := range [][]string{{"lint", "-json"}, {"lint", "-format", "json"}} {
		want := lintEnv(t, bin, dir, src, args...)
		if want.code != 1 {
			t.Fatalf("%v from source: exit %d\n%s", args, want.code, want.stderr)
		}
		for _, s := range []string{"via wrapper azclient.OpenAI", "edits", "inSource"} {
			if args[1] == "-json" && s == "inSource" {
				continue // the JSON tree drops suppressed findings, as go vet does
			}
			if !strings.Contains(want.stdout, s) {
				t.Fatalf("%v: the reference lacks %q (cross-package wrapper finding, fix, suppression)", args, s)
			}
		}
		for _, run := range []struct {
			name string
			env  []string
			args []string
		}{
			{"cold", cached, args},
			{"warm", cached, args},
			{"no cache", nil, append([]string{args[0], "-cache=off"}, args[1:]...)},
		} {
			got := lintEnv(t, bin, dir, run.env, run.args...)
			if got.code != want.code || got.stdout != want.stdout {
				t.Errorf("%v %s: exit %d, output differs from the from-source driver's (exit %d)\n%s", args, run.name, got.code, want.code, firstDiff(got.stdout, want.stdout))
			}
			if run.name == "warm" {
				if _, misses := stats(t, got); misses != "0" {
					t.Errorf("%v warm: %s dependencies from source, want 0\n%s", args, misses, got.stderr)
				}
			}
		}
	}

	// One package whose wrapper lives in another package, which now
	// comes from the cache with its facts.
	want := lintEnv(t, bin, dir, src, "lint", "-json", "./cmd/app")
	got := lintEnv(t, bin, dir, cached, "lint", "-json", "./cmd/app")
	if !strings.Contains(want.stdout, "via wrapper azclient.OpenAI") {
		t.Fatalf("./cmd/app from source: no wrapper finding\n%s", want.stdout)
	}
	if got.stdout != want.stdout || got.code != want.code {
		t.Errorf("./cmd/app with azclient from the cache: differs\n%s", firstDiff(got.stdout, want.stdout))
	}
	if _, misses := stats(t, got); misses != "0" {
		t.Errorf("./cmd/app: %s dependencies from source, want 0", misses)
	}
}

// A cache written by one keyless executable or under one rules file is
// not read by another.
func TestE2EDriverCacheInvalidation(t *testing.T) {
	bin := lintBin(t)
	dir := e2eDir(t)
	cache := t.TempDir()
	env := []string{"KEYLESS_CACHE=" + cache, "KEYLESS_DEBUG=1"}
	lintEnv(t, bin, dir, env, "lint", "-json", "./cmd/app")
	if hits, misses := stats(t, lintEnv(t, bin, dir, env, "lint", "-json", "./cmd/app")); misses != "0" || hits == "0" {
		t.Fatalf("warm: %s hits, %s misses", hits, misses)
	}

	// A rebuilt keyless: same program, other bytes.
	data, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "keyless")
	if err := os.WriteFile(other, append(data, "rebuilt"...), 0o755); err != nil {
		t.Fatal(err)
	}
	if hits, _ := stats(t, lintEnv(t, other, dir, env, "lint", "-json", "./cmd/app")); hits != "0" {
		t.Errorf("another executable read %s entries of the first", hits)
	}

	// Another rules file.
	rules := filepath.Join(dir, "cmd", "app", "keyless-rules-test.yaml")
	if err := os.WriteFile(rules, []byte("disable:\n  - ignore/missing-reason\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(rules)
	r := lintEnv(t, bin, dir, env, "lint", "-json", "-config", rules, "./cmd/app")
	if hits, _ := stats(t, r); hits != "0" {
		t.Errorf("another rules file read %s entries\n%s", hits, r.stderr)
	}
}

// firstDiff shows where two outputs part.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ":\n got: " + gl + "\nwant: " + wl
		}
	}
	return "(same lines)"
}
