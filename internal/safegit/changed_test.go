package safegit

import (
	"reflect"
	"strings"
	"testing"
)

// ChangedLines is what lint -new-from-rev reports on: the new-side lines
// of the added lines of each file, with deleted files and deleted lines
// left out. (This was cmd/keyless's TestParseDiffLines when lint had a
// parser of its own; the quoted names are what that one got wrong.)
func TestChangedLines(t *testing.T) {
	diff := `diff --git a/a.go b/a.go
index 1..2 100644
--- a/a.go
+++ b/a.go
@@ -3 +3 @@ func f() {
-old
+new
@@ -10,0 +11,2 @@
+x
+y
@@ -20,2 +22,0 @@
-gone
-gone
diff --git a/dir with space/b.go b/dir with space/b.go
--- a/dir with space/b.go	
+++ b/dir with space/b.go	
@@ -1 +1,3 @@
+p
+q
+r
diff --git a/del.go b/del.go
--- a/del.go
+++ /dev/null
@@ -1,2 +0,0 @@
-x
-y
diff --git "a/p/q\"uote.go" "b/p/q\"uote.go"
new file mode 100644
--- /dev/null
+++ "b/p/q\"uote.go"
@@ -0,0 +1,2 @@
+package p
+var Q = 1
diff --git "a/p/back\\slash.go" "b/p/back\\slash.go"
--- "a/p/back\\slash.go"
+++ "b/p/back\\slash.go"
@@ -4 +4 @@
-a
+b
diff --git "a/donn\303\251es/cl\303\251.go" "b/donn\303\251es/cl\303\251.go"
--- "a/donn\303\251es/cl\303\251.go"
+++ "b/donn\303\251es/cl\303\251.go"
@@ -7,0 +8 @@
+c
`
	got, err := ChangedLines(strings.NewReader(diff))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]int{
		"a.go":                {3, 11, 12},
		"dir with space/b.go": {1, 2, 3},
		`p/q"uote.go`:         {1, 2},
		`p/back\slash.go`:     {4},
		"données/clé.go":      {8},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ChangedLines:\n got %v\nwant %v", got, want)
	}
}
