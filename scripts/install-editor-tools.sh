#!/usr/bin/env bash
# Installs what the editor tests need. Idempotent; .ci/run calls every install script.
# - Debian's Neovim: its built-in LSP client drives `mlsd lsp` in tests/suite/lsp_neovim.rs.
# - Node.js and the tree-sitter CLI (crates.io, the version the committed parser was generated
#   with): tests/suite/tree_sitter.rs regenerates editors/tree-sitter-mlsd/src and checks the
#   committed parser is up to date. Parsing itself needs only a C compiler (the
#   `tree-sitter-mlsd` crate compiles the committed src/parser.c).
# - The VS Code extension's npm dependencies (the language client, @vscode/vsce) from the npm
#   registry, and unzip: tests/suite/lsp_editors.rs packages the .vsix and reads it.
set -euo pipefail
cd "$(dirname "$0")/.."

TREE_SITTER_VERSION=0.27.1

SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
apt_install() {
  # Another apt may hold the lock for a while on a shared machine: wait for it.
  $SUDO apt-get -o DPkg::Lock::Timeout=300 update -qq
  $SUDO apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "$@" >/dev/null
}

missing=()
command -v nvim >/dev/null 2>&1 || missing+=(neovim)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v cc >/dev/null 2>&1 || missing+=(gcc libc6-dev)
command -v unzip >/dev/null 2>&1 || missing+=(unzip)
if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
nvim --version | head -1
echo "node $(node --version)"

# The extension's dependencies, exactly as package-lock.json pins them.
if [ ! -x editors/vscode/node_modules/.bin/vsce ]; then
  (cd editors/vscode && npm ci --no-audit --no-fund)
fi
editors/vscode/node_modules/.bin/vsce --version

# The tree-sitter CLI: `TREE_SITTER_CLI` if set, else PATH or ~/.cargo/bin at the pinned version.
ts="${TREE_SITTER_CLI:-}"
if [ -z "$ts" ]; then
  ts="$(command -v tree-sitter || echo "${CARGO_HOME:-$HOME/.cargo}/bin/tree-sitter")"
fi
if ! "$ts" --version 2>/dev/null | grep -q "^tree-sitter $TREE_SITTER_VERSION"; then
  if [ -n "${TREE_SITTER_CLI:-}" ]; then
    echo "TREE_SITTER_CLI=$TREE_SITTER_CLI is not tree-sitter $TREE_SITTER_VERSION" >&2
    exit 1
  fi
  cargo install tree-sitter-cli --version "$TREE_SITTER_VERSION" --locked
  ts="${CARGO_HOME:-$HOME/.cargo}/bin/tree-sitter"
fi
"$ts" --version
