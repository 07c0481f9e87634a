package analyzers_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/analyzers"
)

// Select is the one meaning of enable/disable for the CLI's flags and the
// plugin's settings.
func TestSelect(t *testing.T) {
	names := func(defs []analyzers.Def) []string {
		var out []string
		for _, d := range defs {
			out = append(out, d.Name)
		}
		return out
	}
	for _, tc := range []struct {
		enable, disable []string
		want            []string
		err             string
	}{
		{want: analyzers.Names()},
		{enable: []string{"broadrole", "keyauth"}, want: []string{"keyauth", "broadrole"}},
		{disable: []string{"keyauth"}, want: []string{"hardcodedsecret", "broadrole", "ignorecheck"}},
		{enable: []string{"keyauth", "broadrole"}, disable: []string{"hardcodedsecret"}, want: []string{"keyauth", "broadrole"}},
		{enable: []string{"keyauht"}, err: `enable: unknown analyzer "keyauht"`},
		{disable: []string{"nope"}, err: `disable: unknown analyzer "nope"`},
		{enable: []string{"keyauth"}, disable: []string{"keyauth"}, err: `"keyauth" is both enabled and disabled`},
		{disable: analyzers.Names(), err: "every analyzer is disabled"},
	} {
		got, err := analyzers.Select(tc.enable, tc.disable)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("Select(%q, %q) error = %v, want %q", tc.enable, tc.disable, err, tc.err)
			}
			continue
		}
		if err != nil || !slices.Equal(names(got), tc.want) {
			t.Errorf("Select(%q, %q) = %q, %v; want %q", tc.enable, tc.disable, names(got), err, tc.want)
		}
	}
	if _, err := analyzers.Select(nil, analyzers.Names()); !errors.Is(err, analyzers.ErrNoAnalyzers) {
		t.Errorf("all disabled: %v, want ErrNoAnalyzers", err)
	}
}
