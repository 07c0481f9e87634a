package main

import (
	"fmt"
	"math/rand"
	"strconv"
	"strings"
	"testing"
)

func TestUnifiedDiff(t *testing.T) {
	old := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n"
	new := "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\n"
	want := `--- a/x.go
+++ b/x.go
@@ -1,5 +1,5 @@
 a
-b
+B
 c
 d
 e
@@ -11,3 +11,4 @@
 k
 l
 m
+n
`
	if got := unifiedDiff("a/x.go", "b/x.go", old, new); got != want {
		t.Errorf("diff:\n%s\nwant:\n%s", got, want)
	}
	if got := unifiedDiff("a", "b", old, old); got != "" {
		t.Errorf("diff of equal texts = %q", got)
	}
	if got := unifiedDiff("a", "b", "x", "x\n"); !strings.Contains(got, "-x\n\\ No newline at end of file\n+x\n") {
		t.Errorf("missing-newline diff:\n%s", got)
	}
}

// patch applies a unified diff produced by unifiedDiff to old.
func patch(t *testing.T, old, diff string) string {
	t.Helper()
	a := splitLines(old)
	var out []string
	next := 0 // next unconsumed line of a
	lines := strings.SplitAfter(diff, "\n")
	for i := 2; i < len(lines); i++ {
		l := lines[i]
		if l == "" {
			continue
		}
		if strings.HasPrefix(l, "@@ ") {
			f := strings.Fields(l)
			start, _, _ := strings.Cut(strings.TrimPrefix(f[1], "-"), ",")
			s, _ := strconv.Atoi(start)
			cnt := 1
			if _, c, ok := strings.Cut(f[1], ","); ok {
				cnt, _ = strconv.Atoi(c)
			}
			if cnt > 0 {
				s--
			}
			out = append(out, a[next:s]...)
			next = s
			continue
		}
		if strings.HasPrefix(l, `\`) {
			// strip the newline of the previous line
			if len(out) > 0 && lines[i-1][0] != '-' {
				out[len(out)-1] = strings.TrimSuffix(out[len(out)-1], "\n")
			}
			continue
		}
		switch l[0] {
		case ' ':
			out = append(out, a[next])
			next++
		case '-':
			next++
		case '+':
			out = append(out, l[1:])
		}
	}
	out = append(out, a[next:]...)
	return strings.Join(out, "")
}

// Random edits: the diff must turn old into new, and keep every equal line.
func TestUnifiedDiffRoundTrip(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for iter := range 300 {
		var a []string
		for range r.Intn(40) {
			a = append(a, fmt.Sprintf("line %d\n", r.Intn(8)))
		}
		b := append([]string(nil), a...)
		for range r.Intn(6) {
			switch op := r.Intn(3); {
			case op == 0 && len(b) > 0:
				i := r.Intn(len(b))
				b = append(b[:i], b[i+1:]...)
			case op == 1:
				i := r.Intn(len(b) + 1)
				b = append(b[:i], append([]string{fmt.Sprintf("new %d\n", r.Intn(5))}, b[i:]...)...)
			case len(b) > 0:
				b[r.Intn(len(b))] = fmt.Sprintf("changed %d\n", r.Intn(5))
			}
		}
		old, new := strings.Join(a, ""), strings.Join(b, "")
		d := unifiedDiff("a", "b", old, new)
		if got := patch(t, old, d); got != new {
			t.Fatalf("iteration %d: patch(old, diff) != new\nold:\n%s\nnew:\n%s\ndiff:\n%s\ngot:\n%s", iter, old, new, d, got)
		}
		ops := diffLines(a, b)
		var kept, del, ins int
		for _, op := range ops {
			switch op.kind {
			case ' ':
				kept++
			case '-':
				del++
			case '+':
				ins++
			}
		}
		if kept+del != len(a) || kept+ins != len(b) {
			t.Fatalf("iteration %d: script does not cover both sides", iter)
		}
		if lcs := lcsLen(a, b); kept != lcs {
			t.Fatalf("iteration %d: kept %d lines, longest common subsequence is %d", iter, kept, lcs)
		}
	}
}

func lcsLen(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}
