package driver

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"go/build"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// keyFormat changes whenever what goes into a key changes.
const keyFormat = "keyless-driver-key 2"

// ExecutableID returns a hash of the running executable's contents, so
// that a rebuilt keyless (new analyzers, new go/types) never reads
// entries written by another build. It is memoized in the cache
// directory by path, size and modification time.
func ExecutableID(c *Cache) ([]byte, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	fi, err := os.Stat(exe)
	if err != nil {
		return nil, err
	}
	stamp := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d\x00%d", exe, fi.Size(), fi.ModTime().UnixNano()))
	memo := ""
	if c != nil {
		memo = filepath.Join(c.dir, fmt.Sprintf("exe-%x", stamp[:12]))
		if b, err := os.ReadFile(memo); err == nil && len(b) == sha256.Size {
			return b, nil
		}
	}
	f, err := os.Open(exe)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	sum := h.Sum(nil)
	if memo != "" {
		if tmp, err := os.CreateTemp(c.dir, ".tmp-*"); err == nil {
			_, werr := tmp.Write(sum)
			if tmp.Close() == nil && werr == nil {
				_ = os.Rename(tmp.Name(), memo)
			}
			os.Remove(tmp.Name())
		}
	}
	return sum, nil
}

// buildEnv is the part of the build configuration that is not already
// visible in the files go list selected.
func buildEnv() string {
	var b strings.Builder
	fmt.Fprintf(&b, "GOOS=%s GOARCH=%s", build.Default.GOOS, build.Default.GOARCH)
	for _, v := range []string{"GOFLAGS", "CGO_ENABLED", "GOEXPERIMENT", "GOTOOLCHAIN"} {
		fmt.Fprintf(&b, " %s=%s", v, os.Getenv(v))
	}
	return b.String()
}

// keyWriter writes length-prefixed fields, so that no two field lists
// hash alike.
type keyWriter struct{ h hash.Hash }

func (w keyWriter) str(s string) {
	var n [binary.MaxVarintLen64]byte
	w.h.Write(n[:binary.PutUvarint(n[:], uint64(len(s)))])
	io.WriteString(w.h, s)
}

func (w keyWriter) bytes(b []byte) { w.str(string(b)) }

// computeKey hashes what determines the package's types and facts. ok is
// false when a file cannot be read: such a package is never cached.
func (r *run) computeKey(n *node) (key [32]byte, ok bool) {
	p := n.pkg
	w := keyWriter{sha256.New()}
	w.str(keyFormat)
	w.bytes(r.cfg.Salt)
	// The facts an entry holds are those of the analyzers that ran: a
	// run with keyauth off must not serve a run with it on.
	for _, a := range r.depOrder {
		w.str(a.Name)
	}
	w.str(r.env)
	w.str(p.ID)
	w.str(p.PkgPath)
	w.str(p.Name)
	w.str(fmt.Sprint(n.inScope))
	w.str(fmt.Sprint(r.sizes(p)))
	immutable := false
	if m := p.Module; m != nil {
		w.str(m.Path + "@" + m.Version + " go" + m.GoVersion)
		if m.Replace != nil {
			w.str("=> " + m.Replace.Path + "@" + m.Replace.Version + " " + m.Replace.Dir)
		}
		// A module cache directory is content-addressed by its version
		// (go.sum verified); a replaced or main module is not.
		immutable = m.Version != "" && m.Replace == nil && !m.Main
	}
	for _, f := range p.CompiledGoFiles {
		w.str(f)
		id, err := r.fileID(f, immutable)
		if err != nil {
			return key, false
		}
		w.str(id)
	}
	for _, d := range n.deps {
		if !d.node.keyOK {
			return key, false
		}
		w.str(d.importPath)
		w.bytes(d.node.key[:])
	}
	copy(key[:], w.h.Sum(nil))
	return key, true
}

// fileID identifies a file's contents: nothing more than its name in the
// module cache, size and modification time under GOROOT (as read-only as
// the module cache), a content hash elsewhere.
func (r *run) fileID(name string, immutable bool) (string, error) {
	if immutable {
		return "", nil
	}
	if r.goroot != "" && strings.HasPrefix(name, r.goroot) {
		fi, err := os.Stat(name)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%d %d", fi.Size(), fi.ModTime().UnixNano()), nil
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	return string(sum[:]), nil
}
