#!/usr/bin/env bash
# The benchmark suite runner: builds our release `lua`, then runs every program of bench/programs/
# with it and with a reference interpreter, alternately (round-robin over the programs, the order of
# the two interpreters swapped every round), and prints a Markdown table per program: the median
# user+sys CPU time of each, the ratio ours/reference, the median peak RSS (GNU time %M) of each and
# its ratio, then the geometric means and the worst program. Ratios above 1 mean we are slower.
#
# CPU time (user+sys, from bash's `time`, millisecond resolution) is used rather than wall time
# because the machine is shared: other jobs inflate wall time, much less CPU time.
#
# Usage: bench/run.sh [-n RUNS] [--luajit] [--no-build] [PROGRAM...]
#   -n RUNS     runs of each interpreter per program (default 5)
#   --luajit    compare with `luajit -joff` (its interpreter, JIT off) instead of lua5.4, on the programs
#               whose first line is `-- lua51-compatible`
#   --no-build  use the binary already built
#   PROGRAM     names (`nbody`) or paths of programs; default: every bench/programs/*.lua
# Env: CARGO_TARGET_DIR is honoured (the binary is $CARGO_TARGET_DIR/release/lua); OURS=path overrides it.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
runs=5
mode=lua54
build=1
names=()
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    --luajit) mode=luajit; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) names+=("$1"); shift ;;
  esac
done

