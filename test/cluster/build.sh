#!/usr/bin/env bash
# Builds the local control plane (etcd, kube-apiserver, kube-controller-manager,
# kube-scheduler, kubectl, kwok) from the Go modules beside this script.
# Binaries are cached outside the repository, keyed on go.mod/go.sum, the Go
# version and the build flags, so only the first build on a machine compiles.
# Prints the directory holding the binaries as its last line.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
k8s_version=v1.36.3
build_date=2026-07-22T00:00:00Z

if ! command -v go >/dev/null 2>&1; then
  echo "kube-gitops test cluster: Go is not installed." >&2
  echo "  It builds etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok from Go modules." >&2
  echo "  Install Go >= 1.26.0 (e.g. from your distribution or https://go.dev/dl) and put it on PATH." >&2
  exit 3
fi
export GOTOOLCHAIN=local GOFLAGS=-modcacherw CGO_ENABLED=0
go_version=$(go env GOVERSION)
case "$go_version" in
  go1.2[6-9]*|go1.[3-9]*) ;;
  *) echo "kube-gitops test cluster: Go $go_version is too old; Kubernetes 1.36 needs Go >= 1.26.0." >&2; exit 3 ;;
esac

ver_pkgs="k8s.io/component-base/version k8s.io/client-go/pkg/version"
ldflags="-s -w"
for p in $ver_pkgs; do
  ldflags="$ldflags -X $p.gitVersion=$k8s_version -X $p.gitMajor=1 -X $p.gitMinor=36"
  ldflags="$ldflags -X $p.gitTreeState=clean -X $p.gitCommit=kube-gitops-test -X $p.buildDate=$build_date"
done

key=$( { cat "$here"/go/*/go.mod "$here"/go/*/go.sum; echo "$go_version $ldflags"; cat "$0"; } | sha256sum | cut -c1-16)
cache_root=${KUBE_GITOPS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kube-gitops}
bin="$cache_root/bin/$key"
if [ -f "$bin/.complete" ]; then
  echo "$bin"
  exit 0
fi

mkdir -p "$bin.tmp"
start=$(date +%s)
step() { echo "[build] $*" >&2; }

step "downloading Go modules"
for m in kube etcd kwok pki; do (cd "$here/go/$m" && go mod download) || {
  echo "kube-gitops test cluster: 'go mod download' failed in test/cluster/go/$m: the Go module proxy must be reachable (GOPROXY=$(go env GOPROXY))." >&2; exit 4; }
done
step "modules ready after $(( $(date +%s) - start ))s"

step "compiling kube-apiserver, kube-controller-manager, kube-scheduler, kubectl (the slow one on a cold cache)"
(cd "$here/go/kube" && go build -trimpath -ldflags "$ldflags" -o "$bin.tmp/" \
  k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
  k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl)
step "kubernetes done after $(( $(date +%s) - start ))s"

step "compiling etcd"
(cd "$here/go/etcd" && go build -trimpath -ldflags "-s -w" -o "$bin.tmp/etcd" go.etcd.io/etcd/server/v3)
step "compiling pki"
(cd "$here/go/pki" && go build -trimpath -ldflags "-s -w" -o "$bin.tmp/pki" .)
step "compiling kwok"
(cd "$here/go/kwok" && go build -trimpath -ldflags "-s -w" -o "$bin.tmp/kwok" sigs.k8s.io/kwok/cmd/kwok)

# kwok needs its Stage documents; they ship inside the kwok module.
kwok_dir=$(cd "$here/go/kwok" && go list -m -f '{{.Dir}}' sigs.k8s.io/kwok)
mkdir -p "$bin.tmp/stages"
for s in node/fast node/heartbeat-with-lease pod/fast; do
  for f in "$kwok_dir/kustomize/stage/$s"/*.yaml; do
    [ "$(basename "$f")" = kustomization.yaml ] && continue
    cp "$f" "$bin.tmp/stages/$(echo "$s" | tr / -)-$(basename "$f")"
  done
done

rm -rf "$bin" && mv "$bin.tmp" "$bin"
echo "$(( $(date +%s) - start ))" > "$bin/.build-seconds"
touch "$bin/.complete"
step "built in $(( $(date +%s) - start ))s"
echo "$bin"
