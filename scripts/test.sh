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
# Without the default `jemalloc` feature (an allocator for speed only, whose C build would add
# minutes here a second time); the release build of the examples step below compiles it.
echo "== cargo clippy"
cargo clippy --all-targets --locked --no-default-features -- -D warnings
echo "== cargo test"
cargo test --locked --no-default-features
echo "== examples/ are up to date (mlsd build --check)"
bash scripts/regen-examples.sh --check
