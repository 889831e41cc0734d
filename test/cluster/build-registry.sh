#!/usr/bin/env bash
# Builds an OCI registry (go-containerregistry's in-memory `registry`, listening on localhost) from
# the Go module in registry/ beside this script, for the tests that push Helm charts to OCI. Kept
# apart from build.sh and build-helm.sh so their cache keys do not change with it. Cached outside
# the repository by go-tools.sh (keyed on registry/go.mod, registry/go.sum, the Go version and these
# scripts). Prints the directory holding the binary as its last line.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=go-tools.sh
. "$here/go-tools.sh"
what="the OCI registry (go-containerregistry v0.22.1)"
ldflags="-s -w"

go_tools_start "$what" "$here/registry" "$ldflags"
go_tools_build "$what" "$here/registry" "$ldflags" registry github.com/google/go-containerregistry/cmd/registry
