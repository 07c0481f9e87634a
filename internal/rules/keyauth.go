package rules

import (
	"maps"
	"slices"
	"strings"
)

// Fix shapes a keyauth rule may name in `fix:`. The generic shapes are
// driven by the rule's data alone; the others are implemented in
// analyzers/keyauth for APIs whose rewrite needs code.
const (
	// FixReportOnly reports the finding with the rule's advice.
	FixReportOnly = "report-only"
	// FixSwapCredential replaces argument keyArg with a token credential
	// (azidentity.NewDefaultAzureCredential) and renames the callee to
	// its replacement, a sibling in the same package (or on the same
	// receiver type) whose other parameters and results are identical.
	FixSwapCredential = "swap-credential"
	// FixConnectionString rewrites X.NewClientFromConnectionString(cs,
	// …, opts) to X.<replacement>(endpoint, …, cred, opts) when the
	// connection string is built in sight (constants, concatenation,
	// fmt.Sprintf) and its endpointKey part (e.g. "Endpoint") can be
	// written without the secret; otherwise the finding is report-only.
	// The credential goes before the last (options) argument.
	FixConnectionString = "connection-string"
	// FixOpenAITokenCredential replaces an openai-go request option
	// (option.WithAPIKey, option.WithHeader("api-key", k)) with
	// azure.WithTokenCredential(cred) from the same openai-go major.
	FixOpenAITokenCredential = "openai-token-credential"
)

// Matchers a keyauth rule may name in `match:` when its APIs are not
// plain "call of one of funcs" (the default).
const (
	// MatchOpenAIAzure gates openai-go azure.WithAPIKey fixes on the
	// options its client is built with (azure.WithEndpoint, base URL,
	// openai-go version).
	MatchOpenAIAzure = "openai-azure"
	// MatchOpenAIOption reports openai-go request options only when the
	// same client targets an Azure endpoint (azure.WithEndpoint or an
	// Azure host in option.WithBaseURL).
	MatchOpenAIOption = "openai-option"
	// MatchHTTPHeader reports header writes whose name (argument
	// nameArg, constant-folded, case-insensitive) is one of headers; it
	// also covers map assignments and composite literals of
	// net/http.Header.
	MatchHTTPHeader = "http-header"
)

// KeyAuthFixes and KeyAuthMatches list the accepted fix and match names.
var (
	KeyAuthFixes   = []string{"", "none", FixReportOnly, FixSwapCredential, FixConnectionString, FixOpenAITokenCredential}
	KeyAuthMatches = []string{"", MatchOpenAIAzure, MatchOpenAIOption, MatchHTTPHeader}
)

// KeyAuthRule describes key-based APIs of one service and their keyless
// replacement. Matching is by the callee's full types name
// (typeutil.Callee + (*types.Func).FullName), never by identifier text.
//
// A rule is data: a user file adds an in-house wrapper or a new SDK with
// no code, e.g.
//
//   - id: inhouse-ai-key
//     title: In-house AI client built with an API key
//     severity: error
//     service: In-house AI gateway
//     funcs: [example.com/ai/client.NewWithKey]
//     keyArg: 1
//     replacement: NewWithCredential
//     fix: swap-credential
//     role: Cognitive Services OpenAI User
type KeyAuthRule struct {
	Pos Pos
	// ID is the rule name; the full rule id is "keyauth/" + ID.
	ID  string `yaml:"id"`
	Doc `yaml:",inline"`
	// Service is the product name used in messages ("Azure OpenAI").
	Service string `yaml:"service"`
	// Funcs are the key-based functions, methods or options by
	// (*types.Func).FullName, e.g.
	// "github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai.NewClientWithKeyCredential"
	// or "(*github.com/.../armstorage.AccountsClient).ListKeys".
	Funcs []string `yaml:"funcs"`
	// Credentials are functions that build a key credential for Funcs
	// (azcore.NewKeyCredential, azblob.NewSharedKeyCredential). They are
	// reported only when their result does not flow into a reported
	// call, and a fix may delete them once their result is unused.
	Credentials []string `yaml:"credentials"`
	// Objects are constants or variables whose use as a value selects
	// key auth (go-openai's APITypeAzure), or struct types whose
	// composite literals carry a key (azopenai's
	// OnYourDataAPIKeyAuthenticationOptions).
	Objects []string `yaml:"objects"`
	// KeyArg is the index of the argument that carries the key (or the
	// key credential); nil when no argument does.
	KeyArg *int `yaml:"keyArg"`
	// KeyArgs overrides KeyArg per function (full name -> index).
	KeyArgs map[string]int `yaml:"keyArgs"`
	// Replacement is the keyless sibling of every func: a bare name
	// ("NewClient") resolved in the func's own package (or on its
	// receiver type), or a full name in that package.
	Replacement string `yaml:"replacement"`
	// Replacements overrides Replacement per function.
	Replacements map[string]string `yaml:"replacements"`
	// Fix names the rewrite shape (see the Fix* constants); "",
	// "none" or "report-only" means report only and tell the user what
	// to do (Advice).
	Fix string `yaml:"fix"`
	// Match names a matcher implemented in code (see the Match*
	// constants); "" matches calls of Funcs and references to them.
	Match string `yaml:"match"`
	// HeaderFuncs are header setters ("(net/http.Header).Set",
	// openai-go option.WithHeader): a call is key auth only when its
	// argument nameArg constant-folds to one of Headers
	// (case-insensitive); the value is argument keyArg.
	HeaderFuncs []string `yaml:"headerFuncs"`
	// Headers are the header names that carry a key.
	Headers []string `yaml:"headers"`
	// NameArg is the index of the header-name argument of HeaderFuncs
	// (default 0).
	NameArg int `yaml:"nameArg"`
	// EndpointKey is, for the connection-string fix, the connection
	// string key holding the endpoint ("Endpoint", "AccountEndpoint").
	EndpointKey string `yaml:"endpointKey"`
	// EndpointForm is "host" (the namespace: scheme and trailing slash
	// dropped, as Service Bus and Event Hubs want), "url" (as written) or
	// "storage" (the storage service URL built from the string's
	// <Service>Endpoint or AccountName, EndpointSuffix and protocol).
	EndpointForm string `yaml:"endpointForm"`
	// UnlessKeys are connection string keys that block the
	// connection-string fix (Event Hubs' EntityPath changes the hub).
	UnlessKeys []string `yaml:"unlessKeys"`
	// Finding is what the message says the call does, after its name
	// (default: "authenticates to <service> with a key").
	Finding string `yaml:"finding"`
	// Role is the least-privilege role to grant the identity.
	Role string `yaml:"role"`
	// Advice says in full what to do instead; `keyless explain` and SARIF
	// help show it, the diagnostic does not.
	Advice string `yaml:"advice"`
	// KeySecret is the secrets rule (a `value:` rule) under which
	// hardcodedsecret reports a constant passed as the key argument: the
	// constructor says which service the key opens, whatever its shape.
	KeySecret string `yaml:"keySecret"`
	// Use is the keyless alternative in a few words, the second half of
	// the one-line diagnostic ("use NewClient with the account URL and an
	// azidentity credential"); empty: the replacement with an azidentity
	// credential, or Advice's gist.
	Use string `yaml:"use"`
}

