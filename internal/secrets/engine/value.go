package engine

// Value is a whole Go string constant and what the code around it says.
type Value struct {
	Text string
	// Name is what the value is bound to: identifier, field, map key,
	// "pkg.Func.param" for a call argument, or the env var name of a
	// getenv-style default. "" when none.
	Name string
	// KeyArg: the value is the key argument of a keyauth-cataloged call.
	KeyArg bool
	// Rule, when set, is the one value rule the value is tried against:
	// the key argument of an Azure Storage call is a Storage key even
	// though a Cosmos DB key has the same shape.
	Rule string
	// AzureFile: the file names an Azure AI endpoint
	// (*.openai.azure.com, *.cognitiveservices.azure.com, …).
	AzureFile bool
}

// ScanValue applies the context-dependent `value:` rules to v (32-hex
// Cognitive keys, 88-character Storage/Cosmos keys): a match spans the
// whole text. It does not run Scan; callers run both.
func (e *Engine) ScanValue(v Value) []Match {
	if len(v.Text) < minText {
		return nil
	}
	for _, r := range e.valueRules {
		if v.Rule != "" && r.spec.ID != v.Rule {
			continue
		}
		re, names, exclude := r.value.Compiled()
		if !re.MatchString(v.Text) {
			continue
		}
		excluded := v.Name != "" && exclude != nil && exclude.MatchString(v.Name)
		named := v.Name != "" && names != nil && names.MatchString(v.Name) && !excluded
		if !v.KeyArg && !named && !(v.AzureFile && !excluded) {
			continue
		}
		if !e.accept(r, v.Text, v.Text, v.Text, "") {
			continue
		}
		return []Match{{RuleID: r.spec.ID, Secret: v.Text, Start: 0, End: len(v.Text)}}
	}
	return nil
}
