// Package localauthv2 uses armcognitiveservices/v2 and does not import
// azcore/to: the fix adds the import.
package localauthv2

import (
	"context"

	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/cognitiveservices/armcognitiveservices/v2"
)

func create(ctx context.Context, c *armcognitiveservices.AccountsClient, name, location string) error {
	kind := "AIServices"
	_, err := c.BeginCreate(ctx, "rg", name, armcognitiveservices.Account{
		Kind:     &kind,
		Location: &location,
		Properties: &armcognitiveservices.AccountProperties{ // want `^broadrole/local-auth-enabled: Cognitive Services account created without DisableLocalAuth`
			CustomSubDomainName: &name,
		},
	}, nil)
	return err
}
