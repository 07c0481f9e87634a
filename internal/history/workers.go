package history

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
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
