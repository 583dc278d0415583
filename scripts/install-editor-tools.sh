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

