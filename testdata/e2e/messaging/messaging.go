// Package messaging uses Service Bus with a connection string.
package messaging

import (
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/messaging/azservicebus"
)

// Client connects with a SAS connection string.
func Client() (*azservicebus.Client, error) {
	return azservicebus.NewClientFromConnectionString(os.Getenv("SERVICEBUS_CONNECTION_STRING"), nil) // want: keyauth/servicebus-connection-string
}
