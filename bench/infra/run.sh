#!/usr/bin/env bash
# bench/infra/run.sh: the cost of `keyless infra` against `keyless lint` on
# the same large repository, as ratios measured in one run on one machine.
#
#   lint        keyless lint ./...
#   lint+infra  keyless lint -infra ./...   (the infra pass inside lint: one
#               load and type-check for both; the use analyzer, template
#               reading and all four checks on top)
#   templates   keyless infra -go=false .   (read every template, run the
#               template-only checks: keys leaving templates, broad roles)
#   infra       keyless infra .             (standalone: templates + its own
#               Go analysis, keyauth and the use analyzer)
#
# The repository: a copy of the Azure Blob Storage SDK module
# (github.com/Azure/azure-sdk-for-go/sdk/storage/azblob v1.8.3, ~130 files,
# ~69k lines) from the module cache, plus N copies (default 100) of
# testdata/infra's templates (Bicep, AVM Bicep, ARM twin, ARM, Terraform,
# .tf.json: 7 files each) in infra/env<i>/.
# Budget (issue 14): the infra pass costs <= 10 % of lint:
# (lint+infra - lint) / lint <= 0.10, and the standalone template pass
# past keyless's own start-up (the same command on an empty directory:
# exec, runtime and catalog) costs (templates - start-up) / lint <= 0.10.
# The findings of unchanged templates come from lint's cache; "uncached"
# (-cache=off) parses every template, for reference.
#
#   bench/infra/run.sh                 # 11 alternating runs of each, medians
#   RUNS=9 COPIES=300 bench/infra/run.sh
set -euo pipefail

RUNS=${RUNS:-11}
COPIES=${COPIES:-100}
AZBLOB=github.com/Azure/azure-sdk-for-go/sdk/storage/azblob@v1.8.3
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/keyless-bench-infra.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

echo "building keyless"
(cd "$root" && go build -o "$work/keyless" ./cmd/keyless)

src=$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "$AZBLOB" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$src" ] || { echo "cannot download $AZBLOB" >&2; exit 2; }
mod="$work/module"
cp -r "$src" "$mod"
chmod -R u+w "$mod"
for i in $(seq "$COPIES"); do
  d="$mod/infra/env$i"
  mkdir -p "$d"
  (cd "$root/testdata/infra" && tar cf - infra arm tf) | (cd "$d" && tar xf -)
done
cd "$mod"
templates=$(find infra -type f | wc -l)
tlines=$(find infra -type f -exec cat {} + | wc -l)
echo "module: $(go list -m) ($(find . -name '*.go' | wc -l) .go files); $templates templates, $tlines lines"
echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"

timed() {
  local t
  t=$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>&1; } 2>&1 ) || true
  echo "$t" | awk '{printf "%.3f %.3f\n", $1, $2 + $3}'
}

echo "warming up"
"$work/keyless" lint ./... >/dev/null 2>&1 || true
"$work/keyless" infra . >/dev/null 2>&1 || true

mkdir -p "$work/empty"
lint=() both=() tmpl=() full=() uncached=() start=()
for i in $(seq "$RUNS"); do
  lint+=("$(timed "$work/keyless" lint ./...)")
  both+=("$(timed "$work/keyless" lint -infra ./...)")
  tmpl+=("$(timed "$work/keyless" infra -go=false .)")
  full+=("$(timed "$work/keyless" infra .)")
  uncached+=("$(timed "$work/keyless" infra -go=false -cache=off .)")
  start+=("$(timed "$work/keyless" infra -go=false "$work/empty")")
done

median() {
  local col=$1; shift
  printf '%s\n' "$@" | awk -v c="$col" '{print $c}' | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'
}
lw=$(median 1 "${lint[@]}"); lc=$(median 2 "${lint[@]}")
bw=$(median 1 "${both[@]}"); bc=$(median 2 "${both[@]}")
tw=$(median 1 "${tmpl[@]}"); tc=$(median 2 "${tmpl[@]}")
fw=$(median 1 "${full[@]}"); fc=$(median 2 "${full[@]}")
cw=$(median 1 "${uncached[@]}"); cc=$(median 2 "${uncached[@]}")
sw=$(median 1 "${start[@]}"); sc=$(median 2 "${start[@]}")
findings=$("$work/keyless" infra -format json . 2>/dev/null | grep -c '"ruleId"' || true)

# On a shared machine the timings above are noisy; a CPU profile of one
# lint -infra run says directly which share the infra pass takes: the
# template reading and checks (lintInfra) and the use analyzer.
# One run gives a few dozen samples: the profiles of RUNS runs are merged.
for i in $(seq "$RUNS"); do
  KEYLESS_CPUPROFILE="$work/lint-infra.$i.prof" "$work/keyless" lint -infra ./... >/dev/null 2>&1 || true
done
share=$(cd "$root" && go tool pprof -top -cum "$work/keyless" "$work"/lint-infra.*.prof 2>/dev/null | awk '
  function secs(v) { if (v ~ /ms$/) { sub(/ms$/, "", v); return v / 1000 } sub(/s$/, "", v); return v }
  /Total samples/ { for (i = 1; i <= NF; i++) if ($i == "samples") t = secs($(i+2)) }
  /lintInfra$|infra.NewUseAnalyzer.func1$/ { s += secs($4) }
  END { if (t > 0) printf "%.3f", s / t; else print "n/a" }')

echo
printf '%-10s %10s %10s   (median of %d runs)\n' "" "wall s" "cpu s" "$RUNS"
printf '%-10s %10s %10s\n' "lint" "$lw" "$lc"
printf '%-10s %10s %10s\n' "lint+infra" "$bw" "$bc"
printf '%-10s %10s %10s\n' "templates" "$tw" "$tc"
printf '%-10s %10s %10s   (%s findings)\n' "infra" "$fw" "$fc" "$findings"
printf '%-10s %10s %10s   (templates, -cache=off: every template parsed)\n' "uncached" "$cw" "$cc"
printf '%-10s %10s %10s   (keyless infra -go=false on an empty directory)\n' "start-up" "$sw" "$sc"
awk -v lw="$lw" -v lc="$lc" -v bw="$bw" -v bc="$bc" -v tw="$tw" -v tc="$tc" -v fw="$fw" -v fc="$fc" -v cw="$cw" -v cc="$cc" -v sw="$sw" -v sc="$sc" 'BEGIN {
  printf "infra pass inside lint, (lint+infra - lint)/lint: wall %.3f, cpu %.3f (budget <= 0.10)\n", (bw-lw)/lw, (bc-lc)/lc
  printf "templates alone, past start-up, (templates - start-up)/lint: wall %.3f, cpu %.3f (budget <= 0.10)\n", (tw-sw)/lw, (tc-sc)/lc
  printf "ratio templates/lint, start-up included: wall %.3f, cpu %.3f\n", tw/lw, tc/lc
  printf "ratio uncached templates/lint:           wall %.3f, cpu %.3f\n", cw/lw, cc/lc
  printf "ratio infra/lint:                        wall %.3f, cpu %.3f\n", fw/lw, fc/lc }'
echo "profile of lint -infra: the infra pass (lintInfra + use analyzer) is $share of CPU samples (budget <= 0.10)"
