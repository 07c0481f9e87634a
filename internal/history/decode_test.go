package history

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/zricethezav/gitleaks/v8/detect"

	"github.com/keyless-dev/keyless/internal/secrets/corpus"
)

func TestMayHaveEncoded(t *testing.T) {
	key := corpus.New(11).OpenAIKey()
	for _, c := range []struct {
		text string
		want bool
	}{
		{"x := " + base64.StdEncoding.EncodeToString([]byte(key)), true},
		{"x := " + hex.EncodeToString([]byte(key)), true},
		{"x := \"" + url.QueryEscape("a=b&c") + "\"", true},
		{`s := "\u0041\u0042"`, true},
		{`s := "\\U0041"`, true},
		{"U+0041 U+0042", true},
		{"path/to/some_file.go", true},
		{"abcdefghijklmnopqrstuvwxyz", false}, // long, but no digit or + / - _
		{"refreshSessionTokenNow(ctx)", false},
		{"a1b2c3d4e5f6g7h", false}, // 15 characters
		{"fmt.Printf(\"%s %d\\n\", a, b)", false},
		{"100%", false},
		{"", false},
	} {
		if got := mayHaveEncoded([]byte(c.text)); got != c.want {
			t.Errorf("mayHaveEncoded(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// When mayHaveEncoded is false, the detector without decoding finds
// exactly what the decoding detector finds; when it is true for an
// encoded key, the decoding detector finds the key.
func TestMayHaveEncodedSound(t *testing.T) {
	s := scanner(t)
	r := rand.New(rand.NewPCG(1, 2))
	k := corpus.New(12)
	words := []string{"token", "api_key", "secret", "password", "auth", "func", "return", "if", "err", "nil",
		"=", ":=", ":", "\"", "'", " ", "\n", "\t", ",", "(", ")", "{", "}", "%", "%d", "\\u", "U+", "+", "/", "-", "_",
		"sessionManager", "refreshTokenValue", "AccessKey", "ghp_", "AKIA", "0123", "deadbeef", "Zm9v", "==",
		k.OpenAIKey(), k.GitHubPAT(), k.AWSKeyID(), "aaaaaaaaaaaaaaaa", "GITHUB_TOKEN=", "client_secret = "}
	// Encoded keys: a prefilter that misses one of these encodings lets
	// the decoding detector find a key the other does not.
	for _, enc := range []func(string) string{percentAll, unicodeEscapes} {
		words = append(words, " "+enc(k.GitHubPAT())+" ", " "+enc(k.OpenAIKey())+" ")
	}
	skipped, total := 0, 0
	for i := 0; i < 4000; i++ {
		var b strings.Builder
		for n := r.IntN(60); n > 0; n-- {
			w := words[r.IntN(len(words))]
			if r.IntN(8) == 0 && len(w) > 3 {
				w = w[:r.IntN(len(w))]
			}
			b.WriteString(w)
			if r.IntN(3) == 0 {
				b.WriteByte(' ')
			}
		}
		text := b.String()
		total++
		if mayHaveEncoded([]byte(text)) {
			continue
		}
		skipped++
		frag := detect.Fragment{Raw: text, FilePath: "f.go"}
		with := s.full().det.DetectContext(context.Background(), frag)
		without := s.full().det0.DetectContext(context.Background(), frag)
		if !reflect.DeepEqual(with, without) {
			t.Fatalf("decoding changed the findings of %q:\n%v\n%v", text, with, without)
		}
	}
	if skipped < total/10 || skipped == total {
		t.Fatalf("%d of %d fragments skip decoding: the test exercises too little", skipped, total)
	}
	t.Logf("%d of %d random fragments skip decoding", skipped, total)

	key := k.OpenAIKey()
	for name, enc := range map[string]string{
		"base64": base64.StdEncoding.EncodeToString([]byte(key)),
		"hex":    hex.EncodeToString([]byte(key)),
	} {
		text := fmt.Sprintf("data:\n  value: %s\n", enc)
		if !mayHaveEncoded([]byte(text)) {
			t.Errorf("%s: mayHaveEncoded false", name)
		}
		found := false
		for _, f := range s.full().det.DetectContext(context.Background(), detect.Fragment{Raw: text, FilePath: "f.yaml"}) {
			found = found || f.Secret == key
		}
		if !found {
			t.Errorf("%s-encoded key not found by the decoding detector", name)
		}
	}
}

func percentAll(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, "%%%02X", s[i])
	}
	return b.String()
}

func unicodeEscapes(s string) string {
	var b strings.Builder
	for _, r := range s {
		fmt.Fprintf(&b, "\\u%04x", r)
	}
	return b.String()
}
