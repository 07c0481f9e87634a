package history

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"
	gitleaksreport "github.com/zricethezav/gitleaks/v8/report"

	"github.com/keyless-dev/keyless/internal/report"
	"github.com/keyless-dev/keyless/internal/rules"
	"github.com/keyless-dev/keyless/internal/secrets"
)

// RulePrefix is the prefix of every history rule id: history/<secret id>.
const RulePrefix = "history/"

// Engine is what the history pass needs from the shared secret engine
// (*secrets.Engine): the gitleaks configuration (gitleaks' default rules
// plus keyless's rules from rules.yaml, in priority order) and the
// post-filter (Azure key checksums, placeholders). secrets.New also
// silences gitleaks' global logger, whose trace events print raw secrets.
// Keeping gitleaks behind this small seam lets the engine be swapped (e.g.
// for its successor) in one place.
type Engine interface {
	GitleaksConfig() config.Config
	Validate(ruleID, secret string) bool
	// Kind names what a secret is ("Azure OpenAI key"), for messages.
	Kind(m secrets.Match) string
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

// Scanner scans git history with gitleaks detectors built once (one that
// decodes, one for hunks with nothing to decode).
type Scanner struct {
	engine Engine
	det    *detect.Detector         // decodes (MaxDecodeDepth 5)
	det0   *detect.Detector         // same rules, no decoding: for hunks with nothing to decode
	docs   map[string]rules.RuleDoc // by full history rule id
	prio   map[string]int           // rule id → position in the engine's order

	pathAllow []*config.Allowlist // global path allowlists, checked once per path
	allowed   sync.Map            // path → bool
}

// splitPathAllowlists takes the path checks out of cfg's global OR
// allowlists (gitleaks' vendor/, lock files, images…): gitleaks runs them
// on every fragment, keyless once per path (pathAllowed). Everything else
// of those allowlists stays in the returned copy; cfg is not modified.
func splitPathAllowlists(cfg config.Config) (config.Config, []*config.Allowlist) {
	var paths []*config.Allowlist
	var rest []*config.Allowlist
	for _, a := range cfg.Allowlists {
		if a.MatchCondition != config.AllowlistMatchOr || len(a.Paths) == 0 {
			rest = append(rest, a)
			continue
		}
		paths = append(paths, a)
		if len(a.Commits)+len(a.Regexes)+len(a.StopWords) == 0 {
			continue
		}
		b := &config.Allowlist{Description: a.Description, MatchCondition: a.MatchCondition, Commits: a.Commits,
			RegexTarget: a.RegexTarget, Regexes: a.Regexes, StopWords: a.StopWords}
		if err := b.Validate(); err != nil { // cannot fail: b has checks
			panic(err)
		}
		rest = append(rest, b)
	}
	cfg.Allowlists = rest
	return cfg, paths
}

// pathAllowed reports whether a global allowlist silences every finding in
// path, as gitleaks' checkCommitOrPathAllowed would for each fragment.
func (s *Scanner) pathAllowed(path string) bool {
	if v, ok := s.allowed.Load(path); ok {
		return v.(bool)
	}
	allowed := false
	for _, a := range s.pathAllow {
		allowed = allowed || a.PathAllowed(path)
	}
	s.allowed.Store(path, allowed)
	return allowed
}

// NewScanner builds the detector from the engine's gitleaks configuration.
// cat supplies rule titles and severities (rules.yaml); nil = default.
func NewScanner(engine Engine, cat *rules.Catalog) *Scanner {
	if cat == nil {
		cat = rules.Default()
	}
	cfg, pathAllow := splitPathAllowlists(engine.GitleaksConfig())
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
	docs := map[string]rules.RuleDoc{}
	for _, d := range cat.Docs() {
		if strings.HasPrefix(d.ID, RulePrefix) {
			docs[d.ID] = d
		}
	}
	prio := map[string]int{}
	for i, id := range cfg.OrderedRules {
		prio[id] = i
	}
	return &Scanner{engine: engine, det: det, det0: det0, docs: docs, prio: prio, pathAllow: pathAllow}
}

// maxDecodeDepth is gitleaks' recursive decoding depth (base64, hex,
// percent-encoding): the gitleaks CLI's default, 5 (the library's zero
// value turns decoding off), so that a key committed base64-encoded — a
// Kubernetes Secret manifest — is found like gitleaks finds it.
const maxDecodeDepth = 5

// occurrence is one detection of a secret in one commit.
type occurrence struct {
	ruleID    string // short (gitleaks) id
	path      string
	commit    *Commit
	line      int // file line of the secret's start
	col       int
	endLine   int
	endCol    int
	start     int // byte offsets of the secret (or of its encoded form)
	end       int // in the change's text
	matchLine int // file line where gitleaks' match starts (.gitleaksignore)
	hash      string
	kind      string // "Azure OpenAI key"
	shown     string // redacted (or revealed) secret
	ignoredBy string // .gitleaksignore reason, "" when not ignored
}

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
	r, err := openRepo(ctx, opts.Dir)
	if err != nil {
		return nil, err
	}
	res = &Result{}
	var args []string
	total := -1
	if opts.Staged {
		if r.bare {
			return nil, &GitError{Op: "staged scan", Msg: "a bare repository has no index"}
		}
		args = append([]string{"diff", "--cached"}, diffFlags...)
	} else {
		has, err := r.hasCommits(ctx)
		if err != nil {
			return nil, err
		}
		if !has {
			return nil, &GitError{Op: "scan " + r.name(), Msg: "no commits to scan (empty repository)"}
		}
		res.Shallow = r.shallow
		if revs, err = since(ctx, r, revs, opts.Since); err != nil {
			return nil, err
		}
		// The user's options first, so that keyless's (the patch format it
		// parses, no programs) win over them.
		args = append([]string{"log"}, revs.opts...)
		args = append(args, "--patch", "--full-history", "--diff-filter=tuxdb", "--root", "--no-show-signature", "--no-merges")
		args = append(args, diffFlags...)
		args = append(args, logFormat)
		if revs.paths != nil {
			args = append(append(args, "--"), revs.paths...)
		}
		if opts.Progress != nil {
			total = r.countCommits(ctx, revs.countArgs)
		}
	}

	stdout, wait, err := r.stream(ctx, "git "+args[0], args)
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

func (r *repo) name() string {
	if r.top != "" {
		return r.top
	}
	return r.dir
}

// revSpec is a log's revisions and options, and the subset rev-list
// understands for counting.
type revSpec struct {
	opts      []string
	paths     []string
	countArgs []string
}

// parseLogOpts splits -log-opts into options/revisions and paths (after
// "--"); no -log-opts means every ref (--all).
func parseLogOpts(logOpts string) (revSpec, error) {
	var rs revSpec
	if logOpts == "" {
		rs.opts = []string{"--all"}
		return rs, nil
	}
	words, err := SplitArgs(logOpts)
	if err != nil {
		return rs, fmt.Errorf("-log-opts: %w", err)
	}
	before, after, hasDash := cutDashDash(words)
	if err := checkLogOpts(before); err != nil {
		return rs, err
	}
	rs.opts = before
	if hasDash {
		rs.paths = append([]string{}, after...)
	}
	return rs, nil
}

// since excludes the commits reachable from rev (when not empty) and
// fills in the rev-list arguments that count the commits to scan.
func since(ctx context.Context, r *repo, rs revSpec, rev string) (revSpec, error) {
	if rev != "" {
		id, err := r.resolveCommit(ctx, rev)
		if err != nil {
			return rs, err
		}
		rs.opts = append(rs.opts, "^"+id)
	}
	rs.countArgs = append(append([]string{"--no-merges"}, rs.opts...), "--")
	rs.countArgs = append(rs.countArgs, rs.paths...)
	return rs, nil
}

func cutDashDash(words []string) (before, after []string, found bool) {
	for i, w := range words {
		if w == "--" {
			return words[:i], words[i+1:], true
		}
	}
	return words, nil, false
}

// checkLogOpts refuses the few `git log` options that would make git run
// a program the repository configures or change the output keyless parses
// in a way no later flag can undo. Formatting options (--stat, --oneline,
// --color…) are overridden by the flags keyless appends.
func checkLogOpts(words []string) error {
	for _, w := range words {
		name, _, _ := strings.Cut(w, "=")
		switch name {
		case "--output", "--graph", "-z", "--ext-diff", "--textconv", "--show-signature",
			"--walk-reflogs", "-g", "--cc", "-c", "-m", "--diff-merges", "--combined-all-paths",
			"--remerge-diff", "--exec", "--open-files-in-pager", "-O", "--binary":
			return fmt.Errorf("-log-opts: %s is not supported (it runs a program or changes the patch format keyless reads)", name)
		}
		if strings.HasPrefix(w, "-O") || strings.HasPrefix(w, "--output") {
			return fmt.Errorf("-log-opts: %s is not supported", w)
		}
	}
	return nil
}

// run parses git's patch stream and detects secrets in parallel.
func (s *Scanner) run(ctx context.Context, stdout io.Reader, opts Options, res *Result, total int) ([]occurrence, error) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var commits atomic.Int64
	var bytesScanned atomic.Int64
	stopProgress := startProgress(opts.Progress, &commits, total)
	defer stopProgress()

	// A deep queue keeps the detectors busy while the parser (or git)
	// waits for a CPU on a busy machine.
	work := make(chan *change, 1024)
	results := make([][]occurrence, workers)
	var wg sync.WaitGroup
	var failOnce sync.Once
	var failure error
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var cur *change
			defer func() {
				if v := recover(); v != nil {
					failOnce.Do(func() { failure = internalError(v, cur) })
					cancel()
					for range work { // let the parser finish
					}
				}
			}()
			for cur = range work {
				bytesScanned.Add(int64(len(cur.text)))
				results[w] = s.detect(ctx, cur, opts, results[w])
			}
		}()
	}

	var skipped []Skipped
	p := newPatchParser(stdout, opts.MaxTargetBytes,
		func(*Commit) { commits.Add(1) },
		func(ch *change) {
			if ch.oversize {
				sk := Skipped{Path: ch.path, Size: ch.size}
				if ch.commit != nil {
					sk.Commit = ch.commit.SHA
				}
				skipped = append(skipped, sk)
				return
			}
			select {
			case work <- ch:
			case <-ctx.Done():
			}
		})
	err := p.run()
	close(work)
	wg.Wait()
	if failure != nil {
		return nil, failure
	}
	if err == nil {
		err = ctx.Err()
	}

	res.Commits = int(commits.Load())
	res.Bytes = bytesScanned.Load()
	res.Skipped = skipped
	var all []occurrence
	for _, r := range results {
		all = append(all, r...)
	}
	return all, err
}

