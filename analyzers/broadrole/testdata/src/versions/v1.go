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
	_, err := c.Create(ctx, "/subscriptions/"+sub, "n", armauthorization.RoleAssignmentCreateParameters{ // want `^broadrole/broad-scope: role assignment at subscription scope`
		Properties: &armauthorization.RoleAssignmentProperties{
			PrincipalID:      to.Ptr(principal),
			RoleDefinitionID: to.Ptr("8e3af657-a8ff-443c-a75c-2fe8c4bcb635"), // want `^broadrole/owner: Owner \(8e3af657-a8ff-443c-a75c-2fe8c4bcb635\) in a role assignment is too broad`
		},
	}, nil)
	return err
}

func v1ByID(ctx context.Context, c *armauthorization.RoleAssignmentsClient, accountID, principal string) error {
	_, err := c.CreateByID(ctx, accountID+"/providers/Microsoft.Authorization/roleAssignments/n", armauthorization.RoleAssignmentCreateParameters{
		Properties: &armauthorization.RoleAssignmentProperties{
			PrincipalID:      to.Ptr(principal),
			RoleDefinitionID: to.Ptr("/providers/Microsoft.Authorization/roleDefinitions/7ca78c08-252a-4471-8644-bb5ff32d4ba0"), // want `^broadrole/key-reader: Search Service Contributor \(7ca78c08-252a-4471-8644-bb5ff32d4ba0\) in a role assignment is too broad: it manages the search service, including reading and regenerating its admin keys; assign Search Index Data Reader \(query\) or Search Index Data Contributor \(indexing\) at the resource scope instead$`
		},
	}, nil)
	return err
}
