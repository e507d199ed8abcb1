#!/usr/bin/env bash
# Records what a ctxmod binary prints on every golden input and on a set of
# real Go modules, so that a refactor can be shown to change nothing:
#
#   bash scripts/compare-outputs.sh record BIN OUTDIR
#   bash scripts/compare-outputs.sh compare BIN_BEFORE BIN_AFTER
#
# `record` writes, per tree, `check --format json` (stdout and exit code)
# and `fix --unsafe` (the dry-run diff, stdout and exit code). `compare`
# records both binaries into temporary directories and diffs them byte for
# byte; it exits non-zero on any difference. Real modules come from the Go
# module proxy at pinned versions.
set -euo pipefail
cd "$(dirname "$0")/.."

modules=(
  go.etcd.io/etcd/server/v3@v3.5.17
  google.golang.org/grpc@v1.68.0
  github.com/prometheus/prometheus@v0.316.0
  golang.org/x/net@v0.25.0
  github.com/gin-gonic/gin@v1.10.0
  github.com/redis/go-redis/v9@v9.7.0
  github.com/jackc/pgx/v5@v5.7.1
)

# Runs BIN in DIR and stores its outputs under OUT/NAME.
run_tree() {
  local bin=$1 dir=$2 out=$3
  mkdir -p "$out"
  (cd "$dir" && { "$bin" check --format json . >"$out/check.json" 2>"$out/check.err"; echo $? >"$out/check.code"; } || true)
  (cd "$dir" && { "$bin" fix --unsafe . >"$out/fix.diff" 2>"$out/fix.err"; echo $? >"$out/fix.code"; } || true)
}

record() {
  local bin out
  bin=$(realpath "$1")
  out=$2
  mkdir -p "$out"
  for input in golden/*/*/input; do
    local case=${input%/input}
    run_tree "$bin" "$input" "$out/golden/${case#golden/}"
  done
  for module in "${modules[@]}"; do
    local dir
    dir=$(go mod download -json "$module" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
    [ -d "$dir" ] || { echo "could not download $module" >&2; exit 1; }
    run_tree "$bin" "$dir" "$out/modules/${module//\//_}"
  done
}

case ${1:-} in
  record) record "$2" "$3" ;;
  compare)
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    record "$2" "$tmp/before"
    record "$3" "$tmp/after"
    if diff -r "$tmp/before" "$tmp/after"; then
      echo "identical: $(find "$tmp/before" -type f | wc -l) outputs"
    else
      exit 1
    fi
    ;;
  *) sed -n '2,12p' "$0" >&2; exit 2 ;;
esac
