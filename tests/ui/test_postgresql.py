# SPDX-License-Identifier: GPL-3.0-or-later
"""The program on an office's PostgreSQL server (issue 13): the desk's
choice of database is a GSettings key, so the program is started without
--database; the sign-in page names the server; a clerk signs in, completes
an identification and books an appointment, and what the window did is in
the server's tables. Needs the suite's server (SPORTELLO_TEST_POSTGRESQL);
without it the test fails."""
import json
import os
import subprocess

from sptest import App, admin_cli, init_db, run
from test_cie import book_first_free, go_to_section, open_all_day
from test_identify import PARTNER_CF, identify_at_partner, open_identify


def new_database(name):
    """A fresh database on the suite's server, its URI and its name (a
    dbname among the URI's parameters overrides the one in its path)."""
    server = os.environ.get("SPORTELLO_TEST_POSTGRESQL")
    assert server, "SPORTELLO_TEST_POSTGRESQL names no server: the PostgreSQL run sets it"
    database = f"ui_{name}_{os.getpid()}"
    subprocess.run(["psql", server, "-qc", f"CREATE DATABASE {database}"], check=True)
    return server + ("&" if "?" in server else "?") + "dbname=" + database, database


def chosen_in_settings(workdir, uri):
    """This computer's GSettings, in a key file, naming the database."""
    config = os.path.join(workdir, "config")
    os.makedirs(os.path.join(config, "glib-2.0", "settings"))
    with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w") as keyfile:
        keyfile.write("[it/sportello/Sportello]\ndatabase='%s'\n" % uri.replace("'", "\\'"))
    return {"GSETTINGS_BACKEND": "keyfile", "XDG_CONFIG_HOME": config}


def sql(uri, query):
    out = subprocess.run(["psql", uri, "-Atc", query], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def asks_for_password(uri):
    """Whether the server wants a password that the environment gives
    (pg_virtualenv's cluster does; a development server may trust)."""
    env = dict(os.environ, PGPASSWORD="", PGPASSFILE=os.devnull)
    return subprocess.run(["psql", uri, "-qc", "SELECT 1"], env=env, capture_output=True).returncode != 0


def type_password(app, password):
    app.type_into("password text", "Database password", password)
    app.key("Return")


def test_identify_and_book_on_postgresql(workdir):
    uri, name = new_database("office")
    init_db(uri)
    open_all_day(uri)
    pdf = os.path.join(workdir, "receipt.pdf")
    password = os.environ.get("PGPASSWORD", "")
    prompted = password != "" and asks_for_password(uri)
    # Neither ~/.pgpass nor the environment holds the password: the clerk types it.
    env = dict(chosen_in_settings(workdir, uri), SPORTELLO_PRINT_TO_PDF=pdf, PGPASSWORD="", PGPASSFILE=os.devnull)
    app = App(None, extra_env=env)
    try:
        if prompted:
            app.wait_label("asks for a password")
            app.screenshot("postgresql-password")
            type_password(app, "not-the-password")
            app.wait_label("password authentication failed")
            type_password(app, password)
        app.wait_label(f"Database: database “{name}” on")
        app.screenshot("postgresql-sign-in")
        open_identify(app)
        app.click("New Identification")
        app.wait_label("Step 1 of 6")
        identify_at_partner(app, "LEP-13-2026")

        go_to_section(app, "Appointments")
        app.wait_label("First free slot:")
        book_first_free(app, "Rossi", "Mario")
        app.screenshot("postgresql-booked")

        # Another desk on the server hands out a ticket and calls it:
        # this desk's Today shows both by itself (LISTEN/NOTIFY).
        go_to_section(app, "Today")
        # (Rossi's booking may be today or on a later day.)
        app.wait_label("0 waiting")
        ticket = admin_cli(uri, "queue", "ticket", "--name", "Verdi")
        assert ticket.returncode == 0, ticket.stderr
        app.wait_label("Ticket 1 · Verdi", timeout=5)
        app.wait_label("1 waiting", timeout=5)
        called = admin_cli(uri, "queue", "call-next", "--desk", "Sportello 1")
        assert called.returncode == 0, called.stderr
        app.wait_label("0 waiting", timeout=5)
        app.screenshot("postgresql-live-today")

        # The waiting-room screen on the server: the call, then the next
        # one another desk makes, by themselves.
        display = App(uri, args=["--display"])
        try:
            display.wait_label("Ticket 1")
            display.wait_label("→ Sportello 1")
            assert admin_cli(uri, "queue", "ticket", "--name", "Bruni").returncode == 0
            called = admin_cli(uri, "queue", "call-next", "--desk", "Sportello 1")
            assert called.returncode == 0, called.stderr
            display.wait_label("Ticket 2", timeout=5)
            display.wait_label("Called Before")
            display.screenshot("postgresql-display")
        finally:
            display.quit()
    finally:
        app.quit()

    assert sql(uri, "SELECT channel || ' ' || codice_fiscale FROM identifications "
                    "WHERE state = 'completed'") == "partner " + PARTNER_CF
    assert sql(uri, "SELECT count(*) FROM receipts") == "2", sql(uri, "SELECT kind FROM receipts")
    listed = json.loads(admin_cli(uri, "appointments", "list").stdout)
    assert sorted((a["surname"], a["state"]) for a in listed) == [("Bruni", "called"), ("Rossi", "booked"), ("Verdi", "called")], listed
    verified = admin_cli(uri, "audit", "verify")
    assert verified.returncode == 0, verified.stderr


if __name__ == "__main__":
    run([test_identify_and_book_on_postgresql])
