#!/usr/bin/env bash
# Soak test: runs `ctxmod fix --write --unsafe --verify` on pinned real Go
# modules from the Go module proxy and checks what it wrote with the Go
# toolchain, then prints one table, a row per module:
#
#   scripts/soak.sh                          # every module below
#   scripts/soak.sh --only k8s.io/client-go  # one of them (repeatable)
#   scripts/soak.sh --out /tmp/soak --keep   # results elsewhere, keep the copies
#
# For each module: the module's source is copied twice into a temporary
# directory (a pristine copy and a work copy); `go build ./...` and
# `go vet ./...` run on the pristine copy; ctxmod fixes the work copy
# (its JSON report and its diff are saved); then the work copy must still
# build (or fail with no new error when the pristine copy already failed),
# `go vet` must report no line the pristine copy did not have (paths and
# line numbers left out of the comparison), the changed files must be
# gofmt-clean (unless they were not before), a second dry run
# `ctxmod fix --unsafe .` must print nothing, and `go test` of each changed
# package must give the same result (ok/FAIL) on both copies (a package
# whose result differs is run once more on both before it counts).
#
# Results go to target/soak/<module>_<version>/ (--out DIR to change):
#   fix.json, fix.diff, fix.stderr   ctxmod's report, diff and warnings
#   changed-files.txt                files that differ between the copies
#   build-*.txt, vet-*.txt, vet-new.txt, gofmt.txt
#   second-run.diff                  what a second dry run would change
#   test-before.json, test-after.json   go test -json of the changed packages
#   tests.txt, tests-rerun.txt       package, result before, result after
# and the table to table.md beside them.
#
# Needs go (with gofmt), cargo, jq, diff. The module proxy must serve the
# modules and their dependencies. Exit status: 0 when every check passed,
# 1 when one did not, 2 when the soak could not run (bad option, build of
# ctxmod failed, a tool is missing).
set -euo pipefail

# Pinned modules. zincsearch is a gin application (a search engine with a
# gin HTTP API and handlers); the others are large libraries and servers.
MODULES=(
  k8s.io/client-go@v0.31.0
  github.com/caddyserver/caddy/v2@v2.8.4
  github.com/nats-io/nats-server/v2@v2.10.22
  github.com/hashicorp/consul/api@v1.29.4
  github.com/zincsearch/zincsearch@v0.4.10
)

# What a module needs before it builds, done once on the copied source
# (so that both copies have it and it is not counted as a change).
prepare_module() { # module-path dir
  case $1 in
    github.com/zincsearch/zincsearch)
      # embed.go embeds web/dist, the web UI that npm builds; the module
      # zip does not hold it. A placeholder page lets the root package build.
      mkdir -p "$2/web/dist"
      printf '<!doctype html>\n' >"$2/web/dist/index.html"
      ;;
  esac
}

usage() {
  cat <<'EOF'
usage: scripts/soak.sh [--only MODULE]... [--out DIR] [--keep] [--test-timeout DUR]

  --only MODULE        soak only this module (its path, or path@version); repeatable
  --out DIR            where the results go (default: target/soak in the repository)
  --keep               keep the temporary copies of the modules (their path is printed)
  --test-timeout DUR   go test -timeout for each changed package (default 5m)
  -h, --help           this help
EOF
}

