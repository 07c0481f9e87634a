package history

import (
	"context"
	"errors"
	"io"
	"sync"

	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"

	"github.com/keyless-dev/keyless/internal/report"
	"github.com/keyless-dev/keyless/internal/rules"
	"github.com/keyless-dev/keyless/internal/safegit"
	"github.com/keyless-dev/keyless/internal/secrets"
	"github.com/keyless-dev/keyless/internal/secrets/engine"
)

// RulePrefix is the prefix of every history rule id: history/<secret id>.
const RulePrefix = "history/"

// SecretPolicy is what the history pass needs from the shared secret
// engine (*secrets.Detector): the gitleaks configuration (gitleaks' default
// rules plus keyless's rules from rules.yaml, in priority order), the
// post-filter (Azure key checksums, placeholders) and the overlap rule
// (which of two rules finding one secret reports it). secrets.New also
// silences gitleaks' global logger, whose trace events print raw secrets.
// Keeping gitleaks behind this small seam lets the engine be swapped (e.g.
// for its successor) in one place.
type SecretPolicy interface {
	GitleaksConfig() config.Config
	Validate(ruleID, secret string) bool
	// Kind names what a secret is ("Azure OpenAI key"), for messages.
	Kind(m secrets.Match) string
	// Resolve keeps one match per secret and returns the indices kept
	// (engine.Resolve).
	Resolve(ms []secrets.Match) []int
	// GitleaksConfigFor is GitleaksConfig restricted to a set of rules,
	// which MarkCandidates fills from the texts to scan.
	GitleaksConfigFor(set engine.RuleSet) config.Config
	NewRuleSet() engine.RuleSet
	MarkCandidates(text string, set engine.RuleSet)
}

// Options selects what a scan reads.
type Options struct {
	// Dir is a directory inside the repository ("" = ".").
	Dir string
	// LogOpts are extra `git log` arguments, shell-quoted; they replace
	// the default revision range (--all).
	LogOpts string
	// Since limits the scan to commits not reachable from this revision.
	Since string
	// Staged scans the staged diff (`git diff --cached`) instead of history.
	Staged bool
	// MaxTargetBytes skips a hunk whose added lines are larger (0 = no
	// cap); skipped hunks are reported in Result.Skipped.
	MaxTargetBytes int
	// Workers is the number of detection goroutines (0 = GOMAXPROCS).
	Workers int
	// Progress, when not nil, receives a progress line every few hundred
	// milliseconds (commits done / total, rate). The CLI passes stderr
	// only when it is a terminal.
	Progress io.Writer
	// Reveal puts the full secret in Finding.Secret and the message
	// instead of the redacted form (-no-redact).
	Reveal bool
	// Ignore suppresses findings (.gitleaksignore, baseline); may be nil.
	Ignore *Ignore
}

// Result is what a scan found.
type Result struct {
	// Findings, one per (rule, path, secret): the earliest commit that
	// added it; sorted with report.Sort.
	Findings []report.Finding
	Commits  int   // commits read from git (0 for a staged scan)
	Bytes    int64 // bytes of added lines scanned
	// Skipped lists hunks whose added lines exceeded MaxTargetBytes.
	Skipped []Skipped
	// Shallow is true when the repository is a shallow clone: history
	// before its boundary was not scanned.
	Shallow bool
}

// Skipped is a hunk left unscanned because of the size cap.
type Skipped struct {
	Commit string // "" for the staged diff
	Path   string
	Size   int
}

// Scanner scans git history with gitleaks detectors (one that decodes,
// one for hunks with nothing to decode). A large scan builds them once
// from every rule; a small one (the staged diff, a few new commits) from
// the rules its text calls for, so that its start-up does not compile
// ~220 regexes it never runs (see run).
type Scanner struct {
	engine SecretPolicy
	cat    *rules.Catalog // rule titles, severities, remedies

	allow     []*config.Allowlist // global allowlists minus their path checks
	pathAllow []*config.Allowlist // global path allowlists, checked once per path
	allowed   sync.Map            // path → bool

	fullOnce sync.Once
	fullDets *detectors // every rule, built on first use
}

// detectors are a decoding detector and one without decoding over the
// same rules.
type detectors struct {
	det  *detect.Detector // decodes (MaxDecodeDepth 5)
	det0 *detect.Detector // same rules, no decoding: for hunks with nothing to decode
}

