import sys, os, json, subprocess, tempfile, shutil
HERE = os.path.dirname(os.path.abspath(__file__)); sys.path.insert(0, HERE)
from cli_cases import cases, FILES
def run_ref(args, stdin, env, merged):
    d = tempfile.mkdtemp(prefix="luacli")
    for n, c in FILES.items():
        open(os.path.join(d, n), "w").write(c)
    e = {k: v for k, v in os.environ.items() if not k.startswith("LUA_")}
    e.update(env)
    r = subprocess.run(["lua"] + args, executable="/usr/bin/lua5.4", input=stdin, cwd=d, env=e,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT if merged else subprocess.PIPE)
    shutil.rmtree(d)
    return r.stdout, (r.stderr or b""), r.returncode
def rsb(b):
    s = b.decode('latin-1')
    return json.dumps(s)
out = [open(os.path.join(HERE, "cli_header.rs")).read()]
for name, args, stdin, env, merged in cases:
    o, e, code = run_ref(args, stdin, env, merged)
    envs = ", ".join("(%s, %s)" % (json.dumps(k), json.dumps(v)) for k, v in env.items())
    out.append("#[test]\nfn %s() {\n    check(\n        &%s,\n        %s,\n        &[%s],\n        %s,\n        (%s, %s, %d),\n    );\n}\n" % (
        name, json.dumps(args), rsb(stdin), envs, "true" if merged else "false", rsb(o), rsb(e), code))
open(sys.argv[1], "w").write("\n".join(out))
