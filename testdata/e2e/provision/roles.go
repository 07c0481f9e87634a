// Package provision sets up an app's Azure resources and the role
// assignments of its managed identity with the REAL armauthorization and
// armcognitiveservices modules: broadrole's end-to-end fixture.
package provision

import (
	"context"
	"fmt"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/authorization/armauthorization/v2"
)

// Built-in role definition IDs.
const (
	contributor           = "/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c"
	cognitiveServicesUser = "a97b65f3-24c7-4388-baec-2e87135dc908"
	reader                = "/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7"
	blobDataReader        = "/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"
)

// Identity is the app's managed identity.
type Identity struct {
	PrincipalID string
}

// Roles assigns the app identity's roles.
func Roles(ctx context.Context, cred azcore.TokenCredential, sub, rg, account string, id Identity) error {
	f, err := armauthorization.NewClientFactory(sub, cred, nil)
	if err != nil {
		return err
	}
	c := f.NewRoleAssignmentsClient()
	accountScope := fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.CognitiveServices/accounts/%s", sub, rg, account)

	// Contributor to call Azure OpenAI: the fix assigns Cognitive Services OpenAI User.
	if err := assign(ctx, c, accountScope, id.PrincipalID, contributor); err != nil { // want: broadrole/contributor
		return err
	}
	// Cognitive Services User can list the keys.
	if err := assign(ctx, c, accountScope, id.PrincipalID, "/providers/Microsoft.Authorization/roleDefinitions/"+cognitiveServicesUser); err != nil { // want: broadrole/key-reader
		return err
	}
	// Reader over the whole subscription (a monitoring principal): a
	// deliberate read-only grant, not reported.
	if err := assign(ctx, c, "/subscriptions/"+sub, id.PrincipalID, reader); err != nil {
		return err
	}
	// A data role over the whole subscription: every account in it.
	if err := assign(ctx, c, "/subscriptions/"+sub, id.PrincipalID, blobDataReader); err != nil { // want: broadrole/broad-scope
		return err
	}
	// Owner, built with fmt.Sprintf.
	_, err = c.Create(ctx, "/subscriptions/"+sub+"/resourceGroups/"+rg, "owner", armauthorization.RoleAssignmentCreateParameters{
		Properties: &armauthorization.RoleAssignmentProperties{
			PrincipalID:      to.Ptr(id.PrincipalID),
			PrincipalType:    to.Ptr(armauthorization.PrincipalTypeServicePrincipal),
			RoleDefinitionID: to.Ptr(fmt.Sprintf("/subscriptions/%s/providers/Microsoft.Authorization/roleDefinitions/%s", sub, "8e3af657-a8ff-443c-a75c-2fe8c4bcb635")), // want: broadrole/owner
		},
	}, nil)
	if err != nil {
		return err
	}
	// The identity may hand out roles: User Access Administrator, and RBAC
	// Administrator without a Condition.
	props := armauthorization.RoleAssignmentProperties{PrincipalID: to.Ptr(id.PrincipalID)}
	props.RoleDefinitionID = to.Ptr("/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9") // want: broadrole/user-access-admin
	if _, err := c.Create(ctx, accountScope, "uaa", armauthorization.RoleAssignmentCreateParameters{Properties: &props}, nil); err != nil {
		return err
	}
	rbacAdmin := "/providers/Microsoft.Authorization/roleDefinitions/f58310d9-a9f6-439a-9e8d-f62e7b41a168"
	if _, err := c.CreateByID(ctx, accountScope+"/providers/Microsoft.Authorization/roleAssignments/rbac", armauthorization.RoleAssignmentCreateParameters{
		Properties: &armauthorization.RoleAssignmentProperties{
			PrincipalID:      to.Ptr(id.PrincipalID),
			RoleDefinitionID: &rbacAdmin, // want: broadrole/rbac-admin-unconditioned
		},
	}, nil); err != nil {
		return err
	}
	// The platform team's custom role: broad only by the team's rules file
	// (cmd/keyless/e2e_broadrole_test.go passes it with -config).
	if err := assign(ctx, c, accountScope, id.PrincipalID, "/providers/Microsoft.Authorization/roleDefinitions/0b5fe8a2-1c5e-4a47-9d0e-3f1a2b3c4d5e"); err != nil {
		return err
	}
	// A reviewed exception.
	_, err = c.Create(ctx, accountScope, "ops", armauthorization.RoleAssignmentCreateParameters{
		Properties: &armauthorization.RoleAssignmentProperties{
			PrincipalID: to.Ptr(id.PrincipalID),
			//keyless:ignore broadrole/key-reader -- break-glass identity of the ops team, reviewed in SEC-42
			RoleDefinitionID: to.Ptr("/providers/Microsoft.Authorization/roleDefinitions/25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68"), // suppressed: broadrole/key-reader
		},
	}, nil)
	return err
}

func assign(ctx context.Context, c *armauthorization.RoleAssignmentsClient, scope, principal, roleID string) error {
	_, err := c.Create(ctx, scope, principal, armauthorization.RoleAssignmentCreateParameters{
		Properties: &armauthorization.RoleAssignmentProperties{
			PrincipalID:      to.Ptr(principal),
			PrincipalType:    to.Ptr(armauthorization.PrincipalTypeServicePrincipal),
			RoleDefinitionID: to.Ptr(roleID),
		},
	}, nil)
	return err
}

// ContributorID looks Contributor up by name.
func ContributorID(ctx context.Context, defs *armauthorization.RoleDefinitionsClient, scope string) (string, error) {
	pager := defs.NewListPager(scope, &armauthorization.RoleDefinitionsClientListOptions{
		Filter: to.Ptr("roleName eq 'Contributor'"), // want: broadrole/contributor
	})
	for pager.More() {
		page, err := pager.NextPage(ctx)
		if err != nil {
			return "", err
		}
		for _, d := range page.Value {
			return *d.ID, nil
		}
	}
	return "", fmt.Errorf("no Contributor role at %s", scope)
}
