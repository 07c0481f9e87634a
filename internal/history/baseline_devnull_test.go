package history

import (
	"os"
	"path/filepath"
	"testing"
)

// A baseline written to a device or pipe must not replace it: the atomic
// rename once turned /dev/null into a regular file on a test machine.
func TestBaselineWriteKeepsNonRegularTarget(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "null")
	if err := os.Symlink(os.DevNull, link); err != nil {
		t.Skip("no symlinks:", err)
	}
	if err := new(Baseline).Write(link); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Lstat(link)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("baseline replaced the link to %s with a %v", os.DevNull, fi.Mode())
	}
	if dn, err := os.Stat(os.DevNull); err != nil || dn.Mode().IsRegular() {
		t.Fatalf("%s is no longer a device: %v %v", os.DevNull, dn.Mode(), err)
	}
}
