// Package hardcodedsecret defines an Analyzer that reports secret values
// written in Go source: Azure keys and the secrets of every provider
// gitleaks knows.
//
// # Analyzer hardcodedsecret
//
// hardcodedsecret: reports secret values written in Go source: Azure keys and the secrets of every provider gitleaks knows
//
// Every string constant of the package is checked whole, as the type
// checker folds it ("ab" + "cd" is seen as "abcd"): literals, raw strings,
// constants, struct and map literal fields, []byte("…") conversions and
// default values passed to getenv-style helpers. The checks come from the
// secrets section of rules.yaml and are shared with `keyless history`, so a
// key is reported under the same id in source and in git history:
//
//   - Azure's 84-character identifiable keys (JQQJ signature), with their
//     checksum verified: azure-openai-key (provider AAAB+ACOG),
//     azure-ai-services-key (AAAA+ACOG), azure-cask-key (the other
//     services);
//   - 32-hex Azure OpenAI / Cognitive Services keys, only where the code
//     says Azure: a name like apiKey or subscriptionKey, the key argument
//     of a key-credential constructor (by types), or an Azure AI endpoint
//     in the same file (*.openai.azure.com, *.cognitiveservices.azure.com,
//     *.services.ai.azure.com, their sovereign-cloud forms: the host
//     suffixes keyauth shares, rules.AzureAIHostSuffixes)
//     (azure-cognitive-hex-key);
//   - Storage account keys and connection strings, SAS signatures, Service
//     Bus / Event Hubs keys, Cosmos DB keys, Entra ID client secrets;
//   - gitleaks v8's default rules for every other provider (AWS, GitHub,
//     Slack, private keys, …) under gitleaks' rule ids.
//
// A value with no telling shape (a legacy 88-character Storage or Cosmos
// DB key) is a key when the types say so: a constant that reaches the
// key parameter of a keyauth-cataloged call (azblob.NewSharedKeyCredential,
// azcosmos.NewKeyCredential, …) through named constants, variables
// assigned once or helpers of the package is reported under the secret
// rule of the call's service (keyauth's keySecret), at the literal that
// holds it (at the argument when it is declared in another package).
//
// One secret, one finding: a constant is reported where it is written,
// not where it is used or folded into another constant expression
// ("KEY=" + fallbackKey); a key split over constants is reported where
// they are joined.
//
// It never reports environment variable names, placeholders
// (<your-api-key>, REPLACE_ME, xxxx…, all zeros), UUIDs, hashes in
// checksum contexts or regular expression source. Findings in _test.go
// files use the rule id with an "-in-test" suffix, so a team can treat
// fixtures separately. The message shows the secret only redacted
// ("AbCd…(84)") and says what to do in one line: rotate it (it is
// already in history) and use DefaultAzureCredential or Key Vault; how to
// rotate each kind is in `keyless explain <rule>`.
//
// String constants longer than 1 MiB (MaxValue) are data, not typed
// secrets, and are not scanned; `keyless history` still scans their files.
//
// Silence a finding with "//keyless:ignore hardcodedsecret/<id> -- reason",
// or in rules.yaml with allowlist paths, regexes and stopwords.
package hardcodedsecret

import _ "embed"

//go:embed doc.go
var doc string
