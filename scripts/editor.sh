#!/usr/bin/env bash
# Builds and serves the spec editor on http://127.0.0.1:8080/ (PORT to change it).
# Everything runs in the page; once loaded it works offline.
set -euo pipefail
cd "$(dirname "$0")/.."
(cd pkg && npm ci --no-audit --no-fund --loglevel=error)
[ -f pkg/dist/web/protonkit_wasm_bg.wasm ] || scripts/build-wasm.sh
node pkg/editor/build.mjs
exec node pkg/editor/serve.mjs
