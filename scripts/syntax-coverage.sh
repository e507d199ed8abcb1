#!/usr/bin/env bash
# Counts the Go files ctxmod skips as syntax errors in real code, and fails
# when there is any: the grammar must parse all the Go that Go accepts.
#
#   scripts/syntax-coverage.sh                      # kubernetes v1.34.4 from the module proxy
#   scripts/syntax-coverage.sh DIR|module@version…  # trees or modules of your choice
#
# etcd's main branch uses Go 1.26's new(expr); check a clone of it by
# giving its directory (`git clone https://github.com/etcd-io/etcd`).
set -euo pipefail
cd "$(dirname "$0")/.."

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(k8s.io/kubernetes@v1.34.4)
cargo build --release --quiet
bin=$PWD/target/release/ctxmod
status=0
for target in "${targets[@]}"; do
  dir=$target
  if [ ! -d "$dir" ]; then
    dir=$(cd /tmp && GOFLAGS=-mod=mod go mod download -json "$target" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
    [ -d "$dir" ] || { echo "could not download $target" >&2; exit 1; }
  fi
  err=$(mktemp)
  (cd "$dir" && "$bin" check --stats ./... >/dev/null 2>"$err") || true
  skipped=$(grep -c 'file skipped and not edited' "$err" || true)
  echo "$target: $skipped files skipped as syntax errors; $(grep '^ctxmod:' "$err" | sed 's/^ctxmod: //')"
  { grep 'file skipped and not edited' "$err" || true; } | head -5 | sed 's/^/  /'
  [ "$skipped" -eq 0 ] || status=1
  rm -f "$err"
done
exit $status
