#!/usr/bin/env bash
# build-custom-gcl.sh — build a golangci-lint binary with module plugins
# (keyless among them) from the Go module proxy alone.
#
# `golangci-lint custom` does the same job but starts with
# `git clone https://github.com/golangci/golangci-lint.git`, which fails
# where only the Go module proxy is reachable (corporate mirrors, sandboxed
# CI). This script replays its steps (pkg/commands/internal/builder.go)
# on the golangci-lint *module* fetched with `go mod download`:
#
#   1. go mod download github.com/golangci/golangci-lint/v2@<version>, copy it
#   2. write cmd/golangci-lint/plugins.go with one blank import per plugin
#   3. per plugin: go mod edit -replace module=path  (path:)
#                  or go get module@version          (version:)
#   4. go mod tidy; go build -ldflags "-s -w -X main.version=…" ./cmd/golangci-lint
#   5. copy the binary to <destination>/<name>
#
# It reads the same .custom-gcl.yml as `golangci-lint custom` (keys
# version, name, destination, plugins[].module/import/version/path; see
# .custom-gcl.yml at the root of this repository).
#
# Usage:
#   scripts/build-custom-gcl.sh [-c CONFIG] [-o OUTPUT] [-k]
#     -c CONFIG   configuration file (default: ./.custom-gcl.yml, then .yaml)
#     -o OUTPUT   write the binary here instead of <destination>/<name>
#     -k          keep the build directory and print its path
#
# Environment:
#   GCL_VERSION  overrides `version:` (e.g. v2.15.0)
#   GCL_PIN      extra "module@version" pins, space-separated, applied with
#                go mod edit -replace after the plugins (use when a plugin's
#                dependencies move a module golangci-lint needs to a version
#                it does not compile with)
#   GOFLAGS, GOPROXY, GOMODCACHE, GOCACHE are honoured as by any go command.
#
# Relative plugin paths are resolved against the configuration file's
# directory, as `golangci-lint custom` resolves them against the working
# directory it must be run from.
set -euo pipefail

die() { echo "build-custom-gcl: $*" >&2; exit 2; }
log() { echo "build-custom-gcl: $*" >&2; }

config="" output="" keep=0
while getopts "c:o:kh" opt; do
	case "$opt" in
	c) config="$OPTARG" ;;
	o) output="$OPTARG" ;;
	k) keep=1 ;;
	h) sed -n '2,40p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) die "usage: $0 [-c CONFIG] [-o OUTPUT] [-k]" ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || die "unexpected argument: $1"

if [ -z "$config" ]; then
	for f in .custom-gcl.yml .custom-gcl.yaml; do
		if [ -f "$f" ]; then config="$f"; break; fi
	done
	[ -n "$config" ] || die "no .custom-gcl.yml in $(pwd) (use -c CONFIG)"
fi
[ -f "$config" ] || die "$config: no such file"
command -v go >/dev/null || die "go is not on PATH"
confdir=$(cd "$(dirname "$config")" && pwd)

