# Sourced by build-helm.sh, build-registry.sh and build-sops.sh: the steps every test tool built from a Go module
# shares. `go_tools_start` checks Go and returns early (printing the cached directory) when the
# tools of this key are built; `go_tools_build` downloads the module's dependencies and compiles the
# packages into the cache; its directory is printed as the script's last line.
# (build.sh, the control plane's, keeps its own copy: its cache key covers that file, and a change to
# it would rebuild the control plane, about 12 minutes on 2 cores.)

# go_tools_start WHAT MODULE_DIR LDFLAGS: sets go_version, bin, start; exits 0 when cached.
go_tools_start() {
  local what=$1 module_dir=$2 ldflags=$3
  if ! command -v go >/dev/null 2>&1; then
    echo "kube-gitops test tools: Go is not installed." >&2
    echo "  It builds $what from Go modules." >&2
    echo "  Install Go >= 1.26.0 (e.g. from your distribution or https://go.dev/dl) and put it on PATH." >&2
    exit 3
  fi
  export GOTOOLCHAIN=local GOFLAGS=-modcacherw CGO_ENABLED=0
  go_version=$(go env GOVERSION)
  case "$go_version" in
    go1.2[6-9]*|go1.[3-9]*) ;;
    *) echo "kube-gitops test tools: Go $go_version is too old; $what needs Go >= 1.26.0." >&2; exit 3 ;;
  esac
  local key cache_root
  key=$( { cat "$module_dir/go.mod" "$module_dir/go.sum"; echo "$go_version $ldflags"; cat "$0" "${BASH_SOURCE[0]}"; } | sha256sum | cut -c1-16)
  cache_root=${KUBE_GITOPS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kube-gitops}
  bin="$cache_root/tools/$key"
  if [ -f "$bin/.complete" ]; then
    echo "$bin"
    exit 0
  fi
  mkdir -p "$bin.tmp"
  start=$(date +%s)
}

go_tools_step() { echo "[build] $*" >&2; }

# go_tools_build WHAT MODULE_DIR LDFLAGS OUTPUT PACKAGE...: OUTPUT is a file name, or a directory ending in /.
go_tools_build() {
  local what=$1 module_dir=$2 ldflags=$3 output=$4
  shift 4
  go_tools_step "downloading Go modules for $what"
  (cd "$module_dir" && go mod download) || {
    echo "kube-gitops test tools: 'go mod download' failed in test/cluster/$(basename "$module_dir"): the Go module proxy must be reachable (GOPROXY=$(go env GOPROXY))." >&2; exit 4; }
  go_tools_step "modules ready after $(( $(date +%s) - start ))s"
  go_tools_step "compiling $what"
  (cd "$module_dir" && go build -trimpath -ldflags "$ldflags" -o "$bin.tmp/$output" "$@")
  rm -rf "$bin" && mv "$bin.tmp" "$bin"
  echo "$(( $(date +%s) - start ))" > "$bin/.build-seconds"
  touch "$bin/.complete"
  go_tools_step "built in $(( $(date +%s) - start ))s"
  echo "$bin"
}
