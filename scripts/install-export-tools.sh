#!/usr/bin/env bash
# Installs the outside tools the export tests feed: Graphviz `dot` (Debian package
# `graphviz`). Does nothing when `dot` is already there. In CI (CI set) a failure to install
# fails this script; elsewhere it only warns, and the DOT test skips.
set -euo pipefail

if command -v dot >/dev/null 2>&1; then
  echo "dot: $(dot -V 2>&1)"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

if $sudo apt-get update && $sudo apt-get install -y --no-install-recommends graphviz; then
  echo "dot: $(dot -V 2>&1)"
elif [ -n "${CI:-}" ]; then
  echo "error: could not install graphviz (dot)" >&2
  exit 1
else
  echo "warning: could not install graphviz; the DOT export test will skip" >&2
fi
