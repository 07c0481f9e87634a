#!/usr/bin/env bash
# bench/history/run.sh: keyless history against the gitleaks CLI on the
# same synthetic history and the same rules, in one run.
#
#   bench/history/run.sh                 # 5000 commits, 3 runs of each tool
#   COMMITS=8000 RUNS=5 bench/history/run.sh
#
# Prints, as ratios measured in this run:
#   full scan     keyless history  /  gitleaks git, same rules, same decoding
#                 (both decode base64/hex/percent to depth 5, the gitleaks CLI default)
#                 (target: <= 1.0; best wall time and median CPU time of RUNS
#                 interleaved runs: on a busy machine CPU time is the steadier)
#   -since        keyless history -since <old head> after one new commit, as a
#                 fraction of the full scan (target: <= 3%)
#   staged        keyless history -staged latency on a typical staged change
#                 (median wall time; target: <= 0.3 s)
#
# BASELINE=/path/to/an/older/keyless also measures that binary's -since and
# -staged in the same run, interleaved (before/after of a start-up change).
#
# gitleaks v8.30.1 is installed with `go install` into the cache that
# bench/secrets/run.sh uses, unless GITLEAKS points at a binary of that
# version. keyless's rules are
# exported as gitleaks TOML (bench/history/gen -gitleaks-config), so both
# tools run the same rules (keyless additionally validates Azure checksums).
set -euo pipefail

COMMITS=${COMMITS:-5000}
RUNS=${RUNS:-3}
GITLEAKS_VERSION=v8.30.1
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/keyless-bench-history.XXXXXX")}
mkdir -p "$work"
cd "$root"

echo "work directory: $work"
echo "building keyless and the generator"
go build -o "$work/keyless" ./cmd/keyless
go build -o "$work/gen" ./bench/history/gen

if [ -z "${GITLEAKS:-}" ]; then
  # The same cache as bench/secrets/run.sh.
  bin="${KEYLESS_BENCH_BIN:-${XDG_CACHE_HOME:-$HOME/.cache}/keyless-bench/bin}/gitleaks@$GITLEAKS_VERSION"
  GITLEAKS="$bin/gitleaks"
  if [ ! -x "$GITLEAKS" ]; then
    echo "installing gitleaks $GITLEAKS_VERSION (go install)"
    mkdir -p "$bin"
    GOBIN="$bin" GOFLAGS= go install "github.com/zricethezav/gitleaks/v8@$GITLEAKS_VERSION"
  fi
fi
if ! go version -m "$GITLEAKS" | grep -q "github.com/zricethezav/gitleaks/v8[[:space:]]*$GITLEAKS_VERSION"; then
  echo "warning: $GITLEAKS is not gitleaks $GITLEAKS_VERSION" >&2
fi

repo="$work/repo"
if [ ! -d "$repo/.git" ]; then
  echo "generating a synthetic history of $COMMITS commits"
  "$work/gen" -repo "$repo" -commits "$COMMITS"
fi
"$work/gen" -gitleaks-config "$work/gitleaks.toml"
patch_mb=$(git -C "$repo" log -p -U0 --all --no-merges --no-color | wc -c | awk '{printf "%.1f", $1/1e6}')
echo "repository: $(git -C "$repo" rev-list --count --all) commits, $patch_mb MB of git log -p -U0"
echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# once NAME CMD...: run CMD once; append its wall and CPU (user+sys, with
# child processes such as git) times to the lists walls_NAME / cpus_NAME.
once() {
  local name=$1; shift
  local w u s
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || true
  read -r w u s < <(tail -n 1 "$work/time") || { cat "$work/stderr" >&2; exit 1; }
  if grep -q "keyless .*: \|FTL\|ERR" "$work/stderr"; then cat "$work/stderr" >&2; exit 1; fi
  eval "walls_$name+=\" $w\""
  eval "cpus_$name+=\" $(awk -v u="$u" -v s="$s" 'BEGIN{printf "%.2f", u+s}')\""
}
# summary NAME: best wall and median CPU of the runs, into wall_NAME / cpu_NAME,
# and the median wall into mwall_NAME.
summary() {
  local name=$1 ws cs
  eval "ws=\$walls_$name; cs=\$cpus_$name"
  printf -v "wall_$name" '%s' "$(tr ' ' '\n' <<<"$ws" | grep . | sort -g | head -n 1)"
  printf -v "mwall_$name" '%s' "$(tr ' ' '\n' <<<"$ws" | grep . | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')"
  printf -v "cpu_$name" '%s' "$(tr ' ' '\n' <<<"$cs" | grep . | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')"
  eval "printf '  %-18s best %7.2f s wall, median %7.2f s CPU   (wall:%s; CPU:%s)\n' $name \$wall_$name \$cpu_$name \"\$ws\" \"\$cs\""
}
# measure NAME CMD...: RUNS runs of one command.
measure() {
  local name=$1; shift
  for _ in $(seq "$RUNS"); do once "$name" "$@"; done
  summary "$name"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }

