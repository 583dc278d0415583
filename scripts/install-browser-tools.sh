#!/usr/bin/env bash
# Installs what the browser tests (tests/suite/watch_browser.rs, tests/suite/site_browser.rs)
# run: Debian's chromium, driven headless over the DevTools pipe by tests/browser/preview.py
# and tests/browser/site.py (standard
# library only: no pip or npm package). Never downloads a browser of its own.
# Idempotent; scripts/test.sh (and so .ci/run) calls it.
set -euo pipefail

if ! command -v chromium >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO=sudo; fi
  export DEBIAN_FRONTEND=noninteractive
  # Another apt may hold the lock for a while on a shared machine: wait for it.
  $SUDO apt-get -o DPkg::Lock::Timeout=300 update -qq
  $SUDO apt-get -o DPkg::Lock::Timeout=300 install -y -qq chromium >/dev/null
fi

# What the test will find.
chromium --version
python3 --version
