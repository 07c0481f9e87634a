#!/bin/sh
# Regenerates the SDK stubs under src/ from the Go module cache
# (go mod download -json <module>@<version> first).
set -e
cd "$(dirname "$0")"
M=$(go env GOMODCACHE)/github.com/!azure/azure-sdk-for-go/sdk/resourcemanager
S=src/github.com/Azure/azure-sdk-for-go/sdk/resourcemanager
AUTH_FUNCS=NewRoleAssignmentsClient,RoleAssignmentsClient.Create,RoleAssignmentsClient.CreateByID,RoleAssignmentsClient.Delete,RoleAssignmentsClient.Get,NewRoleDefinitionsClient,RoleDefinitionsClient.CreateOrUpdate,RoleDefinitionsClient.NewListPager,RoleDefinitionsClient.Get,NewRoleAssignmentScheduleRequestsClient,RoleAssignmentScheduleRequestsClient.Create,NewRoleEligibilityScheduleRequestsClient,RoleEligibilityScheduleRequestsClient.Create
AUTH_TYPES=PrincipalType,RequestType
go run stubgen.go -src "$M/authorization/armauthorization@v1.0.0" -out "$S/authorization/armauthorization" -types $AUTH_TYPES -funcs $AUTH_FUNCS
for v in v2@v2.2.0 v3@v3.0.0-beta.2; do
  go run stubgen.go -src "$M/authorization/armauthorization/$v" -out "$S/authorization/armauthorization/${v%@*}" -types $AUTH_TYPES -funcs $AUTH_FUNCS,NewClientFactory,ClientFactory.NewRoleAssignmentsClient,ClientFactory.NewRoleDefinitionsClient
done
COG_FUNCS=NewAccountsClient,AccountsClient.BeginCreate,AccountsClient.BeginUpdate,AccountsClient.ListKeys,NewClientFactory,ClientFactory.NewAccountsClient
go run stubgen.go -src "$M/cognitiveservices/armcognitiveservices@v1.7.0" -out "$S/cognitiveservices/armcognitiveservices" -types Kind -funcs $COG_FUNCS
go run stubgen.go -src "$M/cognitiveservices/armcognitiveservices/v2@v2.0.0" -out "$S/cognitiveservices/armcognitiveservices/v2" -types Kind -funcs $COG_FUNCS
