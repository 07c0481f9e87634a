// Package negatives holds code broadrole must stay quiet on: role words
// that never reach an Azure authorization API, least-privilege
// assignments, human principals, and values it cannot know.
package negatives

import (
	"context"
	"fmt"
	"log"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/authorization/armauthorization/v2"
	"github.com/google/go-github/v66/github"
)

// Contributor is a person who committed to a repository.
type Contributor struct {
	Name    string
	Commits int
}

// Owner owns a project.
type Owner struct{ Login string }

// RoleAssignmentProperties is this package's own type with the SDK's field
// names.
type RoleAssignmentProperties struct {
	PrincipalID      *string
	RoleDefinitionID *string
}

func words() {
	c := Contributor{Name: "Owner"}
	o := Owner{Login: "Contributor"}
	repo := github.Repository{Owner: &github.User{Login: to.Ptr("Contributor")}}
	log.Printf("assigning Contributor (%s) to %s", "b24988ac-6180-42a0-ab88-20f7382dd24c", *repo.Owner.Login)
	fmt.Println("roleName eq 'Owner'", c, o)
	ownerPath := "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
	fmt.Println(ownerPath)
	_ = RoleAssignmentProperties{RoleDefinitionID: to.Ptr(ownerPath)}
}

const (
	account = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/chat"
	storage = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/data"
)

func leastPrivilege(ctx context.Context, c *armauthorization.RoleAssignmentsClient, principal string) error {
	for _, a := range []struct{ scope, role string }{{account, "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd"}, {storage, "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"}} {
		_, err := c.Create(ctx, a.scope, "n", armauthorization.RoleAssignmentCreateParameters{Properties: &armauthorization.RoleAssignmentProperties{
			PrincipalID:      to.Ptr(principal),
			PrincipalType:    to.Ptr(armauthorization.PrincipalTypeServicePrincipal),
			RoleDefinitionID: to.Ptr("/providers/Microsoft.Authorization/roleDefinitions/" + a.role),
		}}, nil)
		if err != nil {
			return err
		}
	}
	_, err := c.Create(ctx, account, "n", armauthorization.RoleAssignmentCreateParameters{Properties: &armauthorization.RoleAssignmentProperties{
		PrincipalID:      to.Ptr(principal),
		RoleDefinitionID: to.Ptr("/providers/Microsoft.Authorization/roleDefinitions/5e0bd9bd-7b93-4f28-af87-19fc36ad61bd"),
	}}, nil)
	return err
}

// People and groups may hold subscription-wide roles; resource groups are
// not reported.
func humans(ctx context.Context, c *armauthorization.RoleAssignmentsClient, user, group string) error {
	const reader = "/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7"
	if _, err := c.Create(ctx, "/subscriptions/00000000-0000-0000-0000-000000000000", "a", armauthorization.RoleAssignmentCreateParameters{Properties: &armauthorization.RoleAssignmentProperties{
		PrincipalID: to.Ptr(user), PrincipalType: to.Ptr(armauthorization.PrincipalTypeUser), RoleDefinitionID: to.Ptr(reader),
	}}, nil); err != nil {
		return err
	}
	if _, err := c.Create(ctx, "/", "b", armauthorization.RoleAssignmentCreateParameters{Properties: &armauthorization.RoleAssignmentProperties{
		PrincipalID: to.Ptr(group), PrincipalType: to.Ptr(armauthorization.PrincipalTypeGroup), RoleDefinitionID: to.Ptr(reader),
	}}, nil); err != nil {
		return err
	}
	_, err := c.Create(ctx, "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/app", "c", armauthorization.RoleAssignmentCreateParameters{Properties: &armauthorization.RoleAssignmentProperties{
		PrincipalID: to.Ptr(group), RoleDefinitionID: to.Ptr("/providers/Microsoft.Authorization/roleDefinitions/5e0bd9bd-7b93-4f28-af87-19fc36ad61bd"),
	}}, nil)
	return err
}

// UnknownRole is exported and never called here: its role and scope are
// unknown.
func UnknownRole(ctx context.Context, c *armauthorization.RoleAssignmentsClient, scope, principal, role string) error {
	_, err := c.Create(ctx, scope, "n", armauthorization.RoleAssignmentCreateParameters{Properties: &armauthorization.RoleAssignmentProperties{
		PrincipalID: to.Ptr(principal), RoleDefinitionID: to.Ptr(role),
	}}, nil)
	return err
}

// Reading, deleting and removing are not granting.
func notGranting(ctx context.Context, c *armauthorization.RoleAssignmentsClient, defs *armauthorization.RoleDefinitionsClient, pim *armauthorization.RoleAssignmentScheduleRequestsClient, principal string) error {
	if _, err := c.Delete(ctx, "/subscriptions/00000000-0000-0000-0000-000000000000", "n", nil); err != nil {
		return err
	}
	if _, err := defs.Get(ctx, "/", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", nil); err != nil {
		return err
	}
	_, err := pim.Create(ctx, account, "n", armauthorization.RoleAssignmentScheduleRequest{Properties: &armauthorization.RoleAssignmentScheduleRequestProperties{
		PrincipalID:      to.Ptr(principal),
		RequestType:      to.Ptr(armauthorization.RequestTypeAdminRemove),
		RoleDefinitionID: to.Ptr("/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"),
	}}, nil)
	return err
}

// A variable assigned twice has no single value.
func reassigned(ctx context.Context, c *armauthorization.RoleAssignmentsClient, principal string, prod bool) error {
	role := "/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c"
	if prod {
		role = "/providers/Microsoft.Authorization/roleDefinitions/5e0bd9bd-7b93-4f28-af87-19fc36ad61bd"
	}
	_, err := c.Create(ctx, account, "n", armauthorization.RoleAssignmentCreateParameters{Properties: &armauthorization.RoleAssignmentProperties{
		PrincipalID: to.Ptr(principal), RoleDefinitionID: &role,
	}}, nil)
	return err
}

// Looking up RBAC Administrator by name says nothing about the Condition
// of the assignment made with it; least-privilege lookups are fine.
func lookups(defs *armauthorization.RoleDefinitionsClient, scope string) {
	_ = defs.NewListPager(scope, &armauthorization.RoleDefinitionsClientListOptions{Filter: to.Ptr("roleName eq 'Role Based Access Control Administrator'")})
	_ = defs.NewListPager(scope, &armauthorization.RoleDefinitionsClientListOptions{Filter: to.Ptr("roleName eq 'Cognitive Services OpenAI User'")})
	_ = defs.NewListPager(scope, nil)
}

// Reader at subscription scope for a service principal (a monitoring
// identity) is a deliberate read-only grant: not reported.
func monitoring(ctx context.Context, c *armauthorization.RoleAssignmentsClient, principal string) error {
	const reader = "/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7"
	_, err := c.Create(ctx, "/subscriptions/00000000-0000-0000-0000-000000000000", "m", armauthorization.RoleAssignmentCreateParameters{Properties: &armauthorization.RoleAssignmentProperties{
		PrincipalID: to.Ptr(principal), PrincipalType: to.Ptr(armauthorization.PrincipalTypeServicePrincipal), RoleDefinitionID: to.Ptr(reader),
	}}, nil)
	return err
}
