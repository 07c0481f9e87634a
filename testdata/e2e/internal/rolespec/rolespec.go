// Package rolespec defaults role assignment specs, as operators' API types
// do: the role is chosen here, in a Default method, and assigned in
// package provision. It imports no Azure SDK.
package rolespec

import "fmt"

// ContributorRoleID is the built-in Contributor role.
const ContributorRoleID = "b24988ac-6180-42a0-ab88-20f7382dd24c"

// Spec is a role assignment request.
type Spec struct {
	Scope            string
	RoleDefinitionID string
}

// Default fills in the role the user left empty.
func (s *Spec) Default() {
	if s.RoleDefinitionID == "" {
		s.RoleDefinitionID = fmt.Sprintf("/providers/Microsoft.Authorization/roleDefinitions/%s", ContributorRoleID)
	}
}
