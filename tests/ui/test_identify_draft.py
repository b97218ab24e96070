# SPDX-License-Identifier: GPL-3.0-or-later
"""UI tests of SPID identification: a draft surviving kill -9, resumed (see test_identify.py)."""
from sptest import run
from test_identify import test_draft_survives_kill

if __name__ == "__main__":
    run([test_draft_survives_kill])
