#!/usr/bin/env bash
# Side-by-side detection on one generated corpus: keyless's hardcodedsecret
# analyzer, gosec's G101 and the gitleaks CLI (pinned versions, installed
# with `go install` into a cache directory on first run).
#
#   bench/secrets/run.sh [-seed N] [-n N] [-out DIR]
#
# Prints, per rule, how many planted secrets each tool finds; per key
# format (every identifiable Azure format, Azure DevOps legacy PATs, NuGet,
# 32-hex), how many valid keys each finds and how many broken-checksum keys
# of the same shape it flags, with a summary table for the README; which
# other decoys it flags; and exits 1 if gosec or gitleaks finds an Azure
# secret that keyless misses.
set -euo pipefail
cd "$(dirname "$0")/../.."

GOSEC_VERSION=v2.30.0
GITLEAKS_VERSION=v8.30.1
BIN="${KEYLESS_BENCH_BIN:-${XDG_CACHE_HOME:-$HOME/.cache}/keyless-bench/bin}"

install() { # name module version
	local dir="$BIN/$1@$3"
	if [ ! -x "$dir/$1" ]; then
		echo "installing $2@$3" >&2
		mkdir -p "$dir"
		GOBIN="$dir" GOFLAGS= go install "$2@$3"
	fi
	echo "$dir/$1"
}

GOSEC=$(install gosec github.com/securego/gosec/v2/cmd/gosec "$GOSEC_VERSION")
GITLEAKS=$(install gitleaks github.com/zricethezav/gitleaks/v8 "$GITLEAKS_VERSION")

exec go run ./bench/secrets/main.go \
	-gosec "$GOSEC" -gosec-version "$GOSEC_VERSION" \
	-gitleaks "$GITLEAKS" -gitleaks-version "$GITLEAKS_VERSION" "$@"