// internalError reports a panic of the detection code as an error, never
// as a trace: where it happened and, for a runtime error, what it was (a
// panic value of another kind could quote scanned text).
func internalError(v any, ch *change) error {
	where := ""
	if ch != nil {
		where = " while scanning " + ch.path
		if ch.commit != nil {
			where += " in commit " + short(ch.commit.SHA)
		}
	}
	what := ""
	if re, ok := v.(runtime.Error); ok {
		what = ": " + re.Error()
	}
	return fmt.Errorf("internal error in the secret engine%s%s", where, what)
}

// detect runs the detector on one change and converts what it finds.
func (s *Scanner) detect(ctx context.Context, ch *change, opts Options, out []occurrence) []occurrence {
	frag := detect.Fragment{Raw: string(ch.text), FilePath: ch.path}
	if ch.commit != nil {
		frag.CommitSHA = ch.commit.SHA
	}
	var starts []int // byte offset of each line of ch.text, built lazily
	var found []occurrence
	var raw []string // found[i]'s secret, for resolveOverlaps only
	if s.pathAllowed(ch.path) {
		return out
	}
	det := s.det
	if !mayHaveEncoded(ch.text) {
		det = s.det0
	}
	for _, f := range det.DetectContext(ctx, frag) {
		if f.Secret == "" || !s.engine.Validate(f.RuleID, f.Secret) {
			continue
		}
		if starts == nil {
			starts = lineStarts(ch.text)
		}
		found = append(found, s.occurrence(ch, f, starts, opts))
		raw = append(raw, f.Secret)
	}
	return append(out, s.resolveOverlaps(found, raw)...)
}

