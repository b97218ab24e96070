#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Supervision: only supervisors reach it; its figures match the command
line's report for the same period; the day-close PDF carries the totals."""
import datetime
import json
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from sptest import App, admin_cli, init_db, on_screen, run, sign_in  # noqa: E402

DEMO_PASSWORD = "Demo-Password-1"


def demo_db(workdir):
    db = os.path.join(workdir, "s.db")
    init_db(db)
    result = admin_cli(db, "demo", "--days", "20", "--desks", "2", "--seed", "5", "--quiet")
    assert result.returncode == 0, result.stderr
    return db


def cli_report(db, first, last):
    result = admin_cli(db, "report", "--from", first, "--to", last, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def showing_supervision(app):
    """The page fills its figures when it is mapped: a figure on screen
    means Supervision is the page shown."""
    time.sleep(0.3)
    nodes = app.node.findChildren(
        lambda n: n.roleName == "label" and (n.name or "").startswith("Today, SPID identifications completed:"))
    return any(on_screen(n) for n in nodes)


def open_supervision(app):
    """Alt+1 … Alt+9 follow the sidebar; the section's place in it depends
    on which sections the build has, so try each."""
    app.find("label", "Supervision")
    for n in range(1, 10):
        app.key(f"<Alt>{n}")
        if showing_supervision(app):
            return
    raise AssertionError("no shortcut opened Supervision")


def test_clerk_cannot_open_supervision(workdir):
    db = demo_db(workdir)
    app = App(db)
    try:
        sign_in(app, "demo1", DEMO_PASSWORD)
        app.wait_label("Welcome")
        assert app.absent("label", "Supervision"), "a clerk sees the Supervision section"
        for n in range(1, 10):
            app.key(f"<Alt>{n}")
            assert not showing_supervision(app), "a clerk reached Supervision"
        app.screenshot("supervision-clerk")
    finally:
        app.quit()


def test_supervisor_figures_match_cli(workdir):
    db = demo_db(workdir)
    today = datetime.date.today()
    first = today.replace(day=1)
    app = App(db)
    try:
        sign_in(app, "demo-supervisor", DEMO_PASSWORD)
        app.wait_label("Welcome")
        open_supervision(app)
        day = cli_report(db, today.isoformat(), today.isoformat())["totals"]
        period = cli_report(db, first.isoformat(), today.isoformat())["totals"]
        for caption, key in (("SPID identifications completed", "spid_completed"),
                             ("CIE requests", "cie_requests"),
                             ("Citizens served", "served"),
                             ("Other counter services", "other_services")):
            app.find("label", f"Today, {caption}: {day[key]}", timeout=15)
            app.find("label", f"Period, {caption}: {period[key]}", timeout=15)
        app.screenshot("supervision")

        # Verify the audit trail.
        app.click("Verify")
        app.wait_label("The audit trail holds")

        # One click counts one other counter service, at this desk.
        app.click("Registry certificate")
        time.sleep(0.5)
        after = cli_report(db, today.isoformat(), today.isoformat())["totals"]
        assert after["other_services"] == day["other_services"] + 1, (day, after)
    finally:
        app.quit()


def test_day_close_pdf(workdir):
    db = demo_db(workdir)
    pdf = os.path.join(workdir, "day-close.pdf")
    # The last working day before today: the desks were open.
    day = datetime.date.today() - datetime.timedelta(days=1)
    while day.weekday() >= 5:
        day -= datetime.timedelta(days=1)
    today = day.isoformat()
    app = App(db, extra_env={"SPORTELLO_PRINT_TO_PDF": pdf})
    try:
        sign_in(app, "demo-supervisor", DEMO_PASSWORD)
        app.wait_label("Welcome")
        open_supervision(app)
        app.type_into("text", "To (YYYY-MM-DD)", today)
        app.click("Day-Close Report")
        deadline = time.time() + 15
        while not os.path.exists(pdf) and time.time() < deadline:
            time.sleep(0.3)
    finally:
        app.quit()
    assert os.path.exists(pdf), "no day-close PDF"
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
    totals = cli_report(db, today, today)["totals"]
    assert "Summary of all desks" in text, text
    assert totals["served"] > 0, totals
    assert "Desk: Sportello 1" in text and "Desk: Sportello 2" in text, text
    for caption, key in (("SPID identifications completed", "spid_completed"),
                         ("CIE requests", "cie_requests"),
                         ("Citizens served", "served")):
        match = re.search(re.escape(caption) + r"\s+(\d+)", text)
        assert match and int(match.group(1)) == totals[key], (caption, totals[key], text)
    # Counts only: no codice fiscale anywhere.
    assert not re.search(r"[A-Z]{6}\d\d[A-Z]\d\d[A-Z]\d{3}[A-Z]", text), text


if __name__ == "__main__":
    run([test_clerk_cannot_open_supervision, test_supervisor_figures_match_cli, test_day_close_pdf])