// doc is the rule's documentation: its Doc, with Advice and Role added
// to Why, where the long text lives (messages stay one line).
func (r KeyAuthRule) doc() Doc {
	d := r.Doc
	var more []string
	if r.Advice != "" {
		more = append(more, "What to do: "+sentence(r.Advice))
	}
	if r.Role != "" {
		more = append(more, "Grant the app identity the "+r.Role+" role.")
	}
	if len(more) > 0 {
		d.Why = strings.TrimSpace(strings.TrimSpace(d.Why) + "\n\n" + strings.Join(more, " "))
	}
	return d
}

// sentence ends s with a period. It keeps the first letter's case: advice
// may start with a package name (azopenai, azfile).
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// RuleID is the full rule id.
func (r KeyAuthRule) RuleID() string { return "keyauth/" + r.ID }

// KeyIndex returns the key argument index of fn (a full name), or -1.
func (r *KeyAuthRule) KeyIndex(fn string) int {
	if i, ok := r.KeyArgs[fn]; ok {
		return i
	}
	if r.KeyArg == nil {
		return -1
	}
	return *r.KeyArg
}

// ReplacementFor returns the bare name of fn's keyless sibling, or "".
func (r *KeyAuthRule) ReplacementFor(fn string) string {
	rep, ok := r.Replacements[fn]
	if !ok {
		rep = r.Replacement
	}
	if rep == "" {
		return ""
	}
	if i := strings.LastIndexAny(rep, "./)"); i >= 0 {
		rep = rep[i+1:]
	}
	return rep
}

// ReportOnly reports whether the rule offers no rewrite.
func (r *KeyAuthRule) ReportOnly() bool {
	return r.Fix == "" || r.Fix == "none" || r.Fix == FixReportOnly
}

// funcOwner returns the package path (and receiver type, for methods) of
// a full function name: "p/q.F" -> "p/q", "(*p/q.T).M" -> "p/q.T".
func funcOwner(full string) string {
	s := strings.TrimPrefix(full, "(")
	s = strings.TrimPrefix(s, "*")
	if i := strings.Index(s, ")"); i >= 0 && strings.HasPrefix(full, "(") {
		return s[:i]
	}
	if i := strings.LastIndex(s, "."); i >= 0 {
		return s[:i]
	}
	return ""
}

func validFullName(f string) bool {
	if strings.HasPrefix(f, "(") {
		close := strings.Index(f, ").")
		return close > 0 && strings.Contains(f[:close], ".") && close+2 < len(f)
	}
	i := strings.LastIndex(f, ".")
	return i > 0 && i+1 < len(f) && !strings.ContainsAny(f[i+1:], "/()*")
}

