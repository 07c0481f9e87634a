#!/usr/bin/env bash
# bench/lint/run.sh: what `keyless lint` costs against what it is held to
# (issue 11's targets), as ratios measured in one run on one machine.
#
#   cold    empty build and keyless caches (a fresh GOCACHE and KEYLESS_CACHE
#           for every run): keyless lint ./...  against today's from-source
#           driver (KEYLESS_DRIVER=source keyless lint ./...), and, for
#           reference, go vet -vettool=keyless ./... (COLD_VET_RUNS, default
#           1: it compiles every dependency first)        target <= 1.0x from-source
#   warm    keyless lint ./...  against go vet -vettool=keyless ./...  and the
#           fact-free floor (KEYLESS_BENCH_FLOOR=1 keyless lint ./...: the same
#           x/tools checker running one analyzer that declares no facts, so
#           dependencies come from export data); today's from-source driver
#           for reference                                  target <= 1.0x go vet, <= 1.10x floor,
#                                                                 <= 300 MB
#   edit    after appending a function to one file of a package that imports the
#           Azure SDK: keyless lint ./pkg  against go vet -vettool=keyless ./pkg
#                                                          target <= 1.0x go vet, <= 1.5 s
#           and ./... against go vet ./... after such an edit (EDIT_ALL=0: not)
#   staged  the same one-file change staged in a scratch git repository holding
#           the module: keyless lint -staged  against go vet -vettool=keyless ./pkg
#                                                          target <= 1.0x go vet, <= 1.5 s
#
# Each line gives the median of RUNS runs (the commands of a part alternate
# their order from run to run) of the wall time, the CPU time (user+sys,
# children included) and the peak memory (GNU time's %M: the largest
# process; for go vet, one of its processes, not their sum).
#
# The module (default github.com/distribution/distribution/v3 v3.1.2, a
# container registry of 57 packages whose storage driver imports azblob) is
# copied from the module cache, fetched through the module proxy if missing;
# a module without go.mod (+incompatible) gets one from go mod init/tidy.
#
#   bench/lint/run.sh                               # RUNS=5, every part
#   RUNS=3 COLD_RUNS=1 bench/lint/run.sh            # a quicker trial
#   PARTS="warm edit" bench/lint/run.sh             # some parts only
#   MODULE=/path/to/module bench/lint/run.sh        # or MODULE=path@version
#   MODULE=github.com/Azure/azure-sdk-for-go@v68.0.0+incompatible \
#     EDIT_FILE=storage/blob.go PARTS="edit staged" EDIT_ALL=0 bench/lint/run.sh
#                                                   # 2,863 packages
#
# Other settings: PARTS (any of cold warm edit staged), EDIT_FILE (the file
# edited, relative to the module root; default: a file importing the Azure
# SDK), KEYLESS_BIN (a prebuilt keyless instead of building this checkout),
# KEYLESS_FLOOR_BIN (the binary whose KEYLESS_BENCH_FLOOR gives the floor;
# default KEYLESS_BIN).
set -euo pipefail

RUNS=${RUNS:-5}
COLD_RUNS=${COLD_RUNS:-$RUNS}
COLD_VET_RUNS=${COLD_VET_RUNS:-1}
PARTS=${PARTS:-cold warm edit staged}
EDIT_ALL=${EDIT_ALL:-1}
DEFAULT_MODULE=github.com/distribution/distribution/v3@v3.1.2
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/keyless-bench-lint.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

