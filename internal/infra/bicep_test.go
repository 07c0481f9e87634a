package infra

import (
	"strings"
	"testing"
)

// realWorldBicep has the shapes azd templates use: decorators, imports,
// user-defined types and functions, loops, conditions, triple-quoted strings,
// interpolation, ?. ! ?? ternaries and lambdas, nested child resources,
// existing resources and AVM modules.
const realWorldBicep = `metadata description = 'orders'
targetScope = 'resourceGroup'
import { roleIds } from './roles.bicep'

@export()
type accountConfig = {
  name: string
  @minValue(1)
  capacity: int?
}

func prefixed(name string) string => 'app-${name}'

@description('''
A multi-line description
with 'quotes' and ${not} interpolation.
''')
param accounts accountConfig[] = [
  { name: 'a', capacity: 1 }, { name: 'b' }
]
@secure()
param adminKey string = ''
param deployCosmos bool = true
var names = map(accounts, a => prefixed(a.name))
var capacity = accounts[0].?capacity ?? 10
var first = accounts[0]!.name

resource existingVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-shared'
}

resource oai 'Microsoft.CognitiveServices/accounts@2024-10-01' = [for (acct, i) in accounts: {
  name: prefixed(acct.name)
  location: resourceGroup().location
  kind: 'OpenAI'
  properties: {
    disableLocalAuth: i == 0 ? true : false
    customSubDomainName: toLower('${acct.name}-${uniqueString(resourceGroup().id)}')
  }
}]

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = if (deployCosmos) {
  name: 'cosmos'
  properties: {
    disableLocalAuth: true
    locations: [
      {
        locationName: 'westeurope'
      }
    ]
  }
  resource db 'sqlDatabases' = {
    name: 'app'
    properties: { resource: { id: 'app' } }
  }
}

module kv 'br/public:avm/res/key-vault/vault:0.11.0' = {
  name: 'kv'
  params: { name: 'kv-${first}' }
}

output keys object = oai[0].listKeys()
output endpoint string = cosmos.properties.documentEndpoint
`

