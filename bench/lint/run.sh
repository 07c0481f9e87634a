#!/usr/bin/env bash
# bench/lint/run.sh: the cost of keyless's analyzers, as a ratio measured
# in one run on one machine.
#
#   full       keyless lint ./...                               (every analyzer)
#   load-only  KEYLESS_BENCH_LOAD_ONLY=1 keyless lint ./...     (same driver, same
#              packages, same load mode, tests included; no analyzer runs)
#
# on a large real module: a copy of the Azure Blob Storage SDK
# (github.com/Azure/azure-sdk-for-go/sdk/storage/azblob v1.8.3, ~130 files,
# ~69k lines, tests included) from the module cache, fetched through the
# module proxy if missing. Budget: full / load-only <= 1.10.
#
#   bench/lint/run.sh                     # 7 alternating runs of each, medians
#   RUNS=11 bench/lint/run.sh
#   MODULE=/path/to/module bench/lint/run.sh
#
# Both wall and CPU (user+sys, children included) times are printed; on a
# shared machine the CPU ratio is the steadier figure.
set -euo pipefail

RUNS=${RUNS:-7}
AZBLOB=github.com/Azure/azure-sdk-for-go/sdk/storage/azblob@v1.8.3
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/keyless-bench-lint.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

echo "building keyless"
(cd "$root" && go build -o "$work/keyless" ./cmd/keyless)

if [ -n "${MODULE:-}" ]; then
  mod=$(cd "$MODULE" && pwd)
else
  src=$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "$AZBLOB" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$src" ] || { echo "cannot download $AZBLOB" >&2; exit 2; }
  mod="$work/module"
  cp -r "$src" "$mod"
  chmod -R u+w "$mod"
fi
cd "$mod"
files=$(find . -name '*.go' -not -path './testdata/*' | wc -l)
lines=$(find . -name '*.go' -not -path './testdata/*' -exec cat {} + | wc -l)
echo "module: $(go list -m) ($files .go files, $lines lines)"
echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# one timed run: prints "wall cpu"
timed() {
  local t
  t=$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>&1; } 2>&1 ) || true
  echo "$t" | awk '{printf "%.3f %.3f\n", $1, $2 + $3}'
}

echo "warming up (module downloads, build cache)"
"$work/keyless" lint ./... >/dev/null 2>&1 || true
KEYLESS_BENCH_LOAD_ONLY=1 "$work/keyless" lint ./... >/dev/null 2>&1 || true

full=() load=()
for i in $(seq "$RUNS"); do
  load+=("$(KEYLESS_BENCH_LOAD_ONLY=1 timed "$work/keyless" lint ./...)")
  full+=("$(timed "$work/keyless" lint ./...)")
done

# median COLUMN VALUES...
median() {
  local col=$1; shift
  printf '%s\n' "$@" | awk -v c="$col" '{print $c}' | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'
}
fw=$(median 1 "${full[@]}"); fc=$(median 2 "${full[@]}")
lw=$(median 1 "${load[@]}"); lc=$(median 2 "${load[@]}")
findings=$("$work/keyless" lint -format json ./... 2>/dev/null | grep -c '"ruleId"' || true)

echo
printf '%-10s %10s %10s   (median of %d runs)\n' "" "wall s" "cpu s" "$RUNS"
printf '%-10s %10s %10s\n' "load-only" "$lw" "$lc"
printf '%-10s %10s %10s   (%s findings)\n' "full" "$fw" "$fc" "$findings"
awk -v fw="$fw" -v lw="$lw" -v fc="$fc" -v lc="$lc" 'BEGIN {
  printf "ratio full/load-only: wall %.3f, cpu %.3f (budget <= 1.10)\n", fw/lw, fc/lc }'
