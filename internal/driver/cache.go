package driver

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// Cache is a directory of entries addressed by key. Entries are written
// to a temporary file and renamed into place, so concurrent runs on one
// directory see either a whole entry or none; each entry carries the
// SHA-256 of its payload, so a torn or corrupted file is detected and
// recomputed, never trusted.
type Cache struct {
	dir      string
	maxBytes int64 // Prune removes the least recently used entries above this
}

// DefaultMaxBytes bounds a cache directory (KEYLESS_CACHE_MAX_MB overrides).
const DefaultMaxBytes = 1 << 30

// cacheMagic starts every entry; bump the version when the layout of
// entries or keys changes.
const cacheMagic = "keyless-cache 1\n"

// DefaultCacheDir is $KEYLESS_CACHE, else os.UserCacheDir()/keyless.
func DefaultCacheDir() (string, error) {
	if d := os.Getenv("KEYLESS_CACHE"); d != "" {
		return d, nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory (set KEYLESS_CACHE or use -cache=off): %v", err)
	}
	return filepath.Join(d, "keyless"), nil
}

// OpenCache opens (creating it if needed) the cache in dir.
func OpenCache(dir string, maxBytes int64) (*Cache, error) {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, fmt.Errorf("cache: %v", err)
	}
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	return &Cache{dir: dir, maxBytes: maxBytes}, nil
}

// Dir is the cache's directory.
func (c *Cache) Dir() string { return c.dir }

func (c *Cache) path(key [32]byte) string {
	h := hex.EncodeToString(key[:])
	return filepath.Join(c.dir, h[:2], h+"-p")
}

// Get returns the payload stored under key; ok is false when there is
// none or it fails its checksum.
func (c *Cache) Get(key [32]byte) (payload []byte, ok bool) {
	name := c.path(key)
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, false
	}
	rest, ok := bytes.CutPrefix(data, []byte(cacheMagic))
	if !ok || len(rest) < sha256.Size {
		return nil, false
	}
	sum, payload := rest[:sha256.Size], rest[sha256.Size:]
	if got := sha256.Sum256(payload); !bytes.Equal(got[:], sum) {
		return nil, false
	}
	// Mark it used for Prune's LRU order (coarsely: an hour is enough).
	if fi, err := os.Stat(name); err == nil && time.Since(fi.ModTime()) > time.Hour {
		now := time.Now()
		_ = os.Chtimes(name, now, now)
	}
	return payload, true
}

// Put stores payload under key. Failing to write a cache entry never
// fails a lint: the caller ignores the error.
func (c *Cache) Put(key [32]byte, payload []byte) error {
	name := c.path(key)
	if err := os.MkdirAll(filepath.Dir(name), 0o777); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return err
	}
	sum := sha256.Sum256(payload)
	var buf bytes.Buffer
	buf.WriteString(cacheMagic)
	buf.Write(sum[:])
	buf.Write(payload)
	_, werr := tmp.Write(buf.Bytes())
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// pruneEvery is how often Prune walks the directory.
const pruneEvery = time.Hour

// Prune removes the least recently used entries (by modification time)
// until the cache fits in its size bound, at most once per pruneEvery;
// stale temporary files of interrupted runs go too.
func (c *Cache) Prune() {
	stamp := filepath.Join(c.dir, "pruned")
	if fi, err := os.Stat(stamp); err == nil && time.Since(fi.ModTime()) < pruneEvery {
		return
	}
	_ = os.WriteFile(stamp, nil, 0o666)
	now := time.Now()
	_ = os.Chtimes(stamp, now, now)
	type entry struct {
		name string
		size int64
		mod  time.Time
	}
	var entries []entry
	var total int64
	_ = filepath.WalkDir(c.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == stamp {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return nil
		}
		if filepath.Base(p)[0] == '.' {
			if time.Since(fi.ModTime()) > pruneEvery {
				os.Remove(p)
			}
			return nil
		}
		entries = append(entries, entry{p, fi.Size(), fi.ModTime()})
		total += fi.Size()
		return nil
	})
	if total <= c.maxBytes {
		return
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].mod.Before(entries[j].mod) })
	for _, e := range entries {
		if total <= c.maxBytes*3/4 { // leave room: do not prune on every run
			break
		}
		if os.Remove(e.name) == nil {
			total -= e.size
		}
	}
}
