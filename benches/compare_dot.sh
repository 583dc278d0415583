#!/usr/bin/env bash
# mlsd vs Graphviz dot on the same graphs, then both tools' SVGs through svgcheck.py.
# Needs graphviz (bench only, never a product dependency) and, for svgcheck, chromium:
#   apt-get install graphviz chromium
set -euo pipefail
cd "$(dirname "$0")/.."
out="${BENCH_OUT:-target/bench-vs-dot}"
export BENCH_OUT="$out"
command -v dot >/dev/null || { echo "dot not found: apt-get install graphviz" >&2; exit 1; }
cargo bench --bench vs_dot -- "$@"
check="${SVGCHECK:-../shared/tools/svgcheck.py}"
[ -f "$check" ] || check=/work/shared/tools/svgcheck.py
if [ -f "$check" ] && command -v chromium >/dev/null; then
  echo "## svgcheck: mlsd"; python3 "$check" "$out"/mlsd_*.svg | tail -1
  echo "## svgcheck: dot";  python3 "$check" "$out"/dot_*.svg | tail -1
fi
