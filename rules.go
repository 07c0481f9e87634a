// Package keyless holds the default rule catalog, embedded in every keyless
// binary so that the tool works on a fresh machine with no configuration.
package keyless

import _ "embed"

// DefaultRules is rules.yaml as shipped: the catalog of key-based APIs,
// secret patterns and Azure roles that every analyzer and the history pass
// read. A user's -config file is layered over it (see internal/rules).
//
//go:embed rules.yaml
var DefaultRules []byte
