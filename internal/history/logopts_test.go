package history

import (
	"reflect"
	"testing"
)

func TestSplitArgs(t *testing.T) {
	for in, want := range map[string][]string{
		"":                                 nil,
		"  main..dev  ":                    {"main..dev"},
		`--author='Ann Lee' main..dev`:     {"--author=Ann Lee", "main..dev"},
		`--grep "fix \"quoted\" bug" -n 5`: {"--grep", `fix "quoted" bug`, "-n", "5"},
		`a\ b c`:                           {"a b", "c"},
		`''`:                               {""},
		`-- "dir with space/x.go"`:         {"--", "dir with space/x.go"},
		`"a\n"`:                            {`a\n`},
	} {
		got, err := SplitArgs(in)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("SplitArgs(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{`'open`, `"open`, `a "b`} {
		if _, err := SplitArgs(bad); err == nil {
			t.Errorf("SplitArgs(%q): no error", bad)
		}
	}
}

func TestCheckLogOpts(t *testing.T) {
	for _, ok := range [][]string{{"main..dev"}, {"--since=2024-01-01", "--author=x"}, {"--first-parent", "-n", "3"}} {
		if err := checkLogOpts(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range [][]string{{"--ext-diff"}, {"--textconv"}, {"--output=/tmp/x"}, {"--graph"}, {"-z"}, {"--show-signature"}, {"-Oorder"}, {"--cc"}} {
		if err := checkLogOpts(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
