#!/usr/bin/env bash
# bench/lint/run.sh: what `keyless lint` costs, against today's references,
# every ratio measured in one run on one machine (issue 11).
#
#   cold       empty build cache (fresh GOCACHE) and empty keyless cache:
#              keyless lint ./...  vs  the from-source driver keyless used
#              before (KEYLESS_DRIVER=source, x/tools checker, every
#              dependency parsed and type-checked), also cold
#   warm       keyless lint ./...  vs  go vet -vettool=keyless ./...  and the
#              fact-free floor (KEYLESS_BENCH_FLOOR=1: the x/tools checker
#              running one analyzer without facts, dependencies from export
#              data), and the from-source driver for reference
#   edit       a one-line edit to one file of a package other packages
#              import, then keyless lint on that package  vs  go vet on it,
#              and keyless lint ./...  vs  go vet ./...  after such an edit
#   staged     the same edit staged, keyless lint -staged  vs  go vet on the
#              staged file's package
#
# Peak memory (maximum resident set size, /usr/bin/time) of each run is
# printed too. The module: a copy of the Azure Blob Storage SDK
# (github.com/Azure/azure-sdk-for-go/sdk/storage/azblob v1.8.3, tests
# included) from the module cache, fetched through the module proxy if
# missing; MODULE=/path and EDIT=relative/file.go choose another.
#
#   bench/lint/run.sh                   # RUNS=5 warm runs, COLD_RUNS=2
#   RUNS=9 COLD_RUNS=3 bench/lint/run.sh
#
# Wall and CPU (user+sys) seconds, medians; on a shared machine the CPU
# ratio is the steadier figure.
set -euo pipefail

RUNS=${RUNS:-5}
COLD_RUNS=${COLD_RUNS:-2}
AZBLOB=github.com/Azure/azure-sdk-for-go/sdk/storage/azblob@v1.8.3
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/keyless-bench-lint.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (GNU time) for peak memory" >&2; exit 2; }

echo "building keyless"
(cd "$root" && go build -o "$work/keyless" ./cmd/keyless)
kl="$work/keyless"

if [ -n "${MODULE:-}" ]; then
  src=$(cd "$MODULE" && pwd)
else
  src=$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "$AZBLOB" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$src" ] || { echo "cannot download $AZBLOB" >&2; exit 2; }
fi
mod="$work/module"
cp -r "$src" "$mod"
chmod -R u+w "$mod"
cd "$mod"
edit=${EDIT:-internal/shared/shared.go}
[ -f "$edit" ] || { echo "EDIT=$edit: no such file in the module" >&2; exit 2; }
editpkg=./$(dirname "$edit")
git init -q . && git add -A && git -c user.name=b -c user.email=b@example.com commit -qm base
files=$(find . -name '*.go' -not -path './testdata/*' | wc -l)
pkgs=$(go list ./... | wc -l)
deps=$(go list -deps -test ./... | wc -l)
echo "module: $(go list -m) ($files .go files, $pkgs packages, $deps with dependencies and tests)"
echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"

export KEYLESS_CACHE="$work/keyless-cache"
warm_gocache=$(go env GOCACHE)

# timed ENV... -- CMD...: one run; prints "wall cpu peakMB"
timed() {
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done
  shift
  local out
  out=$( { env "${envs[@]}" /usr/bin/time -f 'TIME %e %U %S %M' "$@" >/dev/null 2>"$work/err"; } 2>&1; grep '^TIME' "$work/err" | tail -1 ) || true
  echo "$out" | awk '/^TIME/ {printf "%.3f %.3f %.0f\n", $2, $3 + $4, $5/1024}'
}

# median COLUMN VALUES...
median() {
  local col=$1; shift
  printf '%s\n' "$@" | awk -v c="$col" '{print $c}' | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'
}
declare -A W C M
# record NAME RUNS...: medians of one measurement
record() {
  local name=$1; shift
  W[$name]=$(median 1 "$@"); C[$name]=$(median 2 "$@"); M[$name]=$(median 3 "$@")
}
row() { printf '%-34s %8s %8s %8s\n' "$1" "${W[$1]}" "${C[$1]}" "${M[$1]}"; }
ratio() { awk -v a="${C[$1]}" -v b="${C[$2]}" -v aw="${W[$1]}" -v bw="${W[$2]}" -v am="${M[$1]}" -v bm="${M[$2]}" -v t="$3" \
  'BEGIN {printf "  %-52s cpu %.2f  wall %.2f  memory %.2f   %s\n", t, a/b, aw/bw, am/bm, ""}'; }

