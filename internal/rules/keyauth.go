package rules

import "strings"

// KeyAuthRule describes key-based APIs of one service and their keyless
// replacement. Matching is by the callee's full types name
// (typeutil.Callee + (*types.Func).FullName), never by identifier text.
type KeyAuthRule struct {
	Pos Pos
	// ID is the rule name; the full rule id is "keyauth/" + ID.
	ID  string `yaml:"id"`
	Doc `yaml:",inline"`
	// Service is the product name used in messages ("Azure OpenAI").
	Service string `yaml:"service"`
	// Funcs are the key-based functions, methods or options by
	// (*types.Func).FullName, e.g.
	// "github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai.NewClientWithKeyCredential"
	// or "(*github.com/.../armstorage.AccountsClient).ListKeys".
	Funcs []string `yaml:"funcs"`
	// KeyArg is the index of the argument that carries the key, or -1.
	KeyArg int `yaml:"keyArg"`
	// Replacement is the keyless function's full name, if one exists.
	Replacement string `yaml:"replacement"`
	// Fix names the rewrite shape (see analyzers/keyauth); "" or "none"
	// means report only and tell the user what to do (Advice).
	Fix string `yaml:"fix"`
	// Role is the least-privilege role to grant the identity.
	Role string `yaml:"role"`
	// Advice is the one-line instruction when no mechanical fix exists.
	Advice string `yaml:"advice"`
}

// RuleID is the full rule id.
func (r KeyAuthRule) RuleID() string { return "keyauth/" + r.ID }

func (r KeyAuthRule) validate() error {
	if err := r.Doc.validate(r.Pos); err != nil {
		return err
	}
	if len(r.Funcs) == 0 {
		return errorf(r.Pos, "keyauth rule %q lists no funcs", r.ID)
	}
	for _, f := range r.Funcs {
		if !strings.Contains(f, ".") {
			return errorf(r.Pos, "keyauth rule %q: func %q is not a full name like \"example.com/pkg.Func\"", r.ID, f)
		}
	}
	return nil
}