func (r KeyAuthRule) validate() error {
	if err := r.Doc.validate(r.Pos); err != nil {
		return err
	}
	if len(r.Funcs) == 0 && len(r.Credentials) == 0 && len(r.Objects) == 0 && len(r.HeaderFuncs) == 0 {
		return errorf(r.Pos, "keyauth rule %q lists no funcs, credentials, headerFuncs or objects", r.ID)
	}
	all := map[string]bool{}
	for _, list := range [][]string{r.Funcs, r.Credentials, r.Objects, r.HeaderFuncs} {
		for _, f := range list {
			if !validFullName(f) {
				return errorf(r.Pos, "keyauth rule %q: %q is not a full name like \"example.com/pkg.Func\" or \"(*example.com/pkg.T).Method\"", r.ID, f)
			}
			all[f] = true
		}
	}
	if !slices.Contains(KeyAuthFixes, r.Fix) {
		return errorf(r.Pos, "keyauth rule %q: unknown fix %q (known: %s)", r.ID, r.Fix, strings.Join(KeyAuthFixes[1:], ", "))
	}
	if !slices.Contains(KeyAuthMatches, r.Match) {
		return errorf(r.Pos, "keyauth rule %q: unknown match %q (known: %s)", r.ID, r.Match, strings.Join(KeyAuthMatches[1:], ", "))
	}
	if r.KeyArg != nil && *r.KeyArg < 0 {
		return errorf(r.Pos, "keyauth rule %q: keyArg must be >= 0 (omit it when no argument carries the key)", r.ID)
	}
	for _, f := range slices.Sorted(maps.Keys(r.KeyArgs)) {
		if !all[f] {
			return errorf(r.Pos, "keyauth rule %q: keyArgs names %q, which is not among its funcs or credentials", r.ID, f)
		}
		if r.KeyArgs[f] < 0 {
			return errorf(r.Pos, "keyauth rule %q: keyArgs[%q] must be >= 0", r.ID, f)
		}
	}
	for _, f := range slices.Sorted(maps.Keys(r.Replacements)) {
		if !all[f] {
			return errorf(r.Pos, "keyauth rule %q: replacements names %q, which is not among its funcs", r.ID, f)
		}
	}
	if r.NameArg < 0 {
		return errorf(r.Pos, "keyauth rule %q: nameArg must be >= 0", r.ID)
	}
	if len(r.HeaderFuncs) > 0 && len(r.Headers) == 0 {
		return errorf(r.Pos, "keyauth rule %q: headerFuncs need headers (the header names that carry a key)", r.ID)
	}
	for _, h := range r.Headers {
		if h == "" || strings.ContainsAny(h, " :\t\r\n") {
			return errorf(r.Pos, "keyauth rule %q: %q is not a header name", r.ID, h)
		}
	}
	switch r.Fix {
	case FixSwapCredential:
		if len(r.Funcs) == 0 {
			return errorf(r.Pos, "keyauth rule %q: fix %q needs funcs", r.ID, r.Fix)
		}
		for _, f := range r.Funcs {
			if rep, ok := r.Replacements[f]; ok && rep == "" {
				continue // explicitly no rewrite for this func
			}
			if r.KeyIndex(f) < 0 {
				return errorf(r.Pos, "keyauth rule %q: fix %q needs keyArg (the index of the key argument) for %s", r.ID, r.Fix, f)
			}
			rep, ok := r.Replacements[f]
			if !ok {
				rep = r.Replacement
			}
			if rep == "" {
				return errorf(r.Pos, "keyauth rule %q: fix %q needs a replacement for %s", r.ID, r.Fix, f)
			}
			if strings.ContainsAny(rep, "./") {
				if !validFullName(rep) || funcOwner(rep) != funcOwner(f) {
					return errorf(r.Pos, "keyauth rule %q: replacement %q of %s must be in the same package (and on the same receiver type)", r.ID, rep, f)
				}
			}
		}
	case FixConnectionString:
		if r.EndpointKey == "" {
			return errorf(r.Pos, "keyauth rule %q: fix %q needs endpointKey (the connection string key holding the endpoint)", r.ID, r.Fix)
		}
		if r.EndpointForm != "host" && r.EndpointForm != "url" && r.EndpointForm != "storage" {
			return errorf(r.Pos, "keyauth rule %q: endpointForm must be host, url or storage, found %q", r.ID, r.EndpointForm)
		}
		for _, f := range r.Funcs {
			if rep, ok := r.Replacements[f]; ok && rep == "" {
				continue
			}
			if r.KeyIndex(f) != 0 {
				return errorf(r.Pos, "keyauth rule %q: fix %q needs keyArg 0 (the connection string) for %s", r.ID, r.Fix, f)
			}
			if r.ReplacementFor(f) == "" {
				return errorf(r.Pos, "keyauth rule %q: fix %q needs a replacement for %s", r.ID, r.Fix, f)
			}
		}
	case FixOpenAITokenCredential:
		for _, f := range append(append([]string(nil), r.Funcs...), r.HeaderFuncs...) {
			if r.KeyIndex(f) < 0 {
				return errorf(r.Pos, "keyauth rule %q: fix %q needs keyArg for %s", r.ID, r.Fix, f)
			}
		}
	}
	return nil
}
