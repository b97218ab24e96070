# SPDX-License-Identifier: GPL-3.0-or-later
"""UI tests of SPID identification: refusals at any step, a citizen under 18
and a citizen with one name only (see test_identify.py)."""
import sqlite3
import time

from sptest import run, running
from test_identify import (fill_citizen, open_identify, press_space_on, start, test_minor_refused,
                           test_refusal)

# A citizen with no surname: its part of the code is XXX (Mario, 1 Jan 1980, Rimini).
NO_SURNAME_CF = "XXXMRA80A01H294N"


def test_one_name(workdir):
    db = start(workdir, "one-name")
    with running(db) as app:
        open_identify(app)
        app.click("New Identification")
        app.wait_label("Step 1 of 6")
        fill_citizen(app, NO_SURNAME_CF, "Rossi", "Mario")
        # The surname does not match the code, until the clerk says there is none.
        app.wait_label("The surname does not match the codice fiscale")
        press_space_on(app, "check box", "No surname")
        assert not app.find("text", "Surname").sensitive, "the surname can still be typed"
        assert app.find("check box", "No given name").sensitive
        deadline = time.time() + 10
        while not app.find("push button", "Next").sensitive and time.time() < deadline:
            time.sleep(0.3)
        assert app.find("push button", "Next").sensitive, "a citizen without a surname cannot go on"
        assert app.absent("label", "Type the surname."), "the missing surname is still asked for"
        app.screenshot("identify-no-surname")
        # Within about a second the draft is on disk.
        time.sleep(1.5)

    surname, flags = sqlite3.connect(db).execute(
        "SELECT json_extract(data, '$.fields.surname'), json_extract(data, '$.flags') "
        "FROM identifications").fetchone()
    assert surname == "" and "no_surname" in flags, (surname, flags)


if __name__ == "__main__":
    run([test_refusal, test_minor_refused, test_one_name])
