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
			AssignableScopes: []*string{to.Ptr("/"), to.Ptr("/subscriptions/" + sub)}, // want `^broadrole/custom-role-wildcard: custom role "app-runtime": AssignableScopes "/" is too broad: assignable anywhere in the tenant; list only the scopes that need it$`
			Permissions: []*armauthorization.Permission{{
				Actions: []*string{
					to.Ptr("*"),                         // want `^broadrole/custom-role-wildcard: Actions "\*" is too broad: every action, role assignments and keys included; list only what the job needs$`
					to.Ptr("*/write"),                   // want `^broadrole/custom-role-wildcard: Actions "\*/write" is too broad: on every resource type, keys included; list only what the job needs$`
					to.Ptr("Microsoft.Authorization/*"), // want `^broadrole/custom-role-wildcard: Actions "Microsoft\.Authorization/\*" is too broad: the identity can grant itself any role; list only what the job needs$`
					to.Ptr("Microsoft.Authorization/roleAssignments/write"),               // want `^broadrole/custom-role-wildcard: Actions "Microsoft\.Authorization/roleAssignments/write" is too broad: the identity can grant itself any role; list only what the job needs$`
					to.Ptr("Microsoft.CognitiveServices/*"),                               // want `^broadrole/custom-role-wildcard: Actions "Microsoft\.CognitiveServices/\*" is too broad: every action of the provider, keys included; list only what the job needs$`
					to.Ptr("Microsoft.CognitiveServices/accounts/*"),                      // want `Actions "Microsoft.CognitiveServices/accounts/\*" is too broad`
					to.Ptr("Microsoft.Storage/storageAccounts/listKeys/action"),           // want `^broadrole/custom-role-wildcard: Actions "Microsoft\.Storage/storageAccounts/listKeys/action" is too broad: it reads or regenerates the keys; list only what the job needs$`
					to.Ptr("*/listKeys/action"),                                           // want `Actions "\*/listKeys/action" is too broad: it reads or regenerates`
					to.Ptr("*/read"),                                                      // ok: Reader
					to.Ptr("Microsoft.Authorization/*/read"),                              // ok: reading assignments
					to.Ptr("Microsoft.CognitiveServices/accounts/read"),                   // ok
					to.Ptr("Microsoft.Storage/storageAccounts/blobServices/containers/*"), // ok: one resource type's children
				},
				DataActions: []*string{
					to.Ptr("*"),                             // want `^broadrole/custom-role-wildcard: DataActions "\*" is too broad: every data action in scope; list only what the job needs$`
					to.Ptr("Microsoft.CognitiveServices/*"), // want `^broadrole/custom-role-wildcard: DataActions "Microsoft\.CognitiveServices/\*" is too broad: every data action of the provider; list only what the job needs$`
					to.Ptr("Microsoft.CognitiveServices/accounts/OpenAI/*"), // ok
				},
			}},
		},
	}, nil)
	return err
}

// Permissions built with to.SliceOfPtrs, variables and a helper.
func helpers(ctx context.Context, c *armauthorization.RoleDefinitionsClient, scope string) error {
	actions := to.SliceOfPtrs("Microsoft.CognitiveServices/accounts/read", "Microsoft.CognitiveServices/accounts/listKeys/action") // want `^broadrole/custom-role-wildcard: Actions "Microsoft\.CognitiveServices/accounts/listKeys/action" is too broad: it reads or regenerates the keys; list only what the job needs$`
	perm := &armauthorization.Permission{Actions: actions}
	props := armauthorization.RoleDefinitionProperties{
		RoleName:    to.Ptr("reader"),
		Permissions: []*armauthorization.Permission{perm, permission("Microsoft.Search/*")}, // want `^broadrole/custom-role-wildcard: Actions "Microsoft\.Search/\*" is too broad: every action of the provider, keys included; list only what the job needs$`
	}
	_, err := c.CreateOrUpdate(ctx, scope, "id", armauthorization.RoleDefinition{Properties: &props}, nil)
	return err
}

func permission(action string) *armauthorization.Permission {
	return &armauthorization.Permission{Actions: []*string{&action}}
}

// A Permission on its own, for a role defined elsewhere.
var dataOwner = armauthorization.Permission{DataActions: []*string{to.Ptr("*")}} // want `^broadrole/custom-role-wildcard: DataActions "\*" is too broad: every data action in scope; list only what the job needs$`

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
