#!/usr/bin/env bash
# Measures `ctxmod check` on a real Go project: files per second and peak
# memory. The project comes from the Go module proxy (default: etcd's server
# module); pass another module@version to measure that instead.
#
#   bash bench/check.sh [module@version] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."

module=${1:-go.etcd.io/etcd/server/v3@v3.5.17}
runs=${2:-5}

dir=$(go mod download -json "$module" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
[ -d "$dir" ] || { echo "could not download $module" >&2; exit 1; }
cargo build --release --quiet
bin=target/release/ctxmod
files=$(find "$dir" -name '*.go' -not -path '*/testdata/*' -not -path '*/vendor/*' | wc -l)
bytes=$(find "$dir" -name '*.go' -not -path '*/testdata/*' -not -path '*/vendor/*' -print0 | xargs -0 cat | wc -c)
echo "module: $module ($files Go files, $((bytes / 1024)) KiB)"

"$bin" check --stats "$dir/..." >/dev/null 2>/tmp/ctxmod-bench-stats.txt || true
grep '^ctxmod:' /tmp/ctxmod-bench-stats.txt

best_wall=
peak_kb=0
for _ in $(seq "$runs"); do
  /usr/bin/time -f '%e %M' -o /tmp/ctxmod-bench-time.txt "$bin" check "$dir/..." >/dev/null 2>&1 || true
  read -r wall kb < <(tail -n 1 /tmp/ctxmod-bench-time.txt)
  if [ -z "$best_wall" ] || awk "BEGIN{exit !($wall < $best_wall)}"; then best_wall=$wall; fi
  [ "$kb" -gt "$peak_kb" ] && peak_kb=$kb
done
awk -v f="$files" -v w="$best_wall" -v kb="$peak_kb" -v n="$runs" 'BEGIN {
  if (w < 0.01) w = 0.01
  printf "best of %d runs: %.2f s wall, %.0f files/s, peak RSS %.1f MiB\n", n, w, f / w, kb / 1024
}'
