package driver

import (
	"bytes"
	"encoding/binary"

	"golang.org/x/tools/go/gcexportdata"
)

// A cache entry's payload is the package's export data, length-prefixed,
// followed by its gob-encoded facts.

// store writes n's export data and facts under its key.
func (r *run) store(n *node) bool {
	var exp bytes.Buffer
	if err := gcexportdata.Write(&exp, r.fset, n.pkg.Types); err != nil {
		return false
	}
	facts, err := encodeFacts(n, r.depOrder)
	if err != nil {
		return false
	}
	payload := binary.AppendUvarint(nil, uint64(exp.Len()))
	payload = append(append(payload, exp.Bytes()...), facts...)
	return r.cfg.Cache.put(n.key, payload) == nil
}

// load imports n's types and facts from its cache entry. Any failure
// (no entry, checksum, export data or facts that do not decode) reports
// false and leaves n to be computed from source.
func (r *run) load(n *node) (ok bool) {
	payload, ok := r.cfg.Cache.get(n.key)
	if !ok {
		return false
	}
	defer func() {
		if e := recover(); e != nil {
			ok = false
		}
		if !ok {
			n.pkg.Types = nil
			clear(n.facts)
		}
	}()
	size, k := binary.Uvarint(payload)
	if k <= 0 || uint64(len(payload)-k) < size {
		return false
	}
	exp, facts := payload[k:k+int(size)], payload[k+int(size):]
	pkg, err := gcexportdata.Read(bytes.NewReader(exp), r.fset, transitiveTypes(n), n.pkg.PkgPath)
	if err != nil || pkg.Name() != n.pkg.Name {
		return false
	}
	n.pkg.Types, n.pkg.Fset, n.pkg.TypesSizes = pkg, r.fset, r.sizes(n.pkg)
	if err := decodeFacts(n, facts, r.byName); err != nil {
		return false
	}
	return true
}
