# Sourced by build-helm.sh and build-registry.sh: builds one binary a test needs from a Go module
# directory beside these scripts, cached outside the repository under a key of the module's go.mod
# and go.sum, the Go version, the build flags and the calling script (and this file), so only the
# first build on a machine compiles. Prints the directory holding the binary as its last line.

# build_go_tool <module dir> <package> <binary name> <what it is, for messages> <ldflags>
build_go_tool() {
  local here mod=$1 pkg=$2 name=$3 what=$4 ldflags=$5
  here=$(cd "$(dirname "$0")" && pwd)
  if ! command -v go >/dev/null 2>&1; then
    echo "kube-gitops test tools: Go is not installed." >&2
    echo "  It builds $what from Go modules." >&2
    echo "  Install Go >= 1.26.0 (e.g. from your distribution or https://go.dev/dl) and put it on PATH." >&2
    exit 3
  fi
  export GOTOOLCHAIN=local GOFLAGS=-modcacherw CGO_ENABLED=0
  local go_version
  go_version=$(go env GOVERSION)
  case "$go_version" in
    go1.2[6-9]*|go1.[3-9]*) ;;
    *) echo "kube-gitops test tools: Go $go_version is too old; $what needs Go >= 1.26.0." >&2; exit 3 ;;
  esac

  local key cache_root bin start
  key=$( { cat "$here/$mod/go.mod" "$here/$mod/go.sum"; echo "$go_version $ldflags"; cat "$0" "$here/go-tool.sh"; } | sha256sum | cut -c1-16)
  cache_root=${KUBE_GITOPS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kube-gitops}
  bin="$cache_root/tools/$key"
  if [ -f "$bin/.complete" ]; then
    echo "$bin"
    return 0
  fi

  mkdir -p "$bin.tmp"
  start=$(date +%s)
  echo "[build] downloading Go modules for $what" >&2
  (cd "$here/$mod" && go mod download) || {
    echo "kube-gitops test tools: 'go mod download' failed in test/cluster/$mod: the Go module proxy must be reachable (GOPROXY=$(go env GOPROXY))." >&2; exit 4; }
  echo "[build] modules ready after $(( $(date +%s) - start ))s" >&2
  echo "[build] compiling $what" >&2
  (cd "$here/$mod" && go build -trimpath -ldflags "$ldflags" -o "$bin.tmp/$name" "$pkg")
  rm -rf "$bin" && mv "$bin.tmp" "$bin"
  echo "$(( $(date +%s) - start ))" > "$bin/.build-seconds"
  touch "$bin/.complete"
  echo "[build] built in $(( $(date +%s) - start ))s" >&2
  echo "$bin"
}
