#!/usr/bin/env bash
# Builds the sops CLI and age-keygen (the tests encrypt with a fresh age key) from the Go module
# in sops/ beside this script. Kept apart from build.sh and build-helm.sh so their cache keys do
# not change with it. The binaries are cached outside the repository, keyed on sops/go.mod,
# sops/go.sum, the Go version, the flags and these scripts, so only the first build on a machine
# compiles (about 2 minutes on 2 idle cores: sops links the AWS, GCP, Azure and Vault clients).
# Prints the directory holding the binaries as its last line.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=go-tools.sh
. "$here/go-tools.sh"
what="sops v3.13.3 and age-keygen v1.3.2"
ldflags="-s -w"

go_tools_start "$what" "$here/sops" "$ldflags"
go_tools_build "$what" "$here/sops" "$ldflags" "" github.com/getsops/sops/v3/cmd/sops filippo.io/age/cmd/age-keygen
