#!/usr/bin/env bash
# Builds an OCI registry (go-containerregistry's in-memory `registry`, listening on localhost) from
# the Go module in registry/ beside this script, for the tests that push Helm charts to OCI. Kept
# apart from build.sh and build-helm.sh so their cache keys do not change with it. The binary is
# cached outside the repository, keyed on registry/go.mod, registry/go.sum, the Go version and this
# script, so only the first build on a machine compiles. Prints the directory holding the binary as
# its last line.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
registry_version=v0.22.1

if ! command -v go >/dev/null 2>&1; then
  echo "kube-gitops test tools: Go is not installed." >&2
  echo "  It builds the OCI registry the Helm tests push charts to from Go modules." >&2
  echo "  Install Go >= 1.26.0 (e.g. from your distribution or https://go.dev/dl) and put it on PATH." >&2
  exit 3
fi
export GOTOOLCHAIN=local GOFLAGS=-modcacherw CGO_ENABLED=0
go_version=$(go env GOVERSION)

key=$( { cat "$here/registry/go.mod" "$here/registry/go.sum"; echo "$go_version"; cat "$0"; } | sha256sum | cut -c1-16)
cache_root=${KUBE_GITOPS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kube-gitops}
bin="$cache_root/tools/$key"
if [ -f "$bin/.complete" ]; then
  echo "$bin"
  exit 0
fi

mkdir -p "$bin.tmp"
start=$(date +%s)
step() { echo "[build] $*" >&2; }

step "downloading Go modules for the OCI registry"
(cd "$here/registry" && go mod download) || {
  echo "kube-gitops test tools: 'go mod download' failed in test/cluster/registry: the Go module proxy must be reachable (GOPROXY=$(go env GOPROXY))." >&2; exit 4; }

step "compiling go-containerregistry registry $registry_version"
(cd "$here/registry" && go build -trimpath -ldflags "-s -w" -o "$bin.tmp/registry" github.com/google/go-containerregistry/cmd/registry)

rm -rf "$bin" && mv "$bin.tmp" "$bin"
echo "$(( $(date +%s) - start ))" > "$bin/.build-seconds"
touch "$bin/.complete"
step "built in $(( $(date +%s) - start ))s"
echo "$bin"
