#!/usr/bin/env bash
# Installs the tools the generated-code quality gates run (tests/suite/codegen.rs and
# tests/suite/redteam.rs): ruff, mypy, FastAPI + httpx (TestClient), pydantic, pytest (the
# generated tests), PyYAML (the red team's YAML judge), openapi-spec-validator (checks
# openapi.yaml), grpcio and grpcio-tools (the gRPC servicers), and Debian's protoc with the
# well-known .proto files. Versions are pinned to those the gates were written against: a new ruff or
# mypy may add default rules, and that should be a deliberate upgrade, not a red CI.
# Idempotent; .ci/run calls it before `cargo test` (which also needs `cargo clippy`).
set -euo pipefail

PY_TOOLS=(
  'ruff==0.17.6'
  'mypy==2.4.1'
  'fastapi==0.165.0'
  'starlette==1.10.0'
  'httpx==0.28.1'
  'pydantic==2.13.4'
  'PyYAML==6.0.3'
  'pytest==9.2.0'
  'openapi-spec-validator==0.9.0'
  'grpcio==1.85.1'
  'grpcio-tools==1.85.1'
)

pip_install() {
  python3 -m pip install --quiet --disable-pip-version-check "$@"
}
# A Debian-managed Python refuses plain installs (PEP 668); a pyenv one accepts them.
pip_install "${PY_TOOLS[@]}" 2>/dev/null || pip_install --break-system-packages "${PY_TOOLS[@]}"

if ! command -v protoc >/dev/null 2>&1 || [ ! -f /usr/include/google/protobuf/timestamp.proto ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO=sudo; fi
  export DEBIAN_FRONTEND=noninteractive
  # Another apt may hold the lock for a while on a shared machine: wait for it.
  $SUDO apt-get -o DPkg::Lock::Timeout=300 update -qq
  $SUDO apt-get -o DPkg::Lock::Timeout=300 install -y -qq protobuf-compiler libprotobuf-dev >/dev/null
fi

if ! cargo clippy --version >/dev/null 2>&1; then
  rustup component add clippy
fi

# What the gates will find.
python3 -m ruff --version
python3 -m mypy --version
python3 -c 'import fastapi, pydantic, pytest; print("fastapi", fastapi.__version__, "pydantic", pydantic.VERSION, "pytest", pytest.__version__)'
python3 -c 'import yaml; print("pyyaml", yaml.__version__)'
python3 -c 'import openapi_spec_validator, grpc, grpc_tools; print("grpcio", grpc.__version__)'
protoc --version
cargo clippy --version
