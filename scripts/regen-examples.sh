#!/usr/bin/env bash
# Regenerates examples/: the design folder of every spec in specs/ (with the Rust crate too).
# With --check, compares instead of writing (what CI runs).
set -euo pipefail
cd "$(dirname "$0")/.."
extra=()
[ "${1:-}" = "--check" ] && extra=(--check)
cargo build --release --locked --quiet
status=0
for spec in specs/*.mlsd; do
  name=$(basename "$spec" .mlsd)
  ./target/release/mlsd build "$spec" -o "examples/$name" --stubs rust --site "${extra[@]}" || status=1
done
exit $status
