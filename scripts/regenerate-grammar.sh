#!/usr/bin/env bash
# Regenerates the vendored Go grammar's parser (grammar/tree-sitter-go/src/)
# from grammar/tree-sitter-go/grammar.js. Run it after editing grammar.js and
# commit the regenerated files with the change: the build compiles
# src/parser.c and needs neither the tree-sitter CLI nor node.
#
# Needs node on PATH (the CLI runs grammar.js with it) and tree-sitter CLI
# 0.25.8, the version that generated the tree-sitter-go 0.25.0 crate (with
# it, the unchanged grammar regenerates that crate's src/ byte for byte):
#
#   cargo install tree-sitter-cli --version 0.25.8 --locked
#
# TREE_SITTER names another CLI binary. The parser is generated for ABI 15,
# which the tree-sitter 0.25 runtime reads.
set -euo pipefail
cd "$(dirname "$0")/../grammar/tree-sitter-go"

cli=${TREE_SITTER:-tree-sitter}
want=0.25.8
have=$("$cli" --version | awk '{print $2}')
if [ "$have" != "$want" ]; then
  echo "regenerate-grammar: tree-sitter CLI $want wanted, $cli is $have" >&2
  exit 1
fi
"$cli" generate --abi 15
echo "regenerated $(pwd)/src with tree-sitter $have" >&2
