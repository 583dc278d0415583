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
# svgcheck measures every pair of boxes in a browser: files above ~1 MB (1,000 nodes) take
# longer than its 300 s limit, so they are skipped unless SVGCHECK_ALL=1.
if [ -f "$check" ] && command -v chromium >/dev/null; then
  for tool in mlsd dot; do
    files=()
    for f in "$out"/${tool}_*.svg; do
      if [ "${SVGCHECK_ALL:-0}" = 1 ] || [ "$(stat -c %s "$f")" -lt 1000000 ]; then files+=("$f"); fi
    done
    echo "## svgcheck: $tool (${files[*]##*/})"
    python3 "$check" "${files[@]}" | tail -1
  done
fi
