// Package integration tests keyless where teams run it: the golangci-lint
// module plugin built from the module proxy, the pre-commit hooks, and the
// files the CI review bot hands to GitHub (SARIF for code scanning,
// rdjsonl for reviewdog, the composite action). Every test runs the real
// keyless binary built from this checkout.
//
// Tests that need an external tool (pre-commit, jq, npm's
// @microsoft/sarif-multitool, the custom golangci-lint build) skip when it
// is missing, except under CI (env CI non-empty), where .ci/run installs
// them and a missing tool is a failure.
package integration

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// repoRoot is the keyless checkout (the parent of this directory).
var repoRoot = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(file))
}()

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
	buildDir  string
)

func TestMain(m *testing.M) {
	// An empty global git config (not /dev/null, which a misbehaving
	// process elsewhere can replace by a file).
	cfg, err := os.CreateTemp("", "keyless-integration-gitconfig-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	cfg.Close()
	gitEnv = append(gitEnv, "GIT_CONFIG_GLOBAL="+cfg.Name())
	// keyless lint's cache of dependencies: one for these tests, not
	// the user's.
	cache, err := os.MkdirTemp("", "keyless-integration-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	os.Setenv("KEYLESS_CACHE", cache)
	code := m.Run()
	os.Remove(cfg.Name())
	os.RemoveAll(cache)
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// keyless builds the CLI from this checkout once per test binary and
// returns its path.
func keyless(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "keyless-integration-")
		if buildErr != nil {
			return
		}
		binPath = filepath.Join(buildDir, "bin", "keyless")
		cmd := exec.Command("go", "build", "-o", binPath, "./cmd/keyless")
		cmd.Dir = repoRoot
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build ./cmd/keyless: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// inCI reports whether the tests run under CI, where every external tool
// must be present.
func inCI() bool { return os.Getenv("CI") != "" }

// needTool returns the path of an external tool, skipping the test when it
// is missing outside CI and failing it in CI.
func needTool(t *testing.T, name, install string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		missing(t, name, install)
	}
	return p
}

// missing skips (locally) or fails (CI) a test whose tool is absent.
func missing(t *testing.T, what, install string) {
	t.Helper()
	if inCI() {
		t.Fatalf("%s is not installed; .ci/run must install it (%s)", what, install)
	}
	t.Skipf("%s is not installed (%s); skipping", what, install)
}

// result is a finished command.
type result struct {
	stdout, stderr string
	code           int
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
}

// run runs a command in dir with extra environment and returns its
// output and exit code; failing to start it fails the test.
func run(t *testing.T, dir string, env []string, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errb.String()}
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
		}
		r.code = ee.ExitCode()
	}
	return r
}

// gitEnv makes commits reproducible and independent of the user's git
// configuration.
var gitEnv = []string{
	"GIT_AUTHOR_NAME=keyless test", "GIT_AUTHOR_EMAIL=test@example.com",
	"GIT_COMMITTER_NAME=keyless test", "GIT_COMMITTER_EMAIL=test@example.com",
	"GIT_AUTHOR_DATE=2024-05-01T12:00:00Z", "GIT_COMMITTER_DATE=2024-05-01T12:00:00Z",
	"GIT_CONFIG_NOSYSTEM=1",
}

// git runs git in dir and fails the test on error.
func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	r := run(t, dir, gitEnv, "git", args...)
	if r.code != 0 {
		t.Fatalf("git %s: %s", strings.Join(args, " "), r)
	}
	return strings.TrimSpace(r.stdout)
}

// writeFile writes a file below dir, creating directories.
func writeFile(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// copyTree copies the regular files below src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !info.Mode().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, info.Mode().Perm()|0o200)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// e2eModule is the end-to-end module with the real Azure SDKs.
func e2eModule(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(repoRoot, "testdata", "e2e")
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
		t.Fatalf("end-to-end module missing: %v", err)
	}
	return dir
}
