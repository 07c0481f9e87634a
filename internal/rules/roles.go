package rules

import "regexp"

// Role is one Azure built-in (or a team's custom) role definition.
type Role struct {
	Pos  Pos
	Name string `yaml:"name"`
	GUID string `yaml:"guid"`
	// Class says why the role is (not) acceptable for a workload identity:
	// "owner" (can grant access), "broad" (manages everything), "key-reader"
	// (can list keys, undoing keyless auth), "least-privilege".
	Class string `yaml:"class"`
	// Instead names the least-privilege role to assign instead.
	Instead string `yaml:"instead"`
}

var guidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

func (r Role) validate() error {
	if r.Name == "" {
		return errorf(r.Pos, "role has no name")
	}
	if !guidRE.MatchString(r.GUID) {
		return errorf(r.Pos, "role %q: guid %q is not a GUID", r.Name, r.GUID)
	}
	switch r.Class {
	case "owner", "broad", "key-reader", "least-privilege":
	default:
		return errorf(r.Pos, "role %q: class must be owner, broad, key-reader or least-privilege, found %q", r.Name, r.Class)
	}
	return nil
}
