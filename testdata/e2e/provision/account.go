package provision

import (
	"context"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/cognitiveservices/armcognitiveservices"
)

// Account creates the app's Azure OpenAI account. Nothing turns key auth
// off; the fix sets DisableLocalAuth (and imports azcore/to).
func Account(ctx context.Context, cred azcore.TokenCredential, sub, rg, name, location string) (string, error) {
	c, err := armcognitiveservices.NewAccountsClient(sub, cred, nil)
	if err != nil {
		return "", err
	}
	kind, sku := "OpenAI", "S0"
	poller, err := c.BeginCreate(ctx, rg, name, armcognitiveservices.Account{
		Kind:     &kind,
		Location: &location,
		SKU:      &armcognitiveservices.SKU{Name: &sku},
		Properties: &armcognitiveservices.AccountProperties{ // want: broadrole/local-auth-enabled
			CustomSubDomainName: &name,
		},
	}, nil)
	if err != nil {
		return "", err
	}
	res, err := poller.PollUntilDone(ctx, nil)
	if err != nil {
		return "", err
	}
	return *res.Properties.Endpoint, nil
}