# --- parse the configuration ------------------------------------------------
# The file is the flat YAML `golangci-lint custom` reads: three scalar keys
# and a list of plugin mappings with scalar values. Anything else is an
# error rather than a silent misread.
parsed=$(awk '
function val(s) {
	sub(/^[^:]*:[ \t]*/, "", s)
	if (s ~ /^"/) { sub(/^"/, "", s); sub(/".*$/, "", s); return s }
	if (s ~ /^\x27/) { sub(/^\x27/, "", s); sub(/\x27.*$/, "", s); return s }
	sub(/[ \t]+#.*$/, "", s); sub(/[ \t]+$/, "", s)
	return s
}
function key(s) { sub(/^[ \t]*(- )?[ \t]*/, "", s); sub(/:.*$/, "", s); return s }
/^[ \t]*(#.*)?$/ { next }
/^[A-Za-z]/ {
	k = key($0)
	if (k == "plugins") { inplug = 1; next }
	inplug = 0
	if (k == "version" || k == "name" || k == "destination") { print "top", k, val($0); next }
	printf "error line %d: unknown key %s\n", NR, k; exit
}
inplug && /^[ \t]*- / { n++ }
inplug && /^[ \t]/ {
	k = key($0)
	if (n == 0) { printf "error line %d: plugin entry must start with \"- \"\n", NR; exit }
	if (k == "module" || k == "import" || k == "version" || k == "path") { print "plugin", n, k, val($0); next }
	printf "error line %d: unknown plugin key %s\n", NR, k; exit
}
{ printf "error line %d: cannot parse\n", NR; exit }
' "$config")
if grep -q '^error' <<<"$parsed"; then
	die "$config: $(grep '^error' <<<"$parsed" | head -1 | cut -d' ' -f2-)"
fi

version="" name="custom-gcl" destination="." n=0
declare -a p_module=() p_import=() p_version=() p_path=()
while read -r kind a b c; do
	case "$kind" in
	top)
		case "$a" in
		version) version="$b" ;;
		name) [ -z "$b" ] || name="$b" ;;
		destination) [ -z "$b" ] || destination="$b" ;;
		esac
		;;
	plugin)
		i=$((a - 1))
		[ "$a" -le "$n" ] || n=$a
		case "$b" in
		module) p_module[$i]="$c" ;;
		import) p_import[$i]="$c" ;;
		version) p_version[$i]="$c" ;;
		path) p_path[$i]="$c" ;;
		esac
		;;
	esac
done <<<"$parsed"

