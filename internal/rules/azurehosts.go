package rules

import "strings"

// AzureAIHostSuffixes are the DNS suffixes of Azure AI service endpoints
// in the public and sovereign clouds: a host under one of them is an
// Azure OpenAI, AI Services (Foundry) or Cognitive Services resource, so
// a key sent there is an Azure key. keyauth judges openai-go base URLs
// by them, hardcodedsecret the files whose 32-hex values are Azure keys.
var AzureAIHostSuffixes = []string{
	".openai.azure.com",
	".cognitiveservices.azure.com",
	".services.ai.azure.com",
	".cognitive.microsoft.com", // regional endpoints: <region>.api.cognitive.microsoft.com
	".openai.azure.us",
	".cognitiveservices.azure.us",
	".openai.azure.cn",
	".cognitiveservices.azure.cn",
}

// IsAzureAIHost reports whether host (a DNS name without port, in any
// case, with or without the trailing root dot) is an endpoint under one
// of AzureAIHostSuffixes.
func IsAzureAIHost(host string) bool {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	for _, suf := range AzureAIHostSuffixes {
		if strings.HasSuffix(host, suf) && len(host) > len(suf) {
			return true
		}
	}
	return false
}
