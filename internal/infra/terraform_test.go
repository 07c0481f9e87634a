package infra

import (
	"strings"
	"testing"
)

const realWorldTF = `# comment
resource "azurerm_storage_account" "st" {
  name                      = "st${var.name}"
  shared_access_key_enabled = false
  count                     = var.enabled ? 1 : 0

  network_rules {
    default_action = "Deny"
  }
}

resource "azurerm_linux_function_app" "fn" {
  app_settings = {
    "AzureWebJobsStorage__accountName" = azurerm_storage_account.st[0].name
    KEY = azurerm_storage_account.st[0].primary_access_key
  }
  dynamic "connection_string" {
    for_each = var.cs
    content {
      value = each.value
    }
  }
}

variable "enabled" {
  default = true
}

output "key" {
  value     = lookup(azurerm_storage_account.st[0], "primary_access_key")
  sensitive = true
}
`

func TestParseTerraform(t *testing.T) {
	f, errs := ParseTerraform("main.tf", []byte(realWorldTF))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(f.Resources) != 2 || f.Resources[0].Symbol != "azurerm_storage_account.st" || f.Resources[0].Pos.Line != 2 {
		t.Fatalf("resources = %+v", f.Resources)
	}
	sak := f.Resources[0].Body.Get("shared_access_key_enabled")
	if sak == nil || sak.Kind != Bool || sak.Bool || sak.Pos.Line != 4 || sak.Pos.Col != 31 {
		t.Errorf("shared_access_key_enabled = %+v", sak)
	}
	if n := f.Resources[0].Body.Get("network_rules.default_action"); n == nil || n.Str != "Deny" {
		t.Errorf("nested block attribute = %+v", n)
	}
	key := f.Resources[1].Body.Get("app_settings.KEY")
	if key == nil || !contains(key.Refs, "azurerm_storage_account.st.primary_access_key") || key.Pos.Line != 15 {
		t.Errorf("app_settings.KEY = %+v", key)
	}
	if v := f.Symbols["var.enabled"]; v == nil || v.Kind != Bool || !v.Bool {
		t.Errorf("variable default = %+v", v)
	}
	if len(f.Outputs) != 1 || !contains(f.Outputs[0].Value.Calls, "lookup") {
		t.Errorf("outputs = %+v", f.Outputs)
	}
}

func TestParseTerraformJSON(t *testing.T) {
	src := `{
  "resource": {
    "azurerm_cognitive_account": {
      "oai": { "name": "oai", "local_auth_enabled": false }
    }
  },
  "output": { "k": { "value": "${azurerm_cognitive_account.oai.primary_access_key}" } }
}`
	f, errs := ParseTerraform("main.tf.json", []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(f.Resources) != 1 || f.Resources[0].Body.Get("local_auth_enabled") == nil {
		t.Fatalf("resources = %+v", f.Resources)
	}
	if len(f.Outputs) != 1 || !contains(f.Outputs[0].Value.Refs, "azurerm_cognitive_account.oai.primary_access_key") || f.Outputs[0].Value.Pos.Line != 7 {
		t.Errorf("outputs = %+v", f.Outputs[0].Value)
	}
}

func TestParseTerraformError(t *testing.T) {
	src := "resource \"azurerm_storage_account\" \"st\" {\n  name = \"x\"\n  bad = = 1\n}\n"
	_, errs := ParseTerraform("bad.tf", []byte(src))
	if len(errs) == 0 || errs[0].Pos.Line != 3 || !strings.HasPrefix(errs[0].Error(), "bad.tf:3:") {
		t.Fatalf("errors = %v, want one at bad.tf:3", errs)
	}
}

func FuzzParseTerraform(f *testing.F) {
	f.Add(realWorldTF, false)
	f.Add(`{"resource": {"a": {"b": {"c": "${x.y}"}}}}`, true)
	f.Fuzz(func(t *testing.T, src string, asJSON bool) {
		name := "f.tf"
		if asJSON {
			name += ".json"
		}
		file, errs := ParseTerraform(name, []byte(src))
		checkPositions(t, []byte(src), file, errs)
	})
}
