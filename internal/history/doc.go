// Package history scans git history (and the staged diff) for secrets with
// the shared secret engine (internal/secrets: gitleaks v8 as a library,
// its default rules plus keyless's Azure rules from rules.yaml), so that a
// key found in source is found in history under the same rule id,
// history/<secret id>.
//
// # What is scanned
//
// The added lines of every commit reachable from any ref (`git log -p -U0
// --all --no-merges`), one gitleaks fragment per hunk as gitleaks' own git
// source yields them, so keyword prefilters, multi-line rules and the
// decoding pass (base64, hex, percent, unicode escapes; depth 5, the
// gitleaks CLI default) behave as under gitleaks. Merge commits are not
// diffed (as gitleaks). Deleted lines, binary files and hunks larger than
// Options.MaxTargetBytes are skipped (the last reported in
// Result.Skipped). Text is scanned as bytes: non-UTF-8 files are scanned.
// -log-opts replaces --all with the user's `git log` arguments (split
// like a shell); -since REV adds ^REV (commits not reachable from REV, on
// every ref); -staged reads `git diff --cached` instead.
//
// # Findings
//
// gitleaks' findings are re-checked with the engine's Validate (Azure
// checksums, placeholders) and, when one secret is reported under several
// rules, the engine's rule order decides (as for the hardcodedsecret
// analyzer). Each (rule, path, secret) is one finding, at the earliest
// commit that added it; its message counts later re-additions. The
// fingerprint is report.Fingerprint("history/<id>", path,
// secrets.Hash(secret)): stable across runs, commits and line shifts, and
// never derived from the secret in a reversible way. Line numbers are lines
// of the file at that commit.
//
// # Redaction
//
// The raw secret exists only between gitleaks' detector and the
// conversion into a finding (validation, hashing, secrets.Redact); gitleaks'
// own redaction is off because it would leave nothing to validate or hash,
// but nothing of gitleaks is ever printed: its logger is silenced by
// secrets.New, its verbose printing and reporters are unused.
// Options.Reveal (-no-redact) is the only way to a full secret.
//
// # Suppression
//
// .gitleaksignore entries (gitleaks' `file:rule:line` and
// `commit:file:rule:line` forms; rule is the gitleaks / secret id, or
// keyless's history/<id>; commits may be abbreviated to 7+ digits; a
// keyless fingerprint on its own line also works) and baseline
// fingerprints mark findings suppressed ("external"); suppressed findings
// are still reported and do not fail the run. An ignored occurrence does
// not hide the same secret added again in another commit.
//
// # Running git safely
//
// git runs through internal/safegit, with hooks, fsmonitor, external
// diff, textconv, signature verification, pagers and every transport
// disabled, and without the system configuration, so scanning a repository
// never runs a program its configuration names (see
// TestGitRunsNoRepositoryPrograms). safegit's Parser reads the patches:
// the one that lint -new-from-rev and -staged use too.
package history
