// Package e2e is a fixture for keyless's end-to-end tests. Every line that
// keyless must report ends in a comment "want: <rule-id>..."; packages
// plainopenai and keylessok must produce no finding at all.
package e2e
