#!/usr/bin/env bash
# Builds kapp (Carvel's deploy tool), one of the peers `npm run bench` runs beside kube-gitops, from
# the Go module in kapp/ beside this script. Not part of the test suite nor of .ci/run: the bench
# builds it on first use. Cached outside the repository like helm (go-tools.sh), keyed on kapp/go.mod,
# kapp/go.sum, the Go version and this script. kapp v0.66.0 is the newest the Go module proxy served
# in December 2026 (it lists no versions; v0.66.1, v0.67.0 and v0.68.0 were refused).
# Prints the directory holding the binary as its last line.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=go-tools.sh
. "$here/go-tools.sh"
kapp_version=v0.66.0 # must be kapp/go.mod's: `kapp version` prints it
ldflags="-s -w -X carvel.dev/kapp/pkg/kapp/version.Version=$kapp_version"

go_tools_start "kapp $kapp_version" "$here/kapp" "$ldflags"
# Not go_tools_build: its `go mod download` asks the proxy for every module's .info, which it refuses
# for github.com/carvel-dev/difflib (the .mod and .zip that a build needs are served), so
# `go build` fetches what it compiles itself.
go_tools_step "compiling kapp $kapp_version (fetching its modules first time)"
(cd "$here/kapp" && go build -trimpath -ldflags "$ldflags" -o "$bin.tmp/kapp" carvel.dev/kapp/cmd/kapp) || {
  echo "kube-gitops bench: building kapp failed in test/cluster/kapp (the Go module proxy must be reachable: GOPROXY=$(go env GOPROXY))." >&2; exit 4; }
rm -rf "$bin" && mv "$bin.tmp" "$bin"
echo "$(( $(date +%s) - start ))" > "$bin/.build-seconds"
touch "$bin/.complete"
go_tools_step "built in $(( $(date +%s) - start ))s"
echo "$bin"
