package safegit

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func parseAll(t *testing.T, input string, maxSize int) []*Hunk {
	t.Helper()
	var out []*Hunk
	p := NewParser(strings.NewReader(input), maxSize, nil, func(c *Hunk) { out = append(out, c) })
	if err := p.Run(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestPatchParser(t *testing.T) {
	input := "\x00" + "1111111111111111111111111111111111111111\x002024-01-02T03:04:05+01:00\x00Ann\x00ann@example.com\n" +
		"\n" +
		"diff --git a/a.txt b/a.txt\n" +
		"index ce01362..2227cdd 100644\n" +
		"--- a/a.txt\n" +
		"+++ b/a.txt\n" +
		"@@ -1,0 +2 @@ hello\n" +
		"+more\n" +
		"@@ -5,2 +6,3 @@\n" +
		"-x\n" +
		"-y\n" +
		"++++ b/not-a-header\n" +
		"+diff --git a/x b/x\n" +
		"+third\n" +
		"\\ No newline at end of file\n" +
		"diff --git a/b.bin b/b.bin\n" +
		"new file mode 100644\n" +
		"Binary files /dev/null and b/b.bin differ\n" +
		"diff --git a/sp ace.txt b/sp ace.txt\n" +
		"new file mode 100644\n" +
		"--- /dev/null\n" +
		"+++ b/sp ace.txt\t\n" +
		"@@ -0,0 +1 @@\n" +
		"+x y\n" +
		"diff --git \"a/tab\\t\\303\\251\\\"q.txt\" \"b/tab\\t\\303\\251\\\"q.txt\"\n" +
		"--- /dev/null\n" +
		"+++ \"b/tab\\t\\303\\251\\\"q.txt\"\n" +
		"@@ -0,0 +1 @@\n" +
		"+q\n" +
		"diff --git a/gone.txt b/gone.txt\n" +
		"deleted file mode 100644\n" +
		"--- a/gone.txt\n" +
		"+++ /dev/null\n" +
		"@@ -1 +0,0 @@\n" +
		"-bye\n" +
		"\x00" + "2222222222222222222222222222222222222222\x002023-05-06T07:08:09Z\x00Bob\x00\n" +
		"diff --git a/c.txt b/c.txt\n" +
		"--- a/c.txt\n" +
		"+++ b/c.txt\n" +
		"@@ -3 +3 @@\n" +
		"-old\n" +
		"+new\n"

	got := parseAll(t, input, 0)
	type row struct {
		SHA, Author, Date, Path, Text string
		Lines                         []int
	}
	var rows []row
	for _, c := range got {
		rows = append(rows, row{c.Commit.SHA[:4], c.Commit.Author, c.Commit.Date, c.Path, string(c.Text), c.Lines})
	}
	want := []row{
		{"1111", "Ann <ann@example.com>", "2024-01-02T02:04:05Z", "a.txt", "more", []int{2}},
		{"1111", "Ann <ann@example.com>", "2024-01-02T02:04:05Z", "a.txt", "+++ b/not-a-header\ndiff --git a/x b/x\nthird", []int{6, 7, 8}},
		{"1111", "Ann <ann@example.com>", "2024-01-02T02:04:05Z", "sp ace.txt", "x y", []int{1}},
		{"1111", "Ann <ann@example.com>", "2024-01-02T02:04:05Z", "tab\té\"q.txt", "q", []int{1}},
		{"2222", "Bob", "2023-05-06T07:08:09Z", "c.txt", "new", []int{3}},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("got\n%#v\nwant\n%#v", rows, want)
	}
	if got[0].Commit.Seq != 0 || got[4].Commit.Seq != 1 {
		t.Errorf("commit sequence: %d, %d", got[0].Commit.Seq, got[4].Commit.Seq)
	}
}

func TestPatchParserSizeCap(t *testing.T) {
	var b strings.Builder
	b.WriteString("diff --git a/big.txt b/big.txt\n--- /dev/null\n+++ b/big.txt\n@@ -0,0 +1,100 @@\n")
	for i := 0; i < 100; i++ {
		fmt.Fprintf(&b, "+line %03d\n", i)
	}
	b.WriteString("diff --git a/small.txt b/small.txt\n--- /dev/null\n+++ b/small.txt\n@@ -0,0 +1 @@\n+ok\n")
	got := parseAll(t, b.String(), 500)
	if len(got) != 2 {
		t.Fatalf("got %d changes", len(got))
	}
	if !got[0].Oversize || got[0].Text != nil || got[0].Size != 900 {
		t.Errorf("big: oversize=%v len(text)=%d size=%d", got[0].Oversize, len(got[0].Text), got[0].Size)
	}
	if got[1].Oversize || string(got[1].Text) != "ok" || got[1].Commit != nil {
		t.Errorf("small: %+v", got[1])
	}
}

func TestPatchParserLongLine(t *testing.T) {
	long := strings.Repeat("x", 3<<20)
	input := "diff --git a/min.js b/min.js\n--- /dev/null\n+++ b/min.js\n@@ -0,0 +1,2 @@\n+" + long + "\n+tail"
	got := parseAll(t, input, 0)
	if len(got) != 1 || len(got[0].Text) != len(long)+5 || !reflect.DeepEqual(got[0].Lines, []int{1, 2}) {
		t.Fatalf("got %d changes", len(got))
	}
}

func TestUnquoteC(t *testing.T) {
	for in, want := range map[string]string{
		`"a\tb"`:           "a\tb",
		`"\303\251"`:       "é",
		`"q\"\\"`:          `q"\`,
		`"b/x y" trailing`: "b/x y",
	} {
		got, _, ok := unquoteC(in)
		if !ok || got != want {
			t.Errorf("unquoteC(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{`"unterminated`, `"\`, `"\3"`} {
		if _, _, ok := unquoteC(bad); ok {
			t.Errorf("unquoteC(%q) accepted", bad)
		}
	}
}