gl=("$GITLEAKS" git --config "$work/gitleaks.toml" --no-banner --redact --log-level error --exit-code 0 --report-format json)
echo
echo "full history scan ($RUNS runs each, interleaved):"
for _ in $(seq "$RUNS"); do
  once keyless "$work/keyless" history -format json -output "$work/keyless.json" "$repo"
  once gitleaks "${gl[@]}" --max-decode-depth 5 --report-path "$work/gitleaks.json" "$repo"
done
summary keyless
summary gitleaks
nk=$(grep -c '"ruleId"' "$work/keyless.json" || true)
ng=$(grep -c '"RuleID"' "$work/gitleaks.json" || true)
echo "  findings: keyless $nk (one per rule, path and secret; checksums verified), gitleaks $ng (one per commit and line)"

# One new commit, then the incremental scan.
old=$(git -C "$repo" rev-parse HEAD)
"$work/gen" -file "$repo/app_new_handler.go" -lines 40
git -C "$repo" add app_new_handler.go
GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.invalid GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.invalid \
  git -C "$repo" -c core.hooksPath=/dev/null commit -q -m "one new commit"
echo
echo "after one new commit ($RUNS runs):"
if [ -n "${BASELINE:-}" ]; then
  for _ in $(seq "$RUNS"); do
    once keyless_since "$work/keyless" history -since "$old" -format json "$repo"
    once baseline_since "$BASELINE" history -since "$old" -format json "$repo"
  done
  summary keyless_since
  summary baseline_since
else
  measure keyless_since "$work/keyless" history -since "$old" -format json "$repo"
fi

# A typical staged change: one modified file of ~60 lines with a key.
"$work/gen" -file "$repo/app_staged.go" -lines 60 -seed 7
git -C "$repo" add app_staged.go
echo
echo "pre-commit ($RUNS runs):"
if [ -n "${BASELINE:-}" ]; then
  for _ in $(seq "$RUNS"); do
    once keyless_staged "$work/keyless" history -staged "$repo"
    once baseline_staged "$BASELINE" history -staged "$repo"
  done
  summary keyless_staged
  summary baseline_staged
else
  measure keyless_staged "$work/keyless" history -staged "$repo"
fi
measure gitleaks_staged "$GITLEAKS" git --pre-commit --staged --config "$work/gitleaks.toml" --no-banner --redact --log-level error --exit-code 0 "$repo"
git -C "$repo" reset -q HEAD app_staged.go && rm -f "$repo/app_staged.go"
git -C "$repo" reset -q --hard "$old"

echo
echo "results:"
echo "  full scan: keyless / gitleaks (same rules and decoding)  = $(ratio "$wall_keyless" "$wall_gitleaks") best wall time, $(ratio "$cpu_keyless" "$cpu_gitleaks") median CPU time  (target <= 1.0)"
echo "  -since after one new commit / full scan               = $(awk -v a="$wall_keyless_since" -v b="$wall_keyless" 'BEGIN{printf "%.1f%%", 100*a/b}') best wall, $(awk -v a="$cpu_keyless_since" -v b="$cpu_keyless" 'BEGIN{printf "%.1f%%", 100*a/b}') median CPU  (target <= 3%)"
echo "  staged scan latency                                   = $(awk -v a="$mwall_keyless_staged" 'BEGIN{printf "%.0f ms", 1000*a}') median wall, $(awk -v a="$wall_keyless_staged" 'BEGIN{printf "%.0f ms", 1000*a}') best  (target <= 300 ms; gitleaks git --pre-commit --staged: $(awk -v a="$mwall_gitleaks_staged" 'BEGIN{printf "%.0f ms", 1000*a}') median)"
if [ -n "${BASELINE:-}" ]; then
  echo "  BASELINE -since / full scan                           = $(awk -v a="$wall_baseline_since" -v b="$wall_keyless" 'BEGIN{printf "%.1f%%", 100*a/b}') best wall, $(awk -v a="$cpu_baseline_since" -v b="$cpu_keyless" 'BEGIN{printf "%.1f%%", 100*a/b}') median CPU"
  echo "  BASELINE staged latency                               = $(awk -v a="$mwall_baseline_staged" 'BEGIN{printf "%.0f ms", 1000*a}') median wall, $(awk -v a="$wall_baseline_staged" 'BEGIN{printf "%.0f ms", 1000*a}') best"
fi
