package integration

import (
	"path/filepath"
	"strings"
	"testing"
)

// scripts/build-custom-gcl.sh reads .custom-gcl.yml as `golangci-lint
// custom` does and refuses what that command refuses, before building
// anything.
func TestBuildScriptConfigErrors(t *testing.T) {
	bash := needTool(t, "bash", "apt-get install bash")
	script := filepath.Join(repoRoot, "scripts", "build-custom-gcl.sh")
	for _, tc := range []struct{ config, want string }{
		{"name: x\n", "root field 'version' is required"},
		{"version: v2.15.0\nfoo: bar\n", "line 2: unknown key foo"},
		{"version: v2.15.0\n", "no plugins defined"},
		{"version: v2.15.0\nplugins:\n  - module: m\n    path: .\n    version: v1.0.0\n", "should not be provided at the same time"},
		{"version: v2.15.0\nplugins:\n  - module: m\n", "'version' or 'path' should be provided"},
		{"version: v2.15.0\nplugins:\n  - import: x\n    version: v1.0.0\n", "field 'module' is required"},
		{"version: v2.15.0\nplugins:\n  - module: m\n    verison: v1.0.0\n", "unknown plugin key verison"},
		{"version: 2.15\nplugins:\n  - module: m\n    version: v1.0.0\n", "want a golangci-lint release tag"},
		{"version: v2.15.0\nplugins:\n  - module: m\n    path: ./nowhere\n", "nowhere/go.mod not found"},
	} {
		dir := t.TempDir()
		writeFile(t, dir, ".custom-gcl.yml", tc.config)
		r := run(t, dir, nil, bash, script)
		if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("config %q: want exit 2 and %q, got %s", tc.config, tc.want, r)
		}
	}
}
