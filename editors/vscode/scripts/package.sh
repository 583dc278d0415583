#!/usr/bin/env bash
# Packages the extension as editors/vscode/mlsd.vsix with the official @vscode/vsce.
# Dependencies are installed from the npm registry and bundled into the .vsix (node_modules).
set -euo pipefail
cd "$(dirname "$0")/.."
npm install --no-audit --no-fund
npx vsce package --allow-missing-repository --skip-license -o mlsd.vsix
echo "wrote $(pwd)/mlsd.vsix"
