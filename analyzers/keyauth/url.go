package keyauth

import (
	"strings"

	"github.com/keyless-dev/keyless/analyzers/internal/constval"
	"github.com/keyless-dev/keyless/internal/rules"
)

// values returns the package's value resolver, built on first use: most
// packages keyauth runs on never need one.
func (s *state) values() *constval.Resolver {
	if s.vals == nil {
		s.vals = constval.NewResolver(constval.NewIndex(s.pass.Pkg, s.pass.TypesInfo, s.pass.Files))
	}
	return s.vals
}

// urlInfo is what a resolved base URL tells about its target.
type urlInfo struct {
	azure bool // host is an Azure AI endpoint
	v1    bool // path is the Azure /openai/v1 route
}

// parseURL reads a resolved URL, whose unknown parts are constval.Unknown.
func parseURL(u string) urlInfo {
	rest := u
	if i := strings.Index(rest, "://"); i >= 0 {
		rest = rest[i+3:]
	}
	host, path := rest, ""
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		host, path = rest[:i], rest[i:]
	}
	if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.Contains(host[i:], constval.Unknown) {
		host = host[:i]
	}
	return urlInfo{
		azure: rules.IsAzureAIHost(host),
		v1:    strings.Contains(strings.ToLower(path), "/openai/v1"),
	}
}
