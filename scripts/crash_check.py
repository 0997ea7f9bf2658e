#!/usr/bin/env python3
"""Random-input crash check for the `lua` interpreter.

Runs the interpreter on N files of random bytes and on N random mutations of Lua scripts (the
project's tests/scripts/*.lua when present, else every .lua file in the repository, else built-in
snippets; LUA_SEED_DIR adds a directory of seeds). Each run has a memory ulimit and a timeout. A run
that ends by a signal, or prints a Rust panic message ("panicked at"), is a failure: its input is
kept in the output directory and the script exits 1. Errors, timeouts and non-zero exits are fine:
the interpreter only has to stay in control.

usage: crash_check.py LUA_BINARY N [--seed S] [--out DIR] [--timeout SEC] [--mem-mb MB]
"""

import argparse
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

# Lua fragments the mutator splices in: syntax that nests, limits, metamethods, coroutines.
TOKENS = [
    b"(", b")", b"{", b"}", b"[", b"]", b"[[", b"]]", b"[==[", b"--[[", b"--", b"\"", b"'", b"\\",
    b"..", b"...", b"=", b"==", b"~=", b"<=", b">>", b"<<", b"//", b"%", b"^", b"#", b"-", b"~",
    b" and ", b" or ", b" not ", b" end ", b" do ", b" then ", b" function ", b" local ",
    b" return ", b" goto ", b"::l::", b" break ", b" until ", b"<close>", b"<const>", b";", b",",
    b"0", b"1", b"-1", b"1e308", b"-0.0", b"0/0", b"0x7fffffffffffffff", b"math.mininteger",
    b"math.maxinteger", b"nil", b"true", b"{}", b"\"\"", b"_ENV", b"_G", b"self", b"(...)",
    b"setmetatable({}, {__index = function(t, k) return t[k] end})",
    b"setmetatable({}, {__gc = function() error('x') end})",
    b"setmetatable({}, {__close = function() error('y') end})",
    b"coroutine.wrap(function(...) coroutine.yield(...) end)",
    b"string.rep('x', 1 << 20)", b"string.format('%99d', 1)", b"string.pack('i16', -1)",
    b"pcall(error)", b"select('#', ...)", b"collectgarbage()", b"collectgarbage('step', 1)",
    b"load(string.dump(function() return 1 end))", b"table.unpack({1, 2, 3}, 1, 1e6)",
    b"debug.traceback()", b"debug.getinfo(1)", b"tostring(nil)", b"string.gsub('abc', '%w', '%0%0')",
]

SNIPPETS = [
    b"local t = {} for i = 1, 100 do t[i] = i * 2 end print(#t, t[50])\n",
    b"local function f(n) if n < 2 then return n end return f(n - 1) + f(n - 2) end print(f(15))\n",
    b"local s = 'hello' print(s:upper(), s:rep(3, ','), ('%5.2f'):format(3.14159))\n",
    b"local co = coroutine.create(function(a) local b = coroutine.yield(a + 1) return b * 2 end)\n"
    b"print(coroutine.resume(co, 1)) print(coroutine.resume(co, 10))\n",
    b"local mt = {__add = function(a, b) return a.v + b.v end, __index = function(t, k) return k end}\n"
    b"local a, b = setmetatable({v = 1}, mt), setmetatable({v = 2}, mt) print(a + b, a.zzz)\n",
    b"print(pcall(error, {code = 1})) print(select('#', pcall(error)))\n",
    b"for k, v in pairs({a = 1, b = 2, 3}) do io.write(tostring(k), '=', tostring(v), ' ') end print()\n",
    b"goto skip print('no') ::skip:: do local x <close> = nil end print(string.pack('>I2', 258):byte(1, -1))\n",
    b"local t = setmetatable({}, {__gc = function() end}) t = nil collectgarbage() print(collectgarbage('count') > 0)\n",
    b"print(string.find('hello world', 'o w'), string.match('key=val', '(%w+)=(%w+)'))\n",
    b"print(math.type(1), math.type(1.0), 7 // 2, 7.0 // 2, 2^53, 1 << 63, -7 % 3)\n",
    b"local x = load('return 1 + ...') print(x(41)) print(load('syntax error here'))\n",
    b"print(table.concat({1, 2, 3}, ', '), table.unpack({1, 2, 3})) local t = {5, 2, 8} table.sort(t) print(t[1])\n",
    b"print(utf8.char(72, 228, 8364), utf8.len('\\u{48}\\u{e4}'), os.time{year=2020, month=1, day=1, hour=0})\n",
]


def seeds(repo, extra_dir):
    files = []
    scripts = os.path.join(repo, "tests", "scripts")
    if os.path.isdir(scripts):
        files = [os.path.join(scripts, f) for f in sorted(os.listdir(scripts)) if f.endswith(".lua")]
    if not files:
        for root, dirs, names in os.walk(repo):
            dirs[:] = [d for d in dirs if d not in (".git", "target", "fuzz")]
            files += [os.path.join(root, n) for n in sorted(names) if n.endswith(".lua")]
    if extra_dir:
        files += [os.path.join(extra_dir, f) for f in sorted(os.listdir(extra_dir)) if f.endswith(".lua")]
    out = list(SNIPPETS)
    for f in files:
        with open(f, "rb") as h:
            out.append(h.read())
    return out


