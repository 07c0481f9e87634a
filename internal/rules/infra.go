package rules

import (
	"slices"
	"strings"
)

// InfraSection is the data of `keyless infra` (internal/infra): which Go
// packages and keyauth rules talk to which Azure resource type, the
// template switch that turns that resource's local (key) auth off, the
// least data-plane roles by the operations the code performs, and the
// Azure Verified Modules whose defaults matter. Role names refer to the
// roles: catalog (one catalog for broadrole and infra).
type InfraSection struct {
	Services []InfraService `yaml:"services"`
	Modules  []InfraModule  `yaml:"modules"`
}

// InfraService is one Azure data plane as the Go code and the templates see it.
type InfraService struct {
	Pos  Pos
	ID   string `yaml:"id"`
	Name string `yaml:"name"` // product name for messages
	// ResourceType is the ARM type ("Microsoft.Storage/storageAccounts");
	// Bicep and ARM resources match it case-insensitively.
	ResourceType string `yaml:"resourceType"`
	// Terraform lists the azurerm resource types of the same resource.
	Terraform []string `yaml:"terraform"`
	// Packages are Go import paths: a call into one of them that takes an
	// azcore.TokenCredential is keyless use of the service.
	Packages []string `yaml:"packages"`
	// KeyAuth lists keyauth rule ids (without "keyauth/") whose findings
	// are key use of the service.
	KeyAuth []string `yaml:"keyauth"`
	// LocalAuth is the switch that disables key auth.
	LocalAuth InfraLocalAuth `yaml:"localAuth"`
	// Data says how data access is granted: "azure-rbac" (default),
	// "cosmos-sql" (Cosmos DB SQL role assignments, not Azure RBAC) or
	// "none" (no Entra data plane: Cosmos DB for MongoDB).
	Data string `yaml:"data"`
	// Roles are the data-plane roles that suffice, least first; each says
	// which operations it covers. The first that covers every operation
	// the Go code performs is the one to suggest.
	Roles []InfraRole `yaml:"roles"`
	// Broader are roles (by catalog name) that work but grant far more
	// than the app needs; reported with a swap to the least role.
	Broader []string `yaml:"broader"`
	// Operations maps an operation ("read", "write", "send", "receive")
	// to the methods (full types names) that perform it.
	Operations map[string][]string `yaml:"operations"`
}

// InfraLocalAuth names the local-auth switch in each template language.
type InfraLocalAuth struct {
	// Property is the path under the resource ("properties.disableLocalAuth").
	Property string `yaml:"property"`
	// DisabledWhen is the property value that turns keys off.
	DisabledWhen bool `yaml:"disabledWhen"`
	// Terraform is the azurerm attribute ("local_auth_enabled").
	Terraform string `yaml:"terraform"`
	// TerraformDisabledWhen is the attribute value that turns keys off.
	TerraformDisabledWhen bool `yaml:"terraformDisabledWhen"`
	// DefaultDisabled says whether an absent switch means keys are off
	// (false for every service today: Azure defaults to keys on).
	DefaultDisabled bool `yaml:"defaultDisabled"`
}

// InfraRole is a data-plane role (by catalog name) and the operations it covers.
type InfraRole struct {
	Name   string   `yaml:"name"`
	Covers []string `yaml:"covers"`
}

