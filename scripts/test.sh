#!/usr/bin/env bash
# The full test suite: the Rust workspace with every feature (publishing included: its
# tests start a local Proton endpoint and S3 server on loopback), then the npm package as users receive it (built
# from crates/protonkit-wasm, packed, installed into a scratch project, tested with
# `node --test`), then the spec editor in headless Chromium.
#
# Needs git, python3, node/npm and Chromium (/usr/bin/chromium; as root this installs
# Debian's `chromium` when it is missing). Installs wasm-bindgen-cli from crates.io and the
# npm packages on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

echo "==> Rust: cargo test --workspace --all-features"
cargo test --workspace --all-features

echo "==> npm package: build"
(cd pkg && npm ci --no-audit --no-fund --loglevel=error)
scripts/build-wasm.sh

echo "==> npm package: pack, install into a scratch project, node --test"
rm -rf target/npm && mkdir -p target/npm/consumer
(cd pkg && npm pack --silent --pack-destination "$root/target/npm" >/dev/null)
cp -r pkg/test target/npm/consumer/test
(
  cd target/npm/consumer
  printf '{ "name": "consumer", "private": true, "type": "module" }\n' > package.json
  npm install --no-audit --no-fund --loglevel=error ../protonkit-*.tgz
  PROTONKIT_REPO=$root node --test test/
)

echo "==> spec editor: build, then the browser tests in Chromium"
if ! [ -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null
fi
node pkg/editor/build.mjs
(cd pkg && node --test test-browser/)
