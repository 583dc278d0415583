#!/usr/bin/env bash
# The project's test command: installs the outside tools the tests use, then runs the checks
# CI runs. On a fresh machine: `scripts/test.sh`. In CI (CI=true) a missing tool is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

for installer in scripts/install-*.sh; do
  [ -e "$installer" ] || continue
  echo "== $installer"
  bash "$installer"
done

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --all-targets --locked -- -D warnings
echo "== cargo test"
cargo test --locked
echo "== examples/ are up to date (mlsd build --check)"
bash scripts/regen-examples.sh --check
