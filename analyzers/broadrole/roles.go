package broadrole

import (
	"regexp"
	"strings"

	"github.com/keyless-dev/keyless/analyzers/internal/constval"
	"github.com/keyless-dev/keyless/internal/rules"
)

// roleIndex is the role catalog of rules.yaml indexed for lookups. It is
// built once per analyzer and only read afterwards.
type roleIndex struct {
	byGUID     map[string]*rules.Role   // lower-case GUID
	byName     map[string]*rules.Role   // lower-case name
	byResource map[string][]*rules.Role // lower-case resource type -> least-privilege roles
	swapAt     map[string]*rules.Role   // lower-case resource type -> swap target
}

func newRoleIndex(c *rules.Catalog) *roleIndex {
	ix := &roleIndex{
		byGUID:     map[string]*rules.Role{},
		byName:     map[string]*rules.Role{},
		byResource: map[string][]*rules.Role{},
		swapAt:     map[string]*rules.Role{},
	}
	for i := range c.Roles {
		r := &c.Roles[i]
		ix.byGUID[strings.ToLower(r.GUID)] = r
		ix.byName[strings.ToLower(r.Name)] = r
		if r.Class != rules.RoleLeastPrivilege {
			continue
		}
		for _, t := range r.Resources {
			k := strings.ToLower(t)
			ix.byResource[k] = append(ix.byResource[k], r)
			if r.Swap {
				ix.swapAt[k] = r
			}
		}
	}
	return ix
}

// forResource returns the least-privilege roles for a resource type and
// the one to swap in, falling back from a nested type to its parents
// (…/storageAccounts/blobServices/containers -> …/storageAccounts/blobServices).
func (ix *roleIndex) forResource(t string) ([]*rules.Role, *rules.Role) {
	k := strings.ToLower(t)
	for strings.Count(k, "/") >= 1 {
		if c := ix.byResource[k]; len(c) > 0 {
			return c, ix.swapAt[k]
		}
		k = k[:strings.LastIndexByte(k, '/')]
	}
	return nil, nil
}

const guidPattern = `[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`

// roleIDRE finds the role GUID at the end of a role definition ID
// (…/providers/Microsoft.Authorization/roleDefinitions/<guid>) or a bare
// GUID; an unknown prefix (constval.Unknown) is allowed.
var roleIDRE = regexp.MustCompile(`(?:^|[/\x00])(` + guidPattern + `)/?$`)

// roleGUID returns the GUID a role definition ID ends with and its byte
// offset in s.
func roleGUID(s string) (string, int, bool) {
	m := roleIDRE.FindStringSubmatchIndex(s)
	if m == nil {
		return "", 0, false
	}
	return s[m[2]:m[3]], m[2], true
}

// roleDefScope returns the scope part of a role definition ID
// ("/subscriptions/x" of "/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/g").
func roleDefScope(s string) string {
	i := strings.Index(strings.ToLower(s), "/providers/microsoft.authorization/roledefinitions/")
	if i < 0 {
		return ""
	}
	return s[:i]
}

// assignmentScope returns the scope part of a role assignment ID.
func assignmentScope(s string) (string, bool) {
	i := strings.Index(strings.ToLower(s), "/providers/microsoft.authorization/roleassignments/")
	if i < 0 {
		return "", false
	}
	if i == 0 {
		return "/", true
	}
	return s[:i], true
}

type scopeKind int

const (
	scopeUnknown scopeKind = iota
	scopeRoot
	scopeManagementGroup
	scopeSubscription
	scopeResourceGroup
	scopeResource
)

var (
	mgScopeRE  = regexp.MustCompile(`(?i)^/providers/Microsoft\.Management/managementGroups/[^/]+$`)
	subScopeRE = regexp.MustCompile(`(?i)^/subscriptions/[^/]+$`)
	rgScopeRE  = regexp.MustCompile(`(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+$`)
)

// classifyScope says how wide a scope is and, for a resource scope, the
// resource type. Unknown parts (constval.Unknown) count as one path segment.
func classifyScope(s string) (scopeKind, string) {
	s = collapseWild(s)
	if s == "/" {
		return scopeRoot, ""
	}
	s = strings.TrimSuffix(s, "/")
	switch {
	case s == "" || s == constval.Unknown:
		return scopeUnknown, ""
	case mgScopeRE.MatchString(s):
		return scopeManagementGroup, ""
	case subScopeRE.MatchString(s):
		return scopeSubscription, ""
	case rgScopeRE.MatchString(s):
		return scopeResourceGroup, ""
	}
	if t := resourceType(s); t != "" {
		return scopeResource, t
	}
	return scopeUnknown, ""
}

// resourceType returns "Namespace/type[/subtype…]" of the last provider
// segment of a resource ID, or "".
func resourceType(s string) string {
	i := strings.LastIndex(strings.ToLower(s), "/providers/")
	if i < 0 {
		return ""
	}
	parts := strings.Split(s[i+len("/providers/"):], "/")
	ns := parts[0]
	if ns == "" || strings.Contains(ns, constval.Unknown) || strings.EqualFold(ns, "Microsoft.Authorization") || strings.EqualFold(ns, "Microsoft.Management") {
		return ""
	}
	t := ns
	for j := 1; j < len(parts); j += 2 {
		if parts[j] == "" || strings.Contains(parts[j], constval.Unknown) {
			break
		}
		t += "/" + parts[j]
	}
	if t == ns {
		return ""
	}
	return t
}

func collapseWild(s string) string {
	for strings.Contains(s, constval.Unknown+constval.Unknown) {
		s = strings.ReplaceAll(s, constval.Unknown+constval.Unknown, constval.Unknown)
	}
	return s
}

// Principal types that are not workload identities.
var humanPrincipals = map[string]bool{"user": true, "group": true, "foreigngroup": true, "device": true}
