#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counter services: an admin edits the comune's list in Preferences and the
home page follows at once, buttons and Ctrl+N; what is counted reaches the
report; a clerk does not see the page; names typed by the comune are shown
as typed on an Italian desktop, the built-in ones translated."""
import datetime
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from sptest import PASSWORD, admin_cli, clean, init_db, on_screen, run, running, sign_in, signed_in  # noqa: E402
from test_cie import choose  # noqa: E402

from dogtail import rawinput  # noqa: E402


def services(db):
    result = admin_cli(db, "services", "list", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def by_code(db):
    return {s["code"]: s for s in services(db)}


def today_report(db):
    today = datetime.date.today().isoformat()
    result = admin_cli(db, "report", "--from", today, "--to", today, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def open_services_page(app):
    app.key("<Control>comma")
    app.wait_label("Lock after minutes without activity")
    app.find("page tab", "Counter Services").doActionNamed("click")
    app.wait_label("Other Counter Services")


def close_preferences(app):
    for _ in range(3):
        app.key("Escape")
        if app.absent("label", "Other Counter Services", wait=1.0):
            return
    raise AssertionError("the preferences did not close")


def fill(app, name, text):
    """Types into a field of the page; Tab passes every row's five
    controls on the way, hence the many steps."""
    app.focus("text", name, max_tabs=80)
    rawinput.keyCombo("<Control>a")
    rawinput.typeText(text)
    time.sleep(0.3)


def home_buttons(app):
    """The names on the home page's counter-service buttons, in order."""
    bar = app.find("tool bar", "Count other counter services")
    return [clean(n.name) for n in bar.findChildren(lambda n: n.roleName == "push button") if on_screen(n)]


def test_admin_adds_a_service_and_counts_it(workdir):
    with signed_in(workdir) as (db, app):
        open_services_page(app)
        app.find("check box", "Information in use")
        # A shortcut is one choice among several: a drop-down each.
        app.find("combo box", "Shortcut of Information")
        app.find("combo box", "Shortcut of the new service")

        # A name already in the list is refused as it is typed.
        fill(app, "Name of the new service", "information")
        app.wait_label("A service named “Information” is already in the list.")
        assert not app.find("push button", "Add Service").sensitive

        # The code follows the name; the first free shortcut is offered.
        fill(app, "Name of the new service", "Ufficio Tributi e Tasse")
        deadline = time.time() + 10
        while not app.find("push button", "Add Service").sensitive:
            assert time.time() < deadline, "Add Service stayed off for a valid name"
            time.sleep(0.2)
        app.screenshot("counter-services-add")
        app.click("Add Service")
        # What lasts, not the toast that says so: the toast can come and go
        # while a loaded machine walks the accessibility tree.
        app.find("check box", "Ufficio Tributi e Tasse in use", timeout=20)
        app.screenshot("counter-services")
        added = by_code(db)["ufficio-tributi-e-tasse"]
        assert added["name"] == "Ufficio Tributi e Tasse" and added["shortcut"] == 6, added
        assert admin_cli(db, "audit", "verify").returncode == 0

        # The home page has its button and its key at once.
        close_preferences(app)
        assert home_buttons(app)[-1] == "Ufficio Tributi e Tasse", home_buttons(app)
        app.screenshot("counter-services-home")
        app.key("<Control>6")
        app.wait_toast("Counted: Ufficio Tributi e Tasse")
        report = today_report(db)
        assert report["other_services"]["ufficio-tributi-e-tasse"] == 1, report["other_services"]
        assert report["totals"]["other_services"] == 1, report["totals"]