// resolveOverlaps keeps, among occurrences of one secret under several
// rules, the one of the rule that comes first in the engine's order
// (keyless's rules before gitleaks', specific before generic) — the choice
// the engine makes for the hardcodedsecret analyzer, so both report a key
// under one id. Two occurrences are of one secret when their spans in the
// text overlap or when one secret contains the other (gitleaks' decoding
// pass reports a decoded key, and composite rules such as
// kubernetes-secret-yaml report it inside a larger match).
func (s *Scanner) resolveOverlaps(found []occurrence, raw []string) []occurrence {
	if len(found) < 2 {
		return found
	}
	prio := func(id string) int {
		if p, ok := s.prio[id]; ok {
			return p
		}
		return len(s.prio)
	}
	order := make([]int, len(found))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return prio(found[order[a]].ruleID) < prio(found[order[b]].ruleID) })
	var kept []int
	for _, i := range order {
		o := found[i]
		same := false
		for _, k := range kept {
			if o.start < found[k].end && found[k].start < o.end ||
				strings.Contains(raw[i], raw[k]) || strings.Contains(raw[k], raw[i]) {
				same = true
				break
			}
		}
		if !same {
			kept = append(kept, i)
		}
	}
	out := make([]occurrence, len(kept))
	for j, i := range kept {
		out[j] = found[i]
	}
	return out
}

