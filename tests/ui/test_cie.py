# SPDX-License-Identifier: GPL-3.0-or-later
"""UI tests of the CIE counter (issue 6): booking an appointment, checking
in by scanning its receipt, the walk-in queue with Ctrl+N, and recording a
CIE request with its printed, QR-coded receipt."""
import json
import os
import shutil
import subprocess
import time

from sptest import App, PASSWORD, SHOTS, admin_cli, clean, init_db, run, sign_in, visible_nodes

from dogtail import rawinput


def go_to_section(app, title):
    """Alt+N, N being the section's place among the sidebar's visible rows."""
    label = app.find("label", title)
    row = label.parent
    while row is not None and row.roleName not in ("list item", "list box item", "row"):
        row = row.parent
    rows = [r for r in row.parent.children if r.visible] if row is not None else []
    index = rows.index(row) + 1
    app.key(f"<Alt>{index}")


def decode_qr(pdf, workdir):
    """What a scanner at another desk reads from the printed receipt."""
    deadline = time.time() + 15
    while not os.path.exists(pdf) and time.time() < deadline:
        time.sleep(0.3)
    assert os.path.exists(pdf), "no receipt was printed"
    time.sleep(0.5)
    prefix = os.path.join(workdir, "page")
    subprocess.run(["pdftoppm", "-r", "150", "-png", pdf, prefix], check=True)
    pngs = sorted(p for p in os.listdir(workdir) if p.startswith("page") and p.endswith(".png"))
    out = subprocess.run(["zbarimg", "--raw", "-q", os.path.join(workdir, pngs[0])],
                         capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip(), "the receipt's QR code cannot be read"
    os.makedirs(SHOTS, exist_ok=True)
    shutil.copy(os.path.join(workdir, pngs[0]), os.path.join(SHOTS, "receipt-" + os.path.basename(pdf) + ".png"))
    return out.stdout.strip().splitlines()[0]


def open_all_day(db):
    """Every day, all day, so that a slot later today is always free."""
    result = admin_cli(db, "calendar", "set", "--desk", "Sportello 1", "--service", "cie",
                       "--hours", "mon-sun 00:00-24:00", "--slot", "20")
    assert result.returncode == 0, result.stderr


def start(workdir, pdf=None):
    db = os.path.join(workdir, "cie.db")
    init_db(db)
    open_all_day(db)
    env = {"SPORTELLO_PRINT_TO_PDF": pdf} if pdf else None
    app = App(db, extra_env=env)
    sign_in(app, "admin", PASSWORD)
    app.wait_label("Welcome, Anna Amministratrice")
    return db, app


def choose(app, name, steps):
    """Picks an option of a drop-down from the keyboard: Tab to it, Space
    opens its list, the arrows move down `steps` options, Return chooses."""
    app.focus("combo box", name)
    app.key("space")
    for _ in range(steps):
        rawinput.pressKey("Down")
        time.sleep(0.1)
    app.key("Return")


def scan(app, text):
    app.key("<Control>k")
    app.type_into("text", "Scanner", text)
    app.key("Return")


def book_first_free(app, surname, name, codice_fiscale=None):
    """On the Appointments page: the first free slot booked for the citizen."""
    app.click("Book the First Free Slot")
    app.wait_label("Slot:")
    app.type_into("text", "Surname", surname)
    app.type_into("text", "Name", name)
    if codice_fiscale:
        app.type_into("text", "Codice fiscale (optional)", codice_fiscale)
    app.key("Return")
    app.wait_label(f"Booked: {surname} {name}")


def test_book_and_check_in_by_scanning(workdir):
    pdf = os.path.join(workdir, "appointment.pdf")
    db, app = start(workdir, pdf)
    try:
        go_to_section(app, "Appointments")
        app.wait_label("First free slot:")
        app.screenshot("cie-appointments-week")
        book_first_free(app, "Rossi", "Mario", "RSSMRA80A01H501U")
        app.screenshot("cie-appointments-booked")
        listed = json.loads(admin_cli(db, "appointments", "list").stdout)
        assert [a["surname"] for a in listed] == ["Rossi"], listed
        assert listed[0]["state"] == "booked"

        # The citizen comes back with the printed receipt: scanning it
        # checks them in.
        payload = decode_qr(pdf, workdir)
        scan(app, payload)
        deadline = time.time() + 15
        while True:
            listed = json.loads(admin_cli(db, "appointments", "list").stdout)
            if listed[0]["state"] == "waiting":
                break
            assert time.time() < deadline, listed
            time.sleep(0.5)
        # Today shows the citizen waiting (the toast may already be gone).
        app.wait_label("· Rossi Mario")
        app.wait_label("Waiting · CIE")
        app.screenshot("cie-today-checked-in")
    finally:
        app.quit()


def test_walk_in_queue_call_next(workdir):
    db, app = start(workdir)
    try:
        go_to_section(app, "Today")
        app.wait_label("Nobody is booked or waiting today.")
        app.type_into("text", "Walk-in citizen’s name (optional)", "Bianchi")
        app.key("Return")
        app.wait_label("Ticket 1 · Bianchi")
        app.click("Give a Ticket")
        app.wait_label("Ticket 2")
        app.wait_label("2 waiting")
        app.screenshot("cie-today-queue")
        app.key("<Control>n")
        app.wait_label("At your desk: Ticket 1 · Bianchi")
        app.wait_label("1 waiting")
        app.key("<Control>n")
        app.wait_label("At your desk: Ticket 2")
        app.wait_label("0 waiting")
        app.screenshot("cie-today-called")
        listed = json.loads(admin_cli(db, "appointments", "list").stdout)
        # Calling the next one ended the first citizen's service.
        assert [a["state"] for a in listed] == ["served", "called"], listed

        # Another program on the same database (a kiosk, another desk)
        # hands out a ticket: Today shows it by itself, and what the clerk
        # is typing meanwhile stays.
        app.type_into("text", "Walk-in citizen’s name (optional)", "Neri")
        ticket = admin_cli(db, "queue", "ticket", "--name", "Verdi")
        assert ticket.returncode == 0, ticket.stderr
        app.wait_label("Ticket 3 · Verdi", timeout=5)
        app.wait_label("1 waiting", timeout=5)
        app.screenshot("live-today")
        # GTK 4.8 exposes no text of an entry to AT-SPI: the name typed
        # before the refresh gives the next ticket.
        app.key("Return")
        app.wait_label("Ticket 4 · Neri", timeout=5)
        # A refresh for another desk's ticket replaces only what changed:
        # the row the clerk is on stays, and the focus with it.
        app.focus("push button", "Call: Ticket 3 · Verdi")
        ticket = admin_cli(db, "queue", "ticket", "--name", "Gialli")
        assert ticket.returncode == 0, ticket.stderr
        app.wait_label("Ticket 5 · Gialli", timeout=5)
        focused = app.focused()
        assert focused is not None and clean(focused.name) == "Call: Ticket 3 · Verdi", focused

        # The waiting-room screen, another program on the database: the
        # last call large, with its desk; a new call shows by itself; no
        # names.
        display = App(db, args=["--display"])
        try:
            display.wait_label("Ticket 2")
            display.wait_label("→ Sportello 1")
            # (The screen has the keyboard now: the call comes from
            # another desk.)
            called = admin_cli(db, "queue", "call-next", "--desk", "Sportello 1")
            assert called.returncode == 0, called.stderr
            display.wait_label("Ticket 3", timeout=5)
            display.wait_label("Called Before")
            display.screenshot("display")
            assert not any("Verdi" in (node.name or "") or "Bianchi" in (node.name or "")
                           for node in visible_nodes(display.node)), "a name on the waiting-room screen"
        finally:
            display.quit()
    finally:
        app.quit()


def test_record_cie_request_and_print_receipt(workdir):
    pdf = os.path.join(workdir, "cie-request.pdf")
    db, app = start(workdir, pdf)
    try:
        go_to_section(app, "CIE")
        app.wait_label("CIE Request")
        # Each one-of-several choice is one control for a screen reader.
        for choice in ("Reason", "Payment", "Organ donation", "Delivery"):
            app.find("combo box", choice)
        app.type_into("text", "Codice fiscale", "RSSMRA80A01H501U")
        app.type_into("text", "Surname", "Rossi")
        app.type_into("text", "Name", "Mario")
        app.type_into("text", "Ministry request number", "A00123456")
        # Live validation: a malformed card number is named as such.
        app.type_into("text", "New card number", "CA1234BC")
        app.wait_label("two letters, five digits and two letters")
        app.type_into("text", "New card number", "CA12345BC")
        app.type_into("text", "Delivery address", "Via Roma 1, 47822 Santarcangelo di Romagna")
        app.wait_label("10 years (age")
        app.screenshot("cie-request-form")
        app.click("Record Request")
        app.wait_label("CIE request recorded for Rossi Mario")
        app.screenshot("cie-request-recorded")

        # The printed receipt's QR is authentic and names the request.
        payload = decode_qr(pdf, workdir)
        verified = json.loads(admin_cli(db, "receipt", "verify", payload).stdout)
        assert verified["authentic"] and verified["kind"] == "cie-request", verified
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
        assert "A00123456" in text and "CA12345BC" in text and "22,00" in text, text

        # Scanning it at the desk opens the request among those recorded.
        scan(app, payload)
        app.wait_label("1 request found")
        app.find("push button", "Delivered by Post: Rossi Mario")
        app.screenshot("cie-requests-found")
    finally:
        app.quit()


def test_citizen_without_a_surname(workdir):
    """Some foreign citizens have no surname: the codice fiscale has XXX for
    it, and the request is recorded with the given name alone."""
    pdf = os.path.join(workdir, "no-surname.pdf")
    db, app = start(workdir, pdf)
    try:
        go_to_section(app, "CIE")
        app.wait_label("CIE Request")
        app.type_into("text", "Codice fiscale", "XXXMRA80A01H501D")
        app.type_into("text", "Surname", "Rossi")
        # Ticking the box empties the surname and takes it out of reach.
        app.focus("check box", "No surname")
        app.key("space")
        surname = app.find("text", "Surname")
        deadline = time.time() + 10
        while surname.sensitive or surname.text:
            assert time.time() < deadline, "the surname stayed in the form"
            time.sleep(0.2)
        assert not app.find("check box", "No given name").sensitive
        app.type_into("text", "Name", "Mario")
        app.type_into("text", "Ministry request number", "A00123457")
        app.type_into("text", "New card number", "CA12346BC")
        # Collection at the comune, chosen from the keyboard: no address.
        choose(app, "Delivery", 1)
        app.find("text", "Delegate for collection (optional)")
        assert app.absent("text", "Delivery address", wait=0.5)
        app.screenshot("cie-request-no-surname")
        app.click("Record Request")
        app.wait_label("CIE request recorded for")
        payload = decode_qr(pdf, workdir)
        verified = json.loads(admin_cli(db, "receipt", "verify", payload).stdout)
        assert verified["authentic"] and verified["kind"] == "cie-request", verified
        scan(app, payload)
        app.wait_label("1 request found")
        app.find("push button", "Card Arrived: Mario")
    finally:
        app.quit()


def test_reschedule_and_cancel(workdir):
    pdf = os.path.join(workdir, "moved.pdf")
    db, app = start(workdir, pdf)
    try:
        first = json.loads(admin_cli(db, "appointments", "next", "--service", "cie").stdout)
        booked = admin_cli(db, "appointments", "book", "--service", "cie", "--desk", "Sportello 1",
                           "--date", first["date"], "--time", first["time"],
                           "--surname", "Verdi", "--name", "Giuseppe")
        assert booked.returncode == 0, booked.stderr
        go_to_section(app, "Appointments")
        app.wait_label("First free slot:")
        # The booked slot is a button; choosing it selects the appointment.
        slot = next(n for n in app.node.findChildren(
            lambda n: n.roleName == "push button" and (n.name or "").startswith("Booked ")))
        slot.doActionNamed("click")
        app.wait_label("Verdi Giuseppe —")
        # Move it to the first free slot of the week.
        app.click("Move to Another Slot…", role="push button")
        free = next(n for n in app.node.findChildren(
            lambda n: n.roleName == "push button" and (n.name or "").startswith("Free slot ")))
        free.doActionNamed("click")
        app.wait_toast("The appointment was moved")
        listed = json.loads(admin_cli(db, "appointments", "list", "--date", first["date"]).stdout)
        assert len(listed) == 1 and listed[0]["time"] != first["time"], listed
        # Cancelling needs a reason.
        app.click("Cancel Appointment")
        app.wait_label("Give the reason for the cancellation.")
        app.type_into("text", "Reason for cancelling", "The citizen phoned")
        app.click("Cancel Appointment")
        app.wait_toast("The appointment was cancelled.")
        app.screenshot("cie-appointment-cancelled")
        listed = json.loads(admin_cli(db, "appointments", "list", "--date", first["date"]).stdout)
        assert listed == [], listed
    finally:
        app.quit()


def test_admin_sets_a_calendar_and_a_closure(workdir):
    db, app = start(workdir)
    try:
        go_to_section(app, "Appointments")
        app.wait_label("First free slot:")
        # GTK 4.8 reports a toggle button as a push button.
        app.click("Calendars")
        app.type_into("text", "Opening hours, e.g. mon-fri 08:30-12:30,14:30-17:00; sat 09:00-12:00",
                      "mon-fri 09:00-12:00,15:00-17:00")
        app.type_into("text", "Slot length in minutes", "30")
        app.type_into("text", "Citizens per slot", "2")
        app.click("Save Calendar")
        app.wait_label("mon-fri 09:00-12:00,15:00-17:00 · slots of 30 min · 2 per slot")
        app.type_into("text", "Closed from (YYYY-MM-DD)", "2027-08-16")
        app.type_into("text", "Closed to (YYYY-MM-DD, optional)", "2027-08-20")
        app.type_into("text", "Closure reason", "Summer closure")
        app.click("Add Closure")
        app.wait_label("Whole office · Summer closure")
        app.screenshot("cie-calendars")
        calendars = json.loads(admin_cli(db, "calendar", "list").stdout)
        assert calendars[0]["hours"] == "mon-fri 09:00-12:00,15:00-17:00", calendars
        assert calendars[0]["slot_minutes"] == 30 and calendars[0]["capacity"] == 2, calendars
        closures = json.loads(admin_cli(db, "calendar", "closures").stdout)
        assert closures[0]["first_day"] == "2027-08-16", closures
    finally:
        app.quit()


def test_preferences_patron_and_fees(workdir):
    db, app = start(workdir)
    try:
        app.key("<Control>comma")
        app.wait_label("Lock after minutes without activity")
        tab = app.find("page tab", "CIE and Appointments")
        tab.doActionNamed("click")
        app.wait_label("CIE Fees")
        app.type_into("text", "Patron saint’s day (MM-DD)", "11-11")
        app.type_into("text", "Patron saint’s name", "San Martino")
        app.type_into("text", "Duplicate fee (euro)", "28,50")
        app.click("Save CIE Settings")
        app.screenshot("cie-preferences")
        # Saved in the database, for every desk: the patron is a holiday.
        deadline = time.time() + 15
        while True:
            holidays = json.loads(admin_cli(db, "calendar", "holidays", "2027").stdout)
            if {"date": "2027-11-11", "name": "San Martino"} in holidays:
                break
            assert time.time() < deadline, holidays
            time.sleep(0.5)
        for _ in range(3):
            app.key("Escape")
            if app.absent("label", "CIE Fees", wait=1.0):
                break
        else:
            raise AssertionError("the preferences did not close")
        go_to_section(app, "CIE")
        app.find("push button", "Record Request")
        # The fee comes from the comune's table.
        app.wait_label("22,00 €")
    finally:
        app.quit()


if __name__ == "__main__":
    run([test_book_and_check_in_by_scanning, test_walk_in_queue_call_next,
         test_record_cie_request_and_print_receipt, test_citizen_without_a_surname,
         test_admin_sets_a_calendar_and_a_closure,
         test_preferences_patron_and_fees, test_reschedule_and_cancel])
