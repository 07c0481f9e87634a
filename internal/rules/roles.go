package rules

import (
	"regexp"
	"strings"
)

// Role is one Azure built-in (or a team's custom) role definition, as
// broadrole classifies it. A team adds its own custom roles in a user rules
// file; an entry with the name of a built-in role replaces it.
type Role struct {
	Pos  Pos
	Name string `yaml:"name"`
	// GUID is the role definition's name, the last segment of
	// /providers/Microsoft.Authorization/roleDefinitions/<guid>; matched
	// case-insensitively.
	GUID string `yaml:"guid"`
	// Class says why the role is (not) acceptable for a workload identity,
	// and which broadrole rule reports it:
	//
	//	owner            broadrole/owner: everything, including granting access
	//	broad            broadrole/contributor: manages everything in scope (keys too)
	//	access-admin     broadrole/user-access-admin: Microsoft.Authorization/*
	//	rbac-admin       broadrole/rbac-admin-unconditioned: assigns roles; fine with a Condition
	//	key-reader       broadrole/key-reader: can list keys, undoing keyless auth
	//	least-privilege  not reported; suggested instead of the others
	//	read-only        not reported, not even at subscription scope (Reader)
	Class string `yaml:"class"`
	// Why is the one-line reason a finding gives ("it can list the account
	// keys"). Required for every class except least-privilege.
	Why string `yaml:"why"`
	// Instead names the least-privilege role(s) to assign instead when the
	// assignment's scope does not show the target resource type.
	Instead string `yaml:"instead"`
	// Job says what a least-privilege role is for ("Azure OpenAI inference").
	Job string `yaml:"job"`
	// Resources lists the resource types ("Microsoft.CognitiveServices/accounts")
	// at whose scopes this least-privilege role is the one to suggest.
	Resources []string `yaml:"resources"`
	// Swap marks the least-privilege role that broadrole's fix puts in
	// place of a broad role at a scope of one of Resources. At most one
	// role may be the swap target of a resource type.
	Swap bool `yaml:"swap"`
}

// Role classes.
const (
	RoleOwner          = "owner"
	RoleBroad          = "broad"
	RoleAccessAdmin    = "access-admin"
	RoleRBACAdmin      = "rbac-admin"
	RoleKeyReader      = "key-reader"
	RoleLeastPrivilege = "least-privilege"
	// RoleReadOnly roles read the control plane and nothing else (Reader):
	// a monitoring principal holding one at subscription scope is a
	// common, deliberate choice, so broadrole/broad-scope leaves it out.
	RoleReadOnly = "read-only"
)

var (
	guidRE         = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	resourceTypeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9.]*(/[A-Za-z][A-Za-z0-9]*)+$`)
)

func (r Role) validate() error {
	if r.Name == "" {
		return errorf(r.Pos, "role has no name")
	}
	if !guidRE.MatchString(r.GUID) {
		return errorf(r.Pos, "role %q: guid %q is not a GUID", r.Name, r.GUID)
	}
	switch r.Class {
	case RoleOwner, RoleBroad, RoleAccessAdmin, RoleRBACAdmin, RoleKeyReader:
		if r.Why == "" {
			return errorf(r.Pos, "role %q: a %s role needs a one-line why", r.Name, r.Class)
		}
		if r.Instead == "" {
			return errorf(r.Pos, "role %q: a %s role needs instead: the least-privilege role to assign", r.Name, r.Class)
		}
		if r.Swap || len(r.Resources) > 0 {
			return errorf(r.Pos, "role %q: only least-privilege roles take resources and swap", r.Name)
		}
	case RoleReadOnly:
		if r.Swap || len(r.Resources) > 0 {
			return errorf(r.Pos, "role %q: only least-privilege roles take resources and swap", r.Name)
		}
	case RoleLeastPrivilege:
		if r.Swap && len(r.Resources) == 0 {
			return errorf(r.Pos, "role %q: swap needs resources (the resource types it is swapped in at)", r.Name)
		}
	default:
		return errorf(r.Pos, "role %q: class must be owner, broad, access-admin, rbac-admin, key-reader, least-privilege or read-only, found %q", r.Name, r.Class)
	}
	for _, t := range r.Resources {
		if !resourceTypeRE.MatchString(t) {
			return errorf(r.Pos, "role %q: resource %q is not a resource type like Microsoft.CognitiveServices/accounts", r.Name, t)
		}
	}
	return nil
}

// validateRoles checks what no single entry can: one role per GUID and one
// swap target per resource type.
func validateRoles(roles []Role) error {
	byGUID := map[string]Role{}
	swapAt := map[string]Role{}
	for _, r := range roles {
		g := strings.ToLower(r.GUID)
		if prev, ok := byGUID[g]; ok {
			return errorf(r.Pos, "role %q: guid %s is already role %q (%s)", r.Name, r.GUID, prev.Name, prev.Pos)
		}
		byGUID[g] = r
		if !r.Swap {
			continue
		}
		for _, t := range r.Resources {
			k := strings.ToLower(t)
			if prev, ok := swapAt[k]; ok {
				return errorf(r.Pos, "role %q: %s already has swap target %q (%s)", r.Name, t, prev.Name, prev.Pos)
			}
			swapAt[k] = r
		}
	}
	return nil
}
