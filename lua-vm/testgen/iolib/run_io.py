import sys, os; HERE = os.path.dirname(os.path.abspath(__file__)); sys.path.insert(0, HERE)
from gen import gen
from io_cases import cases
HEADER = open(os.path.join(HERE, "io_header.rs")).read()
gen(sys.argv[1], cases, HEADER)
