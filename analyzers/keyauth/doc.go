// Package keyauth defines an Analyzer that reports key-based
// authentication to Azure AI and data services and suggests the keyless
// (Entra ID) construction.
//
// # Analyzer keyauth
//
// keyauth: reports key-based authentication to Azure AI and data services and suggests the keyless (Entra ID) construction
//
// keyauth flags clients built with API keys, shared keys, SAS tokens,
// connection strings or client secrets, calls of user functions that
// wrap them, and raw HTTP requests carrying a key header (api-key,
// Ocp-Apim-Subscription-Key: the headers of rules.yaml). Where the
// keyless rewrite is mechanical it offers one fix: the keyless
// constructor with azidentity.NewDefaultAzureCredential.
//
// The APIs are data: the keyauth section of rules.yaml lists, per rule,
// the key-based functions by full types name, which argument carries the
// key, the keyless sibling, the fix shape and the role to grant. Calls
// are matched by type (typeutil.Callee), so aliased and dot imports,
// method and function values, closures, generic code and init functions
// do not hide them. A function of the analyzed code whose parameter
// reaches a key argument is a wrapper: it gets a fact, and its call
// sites (in any package) are reported under the wrapped rule.
//
// openai-go options (option.WithAPIKey, option.WithHeader("api-key", …))
// are reported only when the client they configure targets Azure
// (azure.WithEndpoint among its options, or an Azure host in
// option.WithBaseURL); plain OpenAI use is not key auth to Azure.
//
// Fixes (one per diagnostic) rewrite `NewClientWithKeyCredential(ep,
// azcore.NewKeyCredential(k), opts)` to `NewClient(ep, cred, opts)` with
// `cred, err := azidentity.NewDefaultAzureCredential(nil)` declared
// before the statement and its error handled as the enclosing function
// can; declarations and imports the rewrite leaves unused are deleted.
// A connection string is rewritten only when it is built in sight and its
// endpoint part can be written without the secret (Service Bus, Event
// Hubs, App Configuration, Cosmos DB). openai-go options become
// azure.WithTokenCredential(cred) unless the client uses an Azure base
// URL on openai-go v3.53 or later (known from the module version).
// Where no rewrite is certain to compile (connection strings read from
// the environment, package initializers, azfile's token intent) the
// finding says what to do instead. Values (base URLs, header names,
// connection strings) are followed as package constval follows them:
// constants, concatenation, fmt.Sprintf, variables assigned once and
// helpers of the package with one return statement.
//
// Every fix compiles applied alone and applied together with all other
// fixes of its file (see package fixedit); the tests type-check both.
package keyauth

import _ "embed"

//go:embed doc.go
var doc string
