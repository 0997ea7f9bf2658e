#!/usr/bin/env bash
# Runs the `lua` interpreter on N random byte files and N random mutations of the project's Lua
# scripts, each under a memory ulimit and a timeout; fails if any run dies by a signal or prints a
# Rust panic. usage: scripts/crash-check.sh [N=200] [extra crash_check.py options, e.g. --seed 1]
# LUA=path/to/lua skips the build; otherwise the debug interpreter is built first.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-200}"
shift || true
if [ -z "${LUA:-}" ]; then
    cargo build --quiet --bin lua
    LUA="${CARGO_TARGET_DIR:-target}/debug/lua"
fi
exec python3 scripts/crash_check.py "$LUA" "$n" "$@"