echo "cold runs (fresh GOCACHE and keyless cache each)"
a=() b=()
for i in $(seq "$COLD_RUNS"); do
  g1=$(mktemp -d "$work/gocache.XXXX") k1=$(mktemp -d "$work/kcache.XXXX")
  a+=("$(timed GOCACHE="$g1" KEYLESS_CACHE="$k1" -- "$kl" lint ./...)")
  rm -rf "$g1" "$k1"
  g2=$(mktemp -d "$work/gocache.XXXX")
  b+=("$(timed GOCACHE="$g2" KEYLESS_DRIVER=source -- "$kl" lint ./...)")
  rm -rf "$g2"
done
record cold-keyless "${a[@]}"; record cold-source "${b[@]}"

echo "warming up (build cache, keyless cache, go vet's facts)"
"$kl" lint ./... >/dev/null 2>&1 || true
go vet -vettool="$kl" ./... >/dev/null 2>&1 || true
KEYLESS_BENCH_FLOOR=1 "$kl" lint ./... >/dev/null 2>&1 || true

echo "warm runs"
a=() b=() c=() d=()
for i in $(seq "$RUNS"); do
  a+=("$(timed X=1 -- "$kl" lint ./...)")
  b+=("$(timed X=1 -- go vet -vettool="$kl" ./...)")
  c+=("$(timed KEYLESS_BENCH_FLOOR=1 -- "$kl" lint ./...)")
done
for i in $(seq "$COLD_RUNS"); do
  d+=("$(timed KEYLESS_DRIVER=source -- "$kl" lint ./...)")
done
record warm-keyless "${a[@]}"; record warm-vet "${b[@]}"; record warm-floor "${c[@]}"; record warm-source "${d[@]}"

echo "one-file edits ($edit)"
a=() b=() c=() d=() e=() f=()
for i in $(seq "$RUNS"); do
  printf '\nfunc benchEdit%dE() {}\n' "$i" >>"$edit"
  e+=("$(timed X=1 -- "$kl" lint ./...)")
  printf '\nfunc benchEdit%dF() {}\n' "$i" >>"$edit"
  f+=("$(timed X=1 -- go vet -vettool="$kl" ./...)")
  printf '\nfunc benchEdit%dA() {}\n' "$i" >>"$edit"
  a+=("$(timed X=1 -- "$kl" lint "$editpkg")")
  printf '\nfunc benchEdit%dB() {}\n' "$i" >>"$edit"
  b+=("$(timed X=1 -- go vet -vettool="$kl" "$editpkg")")
  printf '\nfunc benchEdit%dC() {}\n' "$i" >>"$edit"
  git add "$edit"
  c+=("$(timed X=1 -- "$kl" lint -staged)")
  printf '\nfunc benchEdit%dD() {}\n' "$i" >>"$edit"
  git add "$edit"
  d+=("$(timed X=1 -- go vet -vettool="$kl" "$editpkg")")
done
record edit-keyless "${a[@]}"; record edit-vet "${b[@]}"; record staged-keyless "${c[@]}"; record staged-vet "${d[@]}"
record edit-all-keyless "${e[@]}"; record edit-all-vet "${f[@]}"
findings=$("$kl" lint -format json ./... 2>/dev/null | grep -c '"ruleId"' || true)

echo
printf '%-34s %8s %8s %8s   (medians: %d warm runs, %d cold)\n' "" "wall s" "cpu s" "peak MB" "$RUNS" "$COLD_RUNS"
for n in cold-keyless cold-source warm-keyless warm-vet warm-floor warm-source edit-all-keyless edit-all-vet edit-keyless edit-vet staged-keyless staged-vet; do row "$n"; done
echo "($findings findings on ./...)"
echo "ratios (target <= 1.0 unless said):"
ratio cold-keyless cold-source "cold: keyless / from-source driver"
ratio warm-keyless warm-vet "warm ./...: keyless / go vet -vettool=keyless"
ratio warm-keyless warm-floor "warm ./...: keyless / fact-free floor (target <= 1.10)"
ratio warm-keyless warm-source "warm ./...: keyless / from-source driver"
ratio edit-all-keyless edit-all-vet "one-file edit, ./...: keyless / go vet"
ratio edit-keyless edit-vet "one-file edit, its package: keyless / go vet"
ratio staged-keyless staged-vet "-staged: keyless / go vet on the package"
