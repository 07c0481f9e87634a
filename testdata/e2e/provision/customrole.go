package provision

import (
	"context"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/authorization/armauthorization/v2"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/cognitiveservices/armcognitiveservices"
)

// RuntimeRole defines the app's custom role.
func RuntimeRole(ctx context.Context, defs *armauthorization.RoleDefinitionsClient, sub, id string) error {
	_, err := defs.CreateOrUpdate(ctx, "/subscriptions/"+sub, id, armauthorization.RoleDefinition{
		Properties: &armauthorization.RoleDefinitionProperties{
			RoleName:         to.Ptr("app-runtime"),
			RoleType:         to.Ptr("CustomRole"),
			AssignableScopes: []*string{to.Ptr("/subscriptions/" + sub)},
			Permissions: []*armauthorization.Permission{{
				Actions: []*string{
					to.Ptr("Microsoft.CognitiveServices/*"),                     // want: broadrole/custom-role-wildcard
					to.Ptr("Microsoft.Storage/storageAccounts/listKeys/action"), // want: broadrole/custom-role-wildcard
					to.Ptr("Microsoft.CognitiveServices/accounts/read"),
				},
				DataActions: []*string{to.Ptr("*")}, // want: broadrole/custom-role-wildcard
			}},
		},
	}, nil)
	return err
}

// Rekey turns key auth back on for a maintenance window.
func Rekey(ctx context.Context, c *armcognitiveservices.AccountsClient, rg, name string) error {
	_, err := c.BeginUpdate(ctx, rg, name, armcognitiveservices.Account{
		Properties: &armcognitiveservices.AccountProperties{DisableLocalAuth: to.Ptr(false)}, // want: broadrole/local-auth-enabled
	}, nil)
	return err
}
