# SPDX-License-Identifier: GPL-3.0-or-later
"""Preparing a pop-up desk's laptop (issue 15): the administrator enrols
the pop-up desk from Operators and desks, saves the enrolment file through
the file chooser and reads the one-time passphrase; a laptop joins with
that file and that passphrase, from the command line or from the first-run
screen; at night the pop-up clerk brings the day's records back in a
bundle, and the office's administrator imports it on its screen."""
import os
import re
import sqlite3
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


def count(db, sql):
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchone()[0]


def test_records_brought_back(workdir):
    office = os.path.join(workdir, "office.db")
    laptop = os.path.join(workdir, "laptop.db")
    bundle = os.path.join(workdir, "mercato.bundle")
    init_db(office)
    assert admin_cli(office, "desks", "add", "Mercato", "--kind", "popup").returncode == 0
    assert admin_cli(office, "operators", "add", "bruno", "--name", "Bruno Bianchi", "--role", "clerk",
                     "--password-stdin", stdin=PASSWORD + "\n").returncode == 0
    assert admin_cli(office, "calendar", "set", "--service", "cie", "--desk", "Sportello 1",
                     "--hours", "mon-fri 09:00-12:00", "--slot", "20").returncode == 0
    enrol = os.path.join(workdir, "mercato.enrol")
    enrolled = admin_cli(office, "popup", "enrol", "--desk", "Mercato", "--output", enrol)
    assert enrolled.returncode == 0, enrolled.stderr
    joined = admin_cli(laptop, "popup", "join", enrol, "--passphrase-stdin", stdin=enrolled.stdout)
    assert joined.returncode == 0, joined.stderr
    # Three market days at the laptop.
    made = admin_cli(laptop, "demo", "--days", "3", "--seed", "5", "--quiet")
    assert made.returncode == 0, made.stderr
    identified = count(laptop, "SELECT count(*) FROM identifications")
    assert identified > 0

    with running(laptop) as app:
        sign_in(app, "bruno", PASSWORD)
        app.wait_label("Welcome, Bruno Bianchi")
        # The laptop books nothing; it knows the office's first free slot
        # as of its enrolment.
        app.go_to_section("Appointments")
        app.wait_label("Appointments Are Booked at the Office")
        app.wait_label("Sportello 1", timeout=5)
        app.key("<Control><Shift>b")
        window(app, "filler", "Save the Records to Bring Back")
        time.sleep(0.5)
        app.key("<Control>a")
        rawinput.typeText(bundle)
        time.sleep(0.3)
        app.key("Return")
        dialog = window(app, "dialog", "Records Ready to Bring Back")
        dialog.wait_label("is bundle 1 of this desk")
        app.screenshot("popup-bring-back")
        dialog.key("Escape")
        closed(app, "dialog", "Records Ready to Bring Back")
    assert os.stat(bundle).st_mode & 0o077 == 0

    with running(office) as app:
        sign_in(app, "admin", PASSWORD)
        app.wait_label("Welcome, Anna Amministratrice")
        app.go_to_section("Operators and desks")
        for attempt in ("imported", "again"):
            app.click("Import Records…")
            choose_file(app, "Open a Bundle of Records", bundle)
            view = window(app, "frame", "Import Records")
            if attempt == "imported":
                view.wait_label("Bundle 1 of Mercato is imported")
                view.wait_label("SPID identifications")
                app.screenshot("popup-import-summary")
            else:
                view.wait_label("Bundle 1 of Mercato was already imported: nothing changed.")
            view.key("Escape")
            closed(app, "frame", "Import Records")
    # The laptop's identifications are the office's now, once.
    assert count(office, "SELECT count(*) FROM identifications") == identified


if __name__ == "__main__":
    run([test_enrol_from_the_screen, test_laptop_joins_on_first_run, test_records_brought_back])
