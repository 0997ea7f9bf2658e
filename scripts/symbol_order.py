#!/usr/bin/env python3
"""Writes `symbol-order.txt`, the link order of the `lua` binary's functions (see build.rs).

The kernel maps a file-backed page fault together with its neighbours (fault-around, 64 KB), so the
resident size of the interpreter's code is set by how many 64 KB windows of `.text` the run touches,
not by how much code it runs. Functions run by every program (startup, compiler, execute loop, GC) are
laid out first, then the ones fewer benchmark programs use; code that no program runs (error paths,
rarely used library functions, the backtrace printer) is left after them, where it costs nothing.

The profile is callgrind's list of executed functions for each bench program (small sizes) and for
`lua -e ''`. Symbol names are mangled with a hash that changes with the compiler version and build
flags; the linker skips names it does not find, so a stale file only loses the benefit: rerun this
after a toolchain update or large changes.

usage: scripts/symbol_order.py [LUA_BINARY]   (default: $CARGO_TARGET_DIR/release/lua; needs valgrind)
"""

import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Program and a small size, enough to run every path of the program (and a few collections).
PROGRAMS = [
    ("bigint", 400), ("binary_trees", 10), ("bitwise", 50000), ("closures", 500),
    ("coroutine_gen", 40), ("edit_distance", 60), ("fannkuch", 1), ("format_report", 15000),
    ("heap_dijkstra", 2000), ("json", 170), ("life", 250), ("lisp_interp", 18),
    ("log_patterns", 5000), ("mandelbrot", 200), ("matrix_mul", 60), ("nbody", 40000),
    ("oop_shapes", 60000), ("queens", 1), ("sort_records", 5000), ("spectral_norm", 100),
    ("string_build", 3000), ("word_count", 27000),
]


def executed(profile):
    """Mangled names of the functions with a cost in a callgrind output file."""
    names, out = {}, set()
    with open(profile, errors="replace") as f:
        for line in f:
            # A name is given once, with its id, in an `fn=` or `cfn=` line; later lines use the id.
            own = line.startswith("fn=")
            if not own and not line.startswith("cfn="):
                continue
            v = line.split("=", 1)[1].strip()
            m = re.match(r"\((\d+)\)(?: (.*))?$", v)
            if m and m.group(2):
                names[m.group(1)] = m.group(2)
            if own:
                out.add(names.get(m.group(1)) if m else v)
    out.discard(None)
    # Callgrind marks the recursion levels of a function as `name'2`, `name'3`...
    return {re.sub(r"'\d+$", "", n) for n in out}


def main():
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    lua = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(target, "release", "lua"))
    nm = subprocess.run(["nm", "-S", lua], capture_output=True, text=True, check=True).stdout
    addr = {}
    for line in nm.splitlines():
        p = line.split()
        if len(p) == 4 and p[2] in "tTwW":
            addr[p[3]] = int(p[0], 16)
    runs = [["-e", ""]] + [[f"{p}.lua", str(n)] for p, n in PROGRAMS]
    count = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i, args in enumerate(runs):
            out = os.path.join(tmp, f"{i}.out")
            subprocess.run(
                ["valgrind", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={out}", lua]
                + args,
                cwd=os.path.join(ROOT, "bench", "programs"),
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            for name in executed(out):
                if name in addr:
                    count[name] = count.get(name, 0) + 1
            print(f"{' '.join(args) or '-e'}: {len(count)} functions so far", file=sys.stderr)
    order = sorted(count, key=lambda n: (-count[n], addr[n]))
    with open(os.path.join(ROOT, "symbol-order.txt"), "w") as f:
        f.write("".join(n + "\n" for n in order))
    print(f"symbol-order.txt: {len(order)} functions", file=sys.stderr)


if __name__ == "__main__":
    main()
