#!/usr/bin/env bash
# Installs what the editor tests need. Idempotent; .ci/run calls every install script.
# - Debian's Neovim: its built-in LSP client drives `mlsd lsp` in tests/suite/lsp_neovim.rs.
# - A C compiler: the `tree-sitter-mlsd` crate compiles the committed src/parser.c for
#   tests/suite/tree_sitter_grammar.rs. (The tree-sitter CLI is needed only to regenerate that
#   parser: scripts/regen-tree-sitter.sh, which records a stamp the suite checks.)
# - Node.js (for the VS Code packaging below).
# - The VS Code extension's npm dependencies (the language client, @vscode/vsce) from the npm
#   registry, and unzip: tests/suite/lsp_editors.rs packages the .vsix and reads it.
set -euo pipefail
cd "$(dirname "$0")/.."

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