// occurrence converts a gitleaks finding; the raw secret stops here.
func (s *Scanner) occurrence(ch *change, f gitleaksreport.Finding, starts []int, opts Options) occurrence {
	o := occurrence{
		ruleID: f.RuleID,
		path:   ch.path,
		commit: ch.commit,
		hash:   secrets.Hash(f.Secret),
		kind:   s.engine.Kind(secrets.Match{RuleID: f.RuleID, Secret: f.Secret}),
		shown:  secrets.Redact(f.Secret),
	}
	if opts.Reveal {
		o.shown = f.Secret
	}
	// gitleaks' StartLine is the 0-based index of the match's first line
	// in the fragment (StartLine 0); map it to the file's line number.
	idx := clamp(f.StartLine, 0, len(ch.lines)-1)
	o.matchLine = ch.lines[idx]
	// Point at the secret itself, not the whole match.
	from := starts[idx]
	var start, end int
	if i := bytes.Index(ch.text[from:], []byte(f.Secret)); i >= 0 {
		start, end = from+i, from+i+len(f.Secret)
	} else {
		start, end = encodedSpan(ch.text, from, idx, f.StartColumn)
	}
	o.start, o.end = start, end
	sl, sc := position(starts, start)
	el, ec := position(starts, end)
	o.line, o.col = ch.lines[sl], sc
	o.endLine, o.endCol = ch.lines[el], ec
	o.ignoredBy = opts.Ignore.matchOccurrence(o)
	return o
}

// encodedSpan locates a secret that gitleaks found in decoded text
// (base64, hex, percent-encoding; MaxDecodeDepth): the run of encoding
// characters where gitleaks' start column points. gitleaks counts columns
// of a fragment's first line from 1 and of later lines from the newline
// before them, and points one byte before an encoded segment; the start
// is clamped to the line.
func encodedSpan(text []byte, lineStart, lineIdx, startColumn int) (int, int) {
	lineEnd := len(text)
	if i := bytes.IndexByte(text[lineStart:], '\n'); i >= 0 {
		lineEnd = lineStart + i
	}
	start := lineStart + startColumn - 1
	if lineIdx == 0 {
		start = startColumn
	}
	start = clamp(start, lineStart, lineEnd)
	end := start
	for end < lineEnd && isEncodingByte(text[end]) {
		end++
	}
	return start, end
}

func isEncodingByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("+/=_%-", c) >= 0
}

func clamp(v, lo, hi int) int {
	return max(lo, min(v, hi))
}

