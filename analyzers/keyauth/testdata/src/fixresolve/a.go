// Package fixresolve exercises values keyauth follows through helpers
// and trims (package constval), where its own resolver used to stop.
package fixresolve

import (
	"strings"

	openai1 "github.com/openai/openai-go"
	option1 "github.com/openai/openai-go/option"

	"github.com/Azure/azure-sdk-for-go/sdk/messaging/azservicebus"
)

// The base URL is built by a helper: an Azure host, so the key option
// is key auth to Azure.
func baseURL(resource string) string {
	return "https://" + resource + ".openai.azure.com/openai/v1/"
}

func helperBaseURL() openai1.Client {
	return openai1.NewClient(option1.WithBaseURL(baseURL("myres")), option1.WithAPIKey("key")) // want `keyauth/openai-option-api-key: `
}

// A helper naming plain OpenAI: not Azure, nothing to report.
func openAIBase() string { return "https://api.openai.com/v1/" }

func helperOpenAI() openai1.Client {
	return openai1.NewClient(option1.WithBaseURL(openAIBase()), option1.WithAPIKey("key"))
}

// A trimmed base URL in a sovereign cloud.
func trimmedBaseURL(resource string) openai1.Client {
	u := strings.TrimSuffix("https://"+resource+".openai.azure.us/openai/v1/", "/")
	return openai1.NewClient(option1.WithBaseURL(u), option1.WithAPIKey("key")) // want `keyauth/openai-option-api-key: `
}

// The connection string is built by a helper from the caller's values:
// the endpoint is the caller's namespace.
func connString(ns, key string) string {
	return "Endpoint=sb://" + ns + ".servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=" + key
}

func serviceBus(ns, key string) (*azservicebus.Client, error) {
	return azservicebus.NewClientFromConnectionString(connString(ns, key), nil) // want `keyauth/servicebus-connection-string: `
}
