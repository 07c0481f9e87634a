// Package listkeys fetches keys and connection strings of Cosmos DB, Service
// Bus and Event Hubs from the management plane (the list-keys rule, added
// as data only).
package listkeys

import (
	"context"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/cosmos/armcosmos/v3"
	ehmgmt "github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/eventhub/armeventhub"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/servicebus/armservicebus"
)

func cosmosKeys(ctx context.Context, cred azcore.TokenCredential) {
	accounts, _ := armcosmos.NewDatabaseAccountsClient("sub", cred, nil)
	accounts.ListKeys(ctx, "rg", "acct", nil)         // want `keyauth/list-keys: armcosmos.DatabaseAccountsClient.ListKeys`
	accounts.ListReadOnlyKeys(ctx, "rg", "acct", nil) // want `keyauth/list-keys: armcosmos.DatabaseAccountsClient.ListReadOnlyKeys`
	accounts.GetReadOnlyKeys(ctx, "rg", "acct", nil)  // want `keyauth/list-keys: armcosmos.DatabaseAccountsClient.GetReadOnlyKeys`
	cs := accounts.ListConnectionStrings              // want `keyauth/list-keys: function value armcosmos.DatabaseAccountsClient.ListConnectionStrings`
	_, _ = cs(ctx, "rg", "acct", nil)
}

func messagingKeys(ctx context.Context, cred azcore.TokenCredential) {
	ns, _ := armservicebus.NewNamespacesClient("sub", cred, nil)
	ns.ListKeys(ctx, "rg", "ns", "RootManageSharedAccessKey", nil)                                 // want `keyauth/list-keys: armservicebus.NamespacesClient.ListKeys`
	ns.RegenerateKeys(ctx, "rg", "ns", "rule", armservicebus.RegenerateAccessKeyParameters{}, nil) // want `keyauth/list-keys: armservicebus.NamespacesClient.RegenerateKeys`
	q, _ := armservicebus.NewQueuesClient("sub", cred, nil)
	q.ListKeys(ctx, "rg", "ns", "orders", "send", nil) // want `keyauth/list-keys: armservicebus.QueuesClient.ListKeys`
	tp, _ := armservicebus.NewTopicsClient("sub", cred, nil)
	tp.ListKeys(ctx, "rg", "ns", "events", "listen", nil) // want `keyauth/list-keys: armservicebus.TopicsClient.ListKeys`
	eh, _ := ehmgmt.NewEventHubsClient("sub", cred, nil)
	eh.ListKeys(ctx, "rg", "ns", "hub", "send", nil) // want `keyauth/list-keys: armeventhub.EventHubsClient.ListKeys`
	ehns, _ := ehmgmt.NewNamespacesClient("sub", cred, nil)
	ehns.ListKeys(ctx, "rg", "ns", "rule", nil) // want `keyauth/list-keys: armeventhub.NamespacesClient.ListKeys`
}

// Management calls that read no key are not reported.
func noKeys(ctx context.Context, cred azcore.TokenCredential) {
	_, _ = armcosmos.NewDatabaseAccountsClient("sub", cred, nil)
	_, _ = armservicebus.NewNamespacesClient("sub", cred, nil)
}
