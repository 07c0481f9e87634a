package main

import (
	"reflect"
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/internal/secrets/corpus"
)

func TestGoStringValues(t *testing.T) {
	src := "package p\n\nimport \"fmt\"\n\nimport (\n\t\"os\"\n\tx \"github.com/a/b/v2\"\n)\n\n" +
		"const a = \"first\"\nvar b = `raw\nstring`\nfunc f() { fmt.Println(\"third\", os.Args, x.Y) }\n" +
		"var broken = \"unterminated\n"
	got := goStringValues([]byte(src))
	want := []string{"first", "raw\nstring", "third", "\"unterminated"}
	if !reflect.DeepEqual(sortedCopy(got), sortedCopy(want)) {
		t.Errorf("goStringValues = %q, want %q", got, want)
	}
}

func sortedCopy(s []string) []string {
	c := append([]string(nil), s...)
	for i := range c {
		for j := i + 1; j < len(c); j++ {
			if c[j] < c[i] {
				c[i], c[j] = c[j], c[i]
			}
		}
	}
	return c
}

func TestSecretLike(t *testing.T) {
	g := corpus.New(3)
	for _, s := range []string{g.Hex32(), g.StorageKey(), g.OpenAIKey(), g.AWSKeyID(), g.SASSignature()} {
		if !secretLike(s) {
			t.Errorf("secretLike(%.6s…) = false", s)
		}
	}
	for _, s := range []string{"not an int", "hardcodedsecret/azure-openai-key", "keyauth/azopenai-key-credential",
		"AZURE_OPENAI_API_KEY", "example.com/bad/nosuch", "aaaaaaaaaaaaaaaaaaaa1", "short1"} {
		if secretLike(s) {
			t.Errorf("secretLike(%q) = true", s)
		}
	}
}

func TestScrubText(t *testing.T) {
	g := corpus.New(4)
	key, hex, token := g.OpenAIKey(), g.Hex32(), g.GitHubPAT()
	var s scrubber
	s.addFile("broken.go", []byte("package broken\n\nvar N int = \""+hex+"\"\nvar M int = \"not an int\"\n"))
	s.addFile("rules.yaml", []byte("secrets:\n  - id: "+token[:30]+"\n"))
	for _, c := range []struct{ in, want string }{
		// Unknown to any file, found by the engine in the message.
		{`cannot use "` + key + `" (untyped string constant)`, `cannot use "` + key[:4] + `…(84)" (untyped string constant)`},
		// Truncated by the type checker: the piece is still masked.
		{`constant "` + hex[:20] + `..."`, `constant "` + hex[:2] + `…(20)..."`},
		{`unknown key "` + token[:30] + `"`, `unknown key "` + token[:3] + `…(30)"`},
		// Nothing secret: unchanged.
		{`cannot use "not an int" (untyped string constant) as int value`, `cannot use "not an int" (untyped string constant) as int value`},
		{`duplicate rule id "hardcodedsecret/dup" (first at dup.yaml:3:7)`, `duplicate rule id "hardcodedsecret/dup" (first at dup.yaml:3:7)`},
	} {
		got := s.scrubText(c.in)
		if got != c.want {
			t.Errorf("scrubText(%q)\n = %q\nwant %q", c.in, got, c.want)
		}
		for _, v := range []string{key, hex, token} {
			for i := 0; i+9 <= len(v); i++ {
				if strings.Contains(got, v[i:i+9]) {
					t.Errorf("scrubText left %q", v[i:i+9])
					break
				}
			}
		}
	}
}
