package history

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
)

func TestProgress(t *testing.T) {
	fx := fixture(t)
	var buf bytes.Buffer
	scan(t, Options{Dir: fx.Dir, Progress: &buf})
	if !strings.Contains(buf.String(), "commits") || !strings.Contains(buf.String(), "/"+itoa(len(fx.Commits))+" commits") {
		t.Errorf("progress output %q", buf.String())
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
