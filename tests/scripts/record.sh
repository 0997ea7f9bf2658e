#!/usr/bin/env bash
# Records the expected outputs of the Lua test scripts from the reference interpreter (lua5.4):
# NAME.expected (stdout) for every script, and NAME.stderr for scripts named error_*.lua.
# The reference runs under the name `lua` (its messages start with the program name) from this folder,
# as the test harness (tests/lua_scripts.rs) runs ours.
# Usage: tests/scripts/record.sh [NAME.lua...]   (default: every script). Needs lua5.4 on the PATH.
set -eu
cd "$(dirname "$0")"
ref=$(command -v lua5.4) || { echo "lua5.4 not found" >&2; exit 2; }
bin=$(mktemp -d); trap 'rm -rf "$bin"' EXIT
ln -s "$ref" "$bin/lua"
[ $# -gt 0 ] || set -- *.lua
for f in "$@"; do
  name=${f%.lua}
  status=0
  PATH="$bin:$PATH" lua "$f" </dev/null >"$name.expected" 2>"$bin/stderr" || status=$?
  case "$name" in
    error_*) cp "$bin/stderr" "$name.stderr"
             [ "$status" -ne 0 ] || echo "warning: $f exited with status 0" >&2 ;;
    *) if [ "$status" -ne 0 ] || [ -s "$bin/stderr" ]; then
         echo "warning: $f failed under lua5.4 (status $status):" >&2; cat "$bin/stderr" >&2
       fi ;;
  esac
  echo "recorded $f"
done
