// Package gitleaksdefault is gitleaks v8's default rule set as plain Go
// data, generated from the gitleaks library itself (config.DefaultConfig,
// translated by gitleaks' own loader) by gen.go.
//
// It exists so that the hardcodedsecret analyzer, which golangci-lint links
// as a plugin, can run gitleaks' rules without importing gitleaks: the
// gitleaks config package alone pulls in viper, zerolog and ~180 other
// packages, and linking gitleaks into golangci-lint is known to break its
// build. internal/secrets (imported by the CLI, never by analyzers) checks
// in a test that this table equals what the pinned library loads, so the
// two cannot drift; regenerate with `go generate ./internal/secrets/...`
// after changing the gitleaks version in go.mod.
package gitleaksdefault

//go:generate go run gen.go

// Rule is a gitleaks config.Rule with its regexes as source text.
type Rule struct {
	ID          string
	Description string
	Regex       string // "" for path-only rules
	Path        string // "" when the rule applies to every path
	SecretGroup int
	Entropy     float64
	Keywords    []string // lower-case
	Allowlists  []Allowlist
	SkipReport  bool
}

// Allowlist is a gitleaks config.Allowlist with its regexes as source text.
type Allowlist struct {
	Description string
	And         bool   // MatchCondition AND (default OR)
	RegexTarget string // "" (the secret), "match" or "line"
	Regexes     []string
	Paths       []string
	StopWords   []string // lower-case, sorted
	Commits     []string
}
