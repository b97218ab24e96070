"""UI tests of SPID identification: refusals at any step and a citizen under 18 (see test_identify.py)."""
from sptest import run
from test_identify import test_minor_refused, test_refusal

if __name__ == "__main__":
    run([test_refusal, test_minor_refused])
