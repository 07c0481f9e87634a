package engine

import "strings"

// keywordIndex is an Aho-Corasick automaton over the lower-cased keywords
// of every rule, compiled to a dense DFA on byte classes. One pass over a
// text (no lower-casing copy: upper-case ASCII letters share the class of
// their lower-case letter) yields the rules whose keywords occur, so that
// only those rules' regexes run, as gitleaks' prefilter does.
type keywordIndex struct {
	class   [256]uint8 // byte -> class; 0 = byte in no keyword
	nclass  int
	delta   []int32   // state*nclass + class -> next state
	out     [][]int32 // state -> rules whose keyword ends here (incl. via failure links)
	nonzero []bool    // state has outputs
}

func newKeywordIndex(keywords map[string][]int) *keywordIndex {
	k := &keywordIndex{}
	next := uint8(1)
	for kw := range keywords {
		for i := 0; i < len(kw); i++ {
			c := kw[i]
			if k.class[c] == 0 {
				k.class[c] = next
				next++
			}
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		k.class[c] = k.class[c+'a'-'A']
	}
	k.nclass = int(next)

	// Trie.
	type node struct {
		children map[uint8]int32
		fail     int32
		out      []int32
	}
	nodes := []node{{children: map[uint8]int32{}}}
	for kw, rules := range keywords {
		s := int32(0)
		for i := 0; i < len(kw); i++ {
			c := k.class[kw[i]]
			n, ok := nodes[s].children[c]
			if !ok {
				n = int32(len(nodes))
				nodes = append(nodes, node{children: map[uint8]int32{}})
				nodes[s].children[c] = n
			}
			s = n
		}
		for _, r := range rules {
			nodes[s].out = append(nodes[s].out, int32(r))
		}
	}
	// Breadth-first failure links and the dense transition table.
	k.delta = make([]int32, len(nodes)*k.nclass)
	queue := []int32{}
	for c := 1; c < k.nclass; c++ {
		if n, ok := nodes[0].children[uint8(c)]; ok {
			k.delta[c] = n
			queue = append(queue, n)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		f := nodes[s].fail
		nodes[s].out = append(nodes[s].out, nodes[f].out...)
		for c := 1; c < k.nclass; c++ {
			if n, ok := nodes[s].children[uint8(c)]; ok {
				nodes[n].fail = k.delta[int(f)*k.nclass+c]
				k.delta[int(s)*k.nclass+c] = n
				queue = append(queue, n)
			} else {
				k.delta[int(s)*k.nclass+c] = k.delta[int(f)*k.nclass+c]
			}
		}
	}
	k.out = make([][]int32, len(nodes))
	k.nonzero = make([]bool, len(nodes))
	for i, n := range nodes {
		k.out[i] = dedupe(n.out)
		k.nonzero[i] = len(n.out) > 0
	}
	return k
}

func dedupe(xs []int32) []int32 {
	seen := map[int32]bool{}
	var out []int32
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// mark sets bit r of set for every rule r whose keyword occurs in text.
func (k *keywordIndex) mark(text string, set []uint64) {
	s := int32(0)
	nc := int32(k.nclass)
	for i := 0; i < len(text); i++ {
		s = k.delta[s*nc+int32(k.class[text[i]])]
		if k.nonzero[s] {
			for _, r := range k.out[s] {
				set[r>>6] |= 1 << (uint(r) & 63)
			}
		}
	}
}

// RuleSet is a set of the engine's rules, by index in Rules().
type RuleSet []uint64

// NewRuleSet returns an empty set of the engine's rules.
func (e *Engine) NewRuleSet() RuleSet { return make(RuleSet, e.words) }

// Has reports whether rule i (index in Rules()) is in the set.
func (s RuleSet) Has(i int) bool { return s[i>>6]&(1<<(uint(i)&63)) != 0 }

// MarkCandidates adds to set every rule that a keyword prefilter lets run
// on text: the rules without keywords and those with a keyword in text,
// case-insensitively. It is a superset of what gitleaks' prefilter admits
// (gitleaks lower-cases with strings.ToLower, which also folds non-ASCII
// letters such as the Kelvin sign, so a text with non-ASCII bytes is also
// marked lower-cased), so that a gitleaks configuration of only these
// rules finds in text exactly what the full one finds.
func (e *Engine) MarkCandidates(text string, set RuleSet) {
	e.keywords.mark(text, set)
	for i := 0; i < len(text); i++ {
		if text[i] >= 0x80 {
			e.keywords.mark(strings.ToLower(text), set)
			break
		}
	}
	for _, i := range e.always {
		set[i>>6] |= 1 << (uint(i) & 63)
	}
}
