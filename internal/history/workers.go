package history

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/keyless-dev/keyless/internal/safegit"
	"github.com/zricethezav/gitleaks/v8/detect/codec"
)

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
	work := make(chan *safegit.Hunk, 1024)
	results := make([][]occurrence, workers)
	// dets is set before the first change is sent to a worker (the send
	// orders the write before the worker's read).
	var dets *detectors
	var wg sync.WaitGroup
	var failOnce sync.Once
	var failure error
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var cur *safegit.Hunk
			defer func() {
				if v := recover(); v != nil {
					failOnce.Do(func() { failure = internalError(v, cur) })
					cancel()
					for range work { // let the parser finish
					}
				}
			}()
			for cur = range work {
				bytesScanned.Add(int64(len(cur.Text)))
				results[w] = s.detect(ctx, dets, cur, opts, results[w])
			}
		}()
	}

	send := func(ch *safegit.Hunk) {
		select {
		case work <- ch:
		case <-ctx.Done():
		}
	}
	// The first smallScanBytes of added lines wait: a scan that ends
	// within them (the staged diff, a few new commits) builds detectors of
	// only the rules their text calls for; a larger one builds them of
	// every rule and goes on streaming.
	var pending []*safegit.Hunk
	pendingBytes := 0
	var skipped []Skipped
	p := safegit.NewParser(stdout, opts.MaxTargetBytes,
		func(*safegit.Commit) { commits.Add(1) },
		func(ch *safegit.Hunk) {
			if ch.Oversize {
				sk := Skipped{Path: ch.Path, Size: ch.Size}
				if ch.Commit != nil {
					sk.Commit = ch.Commit.SHA
				}
				skipped = append(skipped, sk)
				return
			}
			if dets != nil {
				send(ch)
				return
			}
			pending = append(pending, ch)
			pendingBytes += len(ch.Text)
			if pendingBytes > smallScanBytes {
				dets = s.full()
				for _, ch := range pending {
					send(ch)
				}
				pending = nil
			}
		})
	err := p.Run()
	if len(pending) > 0 {
		dets = s.forChanges(pending)
		for _, ch := range pending {
			send(ch)
		}
	}
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

// smallScanBytes is the most added-line bytes a scan may hold for
// detectors built of only the rules its text calls for (a variable for
// the start-up benchmark, which sets it to -1 to measure the full build).
var smallScanBytes = 1 << 20

// forChanges builds detectors of the rules whose keywords occur in the
// changes, or in what gitleaks' decoding pass makes of them (the passes
// gitleaks' DetectContext runs, to maxDecodeDepth): on these changes they
// find exactly what detectors of every rule find, and compile only the
// regexes of those rules.
func (s *Scanner) forChanges(chs []*safegit.Hunk) *detectors {
	set := s.engine.NewRuleSet()
	for _, ch := range chs {
		if s.pathAllowed(ch.Path) {
			continue // detect skips it
		}
		text := string(ch.Text)
		s.engine.MarkCandidates(text, set)
		if !mayHaveEncoded(ch.Text) {
			continue
		}
		segs := []*codec.EncodedSegment{}
		dec := codec.NewDecoder()
		for range maxDecodeDepth {
			if text, segs = dec.Decode(text, segs); len(segs) == 0 {
				break
			}
			s.engine.MarkCandidates(text, set)
		}
	}
	return s.newDetectors(s.engine.GitleaksConfigFor(set))
}

// internalError reports a panic of the detection code as an error, never
// as a trace: where it happened and, for a runtime error, what it was (a
// panic value of another kind could quote scanned text).
func internalError(v any, ch *safegit.Hunk) error {
	where := ""
	if ch != nil {
		where = " while scanning " + ch.Path
		if ch.Commit != nil {
			where += " in commit " + short(ch.Commit.SHA)
		}
	}
	what := ""
	if re, ok := v.(runtime.Error); ok {
		what = ": " + re.Error()
	}
	return fmt.Errorf("internal error in the secret engine%s%s", where, what)
}
