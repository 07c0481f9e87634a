package main

// Redaction of what keyless prints besides findings: error messages and
// -diff output quote their input (the type checker prints string
// constants, the rules loader prints keys, ids and regexes, a diff shows
// whole source lines), and that input may hold a secret. Every error line
// goes through scrubLine (failf) and every diff through scrubText: any
// piece of 8 or more bytes of a known secret is replaced by its redacted
// form.
//
// Known secrets are collected from the input an error or diff comes from
// (the rules, baseline and .gitleaksignore files keyless reads, the files
// of a package that failed to type-check, the files a diff shows) and from
// the message itself:
//
//   - what the secret engine finds in that text (the run's catalog when
//     it loaded, else the embedded one);
//   - high-entropy tokens, for secrets that only context identifies (a
//     32-hex key quoted in a type error has lost the name that made it a
//     key): in Go source, string literal values outside import
//     declarations; in other files, any token. A token is 16 or more
//     characters of the key alphabets (letters, digits, + / = _ ~ . % -)
//     with both letters and digits and at least 3 bits of entropy per
//     character. Error messages lose, at worst, an identifier-like value
//     of the same shape. Built-in role-definition GUIDs (the catalog's
//     roles) are public and never masked.

import (
	"go/scanner"
	"go/token"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/keyless-dev/keyless/internal/rules"
	"github.com/keyless-dev/keyless/internal/secrets/engine"
)

var scrub scrubber

type scrubber struct {
	mu      sync.Mutex
	cat     *rules.Catalog // the run's catalog, once loaded
	eng     *engine.Engine
	engErr  error
	built   bool
	secrets map[string]bool
	pending []string // input files, read only when a message is scrubbed
}

// setCatalog makes the scrubber find secrets with the run's rules (a
// user's own key formats included).
func (s *scrubber) setCatalog(cat *rules.Catalog) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cat != cat {
		s.cat, s.eng, s.built = cat, nil, false
	}
}

func (s *scrubber) engine() *engine.Engine {
	if !s.built {
		s.built = true
		cat := s.cat
		if cat == nil {
			cat = rules.Default()
		}
		s.eng, s.engErr = engine.New(cat)
		if s.engErr != nil {
			s.eng, _ = engine.New(rules.Default())
		}
	}
	return s.eng
}

// addPath records an input file (rules, baseline, .gitleaksignore) whose
// secrets messages must not show; it is read only if a message is
// scrubbed.
func (s *scrubber) addPath(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pending = append(s.pending, name)
}

// addFile records the secrets of a file's content: Go source (by name)
// or anything else.
func (s *scrubber) addFile(name string, content []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addFileLocked(name, content)
}

func (s *scrubber) addFileLocked(name string, content []byte) {
	s.addEngine(name, string(content))
	if strings.HasSuffix(name, ".go") {
		for _, v := range goStringValues(content) {
			s.addTokens(v)
		}
		return
	}
	s.addTokens(string(content))
}

func (s *scrubber) addEngine(name, text string) {
	eng := s.engine()
	if eng == nil {
		return
	}
	for _, m := range eng.ScanPath(name, text) {
		s.add(m.Secret)
	}
}

func (s *scrubber) addTokens(text string) {
	for _, tok := range strings.FieldsFunc(text, func(r rune) bool { return !keyChar(r) }) {
		if secretLike(tok) && !s.publicID(tok) {
			s.add(tok)
		}
	}
}

// publicID reports whether tok is a built-in role's definition GUID:
// Microsoft publishes them, and infra's role-swap fixes must show them
// (a masked GUID would make the -diff output impossible to apply).
func (s *scrubber) publicID(tok string) bool {
	cat := s.cat
	if cat == nil {
		cat = rules.Default()
	}
	_, ok := cat.RoleByGUID(tok)
	return ok
}

func (s *scrubber) add(secret string) {
	if len(secret) < scrubWindow {
		return
	}
	if s.secrets == nil {
		s.secrets = map[string]bool{}
	}
	s.secrets[secret] = true
}

// scrubWindow is the shortest piece of a secret that is masked.
const scrubWindow = 8

// scrubText masks every piece of scrubWindow or more bytes of a known
// secret (and of a secret the engine finds in text itself).
func (s *scrubber) scrubText(text string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(text) < scrubWindow {
		return text
	}
	for _, name := range s.pending {
		if data, err := os.ReadFile(name); err == nil {
			s.addFileLocked(name, data)
		}
	}
	s.pending = nil
	known := map[string]bool{}
	for v := range s.secrets {
		known[v] = true
	}
	if eng := s.engine(); eng != nil {
		for _, m := range eng.Scan(text) {
			if len(m.Secret) >= scrubWindow {
				known[m.Secret] = true
			}
		}
	}
	if len(known) == 0 {
		return text
	}
	windows := map[string]bool{}
	for v := range known {
		for i := 0; i+scrubWindow <= len(v); i++ {
			windows[v[i:i+scrubWindow]] = true
		}
	}
	masked := make([]bool, len(text))
	found := false
	for i := 0; i+scrubWindow <= len(text); i++ {
		if windows[text[i:i+scrubWindow]] {
			for j := i; j < i+scrubWindow; j++ {
				masked[j] = true
			}
			found = true
		}
	}
	if !found {
		return text
	}
	var b strings.Builder
	for i := 0; i < len(text); {
		if !masked[i] {
			b.WriteByte(text[i])
			i++
			continue
		}
		j := i
		for j < len(text) && masked[j] {
			j++
		}
		b.WriteString(engine.Redact(text[i:j]))
		i = j
	}
	return b.String()
}

// scrubLine is scrubText for a one-line message.
func scrubLine(msg string) string { return scrub.scrubText(msg) }

func keyChar(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' ||
		strings.ContainsRune("+/=_~.%-", r)
}

// secretLike: long, mixed letters and digits, high entropy.
func secretLike(tok string) bool {
	if len(tok) < 16 {
		return false
	}
	letters, digits := false, false
	for _, r := range tok {
		letters = letters || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
		digits = digits || '0' <= r && r <= '9'
	}
	return letters && digits && engine.ShannonEntropy(tok) >= 3
}

// goStringValues returns the values of the string literals of a Go
// source file outside import declarations. The file need not parse.
func goStringValues(src []byte) []string {
	fset := token.NewFileSet()
	f := fset.AddFile("", -1, len(src))
	var sc scanner.Scanner
	sc.Init(f, src, nil, 0)
	var out []string
	inImport, group := false, false
	for {
		_, tok, lit := sc.Scan()
		switch tok {
		case token.EOF:
			sort.Strings(out)
			return out
		case token.IMPORT:
			inImport, group = true, false
			continue
		case token.LPAREN:
			if inImport {
				group = true
			}
		case token.RPAREN:
			if inImport && group {
				inImport = false
			}
		case token.SEMICOLON:
			if inImport && !group {
				inImport = false
			}
		case token.STRING:
			if inImport {
				continue
			}
			if v, err := strconv.Unquote(lit); err == nil {
				out = append(out, v)
			} else {
				out = append(out, lit)
			}
		}
	}
}
