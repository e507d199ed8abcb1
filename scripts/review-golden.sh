#!/usr/bin/env bash
# Reviews the pending golden snapshots: when a snapshot differs, `cargo test
# --test golden` writes the new one beside it as
# golden/<rule-id>/<case>/snapshot.new and fails. This shows each pending
# snapshot as a diff against the old one and asks what to do with it:
#
#   a  accept: move snapshot.new over snapshot, then bring the case's
#      expected/ tree in line with the fix (UPDATE_GOLDEN=1 on that case)
#   r  reject: delete snapshot.new
#   s  skip: leave it for later
#   q  quit
#
#   bash scripts/review-golden.sh                 # ask for each one
#   bash scripts/review-golden.sh --accept-all    # accept every one
#   bash scripts/review-golden.sh --reject-all    # reject every one
#
# Review what accepting changed with `git diff golden/`.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=ask
case "${1:-}" in
  "") ;;
  --accept-all) mode=accept ;;
  --reject-all) mode=reject ;;
  *)
    echo "usage: bash scripts/review-golden.sh [--accept-all | --reject-all]" >&2
    exit 2
    ;;
esac

mapfile -t pending < <(find golden -mindepth 3 -maxdepth 3 -name snapshot.new | sort)
if [ ${#pending[@]} -eq 0 ]; then
  echo "no pending snapshots"
  exit 0
fi

accepted=()
rejected=0
skipped=0
i=0
for new in "${pending[@]}"; do
  i=$((i + 1))
  dir=${new%/snapshot.new}
  name=${dir#golden/}
  old=$dir/snapshot
  if [ "$mode" = ask ]; then
    echo
    echo "=== $name ($i of ${#pending[@]})"
    [ -f "$dir/README" ] && head -n 1 "$dir/README"
    if [ -f "$old" ]; then
      # --no-index compares the two files as they are; it exits 1 when
      # they differ.
      git --no-pager diff --no-index -- "$old" "$new" || true
    else
      echo "(a new snapshot)"
      cat "$new"
    fi
    answer=
    while true; do
      read -r -p "accept, reject, skip or quit? [a/r/s/q] " answer || answer=q
      case "$answer" in
        a | r | s | q) break ;;
      esac
    done
  else
    answer=${mode:0:1}
  fi
  case "$answer" in
    a)
      mv "$new" "$old"
      accepted+=("$name")
      ;;
    r)
      rm "$new"
      rejected=$((rejected + 1))
      ;;
    s) skipped=$((skipped + 1)) ;;
    q) break ;;
  esac
done

# An accepted snapshot may show a new fix: rewrite each accepted case's
# expected/ tree (and snapshot, to the same text) from the fix itself, so
# that the tree the tests compile and vet says what the snapshot says.
for name in "${accepted[@]}"; do
  echo "updating $name"
  if ! UPDATE_GOLDEN=1 cargo test --quiet --test golden -- --exact "$name" >/dev/null; then
    echo "$name still fails after the update: cargo test --test golden -- --exact $name" >&2
  fi
done

echo "${#accepted[@]} accepted, $rejected rejected, $skipped skipped; see git status golden/"
