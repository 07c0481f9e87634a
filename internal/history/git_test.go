package history

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/internal/safegit"
	"github.com/keyless-dev/keyless/testdata/historyrepo"
)

func TestGitErrors(t *testing.T) {
	ctx := context.Background()
	s := scanner(t)
	var ge *safegit.Error

	notRepo := t.TempDir()
	_, err := s.Scan(ctx, Options{Dir: notRepo})
	if !errors.As(err, &ge) || !strings.Contains(err.Error(), "not a git repository") {
		t.Errorf("not a repository: %v", err)
	}
	_, err = s.Scan(ctx, Options{Dir: filepath.Join(notRepo, "missing")})
	if !errors.As(err, &ge) || !strings.Contains(err.Error(), "no such directory") {
		t.Errorf("missing directory: %v", err)
	}

	empty := t.TempDir()
	historyrepo.Git(empty, nil, "init", "-q")
	_, err = s.Scan(ctx, Options{Dir: empty})
	if !errors.As(err, &ge) || !strings.Contains(err.Error(), "no commits to scan") {
		t.Errorf("empty repository: %v", err)
	}

	fx := fixture(t)
	_, err = s.Scan(ctx, Options{Dir: fx.Dir, Since: "no-such-rev"})
	if !errors.As(err, &ge) || !strings.Contains(err.Error(), "unknown revision") {
		t.Errorf("bad -since: %v", err)
	}
	_, err = s.Scan(ctx, Options{Dir: fx.Dir, Since: "--all"})
	if err == nil {
		t.Error("-since starting with '-' accepted")
	}

	bare := filepath.Join(t.TempDir(), "bare.git")
	if out, err := exec.Command("git", "clone", "-q", "--bare", fx.Dir, bare).CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	res := scan(t, Options{Dir: bare})
	if len(res.Findings) != len(fx.Planted) {
		t.Errorf("bare clone: %d findings", len(res.Findings))
	}
	if _, err := s.Scan(ctx, Options{Dir: bare, Staged: true}); !errors.As(err, &ge) {
		t.Errorf("staged in a bare repository: %v", err)
	}
}

func TestCorruptObjects(t *testing.T) {
	fx := fixture(t)
	// Loose objects: corrupt the blob of a file added in the history.
	out, err := exec.Command("git", "-C", fx.Dir, "rev-parse", fx.Commits["Add release script"]+":scripts/release.py").Output()
	if err != nil {
		t.Fatal(err)
	}
	blob := strings.TrimSpace(string(out))
	// fast-import writes a pack; explode it into loose objects first.
	packs, _ := filepath.Glob(filepath.Join(fx.Dir, ".git/objects/pack/*.pack"))
	for _, p := range packs {
		data, _ := os.ReadFile(p)
		os.Remove(p)
		os.Remove(strings.TrimSuffix(p, ".pack") + ".idx")
		cmd := exec.Command("git", "-C", fx.Dir, "unpack-objects", "-q")
		cmd.Stdin = bytes.NewReader(data)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("unpack: %v %s", err, out)
		}
	}
	obj := filepath.Join(fx.Dir, ".git/objects", blob[:2], blob[2:])
	os.Chmod(obj, 0o644)
	if err := os.WriteFile(obj, []byte("not zlib"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = scanner(t).Scan(context.Background(), Options{Dir: fx.Dir})
	var ge *safegit.Error
	if !errors.As(err, &ge) {
		t.Fatalf("corrupt object: %v", err)
	}
	if strings.Contains(ge.Msg, "\n") || ge.Msg == "" {
		t.Errorf("message %q", ge.Msg)
	}
	t.Log(err)
}

func TestShallowClone(t *testing.T) {
	fx := fixture(t)
	shallow := filepath.Join(t.TempDir(), "shallow")
	if out, err := exec.Command("git", "clone", "-q", "--depth", "2", "file://"+fx.Dir, shallow).CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	res := scan(t, Options{Dir: shallow})
	if !res.Shallow {
		t.Error("shallow clone not detected")
	}
	if res.Commits != 2 {
		t.Errorf("scanned %d commits", res.Commits)
	}
	// The boundary commit shows its whole tree as added: the cosmos key,
	// added in the last-but-one commit, is found there.
	found := false
	for _, f := range res.Findings {
		found = found || f.Path == "config/cosmos.env"
	}
	if !found {
		t.Errorf("findings in a shallow clone: %v", res.Findings)
	}
}

// Scanning must not run programs the repository's configuration names.
func TestGitRunsNoRepositoryPrograms(t *testing.T) {
	fx := fixture(t)
	trap, err := historyrepo.NewTrap(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := historyrepo.AddSignedBranch(fx.Dir); err != nil {
		t.Fatal(err)
	}
	// A staged change, so that diff --cached has something to show.
	os.WriteFile(filepath.Join(fx.Dir, "README.md"), []byte("changed\n"), 0o644)
	if err := historyrepo.Git(fx.Dir, nil, "add", "README.md"); err != nil {
		t.Fatal(err)
	}
	if err := trap.Arm(fx.Dir); err != nil {
		t.Fatal(err)
	}

	res := scan(t, Options{Dir: fx.Dir})
	checkFindings(t, fx, res.Findings, fx.Planted)
	scan(t, Options{Dir: fx.Dir, Staged: true})
	scan(t, Options{Dir: fx.Dir, Since: fx.Since, Progress: new(bytes.Buffer)})
	if ran := trap.Ran(); ran != "" {
		t.Errorf("a repository-configured program ran:\n%s", ran)
	}

	// The same configuration does run the program under a plain git: the
	// test would notice if the setup stopped exercising it.
	for _, args := range [][]string{{"diff", "--cached"}, {"log", "-p", "-1", "signed"}} {
		plain := exec.Command("git", append([]string{"-C", fx.Dir}, args...)...)
		plain.Env = historyrepo.FixedEnv()
		plain.Run()
		if trap.Ran() == "" {
			t.Errorf("control: plain git %s ran no program; the test proves nothing", args)
		}
	}
}
