#!/usr/bin/env bash
# Compares our interpreter with the reference on the benchmark programs of this folder.
# Builds the release binary, then for each program runs ours and lua5.4 alternately ROUNDS times
# (wall time of one run each: hyperfine --runs 1 when installed, else date arithmetic), checks that both
# print the same checksum, and prints the median times and the ratio ours / lua5.4 (lower is faster).
#
# Usage: bench/compare.sh [ROUNDS] [PROGRAM.lua...]    (default: 3 rounds, every *.lua in bench/)
# Env:   REF      reference interpreter (default lua5.4)
#        NO_HYPERFINE=1 times with date even if hyperfine is installed
#        CARGO_TARGET_DIR is honoured (the binary is $CARGO_TARGET_DIR/release/lua, else target/release/lua)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
rounds=${1:-3}
shift || true
REF=${REF:-lua5.4}
target=${CARGO_TARGET_DIR:-$root/target}
ours="$target/release/lua"

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
(cd "$root" && cargo build --release --bin lua) >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; exit 1; }
command -v "$REF" >/dev/null || { echo "reference interpreter '$REF' not found" >&2; exit 2; }

programs=("$@")
if [ ${#programs[@]} -eq 0 ]; then programs=("$here"/*.lua); fi

# time_one CMD FILE: prints the wall time in seconds of one run; its stdout goes to $tmp/out.
time_one() {
  if [ -z "${NO_HYPERFINE:-}" ] && command -v hyperfine >/dev/null; then
    hyperfine --runs 1 --style none --output "$tmp/out" --export-json "$tmp/h.json" -N "$1 $2" >/dev/null 2>&1 ||
      { echo "failed: $1 $2" >&2; exit 1; }
    # the JSON has "mean": SECONDS for the single run
    grep -o '"mean": *[0-9.e+-]*' "$tmp/h.json" | head -n1 | sed 's/.*: *//'
  else
    local t0 t1
    t0=$(date +%s.%N)
    "$1" "$2" >"$tmp/out" || { echo "failed: $1 $2" >&2; exit 1; }
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f\n", b - a }'
  fi
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf '%-16s %12s %12s %8s\n' program "ours (s)" "$REF (s)" ratio
for p in "${programs[@]}"; do
  name=$(basename "$p")
  : >"$tmp/ours"; : >"$tmp/ref"
  for _ in $(seq "$rounds"); do
    time_one "$ours" "$p" >>"$tmp/ours"; cp "$tmp/out" "$tmp/ours.out"
    time_one "$(command -v "$REF")" "$p" >>"$tmp/ref"; cp "$tmp/out" "$tmp/ref.out"
    if ! cmp -s "$tmp/ours.out" "$tmp/ref.out"; then
      echo "$name: outputs differ: ours $(head -c 80 "$tmp/ours.out"), $REF $(head -c 80 "$tmp/ref.out")" >&2
    fi
  done
  mo=$(median <"$tmp/ours"); mr=$(median <"$tmp/ref")
  awk -v n="$name" -v o="$mo" -v r="$mr" 'BEGIN { printf "%-16s %12.3f %12.3f %8.2f\n", n, o, r, o / r }'
done
