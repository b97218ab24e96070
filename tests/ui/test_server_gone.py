# SPDX-License-Identifier: GPL-3.0-or-later
"""Two desks on one PostgreSQL server (issue 14), on a server of the test's
own (run-own-server.sh), which it stops and starts: a check-in at one desk
shows in the other's Today by itself; when the server goes away the window
says so within two seconds, what the clerk typed stays, the action that
needs the server says so, and after the server is back the banner goes
and the same action completes, once."""
import json
import os
import signal
import subprocess
import time

from sptest import App, PASSWORD, admin_cli, init_db, run, set_seal, sign_in
from test_cie import choose, go_to_section, open_all_day
from test_identify import ADULT_CF, open_identify, resume_unfinished

OFFLINE = "The database server cannot be reached."


def server(action):
    subprocess.run([os.environ["SPORTELLO_TEST_SERVER_CTL"], action], check=True)


def signed_in_at(uri, desk_steps):
    app = App(uri)
    if desk_steps:
        choose(app, "Desk", desk_steps)
    sign_in(app, "admin", PASSWORD)
    app.wait_label("Welcome, Anna Amministratrice")
    go_to_section(app, "Today")
    return app


def new_database(name):
    """A fresh database on the test's own server."""
    server = os.environ["SPORTELLO_TEST_POSTGRESQL"]
    subprocess.run(["psql", server, "-qc", f"CREATE DATABASE {name}"], check=True)
    return server + "&dbname=" + name


def test_two_desks_and_server_gone(workdir):
    uri = new_database("office")
    init_db(uri)
    open_all_day(uri)
    assert admin_cli(uri, "desks", "add", "Sportello 2").returncode == 0
    slot = json.loads(admin_cli(uri, "appointments", "next", "--service", "cie").stdout)
    booked = admin_cli(uri, "appointments", "book", "--service", "cie", "--desk", "Sportello 1",
                       "--date", slot["date"], "--time", slot["time"], "--surname", "Rossi", "--name", "Mario")
    assert booked.returncode == 0, booked.stderr

    one = signed_in_at(uri, 0)
    two = None
    try:
        two = signed_in_at(uri, 1)
        two.wait_label("Sportello 2 · Anna Amministratrice")
        # (The booking may be for a later day: then only the queue shows.)
        if slot["date"] == time.strftime("%Y-%m-%d"):
            one.wait_label("· Rossi Mario")
            one.click(f"Check In: {slot['time']} · Rossi Mario")
            one.wait_label("Waiting · CIE")
            # The other desk's Today shows the check-in by itself.
            two.wait_label("Waiting · CIE", timeout=3)
        two.quit()
        two = None

        # Half a form typed, and the server goes away.
        one.type_into("text", "Walk-in citizen’s name (optional)", "Bruni")
        server("stop")
        one.wait_label(OFFLINE, timeout=4)
        time.sleep(0.5)  # the banner slides in
        one.screenshot("server-gone-banner")
        # The ticket needs the server: the desk says so, the name stays.
        one.key("Return")
        one.wait_toast("cannot be reached")
        server("start")
        deadline = time.time() + 15
        while not one.absent("label", OFFLINE, wait=0.5):
            assert time.time() < deadline, "the banner stayed after the server came back"
        # Same name, same key: now it is given, once.
        one.key("Return")
        one.wait_label("Ticket 1 · Bruni")
    finally:
        if two is not None:
            two.quit()
        one.quit()

    listed = json.loads(admin_cli(uri, "appointments", "list").stdout)
    assert [a["surname"] for a in listed if a["kind"] == "walk-in"] == ["Bruni"], listed


def test_draft_kept_while_server_away(workdir):
    """What the clerk types while the server is away is kept on the desk,
    sealed: the program killed meanwhile, the draft resumed later has it."""
    uri = new_database("drafts")
    init_db(uri)
    set_seal(uri, workdir)
    app = App(uri)
    try:
        open_identify(app)
        app.click("New Identification")
        app.wait_label("Step 1 of 6")
        app.type_into("text", "Codice fiscale", ADULT_CF)
        app.type_into("text", "Surname", "Rossi")
        time.sleep(1.0)  # the draft is in the database
        server("stop")
        app.wait_label(OFFLINE, timeout=4)
        app.type_into("text", "Name", "Mario")
        app.type_into("text", "Street name", "Via Roma")
        time.sleep(1.0)  # kept on the desk
        os.kill(app.process.pid, signal.SIGKILL)
        app.process.wait(10)
    finally:
        app.quit()
    server("start")

    app = App(uri)
    try:
        resume_unfinished(app)
        app.wait_label("Type the house number.")
        assert app.absent("label", "Type the name."), "the name typed while the server was away was lost"
        assert app.absent("label", "Type the street of residence."), "the street was lost"
        app.screenshot("server-gone-draft-resumed")
    finally:
        app.quit()


if __name__ == "__main__":
    run([test_two_desks_and_server_gone, test_draft_kept_while_server_away])
