// Package broadrole defines an Analyzer that reports Azure role
// assignments and role definitions in Go provisioning code that grant a
// workload identity more than its job needs.
//
// # Analyzer broadrole
//
// broadrole: reports Azure role assignments and role definitions in Go provisioning code that grant a workload identity more than its job needs
//
// Keyless auth only helps when the identity gets the narrowest role: an
// app that calls Azure OpenAI needs Cognitive Services OpenAI User, not
// Contributor, which can list the account keys and so undoes the
// migration. broadrole checks, by types (armauthorization v1, /v2 and /v3;
// armcognitiveservices v1 and /v2):
//
//   - broadrole/owner, broadrole/contributor, broadrole/user-access-admin,
//     broadrole/key-reader: the RoleDefinitionID of a role assignment
//     (RoleAssignmentProperties reaching RoleAssignmentsClient.Create or
//     CreateByID, PIM RoleAssignmentScheduleRequestProperties and
//     RoleEligibilityScheduleRequestProperties) names a role of that class
//     in the roles: catalog of rules.yaml, or RoleDefinitionsClient.NewListPager
//     looks one up by name (Filter "roleName eq 'Contributor'").
//   - broadrole/rbac-admin-unconditioned: Role Based Access Control
//     Administrator assigned without an ABAC Condition.
//   - broadrole/broad-scope: RoleAssignmentsClient.Create at the root "/",
//     a management group or a whole subscription, unless the assignment's
//     PrincipalType says the principal is a User, Group, ForeignGroup or
//     Device: unset or ServicePrincipal counts as a workload identity,
//     which is what Go provisioning code assigns roles to. Resource-group
//     scopes are not reported, nor read-only roles (Reader) at subscription
//     scope.
//   - broadrole/custom-role-wildcard: RoleDefinitionProperties /
//     Permission literals with Actions "*", "*/write" and the like,
//     Microsoft.Authorization writes or wildcards, provider-wide wildcards
//     (Microsoft.CognitiveServices/*), key-listing actions; DataActions "*"
//     or a provider wildcard; AssignableScopes "/".
//   - broadrole/local-auth-enabled: a Cognitive Services Account passed to
//     AccountsClient.BeginCreate without DisableLocalAuth, or any
//     AccountProperties with DisableLocalAuth false or nil.
//
// Values are followed as package constval follows them: constant
// folding, variables assigned once, fmt.Sprintf with a known format, +
// concatenation, path.Join, strings.Join, to.Ptr and &x, helper functions
// with one return statement and, for parameters, the function's call
// sites in the package. Roles chosen away from the assignment are
// followed through analysis facts: a struct field every assignment of its
// package sets to one role (a Default method setting
// Spec.RoleDefinitionID), a package-level variable and a function whose
// returns agree on one role are exported by the declaring package, even
// one that imports no Azure SDK (it needs a constant naming a catalog
// role, or an import that exported role values). Reader at subscription
// scope (a monitoring principal's usual grant) is not reported. Only
// values that reach these armauthorization and armcognitiveservices types
// are checked, so a struct named Contributor, a GitHub Owner field or log
// text never is.
//
// Fixes: where the assignment's scope names the target resource type
// (…/providers/Microsoft.CognitiveServices/accounts/…), the role GUID is
// swapped for that type's least-privilege role (Cognitive Services OpenAI
// User), provided the GUID is written in one string literal only this
// assignment reaches; DisableLocalAuth is set to to.Ptr(true). Otherwise
// the message names the role to assign. The role catalog is the roles:
// section of rules.yaml, so a team's custom roles are recognised.
package broadrole

import _ "embed"

//go:embed doc.go
var doc string
