#!/usr/bin/env bash
# Installs the outside tools the documentation tests use: `promtool` (Debian's `prometheus`
# package), which checks the generated `monitoring/alerts.rules.yml`.
set -euo pipefail

if command -v promtool >/dev/null 2>&1; then
  echo "promtool: $(promtool --version 2>&1 | head -n 1)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# --no-install-recommends keeps the web UI assets and exporters out.
$SUDO apt-get install -y -qq --no-install-recommends prometheus >/dev/null
# The package enables a service; the tests need only the binary.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  $SUDO systemctl disable --now prometheus >/dev/null 2>&1 || true
fi
echo "promtool: $(promtool --version 2>&1 | head -n 1)"
