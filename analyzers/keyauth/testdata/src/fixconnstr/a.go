// Package fixconnstr exercises the connection-string fix. // want package:"has key-auth wrappers"
package fixconnstr

import (
	"fmt"
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/data/azappconfig"
	"github.com/Azure/azure-sdk-for-go/sdk/data/azcosmos"
	"github.com/Azure/azure-sdk-for-go/sdk/messaging/azeventhubs"
	"github.com/Azure/azure-sdk-for-go/sdk/messaging/azservicebus"
)

// The namespace is a separate value: the connection string, and the
// key it carried, go.
func serviceBus() (*azservicebus.Client, error) {
	ns := os.Getenv("SERVICEBUS_NAMESPACE")
	key := os.Getenv("SERVICEBUS_KEY")
	cs := fmt.Sprintf("Endpoint=sb://%s.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=%s", ns, key)
	return azservicebus.NewClientFromConnectionString(cs, nil) // want `keyauth/servicebus-connection-string: `
}

const hubHost = "sb://myns.servicebus.windows.net/"

// Concatenation with a constant endpoint; the hub stays an argument.
func producer(key string) (*azeventhubs.ProducerClient, error) { // want producer:"wraps keyauth/eventhubs-connection-string\\(arg 0\\)"
	return azeventhubs.NewProducerClientFromConnectionString("Endpoint="+hubHost+";SharedAccessKeyName=send;SharedAccessKey="+key, "hub", nil) // want `keyauth/eventhubs-connection-string: `
}

// EntityPath names the hub inside the connection string: no fix.
func consumer(key string) (*azeventhubs.ConsumerClient, error) { // want consumer:"wraps keyauth/eventhubs-connection-string\\(arg 0\\)"
	return azeventhubs.NewConsumerClientFromConnectionString("Endpoint=sb://myns.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey="+key+";EntityPath=hub", "", "$Default", nil) // want `keyauth/eventhubs-connection-string: azeventhubs.NewConsumerClientFromConnectionString authenticates with a key`
}

// App Configuration keeps the URL form.
func appConfig(store, id, secret string) (*azappconfig.Client, error) { // want appConfig:"wraps keyauth/appconfig-connection-string\\(arg 0\\)"
	return azappconfig.NewClientFromConnectionString("Endpoint=https://"+store+".azconfig.io;Id="+id+";Secret="+secret, nil) // want `keyauth/appconfig-connection-string: `
}

// Cosmos DB: AccountEndpoint.
func cosmos(endpoint, key string) (*azcosmos.Client, error) { // want cosmos:"wraps keyauth/cosmos-connection-string\\(arg 0\\)"
	return azcosmos.NewClientFromConnectionString("AccountEndpoint="+endpoint+";AccountKey="+key+";", nil) // want `keyauth/cosmos-connection-string: `
}

// From the environment: report only, with the rule's advice.
func fromEnv() (*azservicebus.Client, error) {
	return azservicebus.NewClientFromConnectionString(os.Getenv("SERVICEBUS_CONNECTION_STRING"), nil) // want `keyauth/servicebus-connection-string: .*use NewClient with the namespace and a token credential`
}
