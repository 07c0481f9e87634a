// Package queue receives Service Bus messages with the app's identity.
package queue

import (
	"context"

	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/Azure/azure-sdk-for-go/sdk/messaging/azservicebus"
)

// Receive takes one batch of orders.
func Receive(ctx context.Context, namespace string) error {
	cred, err := azidentity.NewDefaultAzureCredential(nil)
	if err != nil {
		return err
	}
	client, err := azservicebus.NewClient(namespace, cred, nil)
	if err != nil {
		return err
	}
	receiver, err := client.NewReceiverForQueue("orders", nil)
	if err != nil {
		return err
	}
	_, err = receiver.ReceiveMessages(ctx, 10, nil)
	return err
}
