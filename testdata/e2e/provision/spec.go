package provision

import (
	"context"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/authorization/armauthorization/v2"

	"example.com/e2e/internal/rolespec"
)

// AssignSpec assigns the role a spec's Default method chose in another
// package.
func AssignSpec(ctx context.Context, c *armauthorization.RoleAssignmentsClient, principal string, s rolespec.Spec) error {
	s.Default()
	_, err := c.Create(ctx, s.Scope, "spec", armauthorization.RoleAssignmentCreateParameters{
		Properties: &armauthorization.RoleAssignmentProperties{
			PrincipalID:      to.Ptr(principal),
			RoleDefinitionID: to.Ptr(s.RoleDefinitionID), // want: broadrole/contributor
		},
	}, nil)
	return err
}
