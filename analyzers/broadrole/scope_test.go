package broadrole

import (
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/analyzers/internal/constval"
)

func TestClassifyScope(t *testing.T) {
	for _, tc := range []struct {
		scope string
		kind  scopeKind
		rtype string
	}{
		{"/", scopeRoot, ""},
		{"/subscriptions/" + constval.Unknown, scopeSubscription, ""},
		{"/subscriptions/00000000-0000-0000-0000-000000000000/", scopeSubscription, ""},
		{"/SUBSCRIPTIONS/x", scopeSubscription, ""},
		{"/providers/Microsoft.Management/managementGroups/platform", scopeManagementGroup, ""},
		{"/subscriptions/x/resourceGroups/" + constval.Unknown, scopeResourceGroup, ""},
		{"/subscriptions/x/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/" + constval.Unknown, scopeResource, "Microsoft.CognitiveServices/accounts"},
		{constval.Unknown + "/providers/Microsoft.CognitiveServices/accounts/a/projects/p", scopeResource, "Microsoft.CognitiveServices/accounts/projects"},
		{"/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/s/blobServices/default/containers/c", scopeResource, "Microsoft.Storage/storageAccounts/blobServices/containers"},
		{constval.Unknown, scopeUnknown, ""},
		{constval.Unknown + constval.Unknown, scopeUnknown, ""},
		{"", scopeUnknown, ""},
		{"/subscriptions/x/resourceGroups/rg/providers/" + constval.Unknown + "/accounts/a", scopeUnknown, ""},
	} {
		k, rt := classifyScope(tc.scope)
		if k != tc.kind || rt != tc.rtype {
			t.Errorf("classifyScope(%q) = %d, %q; want %d, %q", display(tc.scope), k, rt, tc.kind, tc.rtype)
		}
	}
}

func TestRoleGUID(t *testing.T) {
	for _, tc := range []struct{ in, guid string }{
		{"/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c", "b24988ac-6180-42a0-ab88-20f7382dd24c"},
		{"b24988ac-6180-42a0-ab88-20f7382dd24c", "b24988ac-6180-42a0-ab88-20f7382dd24c"},
		{constval.Unknown + "B24988AC-6180-42A0-AB88-20F7382DD24C/", "B24988AC-6180-42A0-AB88-20F7382DD24C"},
		{"/providers/Microsoft.Authorization/roleDefinitions/" + constval.Unknown, ""},
		{"xb24988ac-6180-42a0-ab88-20f7382dd24c", ""},
		{"/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c/x", ""},
	} {
		g, _, ok := roleGUID(tc.in)
		if g != tc.guid || ok != (tc.guid != "") {
			t.Errorf("roleGUID(%q) = %q, %v; want %q", display(tc.in), g, ok, tc.guid)
		}
	}
}

func TestPermissionTooBroad(t *testing.T) {
	for _, tc := range []struct {
		field, action string
		broad         bool
	}{
		{"Actions", "*", true},
		{"Actions", "*/write", true},
		{"Actions", "*/read", false},
		{"Actions", "Microsoft.Authorization/*", true},
		{"Actions", "Microsoft.Authorization/*/read", false},
		{"Actions", "Microsoft.Authorization/roleAssignments/write", true},
		{"Actions", "Microsoft.Authorization/locks/write", false},
		{"Actions", "Microsoft.CognitiveServices/*", true},
		{"Actions", "Microsoft.CognitiveServices/accounts/*", true},
		{"Actions", "Microsoft.CognitiveServices/accounts/listKeys/action", true},
		{"Actions", "Microsoft.Search/searchServices/listAdminKeys/action", true},
		{"Actions", "Microsoft.CognitiveServices/accounts/read", false},
		{"Actions", "Microsoft.Storage/storageAccounts/blobServices/containers/*", false},
		{"DataActions", "*", true},
		{"DataActions", "Microsoft.CognitiveServices/*", true},
		{"DataActions", "Microsoft.CognitiveServices/accounts/OpenAI/*", false},
	} {
		if got := permissionTooBroad(tc.field, tc.action) != ""; got != tc.broad {
			t.Errorf("permissionTooBroad(%s, %q) = %v, want %v", tc.field, tc.action, got, tc.broad)
		}
	}
}

// display shows a resolved string with unknown parts as "…".
func display(s string) string {
	return strings.ReplaceAll(collapseWild(s), constval.Unknown, "…")
}
