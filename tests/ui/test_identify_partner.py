# SPDX-License-Identifier: GPL-3.0-or-later
"""UI tests of SPID identification: a partner-counter identification (see test_identify.py)."""
from sptest import run
from test_identify import test_partner_counter

if __name__ == "__main__":
    run([test_partner_counter])
