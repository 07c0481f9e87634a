// Package localauth provisions Cognitive Services accounts with
// armcognitiveservices v1.
package localauth

import (
	"context"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/cognitiveservices/armcognitiveservices"
)

func unset(ctx context.Context, c *armcognitiveservices.AccountsClient, name string) error {
	_, err := c.BeginCreate(ctx, "rg", name, armcognitiveservices.Account{
		Kind:     to.Ptr("OpenAI"),
		Location: to.Ptr("swedencentral"),
		Properties: &armcognitiveservices.AccountProperties{ // want `^broadrole/local-auth-enabled: Cognitive Services account created without DisableLocalAuth: its API keys keep working; set DisableLocalAuth: to\.Ptr\(true\)$`
			CustomSubDomainName: to.Ptr(name),
		},
	}, nil)
	return err
}

func explicitFalse(ctx context.Context, c *armcognitiveservices.AccountsClient, name string) error {
	_, err := c.BeginCreate(ctx, "rg", name, armcognitiveservices.Account{
		Kind: to.Ptr("OpenAI"),
		Properties: &armcognitiveservices.AccountProperties{
			CustomSubDomainName: to.Ptr(name),
			DisableLocalAuth:    to.Ptr(false), // want `^broadrole/local-auth-enabled: Cognitive Services account with DisableLocalAuth false`
		},
	}, nil)
	return err
}

func noProperties(ctx context.Context, c *armcognitiveservices.AccountsClient, name string) error {
	account := armcognitiveservices.Account{ // want `^broadrole/local-auth-enabled: Cognitive Services account created without DisableLocalAuth`
		Kind:     to.Ptr("OpenAI"),
		Location: to.Ptr("swedencentral"),
	}
	_, err := c.BeginCreate(ctx, "rg", name, account, nil)
	return err
}

func emptyProperties(ctx context.Context, c *armcognitiveservices.AccountsClient, name string) error {
	_, err := c.BeginCreate(ctx, "rg", name, armcognitiveservices.Account{Kind: to.Ptr("OpenAI"), Properties: &armcognitiveservices.AccountProperties{}}, nil) // want `^broadrole/local-auth-enabled: Cognitive Services account created without DisableLocalAuth`
	return err
}

func nilValue(ctx context.Context, c *armcognitiveservices.AccountsClient, name string) error {
	_, err := c.BeginCreate(ctx, "rg", name, armcognitiveservices.Account{
		Properties: &armcognitiveservices.AccountProperties{CustomSubDomainName: to.Ptr(name), DisableLocalAuth: nil}, // want `^broadrole/local-auth-enabled: Cognitive Services account created without DisableLocalAuth`
	}, nil)
	return err
}

// An update that turns key auth back on.
func update(ctx context.Context, c *armcognitiveservices.AccountsClient, name string) error {
	_, err := c.BeginUpdate(ctx, "rg", name, armcognitiveservices.Account{
		Properties: &armcognitiveservices.AccountProperties{DisableLocalAuth: to.Ptr(false)}, // want `^broadrole/local-auth-enabled: Cognitive Services account with DisableLocalAuth false`
	}, nil)
	return err
}

// A variable: reported, but replacing it would leave f unused, so no fix.
func falseVariable(ctx context.Context, c *armcognitiveservices.AccountsClient, name string) error {
	f := false
	_, err := c.BeginCreate(ctx, "rg", name, armcognitiveservices.Account{
		Properties: &armcognitiveservices.AccountProperties{DisableLocalAuth: &f}, // want `^broadrole/local-auth-enabled: Cognitive Services account with DisableLocalAuth false`
	}, nil)
	return err
}

// Negatives: key auth off, set later, or an account built elsewhere.
func keyless(ctx context.Context, c *armcognitiveservices.AccountsClient, name string, account armcognitiveservices.Account) error {
	if _, err := c.BeginCreate(ctx, "rg", name, armcognitiveservices.Account{
		Properties: &armcognitiveservices.AccountProperties{DisableLocalAuth: to.Ptr(true)},
	}, nil); err != nil {
		return err
	}
	acct := armcognitiveservices.Account{Properties: &armcognitiveservices.AccountProperties{CustomSubDomainName: to.Ptr(name)}}
	acct.Properties.DisableLocalAuth = to.Ptr(true)
	if _, err := c.BeginCreate(ctx, "rg", name, acct, nil); err != nil {
		return err
	}
	_, err := c.BeginCreate(ctx, "rg", name, account, nil)
	return err
}
