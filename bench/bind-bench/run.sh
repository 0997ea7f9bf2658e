#!/usr/bin/env bash
# Builds and runs the binding benchmark (lua-bind vs mlua) in release mode.
# Usage: bench/bind-bench/run.sh [--runs N]     (CARGO_TARGET_DIR is honoured)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
cargo build --release >&2
target=${CARGO_TARGET_DIR:-$here/target}
exec "$target/release/bind-bench" "$@"
