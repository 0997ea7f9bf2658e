import sys, os; HERE = os.path.dirname(os.path.abspath(__file__)); sys.path.insert(0, HERE)
from gen import gen
from pkg_cases import cases
os.makedirs("/tmp/iolib-gen", exist_ok=True)
for n, _ in cases: os.makedirs("/tmp/iolib-gen/tmpfile_%s_a" % n, exist_ok=True)
HEADER = open(os.path.join(HERE, "pkg_header.rs")).read()
gen(sys.argv[1], cases, HEADER)
