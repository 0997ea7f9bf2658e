#!/usr/bin/env bash
# Runs every fuzz target for SECONDS seconds each (default 60), one after the other, with the seed
# inputs in fuzz/seeds/<target> and a growing corpus in fuzz/corpus/<target>. Needs cargo-fuzz
# (`cargo install cargo-fuzz`); nightly features come from RUSTC_BOOTSTRAP on the stable toolchain.
# Crashes are written to fuzz/artifacts/<target>/; the script exits non-zero if a target failed.
# usage: fuzz/run-all.sh [SECONDS] [target ...]
set -uo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(compile run_source load_binary patterns format_pack)
fi
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O || exit 1
status=0
for t in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$t"
    echo "== $t: ${secs}s"
    # Lua source targets mutate with a dictionary of Lua tokens.
    dict=()
    case "$t" in compile | run_source) dict=(-dict=fuzz/lua.dict) ;; esac
    # -timeout: one input may run this long; -rss_limit_mb: the process's memory ceiling.
    if ! cargo fuzz run -O "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
        -max_total_time="$secs" -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 "${dict[@]}" \
        2>"fuzz/$t.log"; then
        echo "!! $t failed: see fuzz/$t.log and fuzz/artifacts/$t/"
        status=1
    fi
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb|Done [0-9]+ runs" "fuzz/$t.log" || true
done
exit $status
