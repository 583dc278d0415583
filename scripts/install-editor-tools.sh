#!/usr/bin/env bash
# Installs what the editor tests need: Debian's Neovim (its built-in LSP client drives
# `mlsd lsp` in tests/suite/lsp_neovim.rs). Idempotent; .ci/run calls every install script.
set -euo pipefail

if ! command -v nvim >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO=sudo; fi
  export DEBIAN_FRONTEND=noninteractive
  # Another apt may hold the lock for a while on a shared machine: wait for it.
  $SUDO apt-get -o DPkg::Lock::Timeout=300 update -qq
  $SUDO apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends neovim >/dev/null
fi
nvim --version | head -1

# The tree-sitter CLI (tests/suite/lsp_tree_sitter.rs generates and runs the grammar with it).
# npm's tree-sitter-cli downloads a binary from GitHub; crates.io builds it from source.
if ! command -v tree-sitter >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tree-sitter" ]; then
  cargo install tree-sitter-cli --locked --version 0.27.1
fi
"${HOME}/.cargo/bin/tree-sitter" --version 2>/dev/null || tree-sitter --version
command -v cc >/dev/null 2>&1 || { echo "a C compiler (cc) is needed to build the tree-sitter parser" >&2; exit 1; }
