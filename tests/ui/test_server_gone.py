# SPDX-License-Identifier: GPL-3.0-or-later
"""Two desks on one PostgreSQL server (issue 14), on a server of the test's
own (run-own-server.sh), which it stops and starts: a check-in at one desk
shows in the other's Today by itself; when the server goes away the window
says so within two seconds, what the clerk typed stays, the action that
needs the server says so, and after the server is back the banner goes
and the same action completes, once."""
import json
import os
import subprocess
import time

from sptest import App, PASSWORD, admin_cli, init_db, run, sign_in
from test_cie import choose, go_to_section, open_all_day

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


def test_two_desks_and_server_gone(workdir):
    uri = os.environ["SPORTELLO_TEST_POSTGRESQL"]
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


if __name__ == "__main__":
    run([test_two_desks_and_server_gone])
