#!/usr/bin/env bash
# Run every fuzz target of the module (func FuzzX(f *testing.F) in a
# _test.go file outside testdata) for SECONDS each (default 10), or for
# COUNT executions each when the argument ends in x (as go test -fuzztime):
#
#	scripts/fuzz.sh [SECONDS | COUNTx]
#
# CI uses a count: with a time limit, go test can fail a clean run with
# "context deadline exceeded" when the limit falls inside a slow input.
#
# Seed corpora live in each package's testdata/fuzz/<FuzzName>/ and in
# f.Add calls; a failing input is written there by go test (commit it
# with the fix). CI runs this briefly (.ci/run); run it longer locally.
set -euo pipefail
cd "$(dirname "$0")/.."

budget="${1:-10}"
case "$budget" in
'' | x | *[!0-9x]* | *x?*) echo "usage: $0 [SECONDS | COUNTx]" >&2; exit 2 ;;
*x) fuzztime="$budget" ;;
*) fuzztime="${budget}s" ;;
esac

failed=()
n=0
while IFS= read -r file; do
	dir=$(dirname "$file")
	for name in $(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(f \*testing\.F).*/\1/p' "$file"); do
		n=$((n + 1))
		echo "== fuzz ./${dir#./} $name (${fuzztime})"
		if ! go test -run='^$' -fuzz="^${name}\$" -fuzztime="${fuzztime}" "./${dir#./}"; then
			failed+=("./${dir#./} $name")
		fi
	done
done < <(grep -rlE --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*\(f \*testing\.F\)' . | grep -v '/testdata/' | sort)

if [ "$n" -eq 0 ]; then
	echo "fuzz.sh: no fuzz targets found" >&2
	exit 1
fi
if [ "${#failed[@]}" -gt 0 ]; then
	printf 'fuzz.sh: FAILED: %s\n' "${failed[@]}" >&2
	exit 1
fi
echo "fuzz.sh: $n fuzz targets passed (${fuzztime} each)"