// InfraModule is an Azure Verified Module's parameter surface.
type InfraModule struct {
	Pos Pos
	// Path is the registry path without version ("avm/res/cognitive-services/account").
	Path         string `yaml:"path"`
	ResourceType string `yaml:"resourceType"`
	// LocalAuthParam is the parameter that mirrors the local-auth switch
	// (same polarity as the service's LocalAuth.Property), and
	// LocalAuthDefault its default when the module call does not set it.
	LocalAuthParam   string `yaml:"localAuthParam"`
	LocalAuthDefault *bool  `yaml:"localAuthDefault"`
	// LocalAuthParamAliases are the parameter's names in older module
	// versions (Cosmos DB before 0.15.0: disableLocalAuth).
	LocalAuthParamAliases []string `yaml:"localAuthParamAliases"`
	// DefaultWhen, when set, lists parameters one of which must be
	// non-empty for the module to set the property at all (Cosmos DB
	// sets it only while deploying databases).
	DefaultWhen []string `yaml:"defaultWhen"`
	// KeysOnWhen lists parameters any of which, non-empty, makes the
	// module force local auth on whatever the parameter says (Cosmos DB
	// for MongoDB, Gremlin and Cassandra: keys are their only auth).
	KeysOnWhen []string `yaml:"keysOnWhen"`
	// RoleAssignmentsParam is the array of {roleDefinitionIdOrName,
	// principalId, principalType} objects.
	RoleAssignmentsParam string `yaml:"roleAssignmentsParam"`
	// SQLRoleAssignmentsParam is the array of Cosmos DB SQL (data-plane)
	// role assignments, {roleDefinitionId, principalId, scope} objects.
	SQLRoleAssignmentsParam string `yaml:"sqlRoleAssignmentsParam"`
	// SQLPrincipalIDsParam lists principal ids the module gives Cosmos DB
	// Built-in Data Contributor (versions before 0.14.0).
	SQLPrincipalIDsParam string `yaml:"sqlPrincipalIdsParam"`
	// Versions says where the default comes from (module versions or
	// source), shown in messages after "assumed module default".
	Versions string `yaml:"versions"`
}

// Data access kinds of InfraService.Data.
const (
	InfraDataAzureRBAC = "azure-rbac"
	InfraDataCosmosSQL = "cosmos-sql"
	InfraDataNone      = "none"
)

func (s InfraSection) validate(c *Catalog) error {
	ids := map[string]bool{}
	for _, sv := range s.Services {
		if sv.ID == "" || ids[sv.ID] {
			return errorf(sv.Pos, "infra service: missing or duplicate id %q", sv.ID)
		}
		ids[sv.ID] = true
		if !resourceTypeRE.MatchString(sv.ResourceType) {
			return errorf(sv.Pos, "infra service %q: resourceType %q is not a resource type", sv.ID, sv.ResourceType)
		}
		switch sv.Data {
		case "", InfraDataAzureRBAC, InfraDataCosmosSQL, InfraDataNone:
		default:
			return errorf(sv.Pos, "infra service %q: data must be azure-rbac, cosmos-sql or none, found %q", sv.ID, sv.Data)
		}
		for _, k := range sv.KeyAuth {
			if !slices.ContainsFunc(c.KeyAuth, func(r KeyAuthRule) bool { return r.ID == k }) {
				return errorf(sv.Pos, "infra service %q: keyauth rule %q does not exist", sv.ID, k)
			}
		}
		names := sv.Broader
		for _, r := range sv.Roles {
			names = append(names, r.Name)
			for _, op := range r.Covers {
				if _, ok := sv.Operations[op]; !ok && len(sv.Operations) > 0 {
					return errorf(sv.Pos, "infra service %q: role %q covers unknown operation %q", sv.ID, r.Name, op)
				}
			}
		}
		for _, n := range names {
			if _, ok := c.RoleByName(n); !ok {
				return errorf(sv.Pos, "infra service %q: role %q is not in the roles: catalog", sv.ID, n)
			}
		}
	}
	for _, m := range s.Modules {
		if m.Path == "" || !resourceTypeRE.MatchString(m.ResourceType) {
			return errorf(m.Pos, "infra module %q: needs path and resourceType", m.Path)
		}
	}
	return nil
}

// RoleByName finds a catalog role by name, case-insensitively.
func (c *Catalog) RoleByName(name string) (Role, bool) {
	for _, r := range c.Roles {
		if strings.EqualFold(r.Name, name) {
			return r, true
		}
	}
	return Role{}, false
}

// RoleByGUID finds a catalog role by GUID, case-insensitively.
func (c *Catalog) RoleByGUID(guid string) (Role, bool) {
	for _, r := range c.Roles {
		if strings.EqualFold(r.GUID, guid) {
			return r, true
		}
	}
	return Role{}, false
}
