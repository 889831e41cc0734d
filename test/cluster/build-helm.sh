#!/usr/bin/env bash
# Builds the helm CLI (Helm 3, the major version GitHub's runners ship) from the
# Go module in helm/ beside this script. Kept apart from build.sh and go/ so the
# control plane's cache key (go/*/go.sum and build.sh) does not change with it.
# The binary is cached outside the repository, keyed on helm/go.mod, helm/go.sum,
# the Go version and the build flags, so only the first build on a machine compiles.
# Prints the directory holding the binary as its last line.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=go-tools.sh
. "$here/go-tools.sh"
helm_version=v3.22.0
k8s_minor=37 # the k8s.io modules helm v3.22.0 builds with (client-go v0.37)

ldflags="-s -w -X helm.sh/helm/v3/internal/version.version=$helm_version"
ldflags="$ldflags -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
for p in helm.sh/helm/v3/pkg/chartutil helm.sh/helm/v3/pkg/lint/rules; do
  ldflags="$ldflags -X $p.k8sVersionMajor=1 -X $p.k8sVersionMinor=$k8s_minor"
done

go_tools_start "helm $helm_version" "$here/helm" "$ldflags"
go_tools_build "helm $helm_version" "$here/helm" "$ldflags" helm helm.sh/helm/v3/cmd/helm
