package provision

import (
	"context"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	authv1 "github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/authorization/armauthorization"
	authv3 "github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/authorization/armauthorization/v3"
)

// Eligible makes the on-call group eligible for Owner through PIM.
func Eligible(ctx context.Context, c *authv3.RoleEligibilityScheduleRequestsClient, scope, group, name string) error {
	_, err := c.Create(ctx, scope, name, authv3.RoleEligibilityScheduleRequest{
		Properties: &authv3.RoleEligibilityScheduleRequestProperties{
			PrincipalID:      to.Ptr(group),
			RequestType:      to.Ptr(authv3.RequestTypeAdminAssign),
			RoleDefinitionID: to.Ptr(scope + "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"), // want: broadrole/owner
		},
	}, nil)
	return err
}

// Legacy still uses armauthorization v1 (no PrincipalType field).
func Legacy(ctx context.Context, c *authv1.RoleAssignmentsClient, sub, principal string) error {
	_, err := c.Create(ctx, "/subscriptions/"+sub, "legacy", authv1.RoleAssignmentCreateParameters{ // want: broadrole/broad-scope
		Properties: &authv1.RoleAssignmentProperties{
			PrincipalID:      to.Ptr(principal),
			RoleDefinitionID: to.Ptr("b24988ac-6180-42a0-ab88-20f7382dd24c"), // want: broadrole/contributor
		},
	}, nil)
	return err
}
