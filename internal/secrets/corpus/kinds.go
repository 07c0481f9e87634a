package corpus

import "github.com/keyless-dev/keyless/internal/secrets/azkeys"

var (
	azkeysStorage    = azkeys.StorageKey
	azkeysCosmos     = azkeys.CosmosKey
	azkeysServiceBus = azkeys.ServiceBusKey
	azkeysEventHubs  = azkeys.EventHubsKey
)