# What the runner needs, installed when missing and possible (root with apt-get), else done without.
need_pkgs=()
command -v lua5.4 >/dev/null || need_pkgs+=(lua5.4)
[ -x /usr/bin/time ] || need_pkgs+=(time)
[ "$mode" = luajit ] && ! command -v luajit >/dev/null && need_pkgs+=(luajit)
if [ ${#need_pkgs[@]} -gt 0 ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "installing ${need_pkgs[*]}" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_pkgs[@]}"; } >&2 ||
    echo "warning: apt-get install failed; continuing with what is there" >&2
fi

if [ "$mode" = luajit ]; then
  command -v luajit >/dev/null || { echo "luajit not found" >&2; exit 2; }
  ref=(luajit -joff)
  ref_name="luajit -joff"
else
  command -v lua5.4 >/dev/null || { echo "lua5.4 not found" >&2; exit 2; }
  ref=(lua5.4)
  ref_name="lua5.4"
fi
gnu_time=/usr/bin/time
[ -x "$gnu_time" ] || { gnu_time=""; echo "warning: GNU time missing: no peak RSS" >&2; }

target=${CARGO_TARGET_DIR:-$root/target}
ours=${OURS:-$target/release/lua}
if [ "$build" = 1 ] && [ -z "${OURS:-}" ]; then
  echo "building the release binary ($ours)..." >&2
  (cd "$root" && cargo build --release --bin lua) >&2
fi
[ -x "$ours" ] || { echo "no binary at $ours" >&2; exit 2; }

programs=()
if [ ${#names[@]} -eq 0 ]; then
  programs=("$here"/programs/*.lua)
else
  for n in "${names[@]}"; do
    if [ -f "$n" ]; then programs+=("$n"); else programs+=("$here/programs/${n%.lua}.lua"); fi
  done
fi
if [ "$mode" = luajit ]; then
  compatible=()
  for p in "${programs[@]}"; do
    head -n1 "$p" | grep -q '^-- lua51-compatible' && compatible+=("$p")
  done
  programs=("${compatible[@]}")
fi
[ ${#programs[@]} -gt 0 ] || { echo "no programs" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run_one WHO PROGRAM: runs it once, appends "cpu_seconds rss_kb" to $tmp/NAME.WHO and keeps its output.
run_one() {
  local who=$1 prog=$2 name t rss
  name=$(basename "$prog" .lua)
  local cmd
  if [ "$who" = ours ]; then cmd=("$ours"); else cmd=("${ref[@]}"); fi
  local TIMEFORMAT='%3U %3S'
  if [ -n "$gnu_time" ]; then
    t=$( { time "$gnu_time" -f '%M' -o "$tmp/rss" "${cmd[@]}" "$prog" >"$tmp/$name.$who.out" 2>&1; } 2>&1 ) ||
      { echo "FAILED: ${cmd[*]} $prog" >&2; tail -n 5 "$tmp/$name.$who.out" >&2; exit 1; }
    rss=$(tail -n 1 "$tmp/rss")
  else
    t=$( { time "${cmd[@]}" "$prog" >"$tmp/$name.$who.out" 2>&1; } 2>&1 ) ||
      { echo "FAILED: ${cmd[*]} $prog" >&2; tail -n 5 "$tmp/$name.$who.out" >&2; exit 1; }
    rss=0
  fi
  echo "$t" | awk -v r="$rss" '{ printf "%.3f %d\n", $1 + $2, r }' >>"$tmp/$name.$who"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u '+%Y-%m-%d %H:%M UTC')
for r in $(seq "$runs"); do
  echo "round $r/$runs" >&2
  for p in "${programs[@]}"; do
    if [ $((r % 2)) = 1 ]; then run_one ours "$p"; run_one ref "$p"; else run_one ref "$p"; run_one ours "$p"; fi
    name=$(basename "$p" .lua)
    # against lua5.4 the outputs must be identical (luajit may format numbers differently)
    if [ "$mode" = lua54 ] && ! cmp -s "$tmp/$name.ours.out" "$tmp/$name.ref.out"; then
      echo "$name: outputs differ" >&2
      diff "$tmp/$name.ours.out" "$tmp/$name.ref.out" | head -n 5 >&2
      exit 1
    fi
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo
echo "ours: $ours ($(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')), reference: $ref_name"
echo "$started, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), load average $load_before before, $load_after after"
echo "time: median user+sys CPU seconds of $runs alternating runs (CPU time, not wall time: the machine is shared);"
echo "RSS: median peak resident set size (GNU time %M). Ratios are ours / $ref_name: above 1 means we are slower or bigger."
echo
printf '| %-16s | %9s | %9s | %6s | %9s | %9s | %6s |\n' program "ours s" "ref s" ratio "ours MB" "ref MB" ratio
printf '|%s|%s|%s|%s|%s|%s|%s|\n' ------------------ ----------: ----------: -------: ----------: ----------: -------:
for p in "${programs[@]}"; do
  name=$(basename "$p" .lua)
  to=$(cut -d' ' -f1 "$tmp/$name.ours" | median)
  tr=$(cut -d' ' -f1 "$tmp/$name.ref" | median)
  mo=$(cut -d' ' -f2 "$tmp/$name.ours" | median)
  mr=$(cut -d' ' -f2 "$tmp/$name.ref" | median)
  echo "$name $to $tr $mo $mr"
done >"$tmp/summary"
awk '
  function ratio(a, b) { return b > 0 ? a / b : 0 }
  {
    rt = ratio($2, $3); rm = ratio($4, $5)
    printf "| %-16s | %9.3f | %9.3f | %6.2f | %9.1f | %9.1f | %6.2f |\n", $1, $2, $3, rt, $4 / 1024, $5 / 1024, rm
    if (rt > 0) { lt += log(rt); nt++ }
    if (rm > 0) { lm += log(rm); nm++ }
    if (rt > worst) { worst = rt; wname = $1 }
    if (rm > worstm) { worstm = rm; wmname = $1 }
  }
  END {
    printf "| %-16s | %9s | %9s | %6.2f | %9s | %9s | %6.2f |\n", "geometric mean", "", "", nt ? exp(lt / nt) : 0, "", "", nm ? exp(lm / nm) : 0
    printf "\nworst time ratio: %s %.2f; worst RSS ratio: %s %.2f\n", wname, worst, wmname, worstm
  }' "$tmp/summary"
