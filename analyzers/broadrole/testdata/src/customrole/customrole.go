// Package customrole defines custom roles with armauthorization/v2.
package customrole

import (
	"context"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/authorization/armauthorization/v2"
)

func define(ctx context.Context, c *armauthorization.RoleDefinitionsClient, sub string) error {
	_, err := c.CreateOrUpdate(ctx, "/subscriptions/"+sub, "6b1d1c44-5b0c-4a0e-9a49-0a3d7e1b8f00", armauthorization.RoleDefinition{
		Properties: &armauthorization.RoleDefinitionProperties{
			RoleName:         to.Ptr("app-runtime"),
			RoleType:         to.Ptr("CustomRole"),
			AssignableScopes: []*string{to.Ptr("/"), to.Ptr("/subscriptions/" + sub)}, // want `^broadrole/custom-role-wildcard: custom role "app-runtime": AssignableScopes "/" is too broad: the role can be assigned anywhere in the tenant`
			Permissions: []*armauthorization.Permission{{
				Actions: []*string{
					to.Ptr("*"),                         // want `^broadrole/custom-role-wildcard: custom role "app-runtime": Actions "\*" is too broad: every control-plane action, role assignments and key listing included \(Owner-equivalent\); list only the actions the job needs`
					to.Ptr("*/write"),                   // want `Actions "\*/write" is too broad: write on every resource type in scope`
					to.Ptr("Microsoft.Authorization/*"), // want `Actions "Microsoft.Authorization/\*" is too broad: it can write role assignments or definitions`
					to.Ptr("Microsoft.Authorization/roleAssignments/write"),               // want `Actions "Microsoft.Authorization/roleAssignments/write" is too broad: it can write role assignments`
					to.Ptr("Microsoft.CognitiveServices/*"),                               // want `Actions "Microsoft.CognitiveServices/\*" is too broad: every action on Microsoft.CognitiveServices, listKeys and regenerateKey included`
					to.Ptr("Microsoft.CognitiveServices/accounts/*"),                      // want `Actions "Microsoft.CognitiveServices/accounts/\*" is too broad`
					to.Ptr("Microsoft.Storage/storageAccounts/listKeys/action"),           // want `Actions "Microsoft.Storage/storageAccounts/listKeys/action" is too broad: it reads or regenerates the service's keys`
					to.Ptr("*/listKeys/action"),                                           // want `Actions "\*/listKeys/action" is too broad: it reads or regenerates`
					to.Ptr("*/read"),                                                      // ok: Reader
					to.Ptr("Microsoft.Authorization/*/read"),                              // ok: reading assignments
					to.Ptr("Microsoft.CognitiveServices/accounts/read"),                   // ok
					to.Ptr("Microsoft.Storage/storageAccounts/blobServices/containers/*"), // ok: one resource type's children
				},
				DataActions: []*string{
					to.Ptr("*"),                             // want `DataActions "\*" is too broad: every data-plane action of every service in scope`
					to.Ptr("Microsoft.CognitiveServices/*"), // want `DataActions "Microsoft.CognitiveServices/\*" is too broad: every data-plane action of the provider`
					to.Ptr("Microsoft.CognitiveServices/accounts/OpenAI/*"), // ok
				},
			}},
		},
	}, nil)
	return err
}

// Permissions built with to.SliceOfPtrs, variables and a helper.
func helpers(ctx context.Context, c *armauthorization.RoleDefinitionsClient, scope string) error {
	actions := to.SliceOfPtrs("Microsoft.CognitiveServices/accounts/read", "Microsoft.CognitiveServices/accounts/listKeys/action") // want `^broadrole/custom-role-wildcard: custom role "reader": Actions "Microsoft.CognitiveServices/accounts/listKeys/action"`
	perm := &armauthorization.Permission{Actions: actions}
	props := armauthorization.RoleDefinitionProperties{
		RoleName:    to.Ptr("reader"),
		Permissions: []*armauthorization.Permission{perm, permission("Microsoft.Search/*")}, // want `^broadrole/custom-role-wildcard: custom role "reader": Actions "Microsoft.Search/\*" is too broad`
	}
	_, err := c.CreateOrUpdate(ctx, scope, "id", armauthorization.RoleDefinition{Properties: &props}, nil)
	return err
}

func permission(action string) *armauthorization.Permission {
	return &armauthorization.Permission{Actions: []*string{&action}}
}

// A Permission on its own, for a role defined elsewhere.
var dataOwner = armauthorization.Permission{DataActions: []*string{to.Ptr("*")}} // want `^broadrole/custom-role-wildcard: custom role DataActions "\*" is too broad`

// Least-privilege custom role: nothing to report.
func narrow(ctx context.Context, c *armauthorization.RoleDefinitionsClient, scope string) error {
	_, err := c.CreateOrUpdate(ctx, scope, "id", armauthorization.RoleDefinition{Properties: &armauthorization.RoleDefinitionProperties{
		RoleName:         to.Ptr("openai-inference"),
		AssignableScopes: []*string{to.Ptr(scope)},
		Permissions: []*armauthorization.Permission{{
			Actions:     []*string{to.Ptr("Microsoft.CognitiveServices/accounts/read")},
			DataActions: []*string{to.Ptr("Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action")},
		}},
	}}, nil)
	return err
}