func TestParseBicepRealWorld(t *testing.T) {
	f, errs := ParseBicep("main.bicep", []byte(realWorldBicep))
	for _, e := range errs {
		t.Errorf("unexpected error: %v", e)
	}
	var got []string
	for _, r := range f.Resources {
		got = append(got, r.Symbol+" "+r.Type+" "+r.Module)
	}
	want := []string{
		"existingVault Microsoft.KeyVault/vaults ",
		"oai Microsoft.CognitiveServices/accounts ",
		"db Microsoft.DocumentDB/databaseAccounts/sqlDatabases ",
		"cosmos Microsoft.DocumentDB/databaseAccounts ",
		"kv  avm/res/key-vault/vault",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("resources:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !f.Resources[0].Existing {
		t.Error("existingVault: Existing not set")
	}
	oai := f.Resources[1]
	if oai.Pos.Line != 32 {
		t.Errorf("oai at line %d, want 32", oai.Pos.Line)
	}
	dla := oai.Body.Get("properties.disableLocalAuth")
	if dla == nil || dla.Kind != Expr || dla.Pos.Line != 37 || dla.Pos.Col != 23 {
		t.Errorf("oai disableLocalAuth = %+v, want an expression at 37:23", dla)
	}
	cos := f.Resources[3].Body.Get("properties.disableLocalAuth")
	if cos == nil || cos.Kind != Bool || !cos.Bool || cos.Pos.Line != 45 {
		t.Errorf("cosmos disableLocalAuth = %+v, want true at line 45", cos)
	}
	if len(f.Outputs) != 2 || f.Outputs[0].Name != "keys" || !contains(f.Outputs[0].Value.Calls, "listKeys") {
		t.Errorf("outputs = %+v", f.Outputs)
	}
	if v := f.Symbols["deployCosmos"]; v == nil || v.Kind != Bool || !v.Bool {
		t.Errorf("param default deployCosmos = %+v", v)
	}
	if v := f.Symbols["adminKey"]; v == nil || v.Kind != String {
		t.Errorf("param default adminKey = %+v", v)
	}
}

func contains(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}

// A syntax error is reported at its line and the rest of the file is
// still read.
func TestParseBicepRecovers(t *testing.T) {
	src := `param a string = 'x'
resource broken 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'st'
  properties: {
    allowSharedKeyAccess true
  }
}
var s = 'unterminated
resource ok 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: 'sb'
  properties: { disableLocalAuth: false }
}
`
	f, errs := ParseBicep("bad.bicep", []byte(src))
	if len(errs) < 2 {
		t.Fatalf("want at least 2 errors, got %v", errs)
	}
	if errs[0].Pos.Line != 8 && errs[0].Pos.Line != 5 {
		t.Errorf("first error at %v", errs[0])
	}
	lines := map[int]bool{}
	for _, e := range errs {
		lines[e.Pos.Line] = true
		if !strings.HasPrefix(e.Error(), "bad.bicep:") {
			t.Errorf("error %q lacks the file name", e)
		}
	}
	if !lines[5] || !lines[8] {
		t.Errorf("errors at lines %v, want 5 and 8", lines)
	}
	var ok *Resource
	for _, r := range f.Resources {
		if r.Symbol == "ok" {
			ok = r
		}
	}
	if ok == nil || ok.Body.Get("properties.disableLocalAuth") == nil {
		t.Fatalf("resource after the errors not read: %+v", f.Resources)
	}
}

func TestParseBicepIgnores(t *testing.T) {
	src := "resource r 'Microsoft.Authorization/roleAssignments@2022-04-01' = {\n" +
		"  // keyless:ignore infra/broad-role -- bootstrap only\n" +
		"  properties: { roleDefinitionId: 'x' }\n}\n"
	f, errs := ParseBicep("r.bicep", []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if _, ok := f.Ignored(3, "infra/broad-role"); !ok {
		t.Error("ignore comment on the line above not found")
	}
	if _, ok := f.Ignored(4, "infra/broad-role"); ok {
		t.Error("ignore comment covers two lines below")
	}
	if _, ok := f.Ignored(3, "infra/key-leaves-template"); ok {
		t.Error("ignore comment covers another rule")
	}
}

func FuzzParseBicep(f *testing.F) {
	f.Add(realWorldBicep)
	f.Add("resource a 'T@1' = {\n p: [for x in y: {\n q: '${x}' }]\n}")
	f.Add("var x = '''\nabc")
	f.Add("output o string = a.b!.c?.d ?? 'x'\n@sys.description('d')\nparam p int")
	f.Fuzz(func(t *testing.T, src string) {
		file, errs := ParseBicep("f.bicep", []byte(src))
		checkPositions(t, []byte(src), file, errs)
	})
}

// checkPositions asserts every position of a parse is inside the file.
func checkPositions(t *testing.T, src []byte, f *File, errs []*SyntaxError) {
	t.Helper()
	in := func(p Pos, what string) {
		if p.Offset < 0 || p.Offset > len(src) || p.Line < 0 || p.Line > strings.Count(string(src), "\n")+1 {
			t.Fatalf("%s position %+v outside the file (%d bytes)", what, p, len(src))
		}
	}
	for _, e := range errs {
		in(e.Pos, "error")
	}
	if f == nil {
		return
	}
	for _, r := range f.Resources {
		in(r.Pos, "resource")
		r.Body.Walk(func(n *Node) {
			in(n.Pos, "node")
			in(n.End, "node end")
			for _, s := range n.Strings {
				in(s.Pos, "string")
			}
		})
	}
	for _, o := range f.Outputs {
		in(o.Pos, "output")
	}
}

// TestBicepUnclosed: an object or array left open is reported where it
// opens, and what was read before the end of the file is kept.
func TestBicepUnclosed(t *testing.T) {
	src := "resource x 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  name: 'x'\n  tags: [\n 'a'\n"
	f, errs := ParseBicep("main.bicep", []byte(src))
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	want := []string{"main.bicep:3:9: unclosed [", "main.bicep:1:61: unclosed {"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(f.Resources) != 1 || f.Resources[0].Body.Get("name").Str != "x" {
		t.Errorf("the resource read before the end is lost: %+v", f.Resources)
	}
}
