// Package wrappers assigns roles through helper functions: the role and
// scope are followed back to each call site in the package.
package wrappers

import (
	"context"
	"fmt"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/authorization/armauthorization/v2"
)

// contributorGUID is used twice: editing it would change both, so no fix.
const contributorGUID = "b24988ac-6180-42a0-ab88-20f7382dd24c"

func roleDefinitionID(guid string) string {
	return "/providers/Microsoft.Authorization/roleDefinitions/" + guid
}

// assign is the usual provisioning helper.
func assign(ctx context.Context, c *armauthorization.RoleAssignmentsClient, scope, principal, roleGUID string) error {
	_, err := c.Create(ctx, scope, "n", armauthorization.RoleAssignmentCreateParameters{
		Properties: &armauthorization.RoleAssignmentProperties{
			PrincipalID:      to.Ptr(principal),
			PrincipalType:    to.Ptr(armauthorization.PrincipalTypeServicePrincipal),
			RoleDefinitionID: to.Ptr(roleDefinitionID(roleGUID)),
		},
	}, nil)
	return err
}

// grantOwner adds a second level of wrapping.
func grantOwner(ctx context.Context, c *armauthorization.RoleAssignmentsClient, scope, principal string) error {
	const ownerGUID = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
	return assign(ctx, c, scope, principal, ownerGUID) // want `^broadrole/owner: Owner in a role assignment is too broad: it can do everything and grant access; assign Cognitive Services OpenAI User$`
}

// ownerProps returns the properties; the scope is at the caller.
func ownerProps(principal string) *armauthorization.RoleAssignmentProperties {
	return &armauthorization.RoleAssignmentProperties{
		PrincipalID:      &principal,
		RoleDefinitionID: to.Ptr("/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c"), // want `^broadrole/contributor: Contributor in a role assignment is too broad: it manages everything, keys included; assign Cognitive Services OpenAI User$`
	}
}

// Provision is exported: callers outside the package are unknown, but the
// calls it makes here are followed.
func Provision(ctx context.Context, c *armauthorization.RoleAssignmentsClient, sub, rg, account, principal string) error {
	accountScope := fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.CognitiveServices/accounts/%s", sub, rg, account)
	if err := assign(ctx, c, accountScope, principal, "b24988ac-6180-42a0-ab88-20f7382dd24c"); err != nil { // want `^broadrole/contributor: Contributor in a role assignment is too broad: it manages everything, keys included; assign Cognitive Services OpenAI User$`
		return err
	}
	if err := assign(ctx, c, accountScope, principal, "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd"); err != nil {
		return err
	}
	if err := assign(ctx, c, "/subscriptions/"+sub, principal, contributorGUID); err != nil { // want `^broadrole/broad-scope: Contributor for a service principal at subscription scope applies to every resource in the subscription; assign it at the resource's scope$` `^broadrole/contributor: Contributor in a role assignment is too broad: it manages everything, keys included; assign the data role the app needs \(Cognitive Services OpenAI User\)$`
		return err
	}
	if err := assign(ctx, c, accountScope, principal, contributorGUID); err != nil { // want `^broadrole/contributor: Contributor`
		return err
	}
	if err := grantOwner(ctx, c, accountScope, principal); err != nil {
		return err
	}
	_, err := c.Create(ctx, accountScope, "n", armauthorization.RoleAssignmentCreateParameters{Properties: ownerProps(principal)}, nil)
	return err
}

// AssignRole is exported and also called here: its in-package call is
// checked.
func AssignRole(ctx context.Context, c *armauthorization.RoleAssignmentsClient, scope, principal, role string) error {
	_, err := c.Create(ctx, scope, "n", armauthorization.RoleAssignmentCreateParameters{
		Properties: &armauthorization.RoleAssignmentProperties{PrincipalID: to.Ptr(principal), RoleDefinitionID: to.Ptr(role)},
	}, nil)
	return err
}

func bootstrap(ctx context.Context, c *armauthorization.RoleAssignmentsClient, principal string) error {
	return AssignRole(ctx, c, "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a", principal, "/providers/Microsoft.Authorization/roleDefinitions/a97b65f3-24c7-4388-baec-2e87135dc908") // want `^broadrole/key-reader: Cognitive Services User`
}

// reportShared is called from two sites with different scopes: the
// literal inside it is reported once, without a fix.
func reportShared(ctx context.Context, c *armauthorization.RoleAssignmentsClient, scope, principal string) error {
	_, err := c.Create(ctx, scope, "n", armauthorization.RoleAssignmentCreateParameters{
		Properties: &armauthorization.RoleAssignmentProperties{
			PrincipalID:      to.Ptr(principal),
			PrincipalType:    to.Ptr(armauthorization.PrincipalTypeUser),
			RoleDefinitionID: to.Ptr("/providers/Microsoft.Authorization/roleDefinitions/25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68"), // want `^broadrole/key-reader: Cognitive Services Contributor`
		},
	}, nil)
	return err
}

func callShared(ctx context.Context, c *armauthorization.RoleAssignmentsClient, principal string) {
	_ = reportShared(ctx, c, "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a", principal)
	_ = reportShared(ctx, c, "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/s", principal)
}
