#!/usr/bin/env bash
# Regenerates the tree-sitter parser (editors/tree-sitter-mlsd/src/) from grammar.js with the
# pinned tree-sitter CLI and records grammar.js's SHA-256 beside it. The suite's
# tree_sitter_grammar tests check that stamp, so an edit to grammar.js without a regeneration
# fails CI without CI having to build the CLI (a ~20 minute `cargo install` on 2 cores).
# Run it after every change to grammar.js:
#   bash scripts/regen-tree-sitter.sh     (installs tree-sitter-cli 0.27.1 if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
TREE_SITTER_VERSION=0.27.1
ts="${TREE_SITTER_CLI:-$(command -v tree-sitter || echo "${CARGO_HOME:-$HOME/.cargo}/bin/tree-sitter")}"
if ! "$ts" --version 2>/dev/null | grep -q "^tree-sitter $TREE_SITTER_VERSION"; then
  cargo install tree-sitter-cli --version "$TREE_SITTER_VERSION" --locked
  ts="${CARGO_HOME:-$HOME/.cargo}/bin/tree-sitter"
fi
cd editors/tree-sitter-mlsd
"$ts" generate
sha256sum grammar.js | cut -d' ' -f1 > src/grammar.js.sha256
echo "regenerated editors/tree-sitter-mlsd/src (grammar.js $(cat src/grammar.js.sha256))"
