# SPDX-License-Identifier: GPL-3.0-or-later
"""UI tests of the foundation: set-up, sign-in, lock, operators, roles."""
import os
import sqlite3
import time

from sptest import PASSWORD, admin_cli, init_db, run, running, sign_in, signed_in


def test_first_run_setup(workdir):
    db = os.path.join(workdir, "new.db")
    with running(db) as app:
        app.find("push button", "Set Up")
        app.screenshot("setup-empty")
        app.type_into("text", "Name of the comune", "Cesena")
        app.type_into("text", "Desk name", "Anagrafe 1")
        app.type_into("text", "Username", "admin")
        app.type_into("text", "Full name", "Anna Amministratrice")
        # A weak password is refused next to the field, as it is typed.
        app.type_into("password text", "Password", "short")
        app.wait_label("at least 10 characters")
        app.screenshot("setup-weak-password")
        app.type_into("password text", "Password", PASSWORD)
        app.type_into("password text", "Password again", PASSWORD)
        app.click("Set Up")
        app.find("push button", "Sign In")
        app.screenshot("signin")

    listing = admin_cli(db, "operators", "list", "--json")
    assert '"username":"admin"' in listing.stdout.replace(" ", ""), listing.stdout
    assert '"role":"admin"' in listing.stdout.replace(" ", ""), listing.stdout
    verify = admin_cli(db, "audit", "verify")
    assert verify.returncode == 0, verify.stderr


def test_sign_in_wrong_then_right(workdir):
    db = os.path.join(workdir, "s.db")
    init_db(db)
    with running(db) as app:
        app.find("push button", "Sign In")
        assert not app.node.findChildren(lambda n: n.roleName == "label" and "Demo database" in (n.name or "")), \
            "a real database is called a demo"
        # The desk says which database it is on.
        app.wait_label("Database: " + os.path.realpath(db))
        sign_in(app, "admin", "not-the-password")
        app.wait_label("Wrong username or password")
        app.screenshot("signin-wrong-password")
        sign_in(app, "admin", PASSWORD)
        app.wait_label("Welcome, Anna Amministratrice")
        app.screenshot("main-admin")

    rows = sqlite3.connect(db).execute("SELECT action FROM audit ORDER BY id").fetchall()
    actions = [r[0] for r in rows]
    assert "sign-in-failed" in actions and actions[-1] == "sign-in", actions


def test_lock_and_unlock(workdir):
    with signed_in(workdir, "l.db") as (db, app):
        app.key("<Control>l")
        app.wait_label("Personal data is hidden")
        # Nothing of the session is showing while locked.
        assert app.absent("label", "Welcome, Anna Amministratrice")
        app.screenshot("locked")
        sign_in(app, "admin", PASSWORD)
        app.wait_label("Welcome, Anna Amministratrice")
        # The Lock button does the same as Ctrl+L.
        app.click("Lock")
        app.wait_label("Personal data is hidden")

    actions = [r[0] for r in sqlite3.connect(db).execute("SELECT action FROM audit ORDER BY id")]
    assert actions.count("lock") == 2 and actions.count("unlock") == 1, actions


def test_admin_adds_clerk_who_sees_no_admin_screens(workdir):
    with signed_in(workdir, "a.db") as (db, app):
        app.go_to_section("Operators and desks")
        app.type_into("text", "New operator’s username", "giulia")
        app.type_into("text", "New operator’s full name", "Giulia Bianchi")
        app.type_into("password text", "First password", "Rimini-Mare-2026")
        app.type_into("password text", "First password again", "Rimini-Mare-2026")
        app.click("Add Operator")
        app.wait_label("Giulia Bianchi")
        app.screenshot("operators")
        # The admin resets her password with the keyboard: Enter answers.
        app.click("Reset password of Giulia Bianchi")
        app.type_into("password text", "New password", "Nuova-Parola-2026")
        app.key("Return")
        app.wait_toast("The password was changed.")
        assert app.process.poll() is None, "sportello died after the reset"

    listing = admin_cli(db, "operators", "list", "--json").stdout.replace(" ", "")
    assert '"username":"giulia"' in listing and '"role":"clerk"' in listing, listing

    with running(db) as app:
        sign_in(app, "giulia", "Nuova-Parola-2026")
        app.wait_label("Welcome, Giulia Bianchi")
        assert app.absent("label", "Operators and desks"), "a clerk sees the admin section"
        # Nor can a shortcut reach it: no Alt+N leads there for a clerk.
        for n in range(1, 10):
            app.key(f"<Alt>{n}")
            assert app.absent("label", "Add an Operator", wait=0.2), "a clerk reached the admin screen"
        app.screenshot("main-clerk")


