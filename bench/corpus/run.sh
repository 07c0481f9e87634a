#!/usr/bin/env bash
# bench/corpus/run.sh: keyless on real open-source Go code that uses Azure
# SDKs with keys, modules pinned, fetched only through the Go module proxy
# (go mod download). For each module it lints the Azure-using packages,
# judges every finding against expectations.tsv (beside this script:
# tp = true positive, fp = false positive, dup = same key reported twice),
# applies -fix to a copy, builds and vets the fixed copy (tests included),
# and runs the reviewer's checklist (internal/fixreview) on the changed
# files. Prints one row per module:
#
#   module  findings  tp  fp  dup  unjudged  lost  fixes  mergeable  build+vet  review
#
# lost: findings judged tp in expectations.tsv that keyless no longer
# reports; mergeable: fixes applied that expectations.tsv judges a
# reviewer would merge as is. The unjudged/lost findings, fixes not
# judged mergeable and the review problems are listed on stderr.
#
#   bench/corpus/run.sh            # all modules
#   ONLY=gocloud bench/corpus/run.sh
#   KEYLESS=/path/to/keyless bench/corpus/run.sh   # another build (a baseline)
set -euo pipefail

# name  module@version  packages (Azure-using only, to spare the CPU)
MODULES=(
  "distribution|github.com/distribution/distribution/v3@v3.1.2|./registry/storage/driver/azure/"
  "objstore|github.com/thanos-io/objstore@v0.0.0-20250804093838-71d60dfee488|./providers/azure/"
  "gocloud|gocloud.dev@v0.49.0|./blob/azureblob/"
  "restic|github.com/restic/restic@v0.18.1|./internal/backend/azure/"
  "langchaingo|github.com/tmc/langchaingo@v0.1.14|./llms/openai/... ./vectorstores/azureaisearch/..."
)

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/keyless-bench-corpus.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

if [ -n "${KEYLESS:-}" ]; then
  kl=$(cd "$(dirname "$KEYLESS")" && pwd)/$(basename "$KEYLESS")
else
  echo "building keyless" >&2
  (cd "$root" && go build -o "$work/keyless" ./cmd/keyless)
  kl="$work/keyless"
fi
judge() { (cd "$root" && go run ./bench/corpus/judge.go "$@"); }

printf '%-13s %8s %3s %3s %3s %8s %4s %5s %9s %9s %6s\n' module findings tp fp dup unjudged lost fixes mergeable build+vet review
for row in "${MODULES[@]}"; do
  IFS='|' read -r name modver pkgs <<<"$row"
  if [ -n "${ONLY:-}" ] && [ "$ONLY" != "$name" ]; then continue; fi
  src=$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "$modver" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$src" ] || { echo "cannot download $modver" >&2; exit 2; }
  orig="$work/$name" fixed="$work/$name.fixed"
  cp -r "$src" "$orig" && chmod -R u+w "$orig"
  # shellcheck disable=SC2086 # pkgs is a list of patterns
  (cd "$orig" && go build $pkgs) >&2 || { echo "$name: does not build before the fix" >&2; exit 2; }
  cp -r "$orig" "$fixed"

  rc=0
  # shellcheck disable=SC2086
  (cd "$orig" && "$kl" lint -format json $pkgs >"$work/$name.json") || rc=$?
  [ "$rc" -le 1 ] || { echo "$name: keyless lint exited $rc" >&2; exit 2; }
  read -r n tp fp dup unj lost < <(judge score "$here/expectations.tsv" "$name" "$work/$name.json")

  # shellcheck disable=SC2086
  (cd "$fixed" && "$kl" lint -fix $pkgs >"$work/$name.fix" 2>&1) || true
  fixes=$(sed -n 's/.*fixed \([0-9]*\) finding.*/\1/p' "$work/$name.fix" | tail -1)
  mergeable=$(judge fixes "$here/expectations.tsv" "$name" "$work/$name.fix")
  build=ok
  # shellcheck disable=SC2086
  (cd "$fixed" && go build $pkgs && go vet $pkgs) >"$work/$name.build" 2>&1 || { build=FAIL; sed 's/^/  /' "$work/$name.build" >&2; }
  review=$(judge review "$orig" "$fixed")

  printf '%-13s %8s %3s %3s %3s %8s %4s %5s %9s %9s %6s\n' "$name" "$n" "$tp" "$fp" "$dup" "$unj" "$lost" "${fixes:-0}" "$mergeable" "$build" "$review"
done
