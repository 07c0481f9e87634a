#!/usr/bin/env bash
# Run every fuzz target of the module (func FuzzX(f *testing.F) in a
# _test.go file outside testdata) for SECONDS each (default 10):
#
#	scripts/fuzz.sh [SECONDS]
#
# Seed corpora live in each package's testdata/fuzz/<FuzzName>/ and in
# f.Add calls; a failing input is written there by go test (commit it
# with the fix). CI runs this briefly (.ci/run); run it longer locally.
set -euo pipefail
cd "$(dirname "$0")/.."

secs="${1:-10}"
case "$secs" in
'' | *[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;;
esac

failed=()
n=0
while IFS= read -r file; do
	dir=$(dirname "$file")
	for name in $(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(f \*testing\.F).*/\1/p' "$file"); do
		n=$((n + 1))
		echo "== fuzz ./${dir#./} $name (${secs}s)"
		if ! go test -run='^$' -fuzz="^${name}\$" -fuzztime="${secs}s" "./${dir#./}"; then
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
echo "fuzz.sh: $n fuzz targets passed (${secs}s each)"
