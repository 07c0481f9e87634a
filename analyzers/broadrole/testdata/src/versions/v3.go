package versions

import (
	"context"
	"fmt"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	armauthorization3 "github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/authorization/armauthorization/v3"
)

func v3(ctx context.Context, f *armauthorization3.ClientFactory, scope, principal string) error {
	_, err := f.NewRoleAssignmentsClient().Create(ctx, scope, "n", armauthorization3.RoleAssignmentCreateParameters{
		Properties: &armauthorization3.RoleAssignmentProperties{
			PrincipalID:      to.Ptr(principal),
			RoleDefinitionID: to.Ptr("/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c"), // want `^broadrole/contributor: Contributor`
		},
	}, nil)
	return err
}

// PIM: an assignment request and an eligibility request.
func pim(ctx context.Context, a *armauthorization3.RoleAssignmentScheduleRequestsClient, e *armauthorization3.RoleEligibilityScheduleRequestsClient, scope, principal string) error {
	if _, err := a.Create(ctx, scope, "n", armauthorization3.RoleAssignmentScheduleRequest{
		Properties: &armauthorization3.RoleAssignmentScheduleRequestProperties{
			PrincipalID:      to.Ptr(principal),
			RequestType:      to.Ptr(armauthorization3.RequestTypeAdminAssign),
			RoleDefinitionID: to.Ptr("/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"), // want `^broadrole/owner: Owner in a PIM assignment request is too broad: it can do everything and grant access; assign the data role the app needs \(Cognitive Services OpenAI User\)$`
		},
	}, nil); err != nil {
		return err
	}
	_, err := e.Create(ctx, "/subscriptions/x", "n", armauthorization3.RoleEligibilityScheduleRequest{
		Properties: &armauthorization3.RoleEligibilityScheduleRequestProperties{
			PrincipalID:      to.Ptr(principal),
			RoleDefinitionID: to.Ptr("/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"), // want `^broadrole/user-access-admin: User Access Administrator in a PIM eligibility request is too broad: it can grant any role; use RBAC Administrator with a Condition$`
		},
	}, nil)
	return err
}

// Roles looked up by name.
func lookup(ctx context.Context, defs *armauthorization3.RoleDefinitionsClient, scope string) (string, error) {
	pager := defs.NewListPager(scope, &armauthorization3.RoleDefinitionsClientListOptions{
		Filter: to.Ptr("roleName eq 'Contributor'"), // want `^broadrole/contributor: Contributor looked up by name is too broad: it manages everything, keys included; assign the data role the app needs \(Cognitive Services OpenAI User\)$`
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
	name := "Cognitive Services User"
	opts := armauthorization3.RoleDefinitionsClientListOptions{Filter: to.Ptr(fmt.Sprintf("roleName eq '%s'", name))} // want `^broadrole/key-reader: Cognitive Services User`
	_ = defs.NewListPager(scope, &opts)
	return "", nil
}
