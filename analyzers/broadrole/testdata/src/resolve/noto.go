package resolve // want package:"role values"

import (
	"context"

	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/cognitiveservices/armcognitiveservices"
)

// This file does not import azcore/to and has a variable named to: the
// fix imports azcore/to as to2 (fixedit's naming) rather than giving up.
func unsetNamedTo(ctx context.Context, c *armcognitiveservices.AccountsClient, name string) error {
	to := "rg"
	_, err := c.BeginCreate(ctx, to, name, armcognitiveservices.Account{
		Properties: &armcognitiveservices.AccountProperties{ // want `^broadrole/local-auth-enabled: Cognitive Services account created without DisableLocalAuth`
			CustomSubDomainName: &name,
		},
	}, nil)
	return err
}
