#!/usr/bin/env bash
# Measures what the workspace index costs `ctxmod check` on a real Go
# project: the CPU time of `check` with every rule against `check` with only
# the rules that need no index (one file at a time), as the median of
# several runs each, and their ratio. The budget is a ratio of 1.30, met on
# prometheus (the default, one of the projects `fix --unsafe --verify` is
# tried on); pass etcd's server module (go.etcd.io/etcd/server/v3@v3.5.17)
# or grpc (google.golang.org/grpc@v1.59.0) to see two that are above it.
# The one-file rules still resolve callees through the declarations every
# run gathers, but none of the index's other parts (`SummaryParts`) nor its
# call-site rounds: those are what the ratio prices.
#
#   bash bench/index.sh [module@version] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."

module=${1:-github.com/prometheus/prometheus@v0.54.1}
runs=${2:-9}

dir=$(go mod download -json "$module" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
[ -d "$dir" ] || { echo "could not download $module" >&2; exit 1; }
cargo build --release --quiet
bin=target/release/ctxmod
# Every rule that reads one file at a time, as ctxmod lists them (no
# summary part beyond the declarations, no collector): `--rule ID` each.
local_rules=()
for id in $("$bin" rules --one-file | awk 'NR > 1 { print $2 }'); do
  local_rules+=(--rule "$id")
done
[ ${#local_rules[@]} -gt 0 ] || { echo "ctxmod rules --one-file lists no rule" >&2; exit 1; }

# The CPU seconds (user + sys) of one `ctxmod check ARGS... DIR`.
cpu() {
  /usr/bin/time -f '%U %S' -o /tmp/ctxmod-index-time.txt "$bin" check "$@" "$dir/..." >/dev/null 2>&1 || true
  tail -n 1 /tmp/ctxmod-index-time.txt | awk '{ printf "%.3f", $1 + $2 }'
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

echo "module: $module"
"$bin" check --stats "$dir/..." >/dev/null 2>/tmp/ctxmod-index-stats.txt || true
echo "all rules:   $(grep '^ctxmod:' /tmp/ctxmod-index-stats.txt)"
"$bin" check --stats "${local_rules[@]}" "$dir/..." >/dev/null 2>/tmp/ctxmod-index-stats.txt || true
echo "local rules: $(grep '^ctxmod:' /tmp/ctxmod-index-stats.txt)"
# The two in turn, so that a machine whose speed drifts weighs on both; the
# ratio of each pair, then the median.
withs=() withouts=() ratios=()
for _ in $(seq "$runs"); do
  a=$(cpu)
  b=$(cpu "${local_rules[@]}")
  withs+=("$a") withouts+=("$b")
  ratios+=("$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", a / b }')")
done
with=$(printf '%s\n' "${withs[@]}" | median)
without=$(printf '%s\n' "${withouts[@]}" | median)
ratio=$(printf '%s\n' "${ratios[@]}" | median)
echo "median of $runs paired runs: $with CPU s with the index, $without without: ratio $ratio (budget 1.30)"
