// Package assign creates role assignments with armauthorization/v2, the
// role built every way broadrole follows.
package assign

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/authorization/armauthorization/v2"
)

const openAIAccount = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/chat"

// A full role-definition path in a literal, at an Azure OpenAI account:
// the fix swaps the GUID for Cognitive Services OpenAI User.
func fullPath(ctx context.Context, c *armauthorization.RoleAssignmentsClient, principal string) error {
	_, err := c.Create(ctx, openAIAccount, "11111111-1111-1111-1111-111111111111", armauthorization.RoleAssignmentCreateParameters{
		Properties: &armauthorization.RoleAssignmentProperties{
			PrincipalID:      to.Ptr(principal),
			PrincipalType:    to.Ptr(armauthorization.PrincipalTypeServicePrincipal),
			RoleDefinitionID: to.Ptr("/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c"), // want `^broadrole/contributor: Contributor in a role assignment is too broad: it manages everything, keys included; assign Cognitive Services OpenAI User$`
		},
	}, nil)
	return err
}

// fmt.Sprintf of a constant GUID; the scope is built with fmt.Sprintf too
// and shows the account type although its parts are parameters.
func sprintf(ctx context.Context, c *armauthorization.RoleAssignmentsClient, subID, rg, account, principal string) error {
	const ownerGUID = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
	scope := fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.CognitiveServices/accounts/%s", subID, rg, account)
	_, err := c.Create(ctx, scope, "name", armauthorization.RoleAssignmentCreateParameters{
		Properties: &armauthorization.RoleAssignmentProperties{
			PrincipalID:      to.Ptr(principal),
			RoleDefinitionID: to.Ptr(fmt.Sprintf("/subscriptions/%s/providers/Microsoft.Authorization/roleDefinitions/%s", subID, ownerGUID)), // want `^broadrole/owner: Owner in a role assignment is too broad: it can do everything and grant access; assign Cognitive Services OpenAI User$`
		},
	}, nil)
	return err
}

// String concatenation; User Access Administrator is never swapped.
func concat(ctx context.Context, c *armauthorization.RoleAssignmentsClient, principal string) error {
	_, err := c.Create(ctx, openAIAccount, "name", armauthorization.RoleAssignmentCreateParameters{
		Properties: &armauthorization.RoleAssignmentProperties{
			PrincipalID:      to.Ptr(principal),
			RoleDefinitionID: to.Ptr("/providers/Microsoft.Authorization/roleDefinitions/" + "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"), // want `^broadrole/user-access-admin: User Access Administrator in a role assignment is too broad: it can grant any role; use RBAC Administrator with a Condition$`
		},
	}, nil)
	return err
}

// path.Join at a storage account: two least-privilege candidates, so the
// message names both and there is no fix.
func pathJoin(ctx context.Context, c *armauthorization.RoleAssignmentsClient, subID, principal string) error {
	scope := path.Join("/subscriptions", subID, "resourceGroups/data/providers/Microsoft.Storage/storageAccounts/blobs")
	_, err := c.Create(ctx, scope, "name", armauthorization.RoleAssignmentCreateParameters{
		Properties: &armauthorization.RoleAssignmentProperties{
			PrincipalID:      to.Ptr(principal),
			RoleDefinitionID: to.Ptr(path.Join("/subscriptions", subID, "providers/Microsoft.Authorization/roleDefinitions", "17d1049b-9a84-46fb-8f53-869881c3d3ab")), // want `^broadrole/key-reader: Storage Account Contributor in a role assignment is too broad: it can read the account keys; assign Storage Blob Data Reader or Contributor$`
		},
	}, nil)
	return err
}

// A variable assigned once, passed by address; props and params in
// variables too.
func variables(ctx context.Context, c *armauthorization.RoleAssignmentsClient, s, rg, name, principal string) error {
	role := "/providers/Microsoft.Authorization/roleDefinitions/" + "a97b65f3-24c7-4388-baec-2e87135dc908"
	scope := fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.CognitiveServices/accounts/%s", s, rg, name)
	props := &armauthorization.RoleAssignmentProperties{
		PrincipalID:      &principal,
		RoleDefinitionID: &role, // want `^broadrole/key-reader: Cognitive Services User in a role assignment is too broad: it can read the account keys; assign Cognitive Services OpenAI User$`
	}
	params := armauthorization.RoleAssignmentCreateParameters{Properties: props}
	_, err := c.Create(ctx, scope, "name", params, nil)
	return err
}

