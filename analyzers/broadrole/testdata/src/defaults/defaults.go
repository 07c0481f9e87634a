// Package defaults picks roles in defaulting code. // want package:"role values"
//
// As infrastructure operators do: it imports no Azure SDK; the assignment
// is made in another package (crosspkg).
package defaults

import "fmt"

const (
	ContributorRoleID = "b24988ac-6180-42a0-ab88-20f7382dd24c"
	readerRoleID      = "acdd72a7-3385-48ef-bd42-f606fba81ae7"
	ownerGUID         = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
)

// Spec is a role assignment request.
type Spec struct {
	SubscriptionID   string
	RoleDefinitionID string // want RoleDefinitionID:"role value /subscriptions/…/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c"
	Name             string
}

// Default fills in what the user left empty.
func (s *Spec) Default() {
	if s.RoleDefinitionID == "" {
		s.RoleDefinitionID = fmt.Sprintf("/subscriptions/%s/providers/Microsoft.Authorization/roleDefinitions/%s", s.SubscriptionID, ContributorRoleID)
	}
	if s.Name == "" {
		s.Name = "default"
	}
}

// OwnerRole is the role of the platform's break-glass identity.
func OwnerRole() string { // want OwnerRole:"role value /providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
	return "/providers/Microsoft.Authorization/roleDefinitions/" + ownerGUID
}

// MonitoringRole is what the monitoring identity gets.
var MonitoringRole = "/providers/Microsoft.Authorization/roleDefinitions/" + readerRoleID // want MonitoringRole:"role value /providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7"

// RoleFor returns one of two roles: no single value, no fact.
func RoleFor(admin bool) string {
	if admin {
		return OwnerRole()
	}
	return "/providers/Microsoft.Authorization/roleDefinitions/" + readerRoleID
}
