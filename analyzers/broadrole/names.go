package broadrole

import (
	"go/types"
	"slices"
)

// Import paths of the modules broadrole understands. armauthorization v1
// has no major-version suffix; v2 and v3 share v1's type and method names.
const (
	authV1 = "github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/authorization/armauthorization"
	authV2 = authV1 + "/v2"
	authV3 = authV1 + "/v3"
	cogV1  = "github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/cognitiveservices/armcognitiveservices"
	cogV2  = cogV1 + "/v2"

	toPath         = "github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	autorestToPath = "github.com/Azure/go-autorest/autorest/to"
)

var (
	authPkgs = []string{authV1, authV2, authV3}
	cogPkgs  = []string{cogV1, cogV2}
)

// callKind is what a matched call does.
type callKind int

const (
	callNone          callKind = iota
	callAssign                 // RoleAssignmentsClient.Create(ctx, scope, name, params, opts)
	callAssignByID             // RoleAssignmentsClient.CreateByID(ctx, id, params, opts)
	callPIMAssign              // RoleAssignmentScheduleRequestsClient.Create(ctx, scope, name, req, opts)
	callPIMEligible            // RoleEligibilityScheduleRequestsClient.Create(ctx, scope, name, req, opts)
	callListDefs               // RoleDefinitionsClient.NewListPager(scope, opts)
	callCreateAccount          // armcognitiveservices AccountsClient.BeginCreate(ctx, rg, name, account, opts)
)

// calls maps callee full names ((*types.Func).FullName) to their kind.
var calls = func() map[string]callKind {
	m := map[string]callKind{}
	method := func(pkg, typ, name string) string { return "(*" + pkg + "." + typ + ")." + name }
	for _, p := range authPkgs {
		m[method(p, "RoleAssignmentsClient", "Create")] = callAssign
		m[method(p, "RoleAssignmentsClient", "CreateByID")] = callAssignByID
		m[method(p, "RoleAssignmentScheduleRequestsClient", "Create")] = callPIMAssign
		m[method(p, "RoleEligibilityScheduleRequestsClient", "Create")] = callPIMEligible
		m[method(p, "RoleDefinitionsClient", "NewListPager")] = callListDefs
	}
	for _, p := range cogPkgs {
		m[method(p, "AccountsClient", "BeginCreate")] = callCreateAccount
	}
	return m
}()

// Functions that only wrap their argument in a pointer.
var pointerFuncs = map[string]bool{
	toPath + ".Ptr":               true,
	autorestToPath + ".StringPtr": true,
	autorestToPath + ".BoolPtr":   true,
}

// Functions whose result holds their arguments in order.
var sliceFuncs = map[string]bool{toPath + ".SliceOfPtrs": true}

// namedIn reports whether t (or what it points to) is the named type name
// declared in one of pkgs.
func namedIn(t types.Type, pkgs []string, names ...string) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	return slices.Contains(pkgs, n.Obj().Pkg().Path()) && slices.Contains(names, n.Obj().Name())
}

// Struct types whose RoleDefinitionID creates (or requests) an assignment.
var assignPropsTypes = []string{
	"RoleAssignmentProperties",
	"RoleAssignmentScheduleRequestProperties",
	"RoleEligibilityScheduleRequestProperties",
}
