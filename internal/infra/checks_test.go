package infra

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/internal/report"
	"github.com/keyless-dev/keyless/internal/rules"
)

// run loads files (name -> content) from a temporary directory and runs
// the checks with the given Go uses.
func run(t *testing.T, files map[string]string, uses ...GoUse) ([]report.Finding, *Repo) {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cat := rules.Default()
	repo, err := Load(dir, cat)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range repo.Errors {
		t.Fatalf("syntax error: %v", e)
	}
	return Check(repo, Facts{Analyzed: true, Uses: uses}, cat), repo
}

// only keeps the findings of one rule.
func only(fs []report.Finding, rule string) []report.Finding {
	var out []report.Finding
	for _, f := range fs {
		if f.RuleID == rule {
			out = append(out, f)
		}
	}
	return out
}

func keyUse(svc string) GoUse {
	return GoUse{Service: svc, Kind: UseKey, File: "app/key.go", Line: 7, RuleID: "keyauth/x"}
}
func keyless(svc string) GoUse {
	return GoUse{Service: svc, Kind: UseKeyless, File: "app/keyless.go", Line: 9}
}
func op(svc, o string) GoUse {
	return GoUse{Service: svc, Kind: UseOp, Op: o, File: "app/op.go", Line: 3}
}

// ids lists "rule@line" of findings, sorted.
func ids(fs []report.Finding) string {
	var out []string
	for _, f := range fs {
		s := f.RuleID + "@" + f.Path + ":" + itoa(f.Line)
		if f.Suppression != nil {
			s += "(suppressed)"
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func itoa(n int) string { return strconv.Itoa(n) }

// apply applies a finding's fix to src.
func apply(t *testing.T, src string, f report.Finding) string {
	t.Helper()
	if f.Fix == nil {
		t.Fatalf("%s: no fix", f.RuleID)
	}
	edits := append([]report.Edit(nil), f.Fix.Edits...)
	sort.Slice(edits, func(i, j int) bool { return edits[i].Offset > edits[j].Offset })
	for _, e := range edits {
		src = src[:e.Offset] + e.NewText + src[e.EndOffset:]
	}
	return src
}

const openaiOff = `resource oai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'oai'
  properties: {
    customSubDomainName: 'oai'
    disableLocalAuth: true
  }
}
`

func TestLocalAuthOffKeyInCode(t *testing.T) {
	fs, _ := run(t, map[string]string{"main.bicep": openaiOff}, keyUse("openai"))
	if got := ids(fs); got != "infra/local-auth-off-key-in-code@main.bicep:5" {
		t.Fatalf("got %s", got)
	}
	if fs[0].Severity != rules.SeverityError || !strings.Contains(fs[0].Message, "app/key.go:7") {
		t.Errorf("finding = %+v", fs[0])
	}
	// Negative: keyless code, or no Go use of the service at all.
	if fs, _ := run(t, map[string]string{"main.bicep": openaiOff}, keyless("openai")); ids(fs) != "infra/missing-data-role@main.bicep:1" {
		t.Errorf("keyless code: %s", ids(fs))
	}
	if fs, _ := run(t, map[string]string{"main.bicep": openaiOff}, keyUse("servicebus")); len(fs) != 0 {
		t.Errorf("other service: %s", ids(fs))
	}
	// Library code with both modes: reported as a warning that says so.
	fs, _ = run(t, map[string]string{"main.bicep": openaiOff}, keyUse("openai"), keyless("openai"))
	fs = only(fs, RuleLocalAuthOffKeyInCode)
	if len(fs) != 1 || fs[0].Severity != rules.SeverityWarning || !strings.Contains(fs[0].Message, "keyless path") {
		t.Errorf("both modes: %+v", fs)
	}
	// A key use suppressed in Go (//keyless:ignore) is accepted.
	accepted := keyUse("openai")
	accepted.Suppressed = true
	if fs, _ := run(t, map[string]string{"main.bicep": openaiOff}, accepted); len(fs) != 0 {
		t.Errorf("accepted key: %s", ids(fs))
	}
}

// Parameter values come from defaults and from .bicepparam files.
func TestLocalAuthFromParams(t *testing.T) {
	bicep := `param keysOff bool = false
resource oai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'oai'
  properties: {
    disableLocalAuth: keysOff
  }
}
`
	if fs, _ := run(t, map[string]string{"main.bicep": bicep}, keyUse("openai")); len(fs) != 0 {
		t.Errorf("default false: %s", ids(fs))
	}
	fs, _ := run(t, map[string]string{"main.bicep": bicep, "main.bicepparam": "using './main.bicep'\nparam keysOff = true\n"}, keyUse("openai"))
	if ids(fs) != "infra/local-auth-off-key-in-code@main.bicep:5" {
		t.Errorf("bicepparam true: %s", ids(fs))
	}
	fs, _ = run(t, map[string]string{"main.bicep": bicep, "main.parameters.json": `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {"keysOff": {"value": true}}}`}, keyUse("openai"))
	if ids(fs) != "infra/local-auth-off-key-in-code@main.bicep:5" {
		t.Errorf("parameters.json true: %s", ids(fs))
	}
}

func TestLocalAuthLeftOnFixes(t *testing.T) {
	literal := strings.Replace(openaiOff, "disableLocalAuth: true", "disableLocalAuth: false", 1)
	fs, _ := run(t, map[string]string{"main.bicep": literal}, keyless("openai"))
	fs = only(fs, RuleLocalAuthLeftOn)
	if ids(fs) != "infra/local-auth-left-on@main.bicep:5" {
		t.Fatalf("got %s", ids(fs))
	}
	if got := apply(t, literal, fs[0]); got != openaiOff {
		t.Errorf("literal fix:\n%s", got)
	}
	absent := strings.Replace(openaiOff, "    disableLocalAuth: true\n", "", 1)
	fs, _ = run(t, map[string]string{"main.bicep": absent}, keyless("openai"))
	fs = only(fs, RuleLocalAuthLeftOn)
	want := strings.Replace(openaiOff, "    customSubDomainName: 'oai'\n    disableLocalAuth: true\n", "    disableLocalAuth: true\n    customSubDomainName: 'oai'\n", 1)
	if len(fs) != 1 || apply(t, absent, fs[0]) != want {
		t.Errorf("insert fix: %s", ids(fs))
	}
	tf := "resource \"azurerm_servicebus_namespace\" \"bus\" {\n  name = \"sb\"\n  sku  = \"Standard\"\n}\n"
	fs, _ = run(t, map[string]string{"main.tf": tf}, keyless("servicebus"))
	fs = only(fs, RuleLocalAuthLeftOn)
	if len(fs) != 1 || fs[0].RuleID != RuleLocalAuthLeftOn {
		t.Fatalf("terraform: %s", ids(fs))
	}
	if got := apply(t, tf, fs[0]); got != "resource \"azurerm_servicebus_namespace\" \"bus\" {\n  local_auth_enabled = false\n  name = \"sb\"\n  sku  = \"Standard\"\n}\n" {
		t.Errorf("terraform fix:\n%s", got)
	}
	// A key use anywhere (even accepted) means the code is not keyless everywhere.
	accepted := keyUse("openai")
	accepted.Suppressed = true
	if fs, _ := run(t, map[string]string{"main.bicep": literal}, keyless("openai"), accepted); len(only(fs, RuleLocalAuthLeftOn)) != 0 {
		t.Errorf("mixed code: %s", ids(fs))
	}
}

const busWithRole = `resource id 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id'
}
resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'app'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${id.id}': {} }
  }
}
resource bus 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: 'sb'
  properties: {
    disableLocalAuth: true
  }
}
resource ra 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: bus
  name: guid(bus.id, 'x')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '090c5cfd-751d-490a-894a-3ce6f1109419')
    principalId: id.properties.principalId
    principalType: 'ServicePrincipal'
  }
}
`

func TestDataRole(t *testing.T) {
	// Receive only: Data Owner is broader; the fix swaps the GUID.
	fs, _ := run(t, map[string]string{"main.bicep": busWithRole}, keyless("servicebus"), op("servicebus", "receive"))
	if ids(fs) != "infra/role-broader-than-needed@main.bicep:21" {
		t.Fatalf("got %s", ids(fs))
	}
	fixed := apply(t, busWithRole, fs[0])
	if !strings.Contains(fixed, "'4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0')\n") || strings.Contains(fixed, "090c5cfd") {
		t.Errorf("swap fix:\n%s", fixed)
	}
	// Send and receive: Data Owner is the role that covers both.
	if fs, _ := run(t, map[string]string{"main.bicep": busWithRole}, keyless("servicebus"), op("servicebus", "receive"), op("servicebus", "send")); len(fs) != 0 {
		t.Errorf("send+receive: %s", ids(fs))
	}
	// The fixed template is clean.
	if fs, _ := run(t, map[string]string{"main.bicep": fixed}, keyless("servicebus"), op("servicebus", "receive")); len(fs) != 0 {
		t.Errorf("after the fix: %s", ids(fs))
	}
	// No assignment: missing, naming the least role and its GUID.
	noRole := busWithRole[:strings.Index(busWithRole, "resource ra")]
	fs, _ = run(t, map[string]string{"main.bicep": noRole}, keyless("servicebus"), op("servicebus", "receive"))
	if ids(fs) != "infra/missing-data-role@main.bicep:11" || !strings.Contains(fs[0].Message, "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0") ||
		!strings.Contains(fs[0].Message, "outside these templates") || fs[0].Severity != rules.SeverityWarning {
		t.Errorf("missing: %+v", fs)
	}
	// No identity declared: note level, saying the principal is unknown.
	noID := noRole[strings.Index(noRole, "resource bus"):]
	fs, _ = run(t, map[string]string{"main.bicep": noID}, keyless("servicebus"))
	if len(fs) != 1 || fs[0].Severity != rules.SeverityNote || !strings.Contains(fs[0].Message, "unknown") {
		t.Errorf("unresolved identity: %+v", fs)
	}
	// A data role held by an identity the app does not run as does not count.
	other := strings.Replace(busWithRole, "resource bus", "resource deployer 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {\n  name: 'deployer'\n}\nresource bus", 1)
	other = strings.Replace(other, "principalId: id.properties.principalId", "principalId: deployer.properties.principalId", 1)
	other = strings.Replace(other, "090c5cfd-751d-490a-894a-3ce6f1109419", "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0", 1)
	fs, _ = run(t, map[string]string{"main.bicep": other}, keyless("servicebus"), op("servicebus", "receive"))
	if len(fs) != 1 || fs[0].RuleID != RuleMissingDataRole || !strings.Contains(fs[0].Message, "no compute resource of these templates runs as") {
		t.Errorf("role held by another identity: %+v", fs)
	}
	// The system-assigned identity of the app counts.
	sys := strings.Replace(other, "principalId: deployer.properties.principalId", "principalId: app.identity.principalId", 1)
	if fs, _ := run(t, map[string]string{"main.bicep": sys}, keyless("servicebus"), op("servicebus", "receive")); len(fs) != 0 {
		t.Errorf("system-assigned identity: %s", ids(fs))
	}
	// A role at resource-group scope (no scope:) covers the namespace.
	rg := strings.Replace(busWithRole, "  scope: bus\n", "", 1)
	rg = strings.Replace(rg, "090c5cfd-751d-490a-894a-3ce6f1109419", "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0", 1)
	if fs, _ := run(t, map[string]string{"main.bicep": rg}, keyless("servicebus"), op("servicebus", "receive")); len(fs) != 0 {
		t.Errorf("rg scope: %s", ids(fs))
	}
}

func TestDataRoleTerraformSwap(t *testing.T) {
	tf := `resource "azurerm_storage_account" "st" {
  name                      = "st"
  shared_access_key_enabled = false
}
resource "azurerm_user_assigned_identity" "app" {
  name = "id"
}
resource "azurerm_role_assignment" "r" {
  scope                = azurerm_storage_account.st.id
  role_definition_name = "Storage Blob Data Owner"
  principal_id         = azurerm_user_assigned_identity.app.principal_id
}
`
	fs, _ := run(t, map[string]string{"main.tf": tf}, keyless("storage-blob"), op("storage-blob", "read"))
	if ids(fs) != "infra/role-broader-than-needed@main.tf:10" {
		t.Fatalf("got %s", ids(fs))
	}
	if got := apply(t, tf, fs[0]); !strings.Contains(got, `role_definition_name = "Storage Blob Data Reader"`) {
		t.Errorf("fix:\n%s", got)
	}
	// The Functions host's own storage legitimately holds Blob Data Owner.
	host := tf + `resource "azurerm_linux_function_app" "fn" {
  storage_account_name = azurerm_storage_account.st.name
  storage_uses_managed_identity = true
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.app.id]
  }
}
`
	if fs, _ := run(t, map[string]string{"main.tf": host}, keyless("storage-blob"), op("storage-blob", "read")); len(fs) != 0 {
		t.Errorf("functions host storage: %s", ids(fs))
	}
}

func TestCosmosDataPlane(t *testing.T) {
	bicep := `resource id 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = { name: 'id' }
resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: 'c'
  properties: { disableLocalAuth: true }
}
resource rbac 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: cosmos
  name: 'x'
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b24988ac-6180-42a0-ab88-20f7382dd24c')
    principalId: id.properties.principalId
  }
}
`
	fs, _ := run(t, map[string]string{"main.bicep": bicep}, keyless("cosmos"))
	if ids(fs) != "infra/broad-role@main.bicep:10 infra/missing-data-role@main.bicep:2" {
		t.Fatalf("got %s", ids(fs))
	}
	for _, f := range fs {
		if f.RuleID == RuleMissingDataRole && (!strings.Contains(f.Message, "Cosmos DB SQL role assignment") || !strings.Contains(f.Message, "gives no data access")) {
			t.Errorf("message: %s", f.Message)
		}
	}
	sql := bicep + `resource data 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: cosmos
  name: guid('data')
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
    principalId: id.properties.principalId
    scope: cosmos.id
  }
}
`
	if fs, _ := run(t, map[string]string{"main.bicep": sql}, keyless("cosmos")); ids(fs) != "infra/broad-role@main.bicep:10" {
		t.Errorf("with a SQL role: %s", ids(fs))
	}
	mongo := `resource m 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: 'm'
  kind: 'MongoDB'
  properties: {}
}
`
	fs, _ = run(t, map[string]string{"main.bicep": mongo}, keyless("cosmos"), GoUse{Kind: UseMongo, File: "db/mongo.go", Line: 5})
	if ids(fs) != "infra/no-entra-data-plane@main.bicep:1" || !strings.Contains(fs[0].Message, "not fixable") || fs[0].Fix != nil {
		t.Errorf("mongo: %+v", fs)
	}
}

func TestKeyLeaves(t *testing.T) {
	bicep := `resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = { name: 'st' }
resource kv 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  name: 'kv/storage'
  properties: {
    value: st.listKeys().keys[0].value
  }
}
output ep string = st.properties.primaryEndpoints.blob
output cs string = 'AccountKey=${listKeys(st.id, st.apiVersion).keys[0].value}'
`
	fs, _ := run(t, map[string]string{"main.bicep": bicep})
	if ids(fs) != "infra/key-leaves-template@main.bicep:5 infra/key-leaves-template@main.bicep:9" {
		t.Errorf("bicep: %s", ids(fs))
	}
	tf := `resource "azurerm_storage_account" "st" { name = "st" }
resource "azurerm_key_vault_secret" "s" {
  name  = "cs"
  value = azurerm_storage_account.st.primary_connection_string
}
output "name" { value = azurerm_storage_account.st.name }
`
	fs, _ = run(t, map[string]string{"main.tf": tf})
	if ids(fs) != "infra/key-leaves-template@main.tf:4" {
		t.Errorf("terraform: %s", ids(fs))
	}
}

func TestBroadRoles(t *testing.T) {
	tf := `resource "azurerm_role_assignment" "sp" {
  scope                = "/subscriptions/x"
  role_definition_name = "Owner"
  principal_id         = "p"
  principal_type       = "ServicePrincipal"
}
resource "azurerm_role_assignment" "user" {
  scope                = "/subscriptions/x"
  role_definition_name = "Owner"
  principal_id         = "u"
  principal_type       = "User"
}
resource "azurerm_role_assignment" "cond" {
  scope                = "/subscriptions/x"
  role_definition_id   = "/providers/Microsoft.Authorization/roleDefinitions/f58310d9-a9f6-439a-9e8d-f62e7b41a168"
  principal_id         = "p"
  condition            = "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})))"
  condition_version    = "2.0"
}
resource "azurerm_role_assignment" "uncond" {
  scope                = "/subscriptions/x"
  role_definition_id   = "/providers/Microsoft.Authorization/roleDefinitions/f58310d9-a9f6-439a-9e8d-f62e7b41a168"
  principal_id         = "p"
}
resource "azurerm_role_assignment" "ok" {
  scope                = "/subscriptions/x"
  # keyless:ignore infra/broad-role -- break-glass automation account, reviewed quarterly
  role_definition_name = "Contributor"
  principal_id         = "p"
}
`
	fs, _ := run(t, map[string]string{"main.tf": tf})
	if got := ids(fs); got != "infra/broad-role@main.tf:22 infra/broad-role@main.tf:28(suppressed) infra/broad-role@main.tf:3" {
		t.Errorf("got %s", got)
	}
}

// A Bicep file and its compiled ARM twin give one verdict.
func TestBicepTwinReportedOnce(t *testing.T) {
	twin := `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
 "metadata": {"_generator": {"name": "bicep"}},
 "resources": [{"type": "Microsoft.CognitiveServices/accounts", "name": "oai", "properties": {"disableLocalAuth": true}}]}`
	fs, _ := run(t, map[string]string{"main.bicep": openaiOff, "main.json": twin}, keyUse("openai"))
	if ids(fs) != "infra/local-auth-off-key-in-code@main.bicep:5" {
		t.Errorf("twin: %s", ids(fs))
	}
	// Without its Bicep source the ARM file is checked.
	fs, _ = run(t, map[string]string{"main.json": twin}, keyUse("openai"))
	if ids(fs) != "infra/local-auth-off-key-in-code@main.json:3" {
		t.Errorf("ARM alone: %s", ids(fs))
	}
}

// AKS workload identity (a federated credential on the identity) and an
// AZURE_CLIENT_ID setting both make an identity the app's.
func TestIdentityLinking(t *testing.T) {
	base := `resource wi 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = { name: 'wi' }
resource other 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = { name: 'other' }
resource bus 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: 'sb'
  properties: { disableLocalAuth: true }
}
resource ra 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: bus
  name: 'x'
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0')
    principalId: PRINCIPAL.properties.principalId
    principalType: 'ServicePrincipal'
  }
}
`
	aks := `resource fic 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: wi
  name: 'orders'
  properties: {
    issuer: aksIssuer
    subject: 'system:serviceaccount:orders:api'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
}
`
	env := `resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'app'
  properties: {
    template: {
      containers: [
        {
          name: 'api'
          env: [
            { name: 'AZURE_CLIENT_ID', value: wi.properties.clientId }
          ]
        }
      ]
    }
  }
}
`
	uses := []GoUse{keyless("servicebus"), op("servicebus", "receive")}
	for name, extra := range map[string]string{"aks": aks, "env": env} {
		ok := strings.Replace(base, "PRINCIPAL", "wi", 1) + extra
		if fs, _ := run(t, map[string]string{"main.bicep": ok}, uses...); len(fs) != 0 {
			t.Errorf("%s: role to the workload identity: %s", name, ids(fs))
		}
		bad := strings.Replace(base, "PRINCIPAL", "other", 1) + extra
		if fs, _ := run(t, map[string]string{"main.bicep": bad}, uses...); ids(fs) != "infra/missing-data-role@main.bicep:3" || fs[0].Severity != rules.SeverityWarning {
			t.Errorf("%s: role to another identity: %s", name, ids(fs))
		}
	}
}

// A Functions app's identity-based connection (<Name>__fullyQualifiedNamespace)
// is keyless use of the resource it names, with no Go client.
func TestFunctionsIdentityConnection(t *testing.T) {
	bicep := `resource bus 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: 'sb'
  properties: {
    disableLocalAuth: false
  }
}
resource other 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: 'sb2'
  properties: {
    disableLocalAuth: false
  }
}
resource fn 'Microsoft.Web/sites@2023-12-01' = {
  name: 'fn'
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    siteConfig: {
      appSettings: [
        { name: 'OrdersConnection__fullyQualifiedNamespace', value: '${bus.name}.servicebus.windows.net' }
      ]
    }
  }
}
`
	fs, _ := run(t, map[string]string{"main.bicep": bicep})
	if got := ids(fs); got != "infra/local-auth-left-on@main.bicep:4 infra/missing-data-role@main.bicep:1" {
		t.Fatalf("got %s", got)
	}
	for _, f := range fs {
		if !strings.Contains(f.Message, "Functions app fn's identity-based connection OrdersConnection reaches Azure Service Bus keyless (main.bicep:20)") {
			t.Errorf("%s does not name the setting's line: %s", f.RuleID, f.Message)
		}
	}
}

// Malformed ignore comments in templates are reported as in Go.
func TestTemplateIgnoreComments(t *testing.T) {
	tf := `resource "azurerm_role_assignment" "a" {
  scope = "/subscriptions/x"
  # keyless:ignore infra/broad-role
  role_definition_name = "Owner"
  principal_id = "p"
}
# keyless:ignore infra/broad-rol -- typo
`
	fs, _ := run(t, map[string]string{"main.tf": tf})
	if got := ids(fs); got != "ignore/missing-reason@main.tf:3 ignore/unknown-rule@main.tf:7 infra/broad-role@main.tf:4" {
		t.Errorf("got %s", got)
	}
	for _, f := range fs {
		if f.RuleID == "ignore/unknown-rule" && !strings.Contains(f.Message, `did you mean "infra/broad-role"`) {
			t.Errorf("no suggestion: %s", f.Message)
		}
	}
}

// The checks never panic, whatever the parsers recovered.
func FuzzCheck(f *testing.F) {
	f.Add(busWithRole, "")
	f.Add(openaiOff, "resource \"azurerm_role_assignment\" \"r\" {\n role_definition_name = \"Owner\"\n}\n")
	f.Add("module m 'br/public:avm/res/document-db/database-account:0.8.1' = {\n params: { sqlRoleAssignmentsPrincipalIds: [ x ], kind: 'MongoDB' }\n}\n", "")
	cat := rules.Default()
	var uses []GoUse
	for _, s := range cat.Infra.Services {
		uses = append(uses, keyless(s.ID), keyUse(s.ID), op(s.ID, "read"), op(s.ID, "receive"))
	}
	uses = append(uses, GoUse{Kind: UseMongo, File: "m.go", Line: 1})
	f.Fuzz(func(t *testing.T, bicep, tf string) {
		bf, _ := ParseBicep("main.bicep", []byte(bicep))
		tff, _ := ParseTerraform("main.tf", []byte(tf))
		repo := &Repo{Files: []*File{bf, tff}}
		for _, file := range repo.Files {
			resolveTypes(file, cat)
		}
		Check(repo, Facts{Analyzed: true, Uses: uses}, cat)
	})
}

// azd templates assign roles through a local module
// (core/security/role.bicep); its parameters make it a role assignment.
func TestRoleModule(t *testing.T) {
	bicep := `resource id 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = { name: 'id' }
resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'app'
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${id.id}': {} } }
}
resource bus 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: 'sb'
  properties: { disableLocalAuth: true }
}
module busRole 'core/security/role.bicep' = {
  name: 'bus-role'
  params: {
    principalId: id.properties.principalId
    roleDefinitionId: '090c5cfd-751d-490a-894a-3ce6f1109419'
    principalType: 'ServicePrincipal'
  }
}
module userRole 'core/security/role.bicep' = {
  name: 'user-role'
  params: {
    principalId: principalId
    roleDefinitionId: 'b24988ac-6180-42a0-ab88-20f7382dd24c'
    principalType: 'User'
  }
}
`
	fs, _ := run(t, map[string]string{"main.bicep": bicep}, keyless("servicebus"), op("servicebus", "send"))
	if got := ids(fs); got != "infra/role-broader-than-needed@main.bicep:14" {
		t.Fatalf("got %s", got)
	}
	if fixed := apply(t, bicep, fs[0]); !strings.Contains(fixed, "roleDefinitionId: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'\n") {
		t.Errorf("fix:\n%s", fixed)
	}
}

// A local module's resources belong to its caller's deployment: a role
// assigned at resource-group scope by the caller covers them, and the
// module's parameters take the values the caller passes.
func TestLocalModules(t *testing.T) {
	mainBicep := `resource id 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = { name: 'id' }
module app 'core/host/app.bicep' = {
  name: 'app'
  params: { identityId: id.id }
}
module oai 'core/ai/account.bicep' = {
  name: 'oai'
  params: {
    keysOff: true
  }
}
module role 'core/security/role.bicep' = {
  name: 'role'
  params: {
    principalId: id.properties.principalId
    roleDefinitionId: '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'
    principalType: 'ServicePrincipal'
  }
}
`
	account := `param keysOff bool = false
resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'oai'
  properties: {
    disableLocalAuth: keysOff
  }
}
`
	host := `param identityId string
resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'app'
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${identityId}': {} } }
}
`
	files := map[string]string{"infra/main.bicep": mainBicep, "infra/core/ai/account.bicep": account, "infra/core/host/app.bicep": host, "infra/core/security/role.bicep": "param principalId string\nparam roleDefinitionId string\n"}
	fs, _ := run(t, files, keyless("openai"))
	if len(fs) != 0 {
		t.Errorf("keyless code, role via module, keys off via the caller: %s", ids(fs))
	}
	fs, _ = run(t, files, keyUse("openai"))
	if ids(fs) != "infra/local-auth-off-key-in-code@infra/core/ai/account.bicep:5" {
		t.Errorf("key in code: %s", ids(fs))
	}
	// A caller passing a computed value: the switch is unknown, not its default.
	files["infra/main.bicep"] = strings.Replace(mainBicep, "keysOff: true", "keysOff: environment == 'prod'", 1)
	if fs, _ := run(t, files, keyless("openai")); len(fs) != 0 {
		t.Errorf("computed parameter: %s", ids(fs))
	}
}

// A key a platform resource needs for itself is not handed to the app.
func TestPlatformKeyNotALeak(t *testing.T) {
	bicep := `resource logs 'Microsoft.OperationalInsights/workspaces@2022-10-01' existing = { name: 'logs' }
resource env 'Microsoft.App/managedEnvironments@2023-05-01' = {
  name: 'env'
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}
`
	if fs, _ := run(t, map[string]string{"main.bicep": bicep}); len(fs) != 0 {
		t.Errorf("platform key: %s", ids(fs))
	}
}

func TestFuncPkg(t *testing.T) {
	for in, want := range map[string]string{
		"(*github.com/Azure/azure-sdk-for-go/sdk/storage/azblob.Client).DownloadStream":    "github.com/Azure/azure-sdk-for-go/sdk/storage/azblob",
		"github.com/Azure/azure-sdk-for-go/sdk/messaging/azeventhubs/v2.NewProducerClient": "github.com/Azure/azure-sdk-for-go/sdk/messaging/azeventhubs/v2",
		"(example.com/x.T).M": "example.com/x",
	} {
		if got := funcPkg(in); got != want {
			t.Errorf("funcPkg(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestAVMCosmos: the document-db module's local-auth parameter under its
// current name and its pre-0.15.0 one, its default only while databases
// are deployed, key auth forced on for MongoDB, and SQL data roles in
// both of the module's shapes (sqlRoleAssignments objects, 0.14.0 on;
// sqlRoleAssignmentsPrincipalIds before).
func TestAVMCosmos(t *testing.T) {
	mod := func(version, params string) string {
		return "param appPrincipalId string\nmodule cosmos 'br/public:avm/res/document-db/database-account:" + version + "' = {\n  name: 'cosmos'\n  params: {\n    name: 'c'\n" + params + "  }\n}\n"
	}
	sqlDB := "    sqlDatabases: [ { name: 'app' } ]\n"
	newRole := "    sqlRoleAssignments: [\n      {\n        roleDefinitionId: '00000000-0000-0000-0000-000000000001'\n        principalId: appPrincipalId\n      }\n    ]\n"
	oldRole := "    sqlRoleAssignmentsPrincipalIds: [ appPrincipalId ]\n"
	for _, tc := range []struct {
		name, src string
		uses      []GoUse
		want      string
	}{
		{"default, databases deployed: keys off", mod("0.20.1", sqlDB+newRole), []GoUse{keyUse("cosmos")}, "infra/local-auth-off-key-in-code@main.bicep:2"},
		{"no database: the module sets nothing", mod("0.20.1", newRole), []GoUse{keyless("cosmos")}, "infra/local-auth-left-on@main.bicep:2"},
		{"current name, false", mod("0.20.1", sqlDB+newRole+"    disableLocalAuthentication: false\n"), []GoUse{keyless("cosmos")}, "infra/local-auth-left-on@main.bicep:13"},
		{"old name, false", mod("0.13.0", sqlDB+oldRole+"    disableLocalAuth: false\n"), []GoUse{keyless("cosmos")}, "infra/local-auth-left-on@main.bicep:8"},
		{"MongoDB forces keys on", mod("0.20.1", "    mongodbDatabases: [ { name: 'm' } ]\n    disableLocalAuthentication: true\n"), []GoUse{keyUse("cosmos")}, ""},
		{"new SQL role shape: a data role", mod("0.20.1", sqlDB+newRole), []GoUse{keyless("cosmos")}, ""},
		{"old SQL role shape: a data role", mod("0.13.0", sqlDB+oldRole), []GoUse{keyless("cosmos")}, ""},
		{"no SQL role", mod("0.20.1", sqlDB), []GoUse{keyless("cosmos")}, "infra/missing-data-role@main.bicep:2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs, _ := run(t, map[string]string{"main.bicep": tc.src}, tc.uses...)
			var got []report.Finding
			for _, f := range fs {
				if f.RuleID != RuleBroadRole {
					got = append(got, f)
				}
			}
			if ids(got) != tc.want {
				t.Errorf("got %q, want %q\n%s", ids(got), tc.want, tc.src)
			}
		})
	}
}

// TestDataRoleTerraformLoops: a role assignment written once for several
// roles (for_each over a map, a set or a map of objects; count over a
// list) assigns each of them.
func TestDataRoleTerraformLoops(t *testing.T) {
	head := `resource "azurerm_servicebus_namespace" "sb" {
  name               = "sb"
  local_auth_enabled = false
}
resource "azurerm_user_assigned_identity" "app" {
  name = "id"
}
`
	assign := func(loop, role string) string {
		return head + "resource \"azurerm_role_assignment\" \"app\" {\n  " + loop + "\n  scope                = azurerm_servicebus_namespace.sb.id\n  role_definition_name = " + role + "\n  principal_id         = azurerm_user_assigned_identity.app.principal_id\n}\n"
	}
	locals := "locals {\n  roles = {\n    receiver = \"Azure Service Bus Data Receiver\"\n    sender   = \"Azure Service Bus Data Sender\"\n  }\n}\n"
	listVar := "variable \"roles\" {\n  type    = list(string)\n  default = [\"Azure Service Bus Data Receiver\"]\n}\n"
	both := []GoUse{keyless("servicebus"), op("servicebus", "receive"), op("servicebus", "send")}
	receive := []GoUse{keyless("servicebus"), op("servicebus", "receive")}
	for _, tc := range []struct {
		name, src string
		uses      []GoUse
		want      string
	}{
		{"for_each over a local map, each.value", locals + assign("for_each = local.roles", "each.value"), both, ""},
		{"for_each over a set literal, each.key", assign(`for_each = toset(["Azure Service Bus Data Owner"])`, "each.key"), receive, "infra/role-broader-than-needed@main.tf:9"},
		{"for_each over a map of objects, each.value.role", assign(`for_each = { app = { role = "Azure Service Bus Data Receiver" } }`, "each.value.role"), receive, ""},
		{"count over a variable's list", listVar + assign("count = length(var.roles)", "var.roles[count.index]"), receive, ""},
		{"a loop of control-plane roles only", strings.NewReplacer("Azure Service Bus Data Receiver", "Reader", "Azure Service Bus Data Sender", "Monitoring Reader").Replace(locals) + assign("for_each = local.roles", "each.value"), both, "infra/missing-data-role@main.tf:7"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs, _ := run(t, map[string]string{"main.tf": tc.src}, tc.uses...)
			if got := ids(fs); got != tc.want {
				t.Errorf("got %q, want %q\n%s", got, tc.want, tc.src)
			}
		})
	}
}

// TestDataRoleARMCopy: an ARM role assignment in a copy loop over a
// parameter array assigns each of its roles.
func TestDataRoleARMCopy(t *testing.T) {
	arm := `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "roles": { "type": "array", "defaultValue": [ "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0", "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39" ] }
  },
  "resources": [
    { "type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31", "name": "app", "location": "westeurope" },
    { "type": "Microsoft.ServiceBus/namespaces", "apiVersion": "2022-10-01-preview", "name": "sb", "location": "westeurope", "properties": { "disableLocalAuth": true } },
    {
      "type": "Microsoft.Authorization/roleAssignments",
      "apiVersion": "2022-04-01",
      "copy": { "name": "roleLoop", "count": "[length(parameters('roles'))]" },
      "scope": "[format('Microsoft.ServiceBus/namespaces/{0}', 'sb')]",
      "name": "[guid('sb', parameters('roles')[copyIndex()])]",
      "properties": {
        "roleDefinitionId": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', parameters('roles')[copyIndex()])]",
        "principalId": "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'app'), '2023-01-31').principalId]",
        "principalType": "ServicePrincipal"
      }
    }
  ]
}
`
	receive := []GoUse{keyless("servicebus"), op("servicebus", "receive")}
	if fs, _ := run(t, map[string]string{"azuredeploy.json": arm}, receive...); len(fs) != 0 {
		t.Errorf("receiver and sender in the loop: %s", ids(fs))
	}
	owner := strings.Replace(arm, `"4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0", "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"`, `"090c5cfd-751d-490a-894a-3ce6f1109419"`, 1)
	if fs, _ := run(t, map[string]string{"azuredeploy.json": owner}, receive...); ids(fs) != "infra/role-broader-than-needed@azuredeploy.json:5" {
		t.Errorf("Data Owner in the loop: %s", ids(fs))
	}
	none := strings.Replace(arm, `"4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0", "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"`, `"acdd72a7-3385-48ef-bd42-f606fba81ae7"`, 1)
	if fs, _ := run(t, map[string]string{"azuredeploy.json": none}, receive...); !strings.HasPrefix(ids(fs), "infra/missing-data-role@") || len(fs) != 1 {
		t.Errorf("Reader only in the loop: %s", ids(fs))
	}
}

// TestDataRoleCoversOps: a data role that allows part of what the Go
// code does (Receiver, for code that also sends) is reported with the
// role for the rest; roles that together allow it all are not.
func TestDataRoleCoversOps(t *testing.T) {
	receiver := strings.Replace(busWithRole, "090c5cfd-751d-490a-894a-3ce6f1109419", "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0", 1)
	both := []GoUse{keyless("servicebus"), op("servicebus", "receive"), op("servicebus", "send")}
	fs, _ := run(t, map[string]string{"main.bicep": receiver}, both...)
	if ids(fs) != "infra/missing-data-role@main.bicep:21" || !strings.Contains(fs[0].Message, "to send") ||
		!strings.Contains(fs[0].Message, "Azure Service Bus Data Sender (69a216fc-b8fb-44d8-bc22-1f3c2cd27a39)") || fs[0].Severity != rules.SeverityWarning {
		t.Fatalf("receiver only, code sends too: %+v", fs)
	}
	if fs, _ := run(t, map[string]string{"main.bicep": receiver}, keyless("servicebus"), op("servicebus", "receive")); len(fs) != 0 {
		t.Errorf("receiver for code that only receives: %s", ids(fs))
	}
	i := strings.Index(receiver, "resource ra")
	sender := strings.NewReplacer("resource ra", "resource ra2", "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0", "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39", "guid(bus.id, 'x')", "guid(bus.id, 'y')").Replace(receiver[i:])
	if fs, _ := run(t, map[string]string{"main.bicep": receiver + sender}, both...); len(fs) != 0 {
		t.Errorf("receiver and sender: %s", ids(fs))
	}
}
