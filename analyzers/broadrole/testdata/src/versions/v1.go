// Package versions uses armauthorization v1, v3 and the PIM and lookup
// APIs.
package versions

import (
	"context"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/authorization/armauthorization"
)

// v1 has no PrincipalType: a subscription scope is reported.
func v1(ctx context.Context, c *armauthorization.RoleAssignmentsClient, sub, principal string) error {
	_, err := c.Create(ctx, "/subscriptions/"+sub, "n", armauthorization.RoleAssignmentCreateParameters{ // want `^broadrole/broad-scope: Owner for a service principal at subscription scope applies to every resource in the subscription; assign it at the resource's scope$`
		Properties: &armauthorization.RoleAssignmentProperties{
			PrincipalID:      to.Ptr(principal),
			RoleDefinitionID: to.Ptr("8e3af657-a8ff-443c-a75c-2fe8c4bcb635"), // want `^broadrole/owner: Owner in a role assignment is too broad: it can do everything and grant access; assign the data role the app needs \(Cognitive Services OpenAI User\)$`
		},
	}, nil)
	return err
}

func v1ByID(ctx context.Context, c *armauthorization.RoleAssignmentsClient, accountID, principal string) error {
	_, err := c.CreateByID(ctx, accountID+"/providers/Microsoft.Authorization/roleAssignments/n", armauthorization.RoleAssignmentCreateParameters{
		Properties: &armauthorization.RoleAssignmentProperties{
			PrincipalID:      to.Ptr(principal),
			RoleDefinitionID: to.Ptr("/providers/Microsoft.Authorization/roleDefinitions/7ca78c08-252a-4471-8644-bb5ff32d4ba0"), // want `^broadrole/key-reader: Search Service Contributor in a role assignment is too broad: it can read the account keys; assign Search Index Data Reader or Contributor$`
		},
	}, nil)
	return err
}