version="${GCL_VERSION:-$version}"
[ -n "$version" ] || die "$config: root field 'version' is required"
[[ "$version" =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "version $version: want a golangci-lint release tag like v2.15.0"
[ "$n" -gt 0 ] || die "$config: no plugins defined"
for ((i = 0; i < n; i++)); do
	[ -n "${p_module[$i]:-}" ] || die "$config: plugin $((i + 1)): field 'module' is required"
	p_import[$i]="${p_import[$i]:-${p_module[$i]}}"
	if [ -n "${p_path[$i]:-}" ] && [ -n "${p_version[$i]:-}" ]; then
		die "$config: plugin ${p_module[$i]}: 'version' and 'path' should not be provided at the same time"
	fi
	if [ -z "${p_path[$i]:-}" ] && [ -z "${p_version[$i]:-}" ]; then
		die "$config: plugin ${p_module[$i]}: 'version' or 'path' should be provided"
	fi
	if [ -n "${p_path[$i]:-}" ]; then
		case "${p_path[$i]}" in /*) ;; *) p_path[$i]="$confdir/${p_path[$i]}" ;; esac
		[ -f "${p_path[$i]}/go.mod" ] || die "plugin ${p_module[$i]}: ${p_path[$i]}/go.mod not found"
		p_path[$i]=$(cd "${p_path[$i]}" && pwd)
	fi
done

case "$destination" in /*) ;; *) destination="$confdir/$destination" ;; esac
[ -n "$output" ] || output="$destination/$name"
case "$output" in /*) ;; *) output="$(pwd)/$output" ;; esac

# --- 1. the golangci-lint module from the proxy -----------------------------
major=$(sed -E 's/^v([0-9]+)\..*/\1/' <<<"$version")
gclmod=github.com/golangci/golangci-lint
[ "$major" -lt 2 ] || gclmod="$gclmod/v$major"

work=$(mktemp -d "${TMPDIR:-/tmp}/custom-gcl.XXXXXX")
if [ "$keep" -eq 0 ]; then
	trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
fi
start=$SECONDS

log "downloading $gclmod@$version from ${GOPROXY:-$(go env GOPROXY)}"
dir=$(cd "$work" && go mod download -json "$gclmod@$version" |
	sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
[ -n "$dir" ] && [ -d "$dir" ] || die "go mod download $gclmod@$version failed"
src="$work/golangci-lint"
cp -R "$dir" "$src"
chmod -R u+w "$src"
[ -f "$src/cmd/golangci-lint/plugins.go" ] || die "$gclmod@$version has no cmd/golangci-lint/plugins.go (not a module-plugin release?)"

# --- 2. plugins.go -----------------------------------------------------------
{
	echo "package main"
	echo
	echo "import ("
	for ((i = 0; i < n; i++)); do
		printf '\t_ "%s"\n' "${p_import[$i]}"
	done
	echo ")"
} >"$src/cmd/golangci-lint/plugins.go"
gofmt -l "$src/cmd/golangci-lint/plugins.go" >/dev/null

# --- 3. plugin modules -------------------------------------------------------
cd "$src"
export GOFLAGS="${GOFLAGS:+$GOFLAGS }-mod=mod"
export GOWORK=off
# Like `golangci-lint custom`: keep the Go the module asks for, never
# switch toolchains behind the user's back.
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
# golangci-lint's own build list, before any plugin joins it.
go list -m -f '{{.Path}} {{.Version}}' all >"$work/gcl-modules.txt"
for ((i = 0; i < n; i++)); do
	if [ -n "${p_path[$i]:-}" ]; then
		log "plugin ${p_module[$i]} => ${p_path[$i]}"
		go mod edit -replace "${p_module[$i]}=${p_path[$i]}"
	else
		log "plugin ${p_module[$i]}@${p_version[$i]}"
		go get "${p_module[$i]}@${p_version[$i]}"
	fi
done
for pin in ${GCL_PIN:-}; do
	log "pin $pin"
	go mod edit -replace "${pin%@*}=$pin"
done

# --- 4. tidy, keep golangci-lint's own versions, build -----------------------
log "go mod tidy"
go mod tidy

# Minimal version selection raises any module golangci-lint shares with a
# plugin's *module graph* to the plugin's version, even when no package of
# the plugin uses it (keyless's go.mod, through gitleaks in the keyless
# CLI, would lift golangci-lint's viper from v1.12.0 to v1.19.0). Such a
# lift changes golangci-lint itself, untested, and can break its build
# (golangci-lint #3603, #5236). So: every module that the plugins'
# packages do not import from goes back to golangci-lint's own version;
# modules the plugins do use keep the version they need.
# GCL_KEEP_LIFTS=1 turns this off (plain `golangci-lint custom` behaviour).
if [ "${GCL_KEEP_LIFTS:-0}" != 1 ]; then
	imports=()
	for ((i = 0; i < n; i++)); do imports+=("${p_import[$i]}"); done
	go list -deps -f '{{with .Module}}{{.Path}}{{end}}' "${imports[@]}" | sort -u >"$work/plugin-modules.txt"
	pinned=0
	while read -r path ver; do
		[ -n "$ver" ] || continue
		orig=$(awk -v p="$path" '$1 == p { print $2 }' "$work/gcl-modules.txt")
		[ -n "$orig" ] && [ "$orig" != "$ver" ] || continue
		if grep -qxF "$path" "$work/plugin-modules.txt"; then
			log "keep $path $ver (used by a plugin; golangci-lint has $orig)"
			continue
		fi
		log "pin $path back to $orig (moved to $ver by a plugin's module graph only)"
		go mod edit -replace "$path=$path@$orig"
		pinned=$((pinned + 1))
	done < <(go list -m -f '{{if not .Replace}}{{.Path}} {{.Version}}{{end}}' all)
	if [ "$pinned" -gt 0 ]; then
		go mod tidy
	fi
fi
hash=$(
	for ((i = 0; i < n; i++)); do
		if [ -n "${p_path[$i]:-}" ]; then
			(cd "${p_path[$i]}" && find . -path ./.git -prune -o -type f -print0 | LC_ALL=C sort -z |
				xargs -0 sha256sum)
		else
			echo "${p_module[$i]}@${p_version[$i]}"
		fi
	done | sha256sum | cut -c1-12
)
binversion="${version#v}-custom-gcl-$hash"
log "go build ($binversion)"
go build -trimpath -ldflags "-s -w -X 'main.version=$binversion' -X 'main.date=$(date -u +%Y-%m-%dT%H:%M:%SZ)'" \
	-o "$work/$name" ./cmd/golangci-lint

# --- 5. install ----------------------------------------------------------------
mkdir -p "$(dirname "$output")"
cp "$work/$name" "$output.tmp.$$"
mv -f "$output.tmp.$$" "$output"
log "built $output in $((SECONDS - start))s"
[ "$keep" -eq 0 ] || log "build directory kept: $src"