// NewScanner returns a scanner of the engine's gitleaks configuration.
// cat supplies rule titles and severities (rules.yaml); nil = default.
func NewScanner(engine SecretPolicy, cat *rules.Catalog) *Scanner {
	if cat == nil {
		cat = rules.Default()
	}
	// The global allowlists: a configuration of no rule carries them.
	base, pathAllow := splitPathAllowlists(engine.GitleaksConfigFor(engine.NewRuleSet()))
	return &Scanner{engine: engine, cat: cat, allow: base.Allowlists, pathAllow: pathAllow}
}

// full returns the detectors of every rule.
func (s *Scanner) full() *detectors {
	s.fullOnce.Do(func() { s.fullDets = s.newDetectors(s.engine.GitleaksConfig()) })
	return s.fullDets
}

// newDetectors builds the detectors of cfg, whose global path allowlists
// the scanner checks itself (pathAllowed).
func (s *Scanner) newDetectors(cfg config.Config) *detectors {
	cfg.Allowlists = s.allow
	det := detect.NewDetector(cfg)
	// Redaction: gitleaks' own redaction (Detector.Redact) rewrites
	// Finding.Secret to "REDACTED" before returning it, which would leave
	// nothing to validate (Azure checksums) or to hash (fingerprints).
	// gitleaks' findings never leave this package: detect validates and
	// occurrence hashes the raw value, keeps only secrets.Redact's form (unless
	// -no-redact), and drops the gitleaks finding. Nothing of gitleaks is
	// printed: its logger is silenced, Verbose is off and its reporters
	// are not used.
	det.Redact = 0
	det.Verbose = false
	det.MaxDecodeDepth = maxDecodeDepth
	det0 := detect.NewDetector(cfg)
	det0.Redact, det0.Verbose, det0.MaxDecodeDepth = 0, false, 0
	return &detectors{det: det, det0: det0}
}

// maxDecodeDepth is gitleaks' recursive decoding depth (base64, hex,
// percent-encoding): the gitleaks CLI's default, 5 (the library's zero
// value turns decoding off), so that a key committed base64-encoded — a
// Kubernetes Secret manifest — is found like gitleaks finds it.
const maxDecodeDepth = 5

// Scan runs one scan.
func (s *Scanner) Scan(ctx context.Context, opts Options) (res *Result, err error) {
	defer func() {
		if v := recover(); v != nil {
			res, err = nil, internalError(v, nil)
		}
	}()
	if opts.Staged && (opts.Since != "" || opts.LogOpts != "") {
		return nil, errors.New("-staged cannot be combined with -since or -log-opts")
	}
	revs, err := parseLogOpts(opts.LogOpts)
	if err != nil {
		return nil, err
	}
	r, err := safegit.Open(ctx, opts.Dir)
	if err != nil {
		return nil, err
	}
	res = &Result{}
	var args []string
	total := -1
	if opts.Staged {
		if r.Bare {
			return nil, &safegit.Error{Op: "staged scan", Msg: "a bare repository has no index"}
		}
		args = append([]string{"diff", "--cached"}, safegit.DiffFlags...)
	} else {
		has, err := r.HasCommits(ctx)
		if err != nil {
			return nil, err
		}
		if !has {
			return nil, &safegit.Error{Op: "scan " + r.Name(), Msg: "no commits to scan (empty repository)"}
		}
		res.Shallow = r.Shallow
		if revs, err = since(ctx, r, revs, opts.Since); err != nil {
			return nil, err
		}
		// The user's options first, so that keyless's (the patch format it
		// parses, no programs) win over them.
		args = append([]string{"log"}, revs.opts...)
		args = append(args, "--patch", "--full-history", "--diff-filter=tuxdb", "--root", "--no-show-signature", "--no-merges")
		args = append(args, safegit.DiffFlags...)
		args = append(args, safegit.LogFormat)
		if revs.paths != nil {
			args = append(append(args, "--"), revs.paths...)
		}
		if opts.Progress != nil {
			total = r.CountCommits(ctx, revs.countArgs)
		}
	}

	stdout, wait, err := r.Stream(ctx, "git "+args[0], args)
	if err != nil {
		return nil, err
	}
	occs, err := s.run(ctx, stdout, opts, res, total)
	stdout.Close()
	if werr := wait(); werr != nil && err == nil {
		err = werr
	}
	if err != nil {
		return nil, err
	}
	res.Findings = s.findings(occs, opts)
	return res, nil
}