def test_rename_order_and_turn_off(workdir):
    with signed_in(workdir) as (db, app):
        open_services_page(app)

        # Rename in a dialog; a name in use keeps Rename off.
        app.click("Rename Information")
        app.find("text", "New name")
        rawinput.keyCombo("<Control>a")
        rawinput.typeText("Change of residence")
        app.wait_label("A service named “Change of residence” is already in the list.")
        rawinput.keyCombo("<Control>a")
        rawinput.typeText("Tourist information")
        time.sleep(0.5)
        app.screenshot("counter-services-rename")
        app.key("Return")
        app.find("check box", "Tourist information in use")

        # One place up; and Civil status record no longer offered.
        app.click("Move Tourist information up")
        deadline = time.time() + 10
        while [s["code"] for s in services(db)][3] != "information":
            assert time.time() < deadline, "Move up did not move the service"
            time.sleep(0.3)
        time.sleep(0.5)   # the list is rebuilt after the edit
        # The focus stays on the button used, as a keyboard user expects.
        focused = app.focused()
        assert focused is not None and clean(focused.name) == "Move Tourist information up", focused
        app.find("check box", "Civil status record in use").doActionNamed("toggle")
        deadline = time.time() + 10
        while by_code(db)["civil-status"]["active"]:
            assert time.time() < deadline, "the switch did not turn the service off"
            time.sleep(0.3)
        app.wait_label("civil-status · turned off")
        app.screenshot("counter-services-edited")
        listed = services(db)
        assert [s["code"] for s in listed] == ["certificate", "residence", "civil-status",
                                               "information", "signature"], listed
        assert listed[3]["name"] == "Tourist information" and listed[3]["shortcut"] == 5, listed
        assert listed[2]["shortcut"] is None, listed
        assert admin_cli(db, "audit", "verify").returncode == 0

        close_preferences(app)
        assert home_buttons(app) == ["Registry certificate", "Change of residence", "Tourist information",
                                     "Signature authentication"], home_buttons(app)
        # Ctrl+3 went with the service; Ctrl+5 follows the renamed one.
        app.key("<Control>3")
        app.key("<Control>5")
        app.wait_toast("Counted: Tourist information")
        other = today_report(db)["other_services"]
        assert other.get("civil-status", 0) == 0 and other["information"] == 1, other


def test_operators_roles_and_desk_kinds(workdir):
    """Operators and desks, the admin's other list: a role and a desk kind
    are each one choice, a drop-down, that works from the keyboard."""
    with signed_in(workdir) as (db, app):
        app.go_to_section("Operators and desks")
        for name in ("Role of Anna Amministratrice", "Role", "Kind of the new desk"):
            app.find("combo box", name)
        fill(app, "New desk name", "Piazza Ganganelli")
        choose(app, "Kind of the new desk", 1)
        app.click("Add Desk")
        deadline = time.time() + 15
        while "popup" not in next((line for line in admin_cli(db, "desks", "list").stdout.splitlines()
                                   if line.startswith("Piazza Ganganelli")), ""):
            assert time.time() < deadline, admin_cli(db, "desks", "list").stdout
            time.sleep(0.5)
        app.screenshot("operators-desk-added")


def test_clerk_does_not_see_the_page(workdir):
    db = os.path.join(workdir, "c.db")
    init_db(db)
    result = admin_cli(db, "operators", "add", "carla", "--name", "Carla Cassiera", "--role", "clerk",
                       "--password-stdin", stdin=PASSWORD + "\n")
    assert result.returncode == 0, result.stderr
    with running(db) as app:
        sign_in(app, "carla", PASSWORD)
        app.wait_label("Welcome, Carla Cassiera")
        app.key("<Control>comma")
        app.wait_label("Lock after minutes without activity")
        app.find("page tab", "General")
        assert app.absent("page tab", "Counter Services"), "a clerk sees Counter Services"
        app.screenshot("counter-services-clerk")


def test_italian_names(workdir):
    """Built-in services are translated; the comune's names stay as typed."""
    db = os.path.join(workdir, "it.db")
    init_db(db)
    for args in (("add", "tributi", "Ufficio tributi", "--shortcut", "6"),
                 ("rename", "certificate", "Certificati anagrafici e di stato civile")):
        result = admin_cli(db, "services", *args)
        assert result.returncode == 0, result.stderr
    with running(db, lang="it") as app:
        app.type_into("text", "Nome utente", "admin")
        app.type_into("password text", "Password", PASSWORD)
        app.key("Return")
        app.wait_label("Anna Amministratrice")
        app.find("push button", "Informazioni")
        app.find("push button", "Ufficio tributi")
        app.find("push button", "Certificati anagrafici e di stato civile")
        app.key("<Control>6")
        app.wait_toast("Contato: Ufficio tributi")
        app.screenshot("counter-services-home-it")


if __name__ == "__main__":
    run([test_admin_adds_a_service_and_counts_it, test_rename_order_and_turn_off,
         test_operators_roles_and_desk_kinds,
         test_clerk_does_not_see_the_page, test_italian_names])
