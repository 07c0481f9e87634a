package integration

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/internal/secrets/corpus"
)

const keyBasedClient = `package app

import (
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
)

// Client is what a commit must not add.
func Client() (*azopenai.Client, error) {
	return azopenai.NewClientWithKeyCredential(os.Getenv("AZURE_OPENAI_ENDPOINT"), azcore.NewKeyCredential(os.Getenv("AZURE_OPENAI_API_KEY")), nil)
}
`

const keylessClient = `package app

import (
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
)

// Keyless is what a commit may add.
func Keyless() (*azopenai.Client, error) {
	cred, err := azidentity.NewDefaultAzureCredential(nil)
	if err != nil {
		return nil, err
	}
	return azopenai.NewClient(os.Getenv("AZURE_OPENAI_ENDPOINT"), cred, nil)
}
`

// broadRoleBicep assigns Owner to a workload identity (infra/broad-role).
const broadRoleBicep = `param principalId string
resource owner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, principalId, 'owner')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635')
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
`

// hookRepo is a git repository holding this checkout's
// .pre-commit-hooks.yaml, for pre-commit to clone like any hook repo.
func hookRepo(t *testing.T) (dir, rev string) {
	t.Helper()
	manifest, err := os.ReadFile(filepath.Join(repoRoot, ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir = filepath.Join(t.TempDir(), "hooks")
	writeFile(t, dir, ".pre-commit-hooks.yaml", string(manifest))
	git(t, dir, "init", "-q", "-b", "main")
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "hooks")
	return dir, git(t, dir, "rev-parse", "HEAD")
}

// The -system hooks, run by Debian's pre-commit from `git commit`, block a
// commit that adds a key-based client or a key, with a message that says
// what and where and never prints the key, and let a clean commit through.
func TestPreCommitHooks(t *testing.T) {
	preCommit := needTool(t, "pre-commit", "apt-get install pre-commit")
	kl := keyless(t)
	hooks, rev := hookRepo(t)
	preCommitScenario(t, preCommit, hooks, rev, "-system", filepath.Dir(kl))
}

// The language: golang hooks, as a team adopts them: pre-commit clones
// this repository and builds keyless with `go install ./...` (about three
// minutes with an empty module cache, so opt-in: KEYLESS_PRECOMMIT_GOLANG=1).
func TestPreCommitGolangHooks(t *testing.T) {
	if os.Getenv("KEYLESS_PRECOMMIT_GOLANG") != "1" || testing.Short() {
		t.Skip("builds keyless inside pre-commit's golang environment; set KEYLESS_PRECOMMIT_GOLANG=1")
	}
	preCommit := needTool(t, "pre-commit", "apt-get install pre-commit")
	if dirty := git(t, repoRoot, "status", "--porcelain", "--", ".pre-commit-hooks.yaml", "go.mod", "go.sum", "cmd"); dirty != "" {
		t.Skipf("the hooks are installed from HEAD, but the checkout has uncommitted changes:\n%s", dirty)
	}
	preCommitScenario(t, preCommit, repoRoot, git(t, repoRoot, "rev-parse", "HEAD"), "", "")
}

// preCommitScenario installs the hooks keyless-lint<suffix> and
// keyless-secrets<suffix> from hooks@rev in a fresh project and commits
// through them.
func preCommitScenario(t *testing.T, preCommit, hooks, rev, suffix, binDir string) {
	t.Helper()
	repo := filepath.Join(t.TempDir(), "project")
	e2e := e2eModule(t)
	for _, f := range []string{"go.mod", "go.sum"} {
		data, err := os.ReadFile(filepath.Join(e2e, f))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, repo, f, string(data))
	}
	writeFile(t, repo, "app/doc.go", "// Package app talks to Azure OpenAI.\npackage app\n")
	writeFile(t, repo, ".pre-commit-config.yaml", `repos:
  - repo: `+hooks+`
    rev: `+rev+`
    hooks:
      - id: keyless-lint`+suffix+`
      - id: keyless-secrets`+suffix+`
      - id: keyless-infra`+suffix+`
`)
	git(t, repo, "init", "-q", "-b", "main")
	git(t, repo, "add", "-A")
	git(t, repo, "commit", "-q", "-m", "initial")

	path := os.Getenv("PATH")
	if binDir != "" {
		path = binDir + string(os.PathListSeparator) + path
	}
	env := append([]string{
		"PATH=" + path,
		"PRE_COMMIT_HOME=" + filepath.Join(t.TempDir(), "pre-commit-cache"),
		"PRE_COMMIT_COLOR=never",
	}, gitEnv...)
	if r := run(t, repo, env, preCommit, "install"); r.code != 0 {
		t.Fatalf("pre-commit install: %s", r)
	}
	commit := func(msg string) result {
		t.Helper()
		return run(t, repo, env, "git", "commit", "-m", msg)
	}
	head := func() string { return git(t, repo, "rev-parse", "HEAD") }
	start := head()
	reset := func() { // back to the start, whatever a subtest left
		t.Helper()
		git(t, repo, "reset", "-q", "--hard", start)
		git(t, repo, "clean", "-q", "-fd")
	}

	t.Run("key-based client", func(t *testing.T) {
		defer reset()
		writeFile(t, repo, "app/client.go", keyBasedClient)
		git(t, repo, "add", "app/client.go")
		r := commit("add a key-based client")
		out := r.stdout + r.stderr
		if r.code == 0 || head() != start {
			t.Fatalf("commit with a key-based client was not blocked:\n%s", out)
		}
		for _, want := range []string{"keyless-lint" + suffix, "Failed", "keyauth/azopenai-key-credential", "app/client.go:12"} {
			if !strings.Contains(out, want) {
				t.Errorf("blocked commit output lacks %q:\n%s", want, out)
			}
		}
	})

	t.Run("planted key", func(t *testing.T) {
		defer reset()
		keys := corpus.New(uint64(len(t.Name())))
		aws, openai := keys.AWSKeyID(), keys.OpenAIKey()
		writeFile(t, repo, "deploy/app.env", "AZURE_OPENAI_API_KEY="+openai+"\nAWS_ACCESS_KEY_ID="+aws+"\n")
		git(t, repo, "add", "deploy/app.env")
		r := commit("add settings")
		out := r.stdout + r.stderr
		if r.code == 0 || head() != start {
			t.Fatalf("commit with a key was not blocked:\n%s", out)
		}
		for _, key := range []string{aws, openai} {
			if strings.Contains(out, key) {
				t.Fatalf("blocked commit output prints the key in clear:\n%s", out)
			}
			if strings.Contains(out, key[:len(key)/2]) {
				t.Errorf("blocked commit output prints half of a key:\n%s", out)
			}
		}
		for _, want := range []string{"keyless-secrets" + suffix, "Failed", "deploy/app.env", "history/aws-access-token", "history/azure-openai-key"} {
			if !strings.Contains(out, want) {
				t.Errorf("blocked commit output lacks %q:\n%s", want, out)
			}
		}
	})

	t.Run("broad role in a template", func(t *testing.T) {
		defer reset()
		writeFile(t, repo, "infra/main.bicep", broadRoleBicep)
		git(t, repo, "add", "infra/main.bicep")
		r := commit("add infrastructure")
		out := r.stdout + r.stderr
		if r.code == 0 || head() != start {
			t.Fatalf("commit with an Owner assignment was not blocked:\n%s", out)
		}
		for _, want := range []string{"keyless-infra" + suffix, "Failed", "infra/broad-role", "infra/main.bicep:5"} {
			if !strings.Contains(out, want) {
				t.Errorf("blocked commit output lacks %q:\n%s", want, out)
			}
		}
	})

	t.Run("clean commit", func(t *testing.T) {
		writeFile(t, repo, "app/keyless.go", keylessClient)
		writeFile(t, repo, "deploy/app.env", "AZURE_OPENAI_ENDPOINT=https://contoso.openai.azure.com/\n")
		git(t, repo, "add", "-A")
		r := commit("keyless client")
		if r.code != 0 || head() == start {
			t.Fatalf("clean commit was blocked: %s", r)
		}
		out := r.stdout + r.stderr
		for _, want := range []string{"keyless lint", "Passed", "keyless secrets", "keyless infra"} {
			if !strings.Contains(out, want) {
				t.Errorf("clean commit output lacks %q:\n%s", want, out)
			}
		}
	})
}
