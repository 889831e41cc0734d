#!/usr/bin/env bash
# Builds flux-ssa, our driver of Flux's server-side apply engine (github.com/fluxcd/pkg/ssa v0.78.0,
# the newest that builds on Go 1.26), one of the peers `npm run bench` runs beside kube-gitops, from
# the Go module in flux-ssa/ beside this script. Not part of the test suite nor of .ci/run: the bench
# builds it on first use. Cached outside the repository like helm (go-tools.sh), keyed on
# flux-ssa/go.mod, flux-ssa/go.sum, the Go version, this script and (through the ldflags) a hash of
# flux-ssa/main.go. Prints the directory holding the binary as its last line.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=go-tools.sh
. "$here/go-tools.sh"
ldflags="-s -w -X main.sourceHash=$(sha256sum "$here/flux-ssa/main.go" | cut -c1-16)"

go_tools_start "flux-ssa (fluxcd/pkg/ssa v0.78.0)" "$here/flux-ssa" "$ldflags"
go_tools_build "flux-ssa (fluxcd/pkg/ssa v0.78.0)" "$here/flux-ssa" "$ldflags" flux-ssa .
