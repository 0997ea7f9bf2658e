import subprocess, json, sys, os
HARNESS = r'''
local f = assert(load(CODE, "=test"))
local function pack(...) return select('#', ...), {...} end
local n, t = pack(pcall(f))
local s = ""
if t[1] then
  for i = 2, n do s = s .. (i > 2 and "\t" or "") .. tostring(t[i]) end
else
  s = "ERR: " .. tostring(t[2])
end
return s
'''
def run_ref(code, tmp):
    prog = "TMP = %s\nCODE = %s\nio.write((function() %s end)())" % (luaq(tmp), luaq(code), HARNESS)
    r = subprocess.run(["lua5.4", "-"], input=prog.encode(), capture_output=True)
    if r.returncode != 0: raise Exception(r.stderr.decode())
    return r.stdout.decode('latin-1')
def luaq(s):
    return '"' + ''.join(c if c.isalnum() or c in ' .,/_-+*()[]{}:;=<>!?#~^&|%$@\'' else '\\%03d' % ord(c) for c in s) + '"'
def rs(s):
    return json.dumps(s)
def gen(name, cases, header):
    out = [header]
    for i, (tname, code) in enumerate(cases):
        tmp = "/tmp/iolib-gen/tmpfile_%s" % tname
        exp = run_ref(code, tmp).replace(tmp, '$TMP')
        out.append("#[test]\nfn %s() {\n    check(%s, %s);\n}\n" % (tname, rs(code), rs(exp)))
    open(name, "w").write("\n".join(out))
