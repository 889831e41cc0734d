#!/usr/bin/env bash
# Builds an OCI registry (go-containerregistry's in-memory `registry`, listening on localhost) from
# the Go module in registry/ beside this script, for the tests that push Helm charts to OCI. Kept
# apart from build.sh and build-helm.sh so their cache keys do not change with it. Cached outside
# the repository by go-tool.sh (keyed on registry/go.mod, registry/go.sum, the Go version and this
# script). Prints the directory holding the binary as its last line.
set -euo pipefail

. "$(dirname "$0")/go-tool.sh"
build_go_tool registry github.com/google/go-containerregistry/cmd/registry registry "the OCI registry (go-containerregistry v0.22.1)" "-s -w"