// strings.Join building the path; a subscription scope for a principal of
// unknown type is reported too.
func stringsJoin(ctx context.Context, c *armauthorization.RoleAssignmentsClient, subID, principal string) error {
	roleID := strings.Join([]string{"", "providers", "Microsoft.Authorization", "roleDefinitions", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"}, "/")
	_, err := c.Create(ctx, "/subscriptions/"+subID, "name", armauthorization.RoleAssignmentCreateParameters{ // want `^broadrole/broad-scope: Owner for a service principal at subscription scope applies to every resource in the subscription; assign it at the resource's scope$`
		Properties: &armauthorization.RoleAssignmentProperties{
			PrincipalID:      to.Ptr(principal),
			RoleDefinitionID: to.Ptr(roleID), // want `^broadrole/owner: Owner in a role assignment is too broad: it can do everything and grant access; assign the data role the app needs \(Cognitive Services OpenAI User\)$`
		},
	}, nil)
	return err
}

// Field assignments after the literal.
func fieldSet(ctx context.Context, c *armauthorization.RoleAssignmentsClient, principal string) error {
	props := armauthorization.RoleAssignmentProperties{PrincipalID: to.Ptr(principal)}
	props.RoleDefinitionID = to.Ptr("/providers/Microsoft.Authorization/roleDefinitions/25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68") // want `^broadrole/key-reader: Cognitive Services Contributor in a role assignment is too broad: it can read the account keys; assign Cognitive Services OpenAI User$`
	_, err := c.Create(ctx, openAIAccount+"/", "name", armauthorization.RoleAssignmentCreateParameters{Properties: &props}, nil)
	return err
}

// Role Based Access Control Administrator: reported without a Condition,
// not with one.
func rbacAdmin(ctx context.Context, c *armauthorization.RoleAssignmentsClient, rgScope, principal string) error {
	const rbac = "/providers/Microsoft.Authorization/roleDefinitions/f58310d9-a9f6-439a-9e8d-f62e7b41a168"
	_, err := c.Create(ctx, rgScope, "a", armauthorization.RoleAssignmentCreateParameters{
		Properties: &armauthorization.RoleAssignmentProperties{
			PrincipalID:      to.Ptr(principal),
			RoleDefinitionID: to.Ptr(rbac), // want `^broadrole/rbac-admin-unconditioned: Role Based Access Control Administrator in a role assignment has no Condition: it can assign any role; add a Condition limiting the assignable roles$`
		},
	}, nil)
	if err != nil {
		return err
	}
	_, err = c.Create(ctx, rgScope, "b", armauthorization.RoleAssignmentCreateParameters{
		Properties: &armauthorization.RoleAssignmentProperties{
			PrincipalID:      to.Ptr(principal),
			RoleDefinitionID: to.Ptr(rbac),
			Condition:        to.Ptr("((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {5e0bd9bd-7b93-4f28-af87-19fc36ad61bd}))"),
			ConditionVersion: to.Ptr("2.0"),
		},
	}, nil)
	return err
}

// User Access Administrator keeps Microsoft.Authorization/* whatever the
// Condition says.
func uaaWithCondition(ctx context.Context, c *armauthorization.RoleAssignmentsClient, rgScope, principal, condition string) error {
	_, err := c.Create(ctx, rgScope, "a", armauthorization.RoleAssignmentCreateParameters{
		Properties: &armauthorization.RoleAssignmentProperties{
			PrincipalID:      to.Ptr(principal),
			RoleDefinitionID: to.Ptr("/providers/Microsoft.Authorization/roleDefinitions/18D7D88D-D35E-4FB5-A5C3-7773C20A72D9"), // want `^broadrole/user-access-admin: User Access Administrator in a role assignment is too broad, Condition or not: it can grant any role; use RBAC Administrator with a Condition$`
			Condition:        to.Ptr(condition),
		},
	}, nil)
	return err
}

// CreateByID: the scope is the part of the assignment ID before
// /providers/Microsoft.Authorization/roleAssignments/.
func byID(ctx context.Context, c *armauthorization.RoleAssignmentsClient, sub, name, principal string) error {
	id := fmt.Sprintf("/subscriptions/%s/providers/Microsoft.Authorization/roleAssignments/%s", sub, name)
	_, err := c.CreateByID(ctx, id, armauthorization.RoleAssignmentCreateParameters{ // want `^broadrole/broad-scope: Cognitive Services OpenAI User for a service principal at subscription scope applies to every resource in the subscription; assign it at the resource's scope$`
		Properties: &armauthorization.RoleAssignmentProperties{
			PrincipalID:      to.Ptr(principal),
			PrincipalType:    to.Ptr(armauthorization.PrincipalTypeServicePrincipal),
			RoleDefinitionID: to.Ptr("/providers/Microsoft.Authorization/roleDefinitions/5e0bd9bd-7b93-4f28-af87-19fc36ad61bd"),
		},
	}, nil)
	return err
}

// The root scope and a management group.
func rootAndManagementGroup(ctx context.Context, c *armauthorization.RoleAssignmentsClient, principal, role string) error {
	p := armauthorization.RoleAssignmentCreateParameters{Properties: &armauthorization.RoleAssignmentProperties{PrincipalID: to.Ptr(principal), RoleDefinitionID: to.Ptr(role)}}
	if _, err := c.Create(ctx, "/", "a", p, nil); err != nil { // want `^broadrole/broad-scope: the role for a service principal at the root scope "/" applies to every subscription in the tenant; assign it at the resource's scope$`
		return err
	}
	_, err := c.Create(ctx, "/providers/Microsoft.Management/managementGroups/platform", "b", p, nil) // want `^broadrole/broad-scope: the role for a service principal at management-group scope applies to every subscription in the group; assign it at the resource's scope$`
	return err
}

// The role ID itself names the account; the scope is unknown.
func scopeInRoleID(ctx context.Context, c *armauthorization.RoleAssignmentsClient, scope, principal string) error {
	_, err := c.Create(ctx, scope, "a", armauthorization.RoleAssignmentCreateParameters{
		Properties: &armauthorization.RoleAssignmentProperties{
			PrincipalID:      to.Ptr(principal),
			RoleDefinitionID: to.Ptr(openAIAccount + "/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c"), // want `^broadrole/contributor: Contributor in a role assignment is too broad: it manages everything, keys included; assign Cognitive Services OpenAI User$`
		},
	}, nil)
	return err
}

// A reviewed exception.
func suppressed(ctx context.Context, c *armauthorization.RoleAssignmentsClient, principal string) error {
	_, err := c.Create(ctx, openAIAccount, "a", armauthorization.RoleAssignmentCreateParameters{
		Properties: &armauthorization.RoleAssignmentProperties{
			PrincipalID: to.Ptr(principal),
			//keyless:ignore broadrole/contributor -- deployment pipeline identity, reviewed in SEC-123
			RoleDefinitionID: to.Ptr("/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c"),
		},
	}, nil)
	return err
}
