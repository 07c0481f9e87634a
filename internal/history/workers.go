package history

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/keyless-dev/keyless/internal/safegit"
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
				results[w] = s.detect(ctx, cur, opts, results[w])
			}
		}()
	}

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
			select {
			case work <- ch:
			case <-ctx.Done():
			}
		})
	err := p.Run()
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
