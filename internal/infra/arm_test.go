package infra

import (
	"strings"
	"testing"
)

// languageVersion 2.0 (symbolic names), comments, trailing commas, child
// resources, a nested deployment with an inline template and outputs.
const realWorldARM = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "languageVersion": "2.0",
  "contentVersion": "1.0.0.0",
  /* block comment */
  "parameters": {
    "keysOff": { "type": "bool", "defaultValue": false },
  },
  "variables": { "role": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b24988ac-6180-42a0-ab88-20f7382dd24c')]" },
  "resources": {
    "bus": {
      "type": "Microsoft.ServiceBus/namespaces",
      "apiVersion": "2022-10-01-preview",
      "name": "sb-x",
      "properties": { "disableLocalAuth": "[parameters('keysOff')]" },
      "resources": [
        { "type": "queues", "apiVersion": "2022-10-01-preview", "name": "orders" }
      ]
    },
    "nested": {
      "type": "Microsoft.Resources/deployments",
      "apiVersion": "2022-09-01",
      "name": "inner",
      "properties": {
        "template": {
          "resources": [
            { "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01", "name": "st\"x" }
          ],
          "outputs": { "cs": { "type": "string", "value": "[listKeys('st', '2023-05-01').keys[0].value]" } }
        }
      }
    }
  }
}`

func TestParseARMRealWorld(t *testing.T) {
	root, comments, err := ParseJSON("azuredeploy.json", []byte(realWorldARM))
	if err != nil {
		t.Fatal(err)
	}
	if len(comments) != 1 {
		t.Errorf("comments = %v", comments)
	}
	f := armFile("azuredeploy.json", []byte(realWorldARM), root)
	var got []string
	for _, r := range f.Resources {
		got = append(got, r.Symbol+" "+r.Type)
	}
	want := "bus Microsoft.ServiceBus/namespaces\nsb-x/orders Microsoft.ServiceBus/namespaces/queues\nnested Microsoft.Resources/deployments\nst\"x Microsoft.Storage/storageAccounts"
	if strings.Join(got, "\n") != strings.Replace(want, "sb-x/orders", "orders", 1) {
		t.Errorf("resources:\n%s", strings.Join(got, "\n"))
	}
	dla := f.Resources[0].Body.Get("properties.disableLocalAuth")
	if dla == nil || dla.Kind != Expr || dla.Pos.Line != 15 {
		t.Fatalf("disableLocalAuth = %+v", dla)
	}
	if v, ok := f.boolValue(dla); !ok || v {
		t.Errorf("parameters('keysOff') folded to %v %v, want false true", v, ok)
	}
	if len(f.Outputs) != 1 || !contains(f.Outputs[0].Value.Calls, "listKeys") || f.Outputs[0].Value.Pos.Line != 29 {
		t.Errorf("nested outputs = %+v", f.Outputs)
	}
	role := f.Symbols["role"]
	if role == nil || len(role.Strings) != 2 {
		t.Fatalf("role variable = %+v", role)
	}
	// String literals inside an expression carry their own columns.
	g := role.Strings[1]
	line := strings.Split(realWorldARM, "\n")[g.Pos.Line-1]
	if !strings.HasPrefix(line[g.Pos.Col-1:], "'b24988ac") {
		t.Errorf("GUID literal at %d:%d points at %q", g.Pos.Line, g.Pos.Col, line[g.Pos.Col-1:])
	}
}

func TestParseJSONErrors(t *testing.T) {
	for _, tc := range []struct {
		src  string
		line int
	}{
		{"{\n  \"a\": 1\n  \"b\": 2\n}", 3},
		{"{\n  \"a\": [1, 2\n", 2},
		{"{\n\n  \"a\": tru\n}", 3},
		{"{\n  \"a\": \"unterminated\n}", 2},
		{"{} x", 1},
	} {
		_, _, err := ParseJSON("t.json", []byte(tc.src))
		if err == nil || err.Pos.Line != tc.line || !strings.HasPrefix(err.Error(), "t.json:") {
			t.Errorf("%q: error %v, want one at line %d", tc.src, err, tc.line)
		}
	}
}

func FuzzParseJSON(f *testing.F) {
	f.Add(realWorldARM)
	f.Add(`{"a": "[concat('x''y', parameters('p'))]", /* c */ "b": [1,],}`)
	f.Fuzz(func(t *testing.T, src string) {
		root, _, err := ParseJSON("f.json", []byte(src))
		if err != nil {
			checkPositions(t, []byte(src), nil, []*SyntaxError{err})
			return
		}
		checkPositions(t, []byte(src), armFile("f.json", []byte(src), root), nil)
	})
}

// TestJSONUnclosed: an object or array left open is reported where it
// opens.
func TestJSONUnclosed(t *testing.T) {
	for src, want := range map[string]string{
		`{"resources": {"type": "x"}` + "\n":   "t.json:1:1: unclosed {",
		`{"resources": [{"type": "x"},` + "\n": "t.json:1:15: unclosed [",
	} {
		_, _, err := ParseJSON("t.json", []byte(src))
		if err == nil || err.Error() != want {
			t.Errorf("%q: error %v, want %s", src, err, want)
		}
	}
}
