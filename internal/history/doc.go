// Package history scans git history (and the staged diff) for secrets with
// the shared secret engine (internal/secrets: gitleaks v8 as a library,
// its default rules plus keyless's Azure rules), so that a key found in
// source is found in history under the same rule id, history/<secret id>.
package history