part() { [[ " $PARTS " == *" $1 "* ]]; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

if ! /usr/bin/time -f %M -o /dev/null true 2>/dev/null; then
  echo "bench/lint: needs GNU time at /usr/bin/time (Debian package time) for peak memory" >&2
  exit 2
fi

if [ -n "${KEYLESS_BIN:-}" ]; then
  bin=$(cd "$(dirname "$KEYLESS_BIN")" && pwd)/$(basename "$KEYLESS_BIN")
else
  echo "building keyless"
  (cd "$root" && go build -o "$work/keyless" ./cmd/keyless)
  bin="$work/keyless"
fi
floorbin=${KEYLESS_FLOOR_BIN:-$bin}
# The hidden switches this bench relies on: without them a baseline would
# silently be the driver under test.
grep -qa KEYLESS_DRIVER "$bin" || { echo "bench/lint: $bin has no KEYLESS_DRIVER=source (today's from-source driver)" >&2; exit 2; }
if part warm; then
  grep -qa KEYLESS_BENCH_FLOOR "$floorbin" || { echo "bench/lint: $floorbin has no KEYLESS_BENCH_FLOOR (set KEYLESS_FLOOR_BIN)" >&2; exit 2; }
fi

# The module, copied where it can be edited.
mod="$work/module"
if [ -n "${MODULE:-}" ] && [ -d "$MODULE" ]; then
  src=$(cd "$MODULE" && pwd)
else
  m=${MODULE:-$DEFAULT_MODULE}
  [[ $m == */*@* ]] || { echo "bench/lint: MODULE=$m: neither a directory nor path@version" >&2; exit 2; }
  src=$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "$m" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$src" ] || { echo "cannot download $m" >&2; exit 2; }
fi
cp -r "$src" "$mod"
chmod -R u+w "$mod"
cd "$mod"
if [ ! -f go.mod ]; then
  [ -n "${m:-}" ] || { echo "bench/lint: $src has no go.mod" >&2; exit 2; }
  echo "no go.mod: go mod init and go mod tidy"
  go mod init "${m%@*}" 2>"$work/tidy" || { cat "$work/tidy" >&2; exit 2; }
  go mod tidy 2>"$work/tidy" || { tail -n 20 "$work/tidy" >&2; exit 2; }
fi
npkgs=$(go list ./... | wc -l)
ndeps=$(go list -deps -test ./... | wc -l)
nfiles=$(find . -name '*.go' -not -path '*/testdata/*' | wc -l)

# The edited file: by default one that imports the Azure SDK, the
# shallowest first.
edit=${EDIT_FILE:-}
if [ -z "$edit" ] && { part edit || part staged; }; then
  for imp in '"github.com/Azure/azure-sdk-for-go/sdk/' '"github.com/Azure/go-autorest/'; do
    edit=$(grep -rlF --include='*.go' --exclude='*_test.go' "$imp" . | grep -v /testdata/ |
      awk -F/ '{print NF, $0}' | sort -k1,1n -k2 | head -n 1 | cut -d' ' -f2- | sed 's|^\./||')
    [ -n "$edit" ] && break
  done
  [ -n "$edit" ] || { echo "bench/lint: no file imports the Azure SDK; set EDIT_FILE" >&2; exit 2; }
fi
[ -z "$edit" ] || [ -f "$edit" ] || { echo "bench/lint: EDIT_FILE $edit: no such file in the module" >&2; exit 2; }
pkg=./$(dirname "$edit")

echo "module: $(go list -m) ($npkgs packages, $nfiles .go files, $ndeps packages with dependencies and tests)"
[ -z "$edit" ] || echo "edited file: $edit"
echo "keyless: $bin"
echo "machine: $(nproc) CPUs, load average $(load)"

# once NAME CMD...: run CMD once; append "wall cpu maxrss-MB" to
# $work/NAME.runs. keyless exits 1 on findings, go vet 1 on findings
# too: 2 and above, or a signal, is a failure.
once() {
  local name=$1; shift
  local rc=0
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || rc=$?
  if [ "$rc" -ge 2 ]; then
    echo "bench/lint: $name failed (exit $rc): $*" >&2
    tail -n 20 "$work/stderr" >&2
    exit 1
  fi
  tail -n 1 "$work/time" | awk '{printf "%.3f %.3f %.1f\n", $1, $2 + $3, $4 / 1024}' >>"$work/$name.runs"
}

# median NAME COLUMN: the median of one column of NAME's runs.
median() {
  awk -v c="$2" '{print $c}' "$work/$1.runs" | sort -g |
    awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'
}

# alternate RUN NAME...: run "RUN NAME" for each name, in order on odd
# runs and in reverse on even ones, so that no command always goes first.
alternate() {
  local i=$1 fn=$2; shift 2
  local names=("$@") n
  if (( i % 2 == 0 )); then
    names=(); for n in "$@"; do names=("$n" "${names[@]}"); done
  fi
  for n in "${names[@]}"; do "$fn" "$n"; done
}

# vet_findings: the number of findings in the last go vet's stderr.
vet_findings() { grep -cE '^[^#].*\.go:[0-9]+:[0-9]+: ' "$work/stderr" || true; }

rows=()
# row PART LABEL NAME: one line of the table.
row() { rows+=("$(printf '%-7s %-44s %8.2f %8.2f %8.0f' "$1" "$2" "$(median "$3" 1)" "$(median "$3" 2)" "$(median "$3" 3)")"); }

# ---- cold: a fresh build cache and keyless cache for every run.
cold_run() {
  local gc kc
  gc=$(mktemp -d "$work/gocache.XXXXXX"); kc=$(mktemp -d "$work/kcache.XXXXXX")
  case $1 in
    new) once cold_new env GOCACHE="$gc" KEYLESS_CACHE="$kc" "$bin" lint ./... ;;
    source) once cold_source env GOCACHE="$gc" KEYLESS_CACHE="$kc" KEYLESS_DRIVER=source "$bin" lint ./... ;;
    vet) once cold_vet env GOCACHE="$gc" go vet -vettool="$bin" ./... ;;
  esac
  chmod -R u+w "$gc" "$kc"; rm -rf "$gc" "$kc"
}
if part cold; then
  echo
  echo "cold: $COLD_RUNS runs of each ($COLD_VET_RUNS of go vet), empty caches (load average $(load))"
  for i in $(seq "$COLD_RUNS"); do
    if (( i <= COLD_VET_RUNS )); then alternate "$i" cold_run new source vet; else alternate "$i" cold_run new source; fi
  done
  row cold "keyless lint ./..." cold_new
  row cold "from-source driver (today)" cold_source
  if (( COLD_VET_RUNS > 0 )); then row cold "go vet -vettool=keyless ./..." cold_vet; fi
fi

# ---- warm: the user's build cache, one keyless cache for the whole run.
export KEYLESS_CACHE="$work/kcache"
mkdir -p "$KEYLESS_CACHE"
warm_run() {
  case $1 in
    new) once warm_new "$bin" lint ./... ;;
    vet) once warm_vet go vet -vettool="$bin" ./... ;;
    floor) once warm_floor env KEYLESS_BENCH_FLOOR=1 "$floorbin" lint ./... ;;
    source) once warm_source env KEYLESS_DRIVER=source "$bin" lint ./... ;;
  esac
}
if part warm; then
  echo
  echo "warm: warming up (module downloads, build cache, keyless cache)"
  "$bin" lint -format json ./... 2>/dev/null >"$work/new.json" || true
  KEYLESS_DRIVER=source "$bin" lint -format json ./... 2>/dev/null >"$work/source.json" || true
  go vet -vettool="$bin" ./... >/dev/null 2>"$work/stderr" || true
  nvet=$(vet_findings)
  KEYLESS_BENCH_FLOOR=1 "$floorbin" lint ./... >/dev/null 2>&1 || true
  echo "findings: keyless lint $(grep -c '"ruleId"' "$work/new.json" || true), from-source $(grep -c '"ruleId"' "$work/source.json" || true), go vet -vettool $nvet"
  echo "warm: $RUNS runs of each (load average $(load))"
  for i in $(seq "$RUNS"); do alternate "$i" warm_run new vet floor source; done
  row warm "keyless lint ./..." warm_new
  row warm "go vet -vettool=keyless ./..." warm_vet
  row warm "fact-free floor" warm_floor
  row warm "from-source driver (today)" warm_source
fi

# ---- edit: one appended function before every run (a change to the
# package's code and API, not only to its bytes).
edits=0
touch_edit() { edits=$((edits + 1)); printf '\nfunc keylessBenchEdit%d() {}\n' "$edits" >>"$1/$edit"; }
edit_run() {
  touch_edit "$mod"
  case $1 in
    new) once edit_new "$bin" lint "$pkg" ;;
    vet) once edit_vet go vet -vettool="$bin" "$pkg" ;;
    all_new) once edit_all_new "$bin" lint ./... ;;
    all_vet) once edit_all_vet go vet -vettool="$bin" ./... ;;
  esac
}
if part edit; then
  echo
  echo "edit: warming up"
  "$bin" lint "$pkg" >/dev/null 2>&1 || true
  go vet -vettool="$bin" "$pkg" >/dev/null 2>&1 || true
  echo "edit: $RUNS runs of each, $pkg (load average $(load))"
  for i in $(seq "$RUNS"); do alternate "$i" edit_run new vet; done
  row edit "keyless lint PKG" edit_new
  row edit "go vet -vettool=keyless PKG" edit_vet
  if (( EDIT_ALL )); then
    "$bin" lint ./... >/dev/null 2>&1 || true
    go vet -vettool="$bin" ./... >/dev/null 2>&1 || true
    echo "edit: $RUNS runs of each, ./... (load average $(load))"
    for i in $(seq "$RUNS"); do alternate "$i" edit_run all_new all_vet; done
    row edit "keyless lint ./..." edit_all_new
    row edit "go vet -vettool=keyless ./..." edit_all_vet
  fi
fi

# ---- staged: the module in a scratch git repository, one staged file.
repo="$work/repo"
git_() {
  GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.invalid GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.invalid \
    git -C "$repo" -c core.hooksPath=/dev/null -c commit.gpgsign=false "$@"
}
staged_run() {
  touch_edit "$repo"
  git_ add -- "$edit"
  case $1 in
    new) (cd "$repo" && once staged_new "$bin" lint -staged) ;;
    vet) (cd "$repo" && once staged_vet go vet -vettool="$bin" "$pkg") ;;
  esac
}
if part staged; then
  echo
  echo "staged: a scratch git repository"
  cp -r "$mod" "$repo"
  git_ init -q
  git_ add -A
  git_ commit -q -m "module"
  touch_edit "$repo"
  git_ add -- "$edit"
  (cd "$repo" && "$bin" lint -staged >/dev/null 2>&1) || true
  (cd "$repo" && go vet -vettool="$bin" "$pkg" >/dev/null 2>&1) || true
  echo "staged: $RUNS runs of each, $edit (load average $(load))"
  for i in $(seq "$RUNS"); do alternate "$i" staged_run new vet; done
  row staged "keyless lint -staged" staged_new
  row staged "go vet -vettool=keyless PKG" staged_vet
fi

echo
printf '%-7s %-44s %8s %8s %8s   (medians)\n' "" "" "wall s" "cpu s" "RSS MB"
[ -z "$edit" ] || echo "PKG: $pkg"
printf '%s\n' "${rows[@]}"

# target LABEL A B LIMIT: A/B (wall and CPU) against LIMIT.
target() {
  awk -v l="$1" -v aw="$(median "$2" 1)" -v bw="$(median "$3" 1)" -v ac="$(median "$2" 2)" -v bc="$(median "$3" 2)" -v t="$4" 'BEGIN {
    rw = aw / bw; rc = ac / bc
    printf "  %-36s wall %5.2fx  cpu %5.2fx   (<= %.2fx) %s\n", l, rw, rc, t, (rw <= t) ? "pass" : "FAIL" (rc <= t ? " (cpu pass)" : "") }'
}
# limit LABEL NAME COLUMN LIMIT UNIT: an absolute target.
limit() {
  awk -v l="$1" -v v="$(median "$2" "$3")" -v t="$4" -v u="$5" 'BEGIN {
    printf "  %-36s %7.2f %-2s               (<= %g %s) %s\n", l, v, u, t, u, (v <= t) ? "pass" : "FAIL" }'
}
echo
echo "targets (issue 11; a ratio passes on wall time):"
if part cold; then target "cold: keyless / from-source" cold_new cold_source 1.0; fi
if part warm; then
  target "warm: keyless / go vet" warm_new warm_vet 1.0
  target "warm: keyless / floor" warm_new warm_floor 1.10
  limit "warm: keyless peak memory" warm_new 3 300 MB
  awk -v a="$(median warm_new 1)" -v b="$(median warm_source 1)" -v am="$(median warm_new 3)" -v bm="$(median warm_source 3)" 'BEGIN {
    printf "  %-36s wall %5.2fx  memory %5.2fx  (for reference)\n", "warm: keyless / from-source", a / b, am / bm }'
fi
if part edit; then
  target "edit: keyless / go vet" edit_new edit_vet 1.0
  limit "edit: keyless wall" edit_new 1 1.5 s
  if (( EDIT_ALL )); then target "edit, ./...: keyless / go vet" edit_all_new edit_all_vet 1.0; fi
fi
if part staged; then
  target "staged: keyless / go vet" staged_new staged_vet 1.0
  limit "staged: keyless wall" staged_new 1 1.5 s
fi
if { part edit || part staged; } && [ "$npkgs" -lt 500 ]; then
  echo "  (the 1.5 s targets are set for a module of >= 500 packages; this one has $npkgs)"
fi
echo "load average at the end: $(load)"
