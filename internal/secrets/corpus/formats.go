package corpus

import (
	"fmt"
	"sort"
	"strings"

	"github.com/keyless-dev/keyless/internal/secrets/azkeys"
)

// Format is one kind of key the corpus writes, with the rule that must
// report it: every identifiable format Microsoft defines for Azure (CASK,
// HIS v1, Entra ID client secrets), Azure DevOps legacy PATs, NuGet API
// keys and the classic 32-hex Cognitive Services key.
type Format struct {
	Name   string // "Azure Batch account key"
	RuleID string
	Key    func(*Gen) string
	// Decoy is a key of the same shape whose checksum is wrong; nil when
	// the format carries no checksum.
	Decoy func(*Gen) string
	// Context is a Go statement that writes the key (%s) where real code
	// does: a connection string, a header, a credential constructor.
	Context string
	// Bare: the key alone says what it is (a signature or a checksum).
	// A key that does not (32 hex digits) is found only in context.
	Bare bool
}

// Contexts of the formats, as Go statements in a function with a Header h.
const (
	ctxKeyCredential = `_ = azcore.NewKeyCredential("%s")`
	ctxSubscription  = `h.Set("Ocp-Apim-Subscription-Key", "%s")`
	ctxAPIKey        = `_ = Config{Endpoint: "https://x.example", APIKey: "%s"}`
	ctxDevOpsURL     = `_ = "https://build:%s@dev.azure.com/contoso/app/_git/app"`
)

var caskContexts = map[string]string{
	"AZDO": ctxDevOpsURL,
	"AZMP": `_ = "https://atlas.microsoft.com/search/address/json?api-version=1.0&subscription-key=%s"`,
	"AZCS": `_ = "endpoint=https://contoso.communication.azure.com/;accesskey=%s"`,
	"AZAC": `_ = "Endpoint=https://contoso.azconfig.io;Id=k1-l0-s0:abcd;Secret=%s"`,
}

// hisFormats: the rule and a context of every HIS v1 format.
var hisFormats = []struct {
	kind          azkeys.HISKind
	rule, context string
}{
	{azkeys.StorageKey, "azure-storage-account-key", `_ = sharedKey("contoso", "%s")`},
	{azkeys.CosmosKey, "azure-cosmos-key", `_ = "AccountEndpoint=https://contoso.documents.azure.com:443/;AccountKey=%s;"`},
	{azkeys.BatchKey, "azure-batch-account-key", `_ = Config{Endpoint: "https://contoso.westeurope.batch.azure.com", AccountKey: "%s"}`},
	{azkeys.MLClassicKey, "azure-ml-classic-webservice-key", `h.Set("Authorization", "Bearer %s")`},
	{azkeys.APIMTenantKey, "azure-apim-direct-management-key", `_ = Config{Endpoint: "https://contoso.management.azure-api.net", APIKey: "%s"}`},
	{azkeys.APIMSubscriptionKey, "azure-apim-subscription-key", ctxSubscription},
	{azkeys.APIMGatewayKey, "azure-apim-gateway-key", `_ = map[string]string{"gatewayKey": "%s"}`},
	{azkeys.APIMRepositoryKey, "azure-apim-repository-key", `_ = Config{Endpoint: "https://contoso.scm.azure-api.net", APIKey: "%s"}`},
	{azkeys.ServiceBusKey, "azure-servicebus-connection-string", `_ = "Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=%s"`},
	{azkeys.EventHubsKey, "azure-servicebus-connection-string", `_ = "Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=%s;EntityPath=events"`},
	{azkeys.RelayKey, "azure-servicebus-connection-string", `_ = "Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=%s;EntityPath=hc"`},
	{azkeys.IoTHubKey, "azure-iot-hub-key", `_ = "HostName=contoso.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=%s"`},
	{azkeys.IoTDPSKey, "azure-iot-dps-key", `_ = "HostName=contoso.azure-devices-provisioning.net;SharedAccessKeyName=provisioningserviceowner;SharedAccessKey=%s"`},
	{azkeys.IoTDeviceKey, "azure-iot-device-key", `_ = "HostName=contoso.azure-devices.net;DeviceId=sensor-1;SharedAccessKey=%s"`},
	{azkeys.RedisKey, "azure-redis-access-key", `_ = "contoso.redis.cache.windows.net:6380,password=%s,ssl=True,abortConnect=False"`},
	{azkeys.EventGridKey, "azure-eventgrid-key", `h.Set("aeg-sas-key", "%s")`},
	{azkeys.SearchQueryKey, "azure-search-query-key", `h.Set("api-key", "%s")`},
	{azkeys.SearchAdminKey, "azure-search-admin-key", `h.Set("api-key", "%s")`},
	{azkeys.ContainerRegistryKey, "azure-container-registry-key", `_ = "docker login contoso.azurecr.io --username contoso --password %s"`},
	{azkeys.FunctionsKey, "azure-functions-key", `_ = "https://contoso.azurewebsites.net/api/orders?code=%s"`},
}

