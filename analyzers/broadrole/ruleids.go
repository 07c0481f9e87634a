package broadrole

import "github.com/keyless-dev/keyless/internal/rules"

// The rules broadrole reports, each documented in the checks: section of
// rules.yaml.
const (
	ruleOwner           = "broadrole/owner"
	ruleContributor     = "broadrole/contributor"
	ruleUserAccessAdmin = "broadrole/user-access-admin"
	ruleRBACAdmin       = "broadrole/rbac-admin-unconditioned"
	ruleKeyReader       = "broadrole/key-reader"
	ruleBroadScope      = "broadrole/broad-scope"
	ruleCustomRole      = "broadrole/custom-role-wildcard"
	ruleLocalAuth       = "broadrole/local-auth-enabled"
)

// RuleIDs lists every rule id broadrole can report.
var RuleIDs = []string{
	ruleOwner, ruleContributor, ruleUserAccessAdmin, ruleRBACAdmin, ruleKeyReader,
	ruleBroadScope, ruleCustomRole, ruleLocalAuth,
}

// roleRules maps a role class of the roles: catalog to the rule that
// reports it; least-privilege roles are never reported.
var roleRules = map[string]string{
	rules.RoleOwner:       ruleOwner,
	rules.RoleBroad:       ruleContributor,
	rules.RoleAccessAdmin: ruleUserAccessAdmin,
	rules.RoleRBACAdmin:   ruleRBACAdmin,
	rules.RoleKeyReader:   ruleKeyReader,
}
