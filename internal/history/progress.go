package history

import (
	"fmt"
	"io"
	"sync/atomic"
	"time"
)

// startProgress prints a progress line on w every 250ms until stop is
// called, then a final one; w == nil prints nothing.
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
