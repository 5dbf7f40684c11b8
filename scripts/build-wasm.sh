#!/usr/bin/env bash
# Builds the npm package `protonkit` in pkg/dist/ from crates/protonkit-wasm:
#   cargo (profile `wasm`) -> wasm-bindgen (web and nodejs targets) -> wasm-opt -Oz.
# wasm-bindgen-cli is installed from crates.io at exactly the version the crate pins
# (without --locked: its lockfile names a crate version this registry lacks); wasm-opt
# comes from the npm package binaryen (Debian's binaryen 108 breaks wasm-bindgen output).
# Prints the module's raw and gzipped sizes, and fails above 1 MB gzipped.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' crates/protonkit-wasm/Cargo.toml)
if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$version" ]; then
  cargo install wasm-bindgen-cli --version "$version"
fi
rustup target add wasm32-unknown-unknown >/dev/null
[ -x pkg/node_modules/.bin/wasm-opt ] || (cd pkg && npm ci --no-audit --no-fund)

cargo build -p protonkit-wasm --target wasm32-unknown-unknown --profile wasm
module=target/wasm32-unknown-unknown/wasm/protonkit_wasm.wasm

rm -rf pkg/dist
wasm-bindgen --target web --out-dir pkg/dist/web "$module"
wasm-bindgen --target nodejs --out-dir pkg/dist/node "$module"
# Both targets load the same module: optimise it once.
pkg/node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
  pkg/dist/web/protonkit_wasm_bg.wasm -o pkg/dist/web/protonkit_wasm_bg.wasm
cp pkg/dist/web/protonkit_wasm_bg.wasm pkg/dist/node/protonkit_wasm_bg.wasm

raw=$(wc -c < pkg/dist/web/protonkit_wasm_bg.wasm)
gz=$(gzip -9 -c pkg/dist/web/protonkit_wasm_bg.wasm | wc -c)
echo "protonkit_wasm_bg.wasm: $raw bytes, $gz bytes gzipped"
# The budget (DESIGN.md): a module over it fails the build, so that a heavy dependency is
# noticed when it is added.
budget=1000000
if [ "$gz" -gt "$budget" ]; then
  echo "error: the module is $gz bytes gzipped, over the budget of $budget" >&2
  exit 1
fi