die() { printf 'soak: error: %s\n' "$*" >&2; exit 2; }
note() { printf '[soak %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

only=()
out=
keep=0
test_timeout=5m
while [ $# -gt 0 ]; do
  case $1 in
    --only) [ $# -ge 2 ] || die "--only needs a module"; only+=("$2"); shift 2 ;;
    --only=*) only+=("${1#--only=}"); shift ;;
    --out) [ $# -ge 2 ] || die "--out needs a directory"; out=$2; shift 2 ;;
    --out=*) out=${1#--out=}; shift ;;
    --keep) keep=1; shift ;;
    --test-timeout) [ $# -ge 2 ] || die "--test-timeout needs a duration"; test_timeout=$2; shift 2 ;;
    --test-timeout=*) test_timeout=${1#--test-timeout=}; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done

# The modules to soak.
selected=()
if [ ${#only[@]} -eq 0 ]; then
  selected=("${MODULES[@]}")
else
  for want in "${only[@]}"; do
    found=
    for spec in "${MODULES[@]}"; do
      if [ "$want" = "$spec" ] || [ "$want" = "${spec%@*}" ]; then found=$spec; fi
    done
    [ -n "$found" ] || die "--only $want: not one of the pinned modules: ${MODULES[*]}"
    selected+=("$found")
  done
fi

for tool in go gofmt cargo jq diff; do
  command -v "$tool" >/dev/null || die "$tool not found on PATH"
done

root=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "$out" ]; then
  out=$root/target/soak
fi
mkdir -p "$out" || die "cannot create $out"
out=$(cd "$out" && pwd)

work=$(mktemp -d "${TMPDIR:-/tmp}/ctxmod-soak.XXXXXX")
cleanup() {
  if [ "$keep" = 1 ]; then
    note "work copies kept in $work"
  else
    chmod -R u+w "$work" 2>/dev/null || true
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'note "interrupted"; exit 130' INT TERM

note "building ctxmod (cargo build --release)"
if ! (cd "$root" && cargo build --release --quiet); then
  die "cargo build --release failed (output above): no ctxmod binary to soak"
fi
# A copy, so that a rebuild during the soak does not change the binary under it.
bin=$work/ctxmod
cp "$root/target/release/ctxmod" "$bin"
rev=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$root" status --porcelain --untracked-files=no -- src transforms Cargo.toml Cargo.lock 2>/dev/null)" ]; then
  rev="$rev + uncommitted changes"
fi
base_goflags=$(go env GOFLAGS)

# replace_literal FROM TO: replaces every FROM (a plain string) on stdin.
replace_literal() {
  awk -v from="$1" -v to="$2" '{
    line = $0; res = ""
    while ((i = index(line, from)) > 0) { res = res substr(line, 1, i - 1) to; line = substr(line, i + length(from)) }
    print res line
  }'
}

# normalise BEFORE AFTER < output: toolchain output made comparable between
# the two copies: temporary paths, line and column numbers and download
# progress left out, sorted.
normalise() {
  grep -v -e '^go: downloading ' -e '^go: finding ' |
    replace_literal "$1" '<dir>' | replace_literal "$2" '<dir>' |
    sed -E 's/\.go:[0-9]+(:[0-9]+)?/.go/g' | LC_ALL=C sort
}

# results JSON: "package result" per package of a go test -json output;
# result is ok, FAIL, timeout or none (no test files).
results() {
  local timedout
  timedout=$(jq -rR 'fromjson? | select(.Action == "output" and ((.Output // "") | startswith("panic: test timed out"))) | .Package' "$1" | sort -u)
  jq -rR 'fromjson? | select(.Test == null and .Package != null and (.Action == "pass" or .Action == "fail" or .Action == "skip")) | "\(.Package) \(.Action)"' "$1" |
    awk -v t="$timedout" 'BEGIN { n = split(t, a, "\n"); for (i = 1; i <= n; i++) to[a[i]] = 1 }
      { r = $2 == "pass" ? "ok" : $2 == "skip" ? "none" : ($1 in to ? "timeout" : "FAIL"); print $1, r }' |
    LC_ALL=C sort -u
}

# go_test DIR OUT PKG...: go test -json of the packages, bounded in time.
go_test() {
  local dir=$1 dest=$2
  shift 2
  (cd "$dir" && go test -count=1 -timeout "$test_timeout" -p 2 -json "$@") >"$dest" 2>"$dest.stderr" || true
}

rows=()
failed=0

soak_one() {
  local spec=$1
  local mod=${spec%@*} ver=${spec##*@}
  local slug
  slug=$(printf '%s' "$mod" | tr '/' '_')_$ver
  local mout=$out/$slug mw=$work/$slug
  local src=$mw/src before=$mw/before after=$mw/after
  local start=$SECONDS
  rm -rf "$mout"
  mkdir -p "$mout" "$mw"

  local c_fixes=- c_files=- c_build=- c_vet=- c_gofmt=- c_second=- c_tests=- bad=0
  row() {
    local secs=$((SECONDS - start))
    rows+=("| $spec | $c_fixes | $c_files | $c_build | $c_vet | $c_gofmt | $c_second | $c_tests | $((secs / 60))m$(printf '%02d' $((secs % 60)))s |")
    if [ "$bad" = 1 ]; then failed=1; fi
  }

  # 1. Source and dependencies.
  note "$spec: downloading"
  if ! go mod download -json "$spec" >"$mout/download.json" 2>"$mout/download.stderr"; then
    note "$spec: go mod download failed: $(jq -r '.Error // empty' "$mout/download.json" 2>/dev/null | head -n 1)"
    c_fixes="download failed (see download.json)"; bad=1; row; return
  fi
  local dir
  dir=$(jq -r '.Dir' "$mout/download.json")
  cp -r "$dir" "$src"
  chmod -R u+w "$src"
  prepare_module "$mod" "$src"
  export GOFLAGS=$base_goflags
  if ! (cd "$src" && go mod download && go list -deps -test ./... >/dev/null) 2>"$mout/deps.stderr"; then
    # A go.sum that misses entries, or a go.mod that needs updates: let go
    # fix them (in the source, before it is copied, so both copies agree).
    export GOFLAGS="$base_goflags -mod=mod"
    note "$spec: go list failed as the module is, using GOFLAGS=$GOFLAGS"
    if ! (cd "$src" && go list -deps -test ./... >/dev/null) 2>>"$mout/deps.stderr"; then
      note "$spec: the module's packages do not load (see deps.stderr); going on"
    fi
  fi
  cp -r "$src" "$before"
  cp -r "$src" "$after"

  # 2. Baseline on the pristine copy.
  note "$spec: go build and go vet on the pristine copy"
  local build_before=ok build_after=ok
  (cd "$before" && go build ./...) >"$mout/build-before.txt" 2>&1 || build_before=fail
  (cd "$before" && go vet ./...) >"$mout/vet-before.txt" 2>&1 || true

  # 3. ctxmod.
  note "$spec: ctxmod fix --write --unsafe --verify"
  local rc=0
  (cd "$after" && "$bin" fix --write --unsafe --verify --format json --diff-out "$mout/fix.diff" .) \
    >"$mout/fix.json" 2>"$mout/fix.stderr" || rc=$?
  if ! jq -e '.fixes' "$mout/fix.json" >/dev/null 2>&1; then
    note "$spec: ctxmod failed (exit $rc), no JSON report: $(tail -n 1 "$mout/fix.stderr")"
    c_fixes="ctxmod failed, exit $rc (see fix.stderr)"; bad=1; row; return
  fi
  local nfix per dropped
  nfix=$(jq '.fixes | length' "$mout/fix.json")
  per=$(jq -r '[.fixes[].id] | group_by(.) | map("\(.[0]) \(length)") | join(", ")' "$mout/fix.json")
  dropped=$(sed -n 's/^verify: .* \([0-9][0-9]*\) dropped.*/\1/p' "$mout/fix.stderr" | tail -n 1)
  dropped=${dropped:-0}
  c_fixes=$nfix
  [ -n "$per" ] && c_fixes="$nfix: $per"
  [ "$dropped" != 0 ] && c_fixes="$c_fixes; $dropped dropped by verify"
  if [ "$rc" -ge 2 ]; then c_fixes="$c_fixes; exit $rc (see fix.stderr)"; bad=1; fi

  # Files ctxmod changed: the copies compared.
  { diff -rq "$before" "$after" || true; } | awk -v b="$before/" -v a="$after/" '
    /^Files / { s = substr($0, 7); i = index(s, " and "); p = substr(s, 1, i - 1)
                if (index(p, b) == 1) print substr(p, length(b) + 1); next }
    /^Only in / { s = substr($0, 9); i = index(s, ": "); d = substr(s, 1, i - 1) "/"; n = substr(s, i + 2)
                  if (index(d, a) == 1) print substr(d, length(a) + 1) n
                  else if (index(d, b) == 1) print "(deleted) " substr(d, length(b) + 1) n }' |
    LC_ALL=C sort >"$mout/changed-files.txt"
  local changed=() gofiles=() f
  while IFS= read -r f; do
    if [ -d "$after/$f" ]; then
      while IFS= read -r g; do changed+=("${g#"$after"/}"); done < <(find "$after/$f" -type f | LC_ALL=C sort)
    else
      changed+=("$f")
    fi
  done <"$mout/changed-files.txt"
  printf '%s\n' ${changed[@]+"${changed[@]}"} | sed '/^$/d' >"$mout/changed-files.txt"
  for f in ${changed[@]+"${changed[@]}"}; do
    case $f in
      *.go) [ -f "$after/$f" ] && gofiles+=("$f") ;;
    esac
  done
  c_files=${#changed[@]}
  local injson
  injson=$(jq '[.changes[]?] | length' "$mout/fix.json")
  if [ "$injson" != "${#changed[@]}" ]; then c_files="$c_files (report: $injson)"; fi

  # 4. Checks on the work copy.
  note "$spec: ${#changed[@]} files changed; go build and go vet on the work copy"
  (cd "$after" && go build ./...) >"$mout/build-after.txt" 2>&1 || build_after=fail
  if [ "$build_after" = ok ]; then
    c_build=ok
    [ "$build_before" = fail ] && c_build="ok (failed before)"
  elif [ "$build_before" = ok ]; then
    c_build="BROKEN (see build-after.txt)"; bad=1
  else
    local newerr
    newerr=$(LC_ALL=C comm -13 <(normalise "$before" "$after" <"$mout/build-before.txt") \
      <(normalise "$before" "$after" <"$mout/build-after.txt") | tee "$mout/build-new.txt" | wc -l)
    if [ "$newerr" = 0 ]; then c_build="fails as before"; else c_build="BROKEN: $newerr new error lines"; bad=1; fi
  fi

  (cd "$after" && go vet ./...) >"$mout/vet-after.txt" 2>&1 || true
  local newvet
  newvet=$(LC_ALL=C comm -13 <(normalise "$before" "$after" <"$mout/vet-before.txt") \
    <(normalise "$before" "$after" <"$mout/vet-after.txt") | tee "$mout/vet-new.txt" | wc -l)
  c_vet=$newvet
  [ "$newvet" != 0 ] && { c_vet="$newvet (see vet-new.txt)"; bad=1; }

  : >"$mout/gofmt.txt"
  if [ ${#gofiles[@]} -gt 0 ]; then
    local was
    was=$(cd "$before" && for f in "${gofiles[@]}"; do [ -f "$f" ] && gofmt -l "$f"; done || true)
    (cd "$after" && gofmt -l "${gofiles[@]}") 2>&1 | while IFS= read -r f; do
      if printf '%s\n' "$was" | grep -qxF "$f"; then echo "$f (not gofmt-clean before either)"; else echo "$f"; fi
    done >"$mout/gofmt.txt"
  fi
  local unfmt
  unfmt=$(grep -vc 'not gofmt-clean before' "$mout/gofmt.txt" || true)
  if [ "$unfmt" = 0 ]; then c_gofmt=clean; else c_gofmt="$unfmt unformatted (see gofmt.txt)"; bad=1; fi

  note "$spec: second dry run"
  rc=0
  (cd "$after" && "$bin" fix --unsafe .) >"$mout/second-run.diff" 2>"$mout/second-run.stderr" || rc=$?
  if [ "$rc" -ge 2 ]; then
    c_second="ctxmod exit $rc (see second-run.stderr)"; bad=1
  elif [ ! -s "$mout/second-run.diff" ]; then
    c_second=empty
  else
    local n
    n=$(grep -c '^+++ ' "$mout/second-run.diff" || true)
    if [ "$dropped" != 0 ]; then
      # The fixes verify dropped come back without --verify: ask with it.
      rc=0
      (cd "$after" && "$bin" fix --unsafe --verify .) >"$mout/second-run-verify.diff" 2>"$mout/second-run-verify.stderr" || rc=$?
      if [ "$rc" -lt 2 ] && [ ! -s "$mout/second-run-verify.diff" ]; then
        c_second="empty with --verify (without: the $n files of the dropped fixes)"
      else
        c_second="NOT EMPTY: $n files, $(grep -c '^+++ ' "$mout/second-run-verify.diff" || true) with --verify"; bad=1
      fi
    else
      c_second="NOT EMPTY: $n files (see second-run.diff)"; bad=1
    fi
  fi

  # go test of the changed packages, on both copies.
  local pkgs=()
  while IFS= read -r f; do pkgs+=("$f"); done < <(
    for f in ${gofiles[@]+"${gofiles[@]}"}; do
      d=$(dirname "$f")
      [ "$d" = . ] && echo . || echo "./$d"
    done | LC_ALL=C sort -u)
  if [ ${#pkgs[@]} -eq 0 ]; then
    c_tests="no package changed"
  else
    note "$spec: go test of ${#pkgs[@]} changed packages, pristine copy"
    go_test "$before" "$mout/test-before.json" "${pkgs[@]}"
    note "$spec: go test of ${#pkgs[@]} changed packages, work copy"
    go_test "$after" "$mout/test-after.json" "${pkgs[@]}"
    : >"$mout/tests-rerun.txt"
    results "$mout/test-before.json" >"$mout/results-before.txt"
    results "$mout/test-after.json" >"$mout/results-after.txt"
    # package before-result after-result, for every package either run reports.
    LC_ALL=C join -a 1 -a 2 -e none -o 0,1.2,2.2 "$mout/results-before.txt" "$mout/results-after.txt" >"$mout/tests.txt"
    local same=0 differ=() flaky=() p rb ra
    while read -r p rb ra; do
      if [ "$rb" = "$ra" ]; then same=$((same + 1)); continue; fi
      local rel=${p#"$mod"} short=${p#"$mod"/}
      rel=.${rel}
      note "$spec: $p: $rb before, $ra after; running it again on both"
      local tag
      tag=$(printf '%s' "$short" | tr '/' '_')
      go_test "$before" "$mout/rerun-before-$tag.json" "$rel"
      go_test "$after" "$mout/rerun-after-$tag.json" "$rel"
      local rb2 ra2
      rb2=$(results "$mout/rerun-before-$tag.json" | awk -v p="$p" '$1 == p { print $2 }')
      ra2=$(results "$mout/rerun-after-$tag.json" | awk -v p="$p" '$1 == p { print $2 }')
      rb2=${rb2:-none} ra2=${ra2:-none}
      echo "$p $rb2 $ra2" >>"$mout/tests-rerun.txt"
      # A difference counts when the rerun shows it again; a package whose
      # results agree on the rerun, or change from one run to the next, is flaky.
      if [ "$rb2" = "$rb" ] && [ "$ra2" = "$ra" ]; then
        differ+=("$short ($rb before, $ra after, twice)")
      else
        same=$((same + 1)); flaky+=("$short ($rb/$rb2 before, $ra/$ra2 after)")
      fi
    done <"$mout/tests.txt"
    local counts
    counts=$(awk '{ c[$2]++ } END { s = ""; for (k in c) s = s (s ? ", " : "") c[k] " " k; print s }' "$mout/tests.txt")
    c_tests="$same same, ${#differ[@]} differ (before: $counts)"
    [ ${#flaky[@]} -gt 0 ] && c_tests="$c_tests; flaky: ${flaky[*]}"
    if [ ${#differ[@]} -gt 0 ]; then c_tests="$c_tests; DIFFER: ${differ[*]}"; bad=1; fi
  fi
  row
  note "$spec: done in $((SECONDS - start))s"
}

note "ctxmod $rev; results in $out; work copies in $work"
for spec in "${selected[@]}"; do
  soak_one "$spec"
done

{
  echo "ctxmod soak, ctxmod $rev, $(date -u '+%Y-%m-%d %H:%M UTC'), $(go version | awk '{print $3}')"
  echo
  echo "| module | fixes applied | files changed | build | vet (new lines) | gofmt | second run | tests (changed packages) | time |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} | tee "$out/table.md"
exit "$failed"
