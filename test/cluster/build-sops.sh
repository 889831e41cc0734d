#!/usr/bin/env bash
# Builds the sops CLI and age-keygen (the tests encrypt with a fresh age key) from the Go module
# in sops/ beside this script. Kept apart from build.sh and build-helm.sh so their cache keys do
# not change with it. The binaries are cached outside the repository, keyed on sops/go.mod,
# sops/go.sum, the Go version and this script, so only the first build on a machine compiles.
# sops links the AWS, GCP, Azure, Vault and OpenPGP key services: the cold build is the slowest
# part; -trimpath and -ldflags '-s -w' keep the binary small without changing what it does.
# Prints the directory holding the binaries as its last line.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
sops_version=v3.13.3
age_version=v1.3.2

if ! command -v go >/dev/null 2>&1; then
  echo "kube-gitops test tools: Go is not installed." >&2
  echo "  It builds the sops and age-keygen CLIs from Go modules." >&2
  echo "  Install Go >= 1.26.0 (e.g. from your distribution or https://go.dev/dl) and put it on PATH." >&2
  exit 3
fi
export GOTOOLCHAIN=local GOFLAGS=-modcacherw CGO_ENABLED=0
go_version=$(go env GOVERSION)
case "$go_version" in
  go1.2[6-9]*|go1.[3-9]*) ;;
  *) echo "kube-gitops test tools: Go $go_version is too old; sops $sops_version needs Go >= 1.26.0 here." >&2; exit 3 ;;
esac

ldflags="-s -w"
key=$( { cat "$here/sops/go.mod" "$here/sops/go.sum"; echo "$go_version $ldflags"; cat "$0"; } | sha256sum | cut -c1-16)
cache_root=${KUBE_GITOPS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kube-gitops}
bin="$cache_root/tools/$key"
if [ -f "$bin/.complete" ]; then
  echo "$bin"
  exit 0
fi

mkdir -p "$bin.tmp"
start=$(date +%s)
step() { echo "[build] $*" >&2; }

step "downloading Go modules for sops and age-keygen"
(cd "$here/sops" && go mod download) || {
  echo "kube-gitops test tools: 'go mod download' failed in test/cluster/sops: the Go module proxy must be reachable (GOPROXY=$(go env GOPROXY))." >&2; exit 4; }
step "modules ready after $(( $(date +%s) - start ))s"

step "compiling sops $sops_version and age-keygen $age_version"
(cd "$here/sops" && go build -trimpath -ldflags "$ldflags" -o "$bin.tmp/" github.com/getsops/sops/v3/cmd/sops filippo.io/age/cmd/age-keygen)

rm -rf "$bin" && mv "$bin.tmp" "$bin"
echo "$(( $(date +%s) - start ))" > "$bin/.build-seconds"
touch "$bin/.complete"
step "built in $(( $(date +%s) - start ))s"
echo "$bin"
