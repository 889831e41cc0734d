#!/usr/bin/env bash
# Builds the helm CLI (Helm 3, the major version GitHub's runners ship) from the
# Go module in helm/ beside this script. Kept apart from build.sh and go/ so the
# control plane's cache key (go/*/go.sum and build.sh) does not change with it.
# The binary is cached outside the repository, keyed on helm/go.mod, helm/go.sum,
# the Go version and the build flags, so only the first build on a machine compiles.
# Prints the directory holding the binary as its last line.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
helm_version=v3.22.0
k8s_minor=37 # the k8s.io modules helm v3.22.0 builds with (client-go v0.37)

if ! command -v go >/dev/null 2>&1; then
  echo "kube-gitops test tools: Go is not installed." >&2
  echo "  It builds the helm CLI from Go modules." >&2
  echo "  Install Go >= 1.26.0 (e.g. from your distribution or https://go.dev/dl) and put it on PATH." >&2
  exit 3
fi
export GOTOOLCHAIN=local GOFLAGS=-modcacherw CGO_ENABLED=0
go_version=$(go env GOVERSION)
case "$go_version" in
  go1.2[6-9]*|go1.[3-9]*) ;;
  *) echo "kube-gitops test tools: Go $go_version is too old; helm $helm_version needs Go >= 1.26.0." >&2; exit 3 ;;
esac

ldflags="-s -w -X helm.sh/helm/v3/internal/version.version=$helm_version"
ldflags="$ldflags -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
for p in helm.sh/helm/v3/pkg/chartutil helm.sh/helm/v3/pkg/lint/rules; do
  ldflags="$ldflags -X $p.k8sVersionMajor=1 -X $p.k8sVersionMinor=$k8s_minor"
done

key=$( { cat "$here/helm/go.mod" "$here/helm/go.sum"; echo "$go_version $ldflags"; cat "$0"; } | sha256sum | cut -c1-16)
cache_root=${KUBE_GITOPS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kube-gitops}
bin="$cache_root/tools/$key"
if [ -f "$bin/.complete" ]; then
  echo "$bin"
  exit 0
fi

mkdir -p "$bin.tmp"
start=$(date +%s)
step() { echo "[build] $*" >&2; }

step "downloading Go modules for helm"
(cd "$here/helm" && go mod download) || {
  echo "kube-gitops test tools: 'go mod download' failed in test/cluster/helm: the Go module proxy must be reachable (GOPROXY=$(go env GOPROXY))." >&2; exit 4; }
step "modules ready after $(( $(date +%s) - start ))s"

step "compiling helm $helm_version"
(cd "$here/helm" && go build -trimpath -ldflags "$ldflags" -o "$bin.tmp/helm" helm.sh/helm/v3/cmd/helm)

rm -rf "$bin" && mv "$bin.tmp" "$bin"
echo "$(( $(date +%s) - start ))" > "$bin/.build-seconds"
touch "$bin/.complete"
step "built in $(( $(date +%s) - start ))s"
echo "$bin"
