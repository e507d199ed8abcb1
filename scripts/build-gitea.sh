#!/usr/bin/env bash
# Builds a Gitea server from the Go module proxy for the real-forge test
# (tests/gitea.rs) and prints the binary's path:
#
#   CTXMOD_GITEA=$(scripts/build-gitea.sh) cargo test --test gitea -- --ignored
#
# Gitea's go.mod has replace directives, so `go install` refuses it: the
# module's source is downloaded and built in place, where the binary finds
# the options/ it reads at run time. The build is kept under target/ and
# reused. A cold build takes about 12 minutes on 2 cores, 2 with Go's
# module and build caches warm.
set -euo pipefail
cd "$(dirname "$0")/.."

version=${GITEA_VERSION:-v1.26.0}
out="$PWD/target/gitea-$version"
if [ ! -x "$out/gitea" ]; then
  dir=$(go mod download -json "code.gitea.io/gitea@$version" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  rm -rf "$out"
  cp -r "$dir" "$out"
  chmod -R u+w "$out"
  (cd "$out" && CGO_ENABLED=1 go build -tags 'sqlite sqlite_unlock_notify' -o gitea . >&2)
fi
echo "$out/gitea"
