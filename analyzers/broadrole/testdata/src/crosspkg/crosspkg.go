// Package crosspkg assigns roles chosen elsewhere. // want package:"role values"
//
// In a Default method and helpers of package defaults (through facts) and
// in a method of its own (the same facts, exported before the package is
// checked).
package crosspkg

import (
	"context"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/authorization/armauthorization/v2"

	"defaults"
)

const account = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a"

func create(ctx context.Context, c *armauthorization.RoleAssignmentsClient, scope, principal string, role *string) error {
	_, err := c.Create(ctx, scope, "n", armauthorization.RoleAssignmentCreateParameters{Properties: &armauthorization.RoleAssignmentProperties{
		PrincipalID: to.Ptr(principal), PrincipalType: to.Ptr(armauthorization.PrincipalTypeServicePrincipal), RoleDefinitionID: role,
	}}, nil)
	return err
}

func provision(ctx context.Context, c *armauthorization.RoleAssignmentsClient, principal string, spec defaults.Spec) error {
	spec.Default()
	_, err := c.Create(ctx, account, "n", armauthorization.RoleAssignmentCreateParameters{Properties: &armauthorization.RoleAssignmentProperties{
		PrincipalID:      to.Ptr(principal),
		RoleDefinitionID: to.Ptr(spec.RoleDefinitionID), // want `^broadrole/contributor: Contributor in a role assignment is too broad`
	}}, nil)
	if err != nil {
		return err
	}
	props := &armauthorization.RoleAssignmentProperties{
		PrincipalID:      to.Ptr(principal),
		RoleDefinitionID: to.Ptr(defaults.OwnerRole()), // want `^broadrole/owner: Owner in a role assignment is too broad`
	}
	if _, err := c.Create(ctx, account, "o", armauthorization.RoleAssignmentCreateParameters{Properties: props}, nil); err != nil {
		return err
	}
	// Reader at subscription scope for a monitoring identity: deliberate.
	if _, err := c.Create(ctx, "/subscriptions/00000000-0000-0000-0000-000000000000", "m", armauthorization.RoleAssignmentCreateParameters{Properties: &armauthorization.RoleAssignmentProperties{
		PrincipalID: to.Ptr(principal), PrincipalType: to.Ptr(armauthorization.PrincipalTypeServicePrincipal), RoleDefinitionID: &defaults.MonitoringRole,
	}}, nil); err != nil {
		return err
	}
	// No single value: not followed.
	return create(ctx, c, account, principal, to.Ptr(defaults.RoleFor(true)))
}

// job picks its role in one method and assigns it in another.
type job struct {
	role string // want role:"role value /providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
}

func (j *job) setDefaults() {
	j.role = defaults.OwnerRole()
}

func (j *job) run(ctx context.Context, c *armauthorization.RoleAssignmentsClient, principal string) error {
	return create(ctx, c, account, principal, &j.role) // want `^broadrole/owner: Owner in a role assignment is too broad`
}
