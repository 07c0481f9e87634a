package driver

import (
	"bytes"
	"encoding/binary"

	"golang.org/x/tools/go/analysis"
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
	return r.cfg.Cache.Put(n.key, payload) == nil
}

// decode imports n's types and facts from its entry's payload. Any
// failure (export data or facts that do not decode) reports false.
func (r *run) decode(n *node, payload []byte) (ok bool) {
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
	n.pkg.Types = pkg
	if err := decodeFacts(n, facts, r.byName); err != nil {
		return false
	}
	return true
}

// materialize gives n its types and facts when it was a cache hit, on
// first need: a run whose roots' results all come from the cache never
// decodes export data. Dependencies come first (export data names them).
// A payload that passed its checksum but does not decode (a writer's
// bug) is recomputed from source and rewritten.
func (r *run) materialize(n *node) {
	n.once.Do(func() {
		payload := n.entry
		if payload == nil {
			return // computed from source
		}
		n.entry = nil
		for _, d := range n.deps {
			r.materialize(d.node)
		}
		if r.decode(n, payload) {
			r.owners.Store(n.pkg.Types, n)
			return
		}
		r.misses.Add(1)
		// Its facts are computed from its dependencies' facts. The
		// caller holds no CPU token (waiting here while holding one
		// could starve the dependencies of theirs).
		for _, d := range n.deps {
			<-d.node.done
		}
		r.typeCheck(n, n.root || n.inScope && len(r.depOrder) > 0)
		r.owners.Store(n.pkg.Types, n)
		if len(r.depOrder) > 0 {
			// Facts only: a root's reported actions came from its
			// results and stay.
			saved := n.actions
			n.actions = map[*analysis.Analyzer]*Action{}
			r.analyze(n, r.depOrder, nil, !n.root)
			if n.root {
				n.actions = saved
			}
		}
		if !n.failed() {
			r.store(n)
		}
		if !n.root {
			n.pkg.Syntax, n.pkg.TypesInfo = nil, nil
		}
	})
}
