package services // want package:"has key-auth wrappers"

import (
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/Azure/azure-sdk-for-go/sdk/data/azappconfig"
	appconfig2 "github.com/Azure/azure-sdk-for-go/sdk/data/azappconfig/v2"
	"github.com/Azure/azure-sdk-for-go/sdk/data/azcosmos"
	"github.com/Azure/azure-sdk-for-go/sdk/data/aztables"
	"github.com/Azure/azure-sdk-for-go/sdk/messaging/azeventhubs"
	eventhubs2 "github.com/Azure/azure-sdk-for-go/sdk/messaging/azeventhubs/v2"
	"github.com/Azure/azure-sdk-for-go/sdk/messaging/azservicebus"
	"github.com/Azure/azure-sdk-for-go/sdk/messaging/azservicebus/admin"
	"github.com/Azure/azure-sdk-for-go/sdk/messaging/eventgrid/azeventgrid"
)

func data() {
	aztables.NewServiceClientFromConnectionString(os.Getenv("CS"), nil) // want `keyauth/tables-connection-string: aztables.NewServiceClientFromConnectionString authenticates with a key; use NewServiceClient with the service URL`
	azcosmos.NewClientFromConnectionString(os.Getenv("CS"), nil)        // want `keyauth/cosmos-connection-string: azcosmos.NewClientFromConnectionString authenticates with a key; use NewClient with the account endpoint`
	azappconfig.NewClientFromConnectionString(os.Getenv("CS"), nil)     // want `keyauth/appconfig-connection-string: azappconfig.NewClientFromConnectionString authenticates with a key; use NewClient with the store endpoint`
	appconfig2.NewClientFromConnectionString(os.Getenv("CS"), nil)      // want `keyauth/appconfig-connection-string: `
	kc, _ := azcosmos.NewKeyCredential(os.Getenv("COSMOS_KEY"))         // want `keyauth/cosmos-key: azcosmos.NewKeyCredential`
	_ = kc
}

func messaging() {
	azservicebus.NewClientFromConnectionString(os.Getenv("CS"), nil)                           // want `keyauth/servicebus-connection-string: azservicebus.NewClientFromConnectionString authenticates with a key; use NewClient with the namespace`
	admin.NewClientFromConnectionString(os.Getenv("CS"), nil)                                  // want `keyauth/servicebus-connection-string: admin.NewClientFromConnectionString`
	azeventhubs.NewProducerClientFromConnectionString(os.Getenv("CS"), "hub", nil)             // want `keyauth/eventhubs-connection-string: azeventhubs.NewProducerClientFromConnectionString authenticates with a key; use NewProducerClient/NewConsumerClient`
	azeventhubs.NewConsumerClientFromConnectionString(os.Getenv("CS"), "hub", "$Default", nil) // want `keyauth/eventhubs-connection-string: azeventhubs.NewConsumerClientFromConnectionString`
	eventhubs2.NewProducerClientFromConnectionString(os.Getenv("CS"), "", nil)                 // want `keyauth/eventhubs-connection-string: `
	eventhubs2.NewConsumerClientFromConnectionString(os.Getenv("CS"), "", "$Default", nil)     // want `keyauth/eventhubs-connection-string: `
	kc := azcore.NewKeyCredential(os.Getenv("EG_KEY"))
	azeventgrid.NewClientWithSharedKeyCredential("https://t.eventgrid.azure.net/api/events", kc, nil) // want `keyauth/eventgrid-key: azeventgrid.NewClientWithSharedKeyCredential authenticates with a key; use NewClient`
}

func dataKeyless() {
	cred, _ := azidentity.NewDefaultAzureCredential(nil)
	aztables.NewServiceClient("https://a.table.core.windows.net/", cred, nil)
	azcosmos.NewClient("https://a.documents.azure.com:443/", cred, nil)
	azappconfig.NewClient("https://s.azconfig.io", cred, nil)
	azservicebus.NewClient("ns.servicebus.windows.net", cred, nil)
	azeventhubs.NewProducerClient("ns.servicebus.windows.net", "hub", cred, nil)
	azeventgrid.NewClient("https://t.eventgrid.azure.net/api/events", cred, nil)
}