def random_bytes(rng):
    n = rng.choice([rng.randrange(0, 16), rng.randrange(0, 256), rng.randrange(0, 4096)])
    kind = rng.randrange(4)
    if kind == 0:  # any bytes
        return bytes(rng.randrange(256) for _ in range(n))
    if kind == 1:  # printable ASCII and newlines
        return bytes(rng.choice(b" \n\t" + bytes(range(33, 127))) for _ in range(n))
    if kind == 2:  # a binary-chunk signature followed by junk
        return b"\x1bLua" + bytes(rng.randrange(256) for _ in range(n))
    return b"".join(rng.choice(TOKENS) for _ in range(n // 4 + 1))  # token soup


def mutate(rng, src):
    data = bytearray(src)
    for _ in range(rng.choice([1, 1, 2, 3, 5, 10, 30])):
        op = rng.randrange(8)
        pos = rng.randrange(len(data) + 1)
        if op == 0 and data:  # flip a byte
            data[min(pos, len(data) - 1)] = rng.randrange(256)
        elif op == 1:  # insert a token
            data[pos:pos] = rng.choice(TOKENS)
        elif op == 2 and data:  # delete a range
            del data[pos:pos + rng.randrange(1, 64)]
        elif op == 3 and data:  # duplicate a range, sometimes many times (deep nesting)
            a = rng.randrange(len(data))
            piece = bytes(data[a:a + rng.randrange(1, 32)])
            data[pos:pos] = piece * rng.choice([1, 2, 10, 300])
        elif op == 4 and data:  # replace a digit run with an extreme number
            data[pos:pos + 1] = rng.choice([b"0", b"-1", b"2^63", b"1e309", b"9007199254740993", b"0x80000000"])
        elif op == 5 and data:  # move a line
            lines = bytes(data).split(b"\n")
            if len(lines) > 1:
                i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
                lines.insert(j, lines.pop(i))
                data = bytearray(b"\n".join(lines))
        elif op == 6:  # nest the rest in a construct
            opener, closer = rng.choice([(b"(", b")"), (b"{", b"}"), (b"do ", b" end"), (b"function() ", b" end")])
            k = rng.choice([1, 5, 250])
            data[pos:pos] = opener * k
            data.extend(closer * k)
        elif op == 7 and data:  # truncate
            del data[pos:]
    return bytes(data)


def limit(mem_bytes):
    def pre():
        resource.setrlimit(resource.RLIMIT_AS, (mem_bytes, mem_bytes))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        os.setsid()
    return pre


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("lua")
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--out", default="crash-check-failures")
    ap.add_argument("--timeout", type=float, default=5.0)
    ap.add_argument("--mem-mb", type=int, default=2048)
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 32)
    rng = random.Random(seed)
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    corpus = seeds(repo, os.environ.get("LUA_SEED_DIR"))
    lua = os.path.abspath(args.lua)
    work = tempfile.mkdtemp(prefix="crash-check-")
    env = dict(os.environ, HOME=work, LUA_INIT="", LUA_PATH=";;", LUA_CPATH="")
    failures = []
    counts = {"random": 0, "mutation": 0, "timeout": 0, "error_exit": 0}
    start = time.time()
    print(f"crash-check: seed {seed}, {args.n} random + {args.n} mutated inputs, "
          f"{len(corpus)} seed scripts, timeout {args.timeout}s, memory {args.mem_mb} MiB", flush=True)
    try:
        for i in range(2 * args.n):
            kind = "random" if i % 2 == 0 else "mutation"
            data = random_bytes(rng) if kind == "random" else mutate(rng, rng.choice(corpus))
            path = os.path.join(work, "input.lua")
            with open(path, "wb") as h:
                h.write(data)
            counts[kind] += 1
            try:
                p = subprocess.run([lua, path], cwd=work, env=env, stdin=subprocess.DEVNULL,
                                   capture_output=True, timeout=args.timeout,
                                   preexec_fn=limit(args.mem_mb << 20))
            except subprocess.TimeoutExpired:
                counts["timeout"] += 1
                continue
            out = p.stdout + p.stderr
            why = None
            if p.returncode < 0:
                why = f"killed by signal {signal.Signals(-p.returncode).name}"
            elif b"panicked at" in out:
                why = "Rust panic"
            elif p.returncode != 0:
                counts["error_exit"] += 1
            if why:
                os.makedirs(args.out, exist_ok=True)
                name = os.path.join(args.out, f"{kind}-{i}.lua")
                with open(name, "wb") as h:
                    h.write(data)
                tail = out.decode("utf-8", "replace").strip().splitlines()[-3:]
                failures.append((name, why, tail))
                print(f"FAIL {name}: {why}: {' | '.join(tail)[:300]}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    secs = time.time() - start
    print(f"crash-check: {counts['random']} random, {counts['mutation']} mutated runs in {secs:.0f}s; "
          f"{counts['error_exit']} ended with a Lua error, {counts['timeout']} timed out; "
          f"{len(failures)} crashed (seed {seed})")
    print(f"crash-check: {2 * args.n - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
