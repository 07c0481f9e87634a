package services

import (
	"context"
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/ai/face/azface"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/Azure/azure-sdk-for-go/sdk/cognitiveservices/azanomalydetector"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/cognitiveservices/armcognitiveservices"
	armcog2 "github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/cognitiveservices/armcognitiveservices/v2"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/storage/armstorage"
	armstorage2 "github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/storage/armstorage/v2"
	"github.com/Azure/go-autorest/autorest"
	"github.com/Microsoft/cognitive-services-speech-sdk-go/speech"
)

func secrets() {
	azidentity.NewClientSecretCredential("tenant", "client", os.Getenv("AZURE_CLIENT_SECRET"), nil) // want `keyauth/client-secret-credential: azidentity.NewClientSecretCredential authenticates with a client secret; use a managed identity or workload identity credential`
	azidentity.NewOnBehalfOfCredentialWithSecret("t", "c", "assertion", os.Getenv("S"), nil)        // want `keyauth/client-secret-credential: `
	azidentity.NewManagedIdentityCredential(nil)
	azidentity.NewDefaultAzureCredential(nil)
}

func management(ctx context.Context, cred azcore.TokenCredential) {
	accounts, _ := armcognitiveservices.NewAccountsClient("sub", cred, nil)
	accounts.ListKeys(ctx, "rg", "acct", nil)                                                      // want `keyauth/list-keys: armcognitiveservices.AccountsClient.ListKeys fetches account keys at run time; call the data plane`
	accounts.RegenerateKey(ctx, "rg", "acct", armcognitiveservices.RegenerateKeyParameters{}, nil) // want `keyauth/list-keys: armcognitiveservices.AccountsClient.RegenerateKey`
	listKeys := accounts.ListKeys                                                                  // want `keyauth/list-keys: function value armcognitiveservices.AccountsClient.ListKeys`
	_ = listKeys
	a2, _ := armcog2.NewAccountsClient("sub", cred, nil)
	a2.ListKeys(ctx, "rg", "acct", nil) // want `keyauth/list-keys: `
	s1, _ := armstorage.NewAccountsClient("sub", cred, nil)
	s1.ListKeys(ctx, "rg", "acct", nil) // want `keyauth/list-keys: armstorage.AccountsClient.ListKeys`
	s2, _ := armstorage2.NewAccountsClient("sub", cred, nil)
	s2.ListKeys(ctx, "rg", "acct", nil)                                                    // want `keyauth/list-keys: `
	s2.RegenerateKey(ctx, "rg", "acct", armstorage2.AccountRegenerateKeyParameters{}, nil) // want `keyauth/list-keys: `
	expr := (*armstorage.AccountsClient).ListKeys                                          // want `keyauth/list-keys: function value armstorage.AccountsClient.ListKeys`
	_ = expr
}

func track1(key string) { // want track1:"wraps keyauth/face-key\\(arg 0\\)"
	azface.NewClientWithKey("https://f.cognitiveservices.azure.com", key, nil)               // want `keyauth/face-key: azface.NewClientWithKey authenticates with a key; use the constructor without WithKey`
	azface.NewAdministrationClientWithKey("https://f.cognitiveservices.azure.com", "k", nil) // want `keyauth/face-key: `
	azface.NewSessionClientWithKey("https://f.cognitiveservices.azure.com", "k", nil)        // want `keyauth/face-key: `
	speech.NewSpeechConfigFromSubscription(key, "westus")                                    // want `keyauth/speech-subscription-key: speech.NewSpeechConfigFromSubscription authenticates with a key; use NewSpeechConfigFromAuthorizationToken`
	speech.NewSpeechConfigFromEndpointWithSubscription("wss://x", "k")                       // want `keyauth/speech-subscription-key: `
	speech.NewSpeechConfigFromHostWithSubscription("wss://x", "k")                           // want `keyauth/speech-subscription-key: `
	speech.NewSpeechConfigFromAuthorizationToken("aad#res#tok", "westus")
	cred, _ := azidentity.NewDefaultAzureCredential(nil)
	azface.NewClient("https://f.cognitiveservices.azure.com", cred, nil)
	azface.NewAdministrationClient("https://f.cognitiveservices.azure.com", cred, nil)
	a := autorest.NewCognitiveServicesAuthorizer("k") // want `keyauth/autorest-cognitive-key: autorest.NewCognitiveServicesAuthorizer authenticates with a key; move to the track 2 SDK`
	_ = a
	autorest.NewEventGridKeyAuthorizer("k")                   // want `keyauth/autorest-key-authorizer: `
	autorest.NewSharedKeyAuthorizer("acct", "k", "SharedKey") // want `keyauth/autorest-key-authorizer: `
	autorest.NewSASTokenAuthorizer("sv=...")                  // want `keyauth/autorest-key-authorizer: `
}

func anomaly() {
	azanomalydetector.NewUnivariateClientWithKeyCredential("https://a.cognitiveservices.azure.com", azanomalydetector.KeyCredential{APIKey: os.Getenv("K")}, nil) // want `keyauth/anomalydetector-key: azanomalydetector.NewUnivariateClientWithKeyCredential authenticates with a key; call the REST API`
	azanomalydetector.NewMultivariateClientWithKeyCredential("https://a.cognitiveservices.azure.com", azanomalydetector.KeyCredential{}, nil)                     // want `keyauth/anomalydetector-key: `
}

func policies() {
	runtime.NewKeyCredentialPolicy(azcore.NewKeyCredential(os.Getenv("K")), "api-key", nil) // want `keyauth/azcore-key-credential: runtime.NewKeyCredentialPolicy`
	runtime.NewSASCredentialPolicy(azcore.NewSASCredential(os.Getenv("S")), "sas", nil)     // want `keyauth/azcore-sas-credential: runtime.NewSASCredentialPolicy`
	sas := azcore.NewSASCredential(os.Getenv("S"))                                          // want `keyauth/azcore-sas-credential: azcore.NewSASCredential`
	_ = sas
}
