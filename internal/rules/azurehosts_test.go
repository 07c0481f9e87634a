package rules

import (
	"strings"
	"testing"
)

func TestAzureAIHostSuffixes(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range AzureAIHostSuffixes {
		if s != strings.ToLower(s) || !strings.HasPrefix(s, ".") || strings.Count(s, ".") < 2 {
			t.Errorf("suffix %q: want a lower-case \".name.tld\" suffix", s)
		}
		if seen[s] {
			t.Errorf("suffix %q listed twice", s)
		}
		seen[s] = true
	}
}

func TestIsAzureAIHost(t *testing.T) {
	for host, want := range map[string]bool{
		"myres.openai.azure.com":             true,
		"MyRes.OpenAI.Azure.com.":            true,
		"x.cognitiveservices.azure.com":      true,
		"x.services.ai.azure.com":            true,
		"westus.api.cognitive.microsoft.com": true,
		"myres.openai.azure.us":              true,
		"myres.cognitiveservices.azure.cn":   true,
		"openai.azure.com":                   false, // no resource name
		"api.openai.com":                     false,
		"openai.azure.com.evil.example":      false,
		"x.blob.core.windows.net":            false,
	} {
		if got := IsAzureAIHost(host); got != want {
			t.Errorf("IsAzureAIHost(%q) = %v, want %v", host, got, want)
		}
	}
}
