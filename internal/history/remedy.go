package history

import (
	"fmt"
	"strings"
)

// remedies say how to rotate a leaked key, by secret id. A deleted key is
// still in every clone's history: rotation is the fix, rewriting history
// is optional and does not un-leak it.
var remedies = map[string]string{
	"azure-openai-key":                   "regenerate the key (az cognitiveservices account keys regenerate), then disable local auth on the resource (disableLocalAuth: true) so no key works",
	"azure-ai-services-key":              "regenerate the key (az cognitiveservices account keys regenerate), then disable local auth on the resource (disableLocalAuth: true) so no key works",
	"azure-cognitive-hex-key":            "regenerate the key (az cognitiveservices account keys regenerate), then disable local auth on the resource (disableLocalAuth: true) so no key works",
	"azure-cask-key":                     "regenerate the key on the Azure resource that issued it, then disable local (key) auth on that resource",
	"azure-storage-account-key":          "rotate the account key (az storage account keys renew; SAS tokens signed with it die with it), then disallow shared key access (allowSharedKeyAccess: false)",
	"azure-storage-connection-string":    "rotate the account key (az storage account keys renew), then disallow shared key access (allowSharedKeyAccess: false)",
	"azure-sas-token":                    "rotate the key that signed the token (az storage account keys renew) or revoke its stored access policy, then disallow shared key access (allowSharedKeyAccess: false)",
	"azure-servicebus-connection-string": "regenerate the authorization rule's keys (az servicebus namespace authorization-rule keys renew), then disable local auth on the namespace (disableLocalAuth: true)",
	"azure-cosmos-key":                   "regenerate the account key (az cosmosdb keys regenerate), then disable local auth on the account (disableLocalAuth: true)",
	"azure-entra-client-secret":          "delete the client secret from the app registration (az ad app credential delete) and stop using client secrets",
	"azure-ad-client-secret":             "delete the client secret from the app registration (az ad app credential delete) and stop using client secrets",
}

func isAzure(id string) bool { return strings.HasPrefix(id, "azure-") }

// remedy is the full advice for one secret id.
func remedy(id string) string {
	r, ok := remedies[id]
	if !ok {
		r = "revoke it and issue a new one at its provider"
	}
	s := "The key is compromised even if a later commit deleted it: rotate it now — " + r + "."
	if isAzure(id) {
		s += " Move the app to managed identity (azidentity.NewDefaultAzureCredential) so it needs no key."
	} else {
		s += " Keep its replacement out of the repository (environment, secret store, workload identity)."
	}
	return s + " Rewriting history is optional and does not un-leak it."
}

// stagedRemedy is the advice for a secret in the staged diff: it has not
// been committed yet.
func stagedRemedy(id string) string {
	s := "Unstage it and keep it out of the repository"
	if isAzure(id) {
		s += " (use managed identity: azidentity.NewDefaultAzureCredential)"
	}
	return s + "; if this key was ever committed, pushed or shared, rotate it."
}

// message is a finding's message: what, where in history, and the remedy.
func message(id string, o *occurrence, count int) string {
	var b strings.Builder
	b.WriteString(o.kind)
	fmt.Fprintf(&b, " (%s)", o.shown)
	if o.commit == nil {
		b.WriteString(" in the staged changes. ")
		b.WriteString(stagedRemedy(id))
		return b.String()
	}
	fmt.Fprintf(&b, " added in commit %s by %s on %s", short(o.commit.SHA), o.commit.Author, o.commit.Date)
	if count > 1 {
		fmt.Fprintf(&b, " (found in %d commits; this is the earliest)", count)
	}
	b.WriteString(". ")
	b.WriteString(remedy(id))
	return b.String()
}

func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}