// Formats lists every format, in a fixed order.
func Formats() []Format {
	var fs []Format
	for i, svc := range azkeys.CognitiveServices {
		rule := "azure-cask-key"
		switch i {
		case 0:
			rule = "azure-ai-services-key"
		case 1:
			rule = "azure-openai-key"
		}
		reserved, ctx := azkeys.CognitiveReserved(i), ctxSubscription
		if i < 2 {
			ctx = ctxKeyCredential
		}
		fs = append(fs, caskFormat(svc+" key (CASK)", rule, reserved, "ACOG", ctx))
	}
	sigs := make([]string, 0, len(azkeys.CASKProviders))
	for sig := range azkeys.CASKProviders {
		sigs = append(sigs, sig)
	}
	sort.Strings(sigs)
	for _, sig := range sigs {
		ctx, ok := caskContexts[sig]
		if !ok {
			ctx = ctxAPIKey
		}
		fs = append(fs, caskFormat(azkeys.CASKProviders[sig]+" key (CASK)", "azure-cask-key", "AAAA", sig, ctx))
	}
	// A provider signature keyless has no name for (Web PubSub).
	fs = append(fs, caskFormat("unclassified key (CASK, AWPS)", "azure-cask-key", "AAAA", "AWPS",
		`_ = "Endpoint=https://contoso.webpubsub.azure.com;AccessKey=%s;Version=1.0;"`))
	for _, h := range hisFormats {
		kind := h.kind
		fs = append(fs, Format{Name: kind.Name, RuleID: h.rule, Context: h.context, Bare: true,
			Key:   func(g *Gen) string { return g.HIS(kind) },
			Decoy: func(g *Gen) string { return g.BrokenHIS(kind) }})
	}
	const ctxSecret = `_ = clientSecretCredential("tenant", "client", "%s")`
	return append(fs,
		Format{Name: "Entra ID client secret (8Q~)", RuleID: "azure-entra-client-secret", Context: ctxSecret, Bare: true,
			Key: (*Gen).EntraSecret, Decoy: (*Gen).EntraSecretBad},
		Format{Name: "Entra ID client secret (7Q~)", RuleID: "azure-entra-client-secret", Context: ctxSecret, Bare: true,
			Key: (*Gen).EntraSecretLegacy},
		Format{Name: "Azure DevOps PAT (legacy)", RuleID: "azure-devops-pat", Context: ctxDevOpsURL, Bare: true,
			Key: (*Gen).ADOPAT, Decoy: (*Gen).BrokenADOPAT},
		Format{Name: "NuGet API key", RuleID: "nuget-api-key", Bare: true,
			Context: `_ = "dotnet nuget push app.nupkg --api-key %s --source https://api.nuget.org/v3/index.json"`,
			Key:     (*Gen).NuGetKey},
		Format{Name: "Cognitive Services key (32 hex)", RuleID: "azure-cognitive-hex-key", Context: ctxSubscription,
			Key: (*Gen).Hex32},
	)
}

func caskFormat(name, rule, reserved, sig, context string) Format {
	return Format{Name: name, RuleID: rule, Context: context, Bare: true,
		Key:   func(g *Gen) string { return g.CASK(reserved, sig, g.enc()) },
		Decoy: func(g *Gen) string { return g.BrokenCASK(reserved, sig) }}
}

// KeysPerFormat is how many keys of each format the corpus writes, each
// once as a bare constant and once in its context.
const KeysPerFormat = 3

// DecoysPerFormat is how many broken-checksum keys of each checksummed
// format the corpus writes, each bare and in context.
const DecoysPerFormat = 2

// formats writes every format: valid keys and decoys, bare and in
// context, one file per format.
func (c *Corpus) formats(g *Gen) {
	for i, f := range Formats() {
		imports := ""
		if strings.Contains(f.Context, "azcore.") {
			imports = "github.com/Azure/azure-sdk-for-go/sdk/azcore"
		}
		file := c.newFile(fmt.Sprintf("app/format_%02d.go", i), imports)
		file.add("// %s", f.Name)
		keys := make([]string, KeysPerFormat)
		for j := range keys {
			keys[j] = f.Key(g)
			file.plantFormat(f, "bare", "const v%d = %q", c.uniq(), keys[j])
		}
		var decoys []string
		for j := 0; f.Decoy != nil && j < DecoysPerFormat; j++ {
			decoys = append(decoys, f.Decoy(g))
			file.decoyFormat(f, "const v%d = %q", c.uniq(), decoys[j])
		}
		file.add("func format%d(h Header) {", c.uniq())
		for _, k := range keys {
			file.plantFormat(f, "context", "\t"+f.Context, k)
		}
		for _, d := range decoys {
			file.decoyFormat(f, "\t"+f.Context, d)
		}
		file.add("}")
		file.done()
	}
}

// plantFormat plants a valid key of f; a bare key of a format that needs
// context is recorded as Contextless instead.
func (f *file) plantFormat(ft Format, form, format string, args ...any) {
	if form == "bare" && !ft.Bare {
		line := f.add(format, args...)
		f.c.Contextless = append(f.c.Contextless, Planted{File: f.name, Line: line, RuleID: ft.RuleID, Form: form, Azure: true, Format: ft.Name})
		return
	}
	f.plant(ft.RuleID, form, format, args...)
	f.c.Planted[len(f.c.Planted)-1].Format = ft.Name
}

func (f *file) decoyFormat(ft Format, format string, args ...any) {
	f.decoy(ft.Name+" with a broken checksum", format, args...)
	f.c.Decoys[len(f.c.Decoys)-1].Format = ft.Name
}
