#!/usr/bin/env bash
# bench/gcl/run.sh: what the keyless plugin adds to a warm golangci-lint
# run on a one-file change, the way a pre-commit hook or an editor runs it:
#
#   with     custom-gcl run --new-from-rev=HEAD ./...   standard linters + keyless
#   without  custom-gcl run --new-from-rev=HEAD ./...   standard linters only
#
# Same binary (scripts/build-custom-gcl.sh), same module, same run,
# alternating; medians. The module is a copy of the Azure Blob Storage SDK
# (azblob v1.8.3, ~130 files) committed to a scratch git repository, with
# one line appended to one file (uncommitted) before the timed runs.
#
#   KEYLESS_GCL_BIN=/path/to/custom-gcl bench/gcl/run.sh     # RUNS=7 by default
set -euo pipefail

RUNS=${RUNS:-7}
AZBLOB=github.com/Azure/azure-sdk-for-go/sdk/storage/azblob@v1.8.3
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/keyless-bench-gcl.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

gcl=${KEYLESS_GCL_BIN:-$work/custom-gcl}
if [ ! -x "$gcl" ]; then
  echo "building custom-gcl (a few minutes cold)"
  (cd "$root" && bash scripts/build-custom-gcl.sh -c .custom-gcl.yml -o "$gcl" >/dev/null)
fi

src=$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "$AZBLOB" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$src" ] || { echo "cannot download $AZBLOB" >&2; exit 2; }
mod="$work/module"
cp -r "$src" "$mod"
chmod -R u+w "$mod"
cd "$mod"
git init -q && git add -A && git -c user.name=b -c user.email=b@example.com commit -qm base
echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"

config() { # $1: extra linters
  cat > "$work/$2.yml" <<YML
version: "2"
linters:
  default: standard
  enable: [$1]
  settings:
    custom:
      keyless:
        type: module
YML
}
config "keyless" with
config "" without
# A one-line change in a package that builds Azure clients.
printf '\nvar _ = 1\n' >> blob/client.go

export GOLANGCI_LINT_CACHE="$work/gcl-cache"
timed() {
  local t
  t=$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>&1; } 2>&1 ) || true
  echo "$t" | awk '{printf "%.3f %.3f\n", $1, $2 + $3}'
}
run() { "$gcl" run -c "$work/$1.yml" --new-from-rev=HEAD ./...; }
echo "warming up (build cache, golangci-lint cache)"
run with >/dev/null 2>&1 || true
run without >/dev/null 2>&1 || true
# Sanity: keyless really runs in "with" (azblob's examples build clients
# from shared keys, so a full run has keyless issues).
n=$("$gcl" run -c "$work/with.yml" --output.json.path=stdout --show-stats=false ./... 2>/dev/null | grep -o '"FromLinter":"keyless"' | wc -l || true)
echo "keyless issues in a full run: $n"
[ "$n" -gt 0 ] || { echo "keyless did not run" >&2; exit 1; }

with=() without=()
for i in $(seq "$RUNS"); do
  without+=("$(timed run without)")
  with+=("$(timed run with)")
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
w_wall=$(printf '%s\n' "${with[@]}" | cut -d' ' -f1 | median)
w_cpu=$(printf '%s\n' "${with[@]}" | cut -d' ' -f2 | median)
o_wall=$(printf '%s\n' "${without[@]}" | cut -d' ' -f1 | median)
o_cpu=$(printf '%s\n' "${without[@]}" | cut -d' ' -f2 | median)
printf '%-34s %8s %8s\n' "median of $RUNS" wall cpu
printf '%-34s %7.2fs %7.2fs\n' "standard linters" "$o_wall" "$o_cpu"
printf '%-34s %7.2fs %7.2fs\n' "standard linters + keyless" "$w_wall" "$w_cpu"
awk -v a="$w_wall" -v b="$o_wall" -v c="$w_cpu" -v d="$o_cpu" \
  'BEGIN {printf "ratio with/without: wall %.2f, cpu %.2f\n", a/b, c/d}'