def test_sidebar_is_one_tab_stop(workdir):
    """Tab enters the sidebar once and goes on into the section shown; the
    arrows, not Tab, move between sections."""
    with signed_in(workdir, "t.db") as (_, app):
        for _ in range(10):
            app.key("Tab")
            node = app.focused()
            if node is not None and node.roleName == "list item" and node.parent.name == "Sections":
                break
        else:
            raise AssertionError("Tab never reached the sidebar")
        app.key("Tab")
        node = app.focused()
        assert node is not None and node.name == "Registry certificate", \
            f"Tab from the sidebar went to {node and node.roleName} {node and node.name!r}"
        assert app.absent("list", "Add an Operator", wait=0.3), "Tab from the sidebar opened Operators and desks"
        app.key("<Shift>Tab")
        node = app.focused()
        assert node is not None and node.parent.name == "Sections", "Shift+Tab did not come back to the sidebar"
        app.key("Down")
        time.sleep(0.5)
        assert app.node.findChildren(lambda n: n.name == "SpTodayPage"), "Down did not show Today"


def test_idle_lock(workdir):
    db = os.path.join(workdir, "i.db")
    init_db(db)
    with running(db, extra_env={"SPORTELLO_IDLE_LOCK_SECONDS": "3"}) as app:
        sign_in(app, "admin", PASSWORD)
        # Nobody touches the desk: it locks by itself. The welcome shows
        # only those 3 seconds, less than a loaded machine may take to walk
        # the accessibility tree: what lasts is the lock, and the audit
        # says the session was open before it.
        app.wait_label("Personal data is hidden", timeout=20)
    actions = [r[0] for r in sqlite3.connect(db).execute("SELECT action FROM audit ORDER BY id")]
    assert actions[-2:] == ["sign-in", "lock"], actions


def test_preferences_and_shortcuts(workdir):
    with signed_in(workdir, "p.db") as (_, app):
        app.key("<Control>comma")
        app.wait_label("Lock after minutes without activity")
        app.wait_label("Minutes an account stays locked")
        app.screenshot("preferences")
        app.key("Escape")
        app.key("<Control><Shift>question")
        app.wait_label("Lock the desk")
        app.wait_label("Scanner field: scan or type a receipt or health card")
        app.screenshot("shortcuts")


def test_demo_database_names_its_operators(workdir):
    """On a database the demo filled, the sign-in says how to get in."""
    db = os.path.join(workdir, "demo.db")
    init_db(db)
    # Two days are enough: the screen only needs the demo's operators.
    result = admin_cli(db, "demo", "--days", "2", "--desks", "1", "--quiet")
    assert result.returncode == 0, result.stderr
    with running(db) as app:
        app.wait_label("Demo database: the operators demo1, demo2, demo-supervisor sign in with the "
                       "password Demo-Password-1.")
        app.screenshot("signin-demo")
        sign_in(app, "demo1", "Demo-Password-1")
        app.wait_label("Welcome, Francesco Rossi")


def test_refuses_a_file_that_is_not_its_database(workdir):
    notes = os.path.join(workdir, "notes.txt")
    with open(notes, "w") as f:
        f.write("My notes: not a database.\n")
    with running(notes) as app:
        app.wait_label("Sportello cannot open its database")
        app.wait_label("is not a Sportello database")
        app.screenshot("refused-database")
    with open(notes) as f:
        assert f.read() == "My notes: not a database.\n"


def test_italian_desktop(workdir):
    """A clerk on an Italian desktop sees Italian, from set-up to the lock."""
    db = os.path.join(workdir, "it.db")
    with running(db, lang="it") as app:
        app.find("push button", "Configura")
        app.find("text", "Nome del comune")
        app.screenshot("setup-it")
    init_db(db)
    with running(db, lang="it") as app:
        app.find("push button", "Accedi")
        app.type_into("text", "Nome utente", "admin")
        app.type_into("password text", "Password", "sbagliata-di-certo")
        app.key("Return")
        app.wait_label("Nome utente o password errati")
        app.type_into("password text", "Password", PASSWORD)
        app.key("Return")
        app.wait_label("Anna Amministratrice")
        app.key("<Control>l")
        app.wait_label("Bloccato")
        app.screenshot("locked-it")


if __name__ == "__main__":
    run([
        test_first_run_setup,
        test_sidebar_is_one_tab_stop,
        test_sign_in_wrong_then_right,
        test_demo_database_names_its_operators,
        test_lock_and_unlock,
        test_admin_adds_clerk_who_sees_no_admin_screens,
        test_idle_lock,
        test_preferences_and_shortcuts,
        test_italian_desktop,
        test_refuses_a_file_that_is_not_its_database,
    ])
