package keyauth

import (
	"bytes"
	"encoding/gob"
	"reflect"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/keyless-dev/keyless/analyzers/internal/constval"
	"github.com/keyless-dev/keyless/analyzers/internal/lintutil"
)

// Facts cross process boundaries (go vet -vettool) gob-encoded behind
// the analysis.Fact interface, as x/tools' facts package does.
func TestFactsGob(t *testing.T) {
	type gobFact struct {
		Object string
		Fact   analysis.Fact
	}
	in := []gobFact{
		{"F", &wrapperFact{Params: []wrapParam{{Index: 1, RuleID: "keyauth/azopenai-key-credential"}}}},
		{"", &wrapsFact{}},
		{"", &moduleFact{Path: "github.com/openai/openai-go/v3", Version: "v3.52.0"}},
	}
	for _, f := range New(lintutil.Options{}).FactTypes {
		gob.Register(f)
	}
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(in); err != nil {
		t.Fatal(err)
	}
	var out []gobFact
	if err := gob.NewDecoder(&b).Decode(&out); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Errorf("round trip: got %+v, want %+v", out, in)
	}
}

func TestSemver(t *testing.T) {
	for _, c := range []struct {
		a, b string
		less bool
	}{
		{"v3.52.0", "v3.53.0", true},
		{"v3.53.0", "v3.53.0", false},
		{"v3.99.0", "v3.53.0", false},
		{"3.9.1", "v3.53.0", true},
		{"v3.53.0-beta.1", "v3.53.0", false},
		{"v2.7.1", "v3.0.0", true},
	} {
		if got := semverLess(c.a, c.b); got != c.less {
			t.Errorf("semverLess(%q, %q) = %v, want %v", c.a, c.b, got, c.less)
		}
	}
}

func TestOpenAIModule(t *testing.T) {
	for path, want := range map[string]string{
		"github.com/openai/openai-go":                           "github.com/openai/openai-go",
		"github.com/openai/openai-go/option":                    "github.com/openai/openai-go",
		"github.com/openai/openai-go/v3/azure":                  "github.com/openai/openai-go/v3",
		"github.com/openai/openai-go/v2":                        "github.com/openai/openai-go/v2",
		"github.com/openai/openai-go/v3/internal/requestconfig": "github.com/openai/openai-go/v3",
		"github.com/openai/openai-go-other":                     "",
	} {
		got, _ := openAIModule(path)
		if got != want {
			t.Errorf("openAIModule(%q) = %q, want %q", path, got, want)
		}
	}
	if openAIMajor("github.com/openai/openai-go/v3") != 3 || openAIMajor("github.com/openai/openai-go") != 1 {
		t.Error("openAIMajor")
	}
}

func TestParseURL(t *testing.T) {
	for u, want := range map[string]urlInfo{
		"https://myres.openai.azure.com/openai/v1/":         {azure: true, v1: true},
		"https://" + constval.Unknown + ".openai.azure.com": {azure: true},
		"https://x.cognitiveservices.azure.com:443/openai/": {azure: true},
		"https://x.services.ai.azure.com/openai/v1":         {azure: true, v1: true},
		"https://api.openai.com/v1/":                        {},
		"https://openai.azure.com.evil.example/":            {},
		constval.Unknown:                                    {},
		"https://" + constval.Unknown + "/openai/v1":        {v1: true},
	} {
		if got := parseURL(u); got != want {
			t.Errorf("parseURL(%q) = %+v, want %+v", u, got, want)
		}
	}
}
