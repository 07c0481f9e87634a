// Package customcatalog assigns a team's custom role, which a user rules
// file classifies as broad.
package customcatalog

import (
	"context"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/authorization/armauthorization/v2"
)

const platformOperator = "/providers/Microsoft.Authorization/roleDefinitions/0b5fe8a2-1c5e-4a47-9d0e-3f1a2b3c4d5e"

func assign(ctx context.Context, c *armauthorization.RoleAssignmentsClient, scope, principal string) error {
	_, err := c.Create(ctx, scope, "n", armauthorization.RoleAssignmentCreateParameters{
		Properties: &armauthorization.RoleAssignmentProperties{
			PrincipalID:      to.Ptr(principal),
			RoleDefinitionID: to.Ptr(platformOperator), // want `^broadrole/contributor: Acme Platform Operator in a role assignment is too broad: it manages everything, keys included; assign Cognitive Services OpenAI User$`
		},
	}, nil)
	return err
}