// lineStarts returns the byte offset of each line of text.
func lineStarts(text []byte) []int {
	starts := []int{0}
	for i, c := range text {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// position converts a byte offset into a 0-based line index and a 1-based
// byte column.
func position(starts []int, off int) (int, int) {
	i := sort.Search(len(starts), func(i int) bool { return starts[i] > off }) - 1
	return i, off - starts[i] + 1
}

// findings groups occurrences by fingerprint (rule, path, secret) and
// keeps, per group, the earliest commit that added the secret: later
// re-additions of the same key in the same file are the same leak and the
// same remedy. An occurrence that .gitleaksignore covers is used only when
// every occurrence of the group is ignored (the finding is then
// suppressed).
func (s *Scanner) findings(occs []occurrence, opts Options) []report.Finding {
	type group struct {
		best    *occurrence
		commits map[*Commit]bool
	}
	groups := map[string]*group{}
	var order []string
	for i := range occs {
		o := &occs[i]
		fp := fingerprint(o.ruleID, o.path, o.hash)
		g := groups[fp]
		if g == nil {
			g = &group{commits: map[*Commit]bool{}}
			groups[fp] = g
			order = append(order, fp)
		}
		g.commits[o.commit] = true
		if g.best == nil || earlier(o, g.best) {
			g.best = o
		}
	}
	var out []report.Finding
	for _, fp := range order {
		g := groups[fp]
		f := s.finding(g.best, fp, len(g.commits), opts)
		out = append(out, f)
	}
	report.Sort(out)
	return out
}

// earlier orders occurrences: not ignored first, then the oldest commit
// (git prints newest first, so a larger seq is older), then the lowest
// line.
func earlier(a, b *occurrence) bool {
	if (a.ignoredBy == "") != (b.ignoredBy == "") {
		return a.ignoredBy == ""
	}
	as, bs := seqOf(a.commit), seqOf(b.commit)
	if as != bs {
		return as > bs
	}
	if a.line != b.line {
		return a.line < b.line
	}
	return a.col < b.col
}

func seqOf(c *Commit) int {
	if c == nil {
		return -1
	}
	return c.seq
}

// fingerprint is the stable identity of a history finding: rule, path and
// the secret's hash; never the line, never the secret.
func fingerprint(ruleID, path, secretHash string) string {
	return report.Fingerprint(RulePrefix+ruleID, path, secretHash)
}

func (s *Scanner) finding(o *occurrence, fp string, count int, opts Options) report.Finding {
	id := RulePrefix + o.ruleID
	f := report.Finding{
		RuleID:      id,
		Severity:    rules.SeverityError,
		Path:        o.path,
		Line:        o.line,
		Column:      o.col,
		EndLine:     o.endLine,
		EndColumn:   o.endCol,
		Fingerprint: fp,
		Secret:      o.shown,
	}
	if d, ok := s.docs[id]; ok && d.Severity != "" {
		f.Severity = d.Severity
	}
	if o.commit != nil {
		f.Commit, f.Author, f.Date = o.commit.SHA, o.commit.Author, o.commit.Date
	}
	f.Message = message(o.ruleID, o, count)
	if o.ignoredBy != "" {
		f.Suppression = &report.Suppression{Kind: "external", Justification: o.ignoredBy}
	}
	if reason := opts.Ignore.matchFingerprint(fp); reason != "" && f.Suppression == nil {
		f.Suppression = &report.Suppression{Kind: "external", Justification: reason}
	}
	return f
}

// progress

func startProgress(w io.Writer, commits *atomic.Int64, total int) (stop func()) {
	if w == nil {
		return func() {}
	}
	start := time.Now()
	done := make(chan struct{})
	finished := make(chan struct{})
	print := func(final bool) {
		n := commits.Load()
		el := time.Since(start).Seconds()
		rate := 0.0
		if el > 0 {
			rate = float64(n) / el
		}
		line := fmt.Sprintf("keyless: scanned %d", n)
		if total >= 0 {
			line += fmt.Sprintf("/%d", total)
		}
		line += fmt.Sprintf(" commits (%.0f/s)", rate)
		end := ""
		if final {
			end = "\n"
		}
		fmt.Fprintf(w, "\r\033[K%s%s", line, end)
	}
	go func() {
		defer close(finished)
		t := time.NewTicker(250 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				print(false)
			case <-done:
				print(true)
				return
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}
