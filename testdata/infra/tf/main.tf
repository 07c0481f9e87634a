# The same service in Terraform (azurerm).
terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
  }
}

variable "name" {
  type    = string
  default = "orders"
}

locals {
  location = "westeurope"
  tags     = { owner = "orders-team" }
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-${var.name}"
  location = local.location
}

resource "azurerm_user_assigned_identity" "app" {
  name                = "id-${var.name}"
  resource_group_name = azurerm_resource_group.rg.name
  location            = local.location
}

resource "azurerm_cognitive_account" "openai" {
  name                  = "oai-${var.name}"
  resource_group_name   = azurerm_resource_group.rg.name
  location              = local.location
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "oai-${var.name}"
  local_auth_enabled    = false # want: infra/local-auth-off-key-in-code
}

resource "azurerm_servicebus_namespace" "bus" {
  name                = "sb-${var.name}"
  resource_group_name = azurerm_resource_group.rg.name
  location            = local.location
  sku                 = "Standard"
  local_auth_enabled  = true # want: infra/local-auth-left-on
}

resource "azurerm_role_assignment" "bus_owner" {
  scope                = azurerm_servicebus_namespace.bus.id
  role_definition_name = "Azure Service Bus Data Owner" # want: infra/role-broader-than-needed
  principal_id         = azurerm_user_assigned_identity.app.principal_id
  principal_type       = "ServicePrincipal"
}

resource "azurerm_storage_account" "st" { # want: infra/local-auth-left-on infra/missing-data-role
  name                     = "st${var.name}"
  resource_group_name      = azurerm_resource_group.rg.name
  location                 = local.location
  account_tier             = "Standard"
  account_replication_type = "LRS"
  min_tls_version          = "TLS1_2"
}

resource "azurerm_cosmosdb_account" "cosmos" {
  name                          = "cosmos-${var.name}"
  resource_group_name           = azurerm_resource_group.rg.name
  location                      = local.location
  offer_type                    = "Standard"
  local_authentication_disabled = true

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = local.location
    failover_priority = 0
  }
}

resource "azurerm_cosmosdb_sql_role_assignment" "app_data" {
  resource_group_name = azurerm_resource_group.rg.name
  account_name        = azurerm_cosmosdb_account.cosmos.name
  role_definition_id  = "${azurerm_cosmosdb_account.cosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002"
  principal_id        = azurerm_user_assigned_identity.app.principal_id
  scope               = azurerm_cosmosdb_account.cosmos.id
}

resource "azurerm_service_plan" "plan" {
  name                = "plan-${var.name}"
  resource_group_name = azurerm_resource_group.rg.name
  location            = local.location
  os_type             = "Linux"
  sku_name            = "B1"
}

resource "azurerm_linux_web_app" "api" {
  name                = "app-${var.name}"
  resource_group_name = azurerm_resource_group.rg.name
  location            = local.location
  service_plan_id     = azurerm_service_plan.plan.id

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.app.id]
  }

  app_settings = {
    AZURE_CLIENT_ID      = azurerm_user_assigned_identity.app.client_id
    SERVICEBUS_NAMESPACE = "${azurerm_servicebus_namespace.bus.name}.servicebus.windows.net"
    STORAGE_KEY          = azurerm_storage_account.st.primary_access_key # want: infra/key-leaves-template
  }

  site_config {}
}

resource "azurerm_role_assignment" "app_owner" {
  scope                = azurerm_resource_group.rg.id
  role_definition_name = "Owner" # want: infra/broad-role
  principal_id         = azurerm_user_assigned_identity.app.principal_id
}

# A person, not the workload: not reported.
resource "azurerm_role_assignment" "dev_owner" {
  scope                = azurerm_resource_group.rg.id
  role_definition_name = "Owner"
  principal_id         = "00000000-0000-0000-0000-00000000beef"
  principal_type       = "User"
}

output "servicebus_connection" {
  value     = azurerm_servicebus_namespace.bus.default_primary_connection_string # want: infra/key-leaves-template
  sensitive = true
}

output "openai_endpoint" {
  value = azurerm_cognitive_account.openai.endpoint
}
