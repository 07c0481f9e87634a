// Package resolve shows how broadrole follows values since it shares
// package constval with keyauth, where the two used to differ.
package resolve

import (
	"context"
	"flag"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/authorization/armauthorization/v2"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/cognitiveservices/armcognitiveservices"
)

const ownerID = "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"

func pickRole() (string, error) { return ownerID, nil } // want pickRole:"role value /providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"

// The role is the first result of a helper returning (string, error).
func tupleResult(ctx context.Context, c *armauthorization.RoleAssignmentsClient, scope, principal string) error {
	role, err := pickRole()
	if err != nil {
		return err
	}
	_, err = c.Create(ctx, scope, "name", armauthorization.RoleAssignmentCreateParameters{
		Properties: &armauthorization.RoleAssignmentProperties{
			PrincipalID:      &principal,
			RoleDefinitionID: &role, // want `^broadrole/owner: Owner in a role assignment is too broad: it can do everything and grant access; assign the data role the app needs \(Cognitive Services OpenAI User\)$`
		},
	}, nil)
	return err
}

// Declared, then assigned on one path only: the role may be "", so it is
// unknown, as role := "" followed by an assignment always was.
func declaredThenAssigned(ctx context.Context, c *armauthorization.RoleAssignmentsClient, scope, principal string, admin bool) error {
	var role string
	if admin {
		role = ownerID
	}
	_, err := c.Create(ctx, scope, "name", armauthorization.RoleAssignmentCreateParameters{
		Properties: &armauthorization.RoleAssignmentProperties{
			PrincipalID:      &principal,
			RoleDefinitionID: &role,
		},
	}, nil)
	return err
}

// The role is a flag: flag.StringVar writes it through the pointer, so
// what runs is unknown.
func fromFlag(ctx context.Context, c *armauthorization.RoleAssignmentsClient, scope, principal string) error {
	role := ownerID
	flag.StringVar(&role, "role", role, "role definition ID")
	flag.Parse()
	_, err := c.Create(ctx, scope, "name", armauthorization.RoleAssignmentCreateParameters{
		Properties: &armauthorization.RoleAssignmentProperties{
			PrincipalID:      &principal,
			RoleDefinitionID: &role,
		},
	}, nil)
	return err
}

func keysOn() *bool { return to.Ptr(false) }

// DisableLocalAuth comes from a helper, followed as a role ID or a
// literal always was.
func helperFalse(ctx context.Context, c *armcognitiveservices.AccountsClient, name string) error {
	_, err := c.BeginCreate(ctx, "rg", name, armcognitiveservices.Account{
		Properties: &armcognitiveservices.AccountProperties{
			CustomSubDomainName: &name,
			DisableLocalAuth:    keysOn(), // want `^broadrole/local-auth-enabled: Cognitive Services account with DisableLocalAuth false`
		},
	}, nil)
	return err
}
