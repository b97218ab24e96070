# SPDX-License-Identifier: GPL-3.0-or-later
"""Preparing a pop-up desk's laptop (issue 15): the administrator enrols
the pop-up desk from Operators and desks, saves the enrolment file through
the file chooser and reads the one-time passphrase; a laptop joins with
that file and that passphrase, from the command line or from the first-run
screen."""
import os
import re
import subprocess
import time

from dogtail import rawinput

from sptest import PASSWORD, admin_cli, init_db, run, running, sign_in, signed_in, visible_nodes
from test_seal import choose_file, closed, type_into, window

PASSPHRASE = re.compile(r"^([A-Z0-9]{4}-){5}[A-Z0-9]{4}$")


def test_enrol_from_the_screen(workdir):
    with signed_in(workdir) as (db, app):
        assert admin_cli(db, "desks", "add", "Mercato", "--kind", "popup").returncode == 0
        app.go_to_section("Operators and desks")
        app.click("Enrol the pop-up desk Mercato")
        path = os.path.join(workdir, "mercato.enrol")
        window(app, "filler", "Save the Enrolment File")
        time.sleep(0.5)
        app.key("<Control>a")
        rawinput.typeText(path)
        time.sleep(0.3)
        app.key("Return")
        dialog = window(app, "dialog", "Enrolment File Saved")
        dialog.wait_label("which is shown only now")
        shown = [node.name for node in visible_nodes(dialog.node)
                 if node.roleName == "label" and PASSPHRASE.match(node.name or "")]
        assert len(shown) == 1, shown
        app.screenshot("popup-enrolment-passphrase")
        dialog.key("Escape")
        closed(app, "dialog", "Enrolment File Saved")

    # Only its owner reads the file; the laptop joins with it.
    assert os.stat(path).st_mode & 0o077 == 0
    laptop = os.path.join(workdir, "laptop.db")
    joined = admin_cli(laptop, "popup", "join", path, "--passphrase-stdin", stdin=shown[0] + "\n")
    assert joined.returncode == 0, joined.stderr
    desks = admin_cli(laptop, "desks", "list").stdout
    assert re.search(r"^Mercato +popup", desks, re.M), desks


def test_laptop_joins_on_first_run(workdir):
    office = os.path.join(workdir, "office.db")
    init_db(office)
    assert admin_cli(office, "desks", "add", "Mercato", "--kind", "popup").returncode == 0
    path = os.path.join(workdir, "mercato.enrol")
    enrolled = admin_cli(office, "popup", "enrol", "--desk", "Mercato", "--output", path)
    assert enrolled.returncode == 0, enrolled.stderr
    with running(os.path.join(workdir, "laptop.db")) as app:
        app.wait_label("A Pop-up Desk of an Office")
        app.screenshot("popup-first-run")
        app.click("Join with an Enrolment File…")
        choose_file(app, "Open the Enrolment File", path)
        dialog = window(app, "dialog", "Passphrase of the Enrolment File")
        type_into(dialog, "password text", "Passphrase", enrolled.stdout.strip())
        dialog.key("Return")
        closed(app, "dialog", "Passphrase of the Enrolment File")
        # The office's administrator signs in at the office's pop-up desk.
        sign_in(app, "admin", PASSWORD)
        app.wait_label("Welcome, Anna Amministratrice")
        app.wait_label("Mercato · Anna Amministratrice")
        app.screenshot("popup-joined")


if __name__ == "__main__":
    run([test_enrol_from_the_screen, test_laptop_joins_on_first_run])
