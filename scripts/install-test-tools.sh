#!/usr/bin/env bash
# Installs the tools the generated-code quality gates run (tests/suite/codegen.rs):
# ruff, mypy, FastAPI + httpx (TestClient), pydantic, grpcio-tools (protoc in Python) and
# Debian's protobuf-compiler (`protoc`). Idempotent; safe to call from .ci/run.
set -euo pipefail

python3 -m pip install --quiet --disable-pip-version-check \
  'ruff>=0.6' 'mypy>=1.10' 'fastapi>=0.110' 'httpx>=0.27' 'pydantic>=2.6' \
  'grpcio-tools>=1.60' 'types-protobuf'

if ! command -v protoc >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    SUDO=""
    if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO=sudo; fi
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq protobuf-compiler libprotobuf-dev >/dev/null
  fi
fi

# Report what the gates will find.
python3 -m ruff --version
python3 -m mypy --version
python3 -c 'import fastapi, httpx, pydantic; print("fastapi", fastapi.__version__, "pydantic", pydantic.VERSION)'
protoc --version
