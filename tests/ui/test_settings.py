#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Preferences → Supervision: an administrator changes the CSV separator and
the retention period with the keyboard alone, and the command line reads the
new values; a supervisor sees them but cannot change them; a clerk does not
see the page at all."""
import os
import re
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from sptest import App, PASSWORD, admin_cli, init_db, run, sign_in  # noqa: E402

DEMO_PASSWORD = "Demo-Password-1"


def old_cases_db(workdir):
    """Activity of January 2023: closed cases past any retention period."""
    db = os.path.join(workdir, "settings.db")
    init_db(db)
    result = admin_cli(db, "demo", "--days", "3", "--desks", "1", "--seed", "3",
                       "--last-day", "2023-01-31", "--quiet")
    assert result.returncode == 0, result.stderr
    return db


def setting(db, key):
    result = admin_cli(db, "settings", "get", key)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def cases_past_retention(db):
    """What `retention apply --dry-run` counts as cases: identifications,
    CIE requests and appointments."""
    result = admin_cli(db, "retention", "apply", "--dry-run")
    assert result.returncode == 0, result.stderr
    counts = dict(re.findall(r"^  (.+?)\s{2,}(\d+)$", result.stdout, re.M))
    return sum(int(counts[k]) for k in ("SPID identifications", "CIE requests", "Appointments and walk-ins"))


def signed_in(db, username, password):
    app = App(db)
    try:
        sign_in(app, username, password)
        app.wait_label("Welcome")
    except Exception:
        app.quit()
        raise
    return app


def open_supervision_preferences(app):
    app.key("<Control>comma")
    app.wait_label("Lock after minutes without activity")
    app.find("page tab", "Supervision").doActionNamed("click")
    app.wait_label("CSV Exports")


def due_count(app):
    """The number shown on the row of cases past the retention period."""
    row = app.find("list item", "Closed cases past the retention period")
    deadline = time.time() + 15
    while time.time() < deadline:
        numbers = row.findChildren(lambda n: n.roleName == "label" and re.fullmatch(r"\d+", n.name or ""))
        if numbers:
            return int(numbers[0].name)
        time.sleep(0.3)
    raise AssertionError("the count of cases past the retention period never showed")


def test_admin_changes_separator_and_retention(workdir):
    db = old_cases_db(workdir)
    app = signed_in(db, "admin", PASSWORD)
    try:
        open_supervision_preferences(app)
        assert due_count(app) == cases_past_retention(db) > 0
        app.screenshot("settings-supervision")

        # The separator: Tab to the row, open it, one down, choose.
        app.focus("combo box", "Column separator")
        app.key("space")
        app.key("Down")
        app.key("Return")
        app.wait_label("Comma ,")
        # Twelve months, typed over the 24 shown.
        app.type_into("spin button", "Months to keep personal data", "12")
        app.focus("push button", "Save Supervision Settings")
        app.key("Return")
        app.wait_toast("Saved.")
        app.screenshot("settings-supervision-saved")

        assert setting(db, "export.csv_separator") == ","
        assert setting(db, "retention.months") == "12"
        details = [r[0] for r in sqlite3.connect(db).execute(
            "SELECT details FROM audit WHERE action = 'settings' ORDER BY id")]
        assert details == ['{"keys":["export.csv_separator","retention.months"]}'], details
        # The count follows the saved period, as the command line sees it.
        deadline = time.time() + 15
        while due_count(app) != cases_past_retention(db):
            assert time.time() < deadline, (due_count(app), cases_past_retention(db))
            time.sleep(0.3)
        report = admin_cli(db, "report", "--from", "2023-01-01", "--to", "2023-01-31", "--format", "csv")
        assert report.stdout.startswith("group,label,"), report.stdout
    finally:
        app.quit()
    audit = admin_cli(db, "audit", "verify")
    assert audit.returncode == 0, audit.stderr


def test_supervisor_sees_but_cannot_change(workdir):
    db = old_cases_db(workdir)
    assert admin_cli(db, "settings", "set", "export.csv_separator", ",").returncode == 0
    app = signed_in(db, "demo-supervisor", DEMO_PASSWORD)
    try:
        open_supervision_preferences(app)
        separator = app.find("combo box", "Column separator")
        months = app.find("spin button", "Months to keep personal data")
        save = app.find("push button", "Save Supervision Settings")
        app.wait_label("Comma ,")
        assert months.value == 24, months.value
        assert not separator.sensitive, "a supervisor can change the separator"
        assert not months.sensitive, "a supervisor can change the retention period"
        assert not save.sensitive, "a supervisor can save"
        assert due_count(app) == cases_past_retention(db)
        app.screenshot("settings-supervision-supervisor")
        # Keys pressed anyway change nothing.
        app.key("Tab")
        app.key("space")
        app.key("Return")
    finally:
        app.quit()
    assert setting(db, "export.csv_separator") == ","
    assert setting(db, "retention.months") == "24"
    rows = sqlite3.connect(db).execute("SELECT count(*) FROM audit WHERE action = 'settings'").fetchone()[0]
    assert rows == 1, rows


def test_clerk_does_not_see_the_page(workdir):
    db = old_cases_db(workdir)
    app = signed_in(db, "demo1", DEMO_PASSWORD)
    try:
        app.key("<Control>comma")
        app.wait_label("Lock after minutes without activity")
        app.find("page tab", "SPID")
        assert app.absent("page tab", "Supervision"), "a clerk sees the Supervision preferences"
        assert app.absent("label", "CSV Exports", wait=0.2)
    finally:
        app.quit()


if __name__ == "__main__":
    run([test_admin_changes_separator_and_retention, test_supervisor_sees_but_cannot_change,
         test_clerk_does_not_see_the_page])
