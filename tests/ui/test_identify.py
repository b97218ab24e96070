# SPDX-License-Identifier: GPL-3.0-or-later
"""UI tests of SPID identification: the guided flow from the first field to
the printed receipt, the email at a local SMTP server, refusals, the
partner counter, a minor, and a draft surviving kill -9."""
import email
import email.policy
import glob
import os
import re
import signal
import socket
import sqlite3
import subprocess
import time

from aiosmtpd.controller import Controller
from dogtail import rawinput

import sptest
from sptest import App, PASSWORD, admin_cli, clean, init_db, run, set_seal, sign_in

ADULT_CF = "RSSMRA80A01H294E"       # Rossi Mario, 1 Jan 1980, Rimini
MINOR_CF = "BNCLCU10E05H294C"       # Bianchi Luca, 5 May 2010, Rimini
PARTNER_CF = "VRDGLI90L55H294V"     # Verdi Giulia, 15 Jul 1990, Rimini
HEALTH_CARD = "80380000000000000017"


# Other sections hold fields of the same names (Surname, Records …) and a
# hidden page of a GtkStack still reports itself visible: look first inside
# the page under test, named for assistive technologies.
SCOPES = ("SPID identification form", "Identification records")


def _scope_roots(self):
    cache = self.__dict__.setdefault("_scopes", {})
    roots = []
    for scope in SCOPES:
        node = cache.get(scope)
        if node is None:
            for candidate in sptest.visible_nodes(self.node):
                try:
                    if candidate.name == scope and candidate.roleName != "label":
                        node = cache[scope] = candidate
                        break
                except Exception:
                    pass
        if node is not None:
            roots.append(node)
    return roots


def _fast_find(self, role, name, timeout=20):
    deadline = time.time() + timeout
    while True:
        for root in _scope_roots(self) + [self.node]:
            for node in sptest.visible_nodes(root):
                try:
                    if node.roleName == role and clean(node.name) == name:
                        return node
                except Exception:
                    pass
        if time.time() > deadline:
            raise AssertionError(f"no {role} named {name!r} is showing")
        time.sleep(0.2)


# Same behaviour as sptest's, looking first inside the page under test.
App.find = _fast_find


def pdf_complete(path):
    """The printed PDF exists and is whole: cairo creates the file first and
    writes it, so wait for its end-of-file marker."""
    try:
        with open(path, "rb") as f:
            f.seek(max(0, os.path.getsize(path) - 64))
            return b"%%EOF" in f.read()
    except OSError:
        return False


class Mailbox:
    """A local SMTP server on loopback, keeping what arrives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_mailbox(db):
    box = Mailbox()
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    result = admin_cli(db, "spid", "smtp", "--server", "127.0.0.1", "--port", str(port),
                       "--security", "none", "--sender", "spid@comune.example")
    assert result.returncode == 0, result.stderr
    return box, controller


PAGES = {"Identify": "SPID identification form", "Records": "Identification records"}


def go_to_section(app, title):
    """Alt+1 … Alt+9 until the keyboard focus lands inside the section's page
    (Alt+N focuses the page it shows), as a clerk would try them."""
    scope = PAGES[title]
    for n in range(1, 10):
        app.key(f"<Alt>{n}")
        node = app.focused()
        while node is not None:
            try:
                if node.name == scope and node.roleName != "label":
                    return
                if node.roleName == "application":
                    break
                node = node.parent
            except Exception:
                break
    raise AssertionError(f"no Alt+N shortcut leads to {title!r}")


def press_space_on(app, role, name):
    app.focus(role, name)
    rawinput.pressKey("space")
    time.sleep(0.2)


def choose_by_keyboard(app, combo, item):
    """Space opens a drop-down's list; arrows and Enter pick, as a clerk
    without a mouse would."""
    rawinput.pressKey("space")
    time.sleep(0.5)
    for _ in range(15):
        # The focused item of the list names itself only through its label.
        node = app.focused()
        labels = [clean(n.name) for n in node.findChildren(lambda n: n.roleName == "label")] if node else []
        if item in labels:
            rawinput.pressKey("Return")
            time.sleep(0.5)
            return
        rawinput.pressKey("Down")
        time.sleep(0.2)
    raise AssertionError(f"the arrows never reached {item!r} in {clean(combo.name)!r}")


def next_step(app):
    """Ctrl+Enter: the next step, from the keyboard."""
    app.key("<Control>Return")
    time.sleep(0.3)


def fill_citizen(app, cf, surname, name, birth_date=None):
    app.type_into("text", "Codice fiscale", cf)
    app.type_into("text", "Surname", surname)
    app.type_into("text", "Name", name)
    if birth_date is not None:
        app.type_into("text", "Date of birth", birth_date)
    # "Via Roma": the address type is read from the street.
    app.type_into("text", "Street name", "Via Roma")
    app.type_into("text", "House number", "12")
    app.type_into("text", "Postcode", "47822")
    app.type_into("text", "Comune or foreign state of residence", "Santarcangelo di Romagna")


def fill_rest(app, mail="mario.rossi@example.org"):
    app.wait_label("Step 2 of 6")
    # One choice of several: radio buttons, announced as one group.
    press_space_on(app, "radio button", "Electronic identity card (CIE)")
    press_space_on(app, "radio button", "Comune")
    app.type_into("text", "Document number", "CA12345AB")
    app.type_into("text", "Place of the issuing office", "Rimini")
    app.type_into("text", "Issue date", "10/03/2022")
    app.type_into("text", "Document expiry date", "10/03/2032")
    next_step(app)
    app.wait_label("Step 3 of 6")
    app.type_into("text", "Health card number", HEALTH_CARD)
    app.type_into("text", "Health card expiry date", "31/12/2029")
    next_step(app)
    app.wait_label("Step 4 of 6")
    app.type_into("text", "Email", mail)
    app.type_into("text", "Email again", mail)
    app.type_into("text", "Mobile phone", "333 123 4567")
    app.type_into("text", "Mobile phone again", "3331234567")
    press_space_on(app, "check box", "The citizen agrees that the data are passed to the identity provider")
    next_step(app)
    app.wait_label("Step 5 of 6")
    for item in ("The photo matches the person", "The document is original and intact",
                 "The privacy notice was given", "The citizen signed the application"):
        press_space_on(app, "check box", item)
    next_step(app)
    app.wait_label("Step 6 of 6")


def identify_at_partner(app, request_code):
    """Step 1 open, partner counter chosen: Giulia Verdi identified for
    LepidaID under request_code, to the completed page."""
    app.type_into("text", "Identity provider", "LepidaID")
    app.type_into("text", "Provider request code", request_code)
    fill_citizen(app, PARTNER_CF, "Verdi", "Giulia")
    next_step(app)
    fill_rest(app, "giulia.verdi@example.org")
    next_step(app)
    app.wait_label("Identification completed")


def start(workdir, name, seal=True):
    db = os.path.join(workdir, name + ".db")
    init_db(db)
    if seal:
        set_seal(db, workdir)
    return db


def open_identify(app):
    sign_in(app, "admin", PASSWORD)
    app.find("label", "Identify")
    go_to_section(app, "Identify")
    app.find("push button", "New Identification")


def test_rao_identification_email_and_receipt(workdir):
    db = start(workdir, "rao")
    box, controller = start_mailbox(db)
    pdf = os.path.join(workdir, "receipt.pdf")
    app = App(db, extra_env={"SPORTELLO_PRINT_TO_PDF": pdf})
    try:
        open_identify(app)
        app.screenshot("identify-start")
        app.click("New Identification")
        app.wait_label("Step 1 of 6")
        # A wrong code is named next to the field as it is typed.
        app.type_into("text", "Codice fiscale", "RSSMRA80A01H294X")
        app.wait_label("check character")
        app.screenshot("identify-citizen-error")
        fill_citizen(app, ADULT_CF, "Rossi", "Mario")
        app.screenshot("identify-citizen")
        next_step(app)
        fill_rest(app)
        app.screenshot("identify-summary")
        next_step(app)
        app.wait_label("Identification completed", timeout=30)
        # The first half on screen, as on the receipt.
        first_on_screen = sqlite3.connect(db).execute(
            "SELECT code_first_half FROM identifications WHERE state = 'completed'").fetchone()[0]
        app.wait_label(first_on_screen)
        app.screenshot("identify-receipt")
        app.key("<Control>p")
        deadline = time.time() + 15
        while not pdf_complete(pdf) and time.time() < deadline:
            time.sleep(0.2)
        assert os.path.exists(pdf), "Ctrl+P did not print the receipt"
        # The email leaves in the background.
        deadline = time.time() + 20
        while not box.messages and time.time() < deadline:
            time.sleep(0.3)
        assert box.messages, "no email arrived at the SMTP server"

        # Records: the completed identification is listed with its code.
        go_to_section(app, "Records")
        app.wait_label("1 identification found")
        app.wait_label("RSSMRA80A01H294E")
        app.screenshot("records-search")
    finally:
        app.quit()
        controller.stop()

    envelope = box.messages[0]
    assert envelope.rcpt_tos == ["mario.rossi@example.org"], envelope.rcpt_tos
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    body = message.get_body(preferencelist=("plain",)).get_content()
    # The second half, in AgID's alphabet (case matters), alone after a colon.
    second = re.search(r": ([A-KMNP-Za-hjkmnp-z2-9!$?#=*+\-.:]{6})\n", body).group(1)
    attachment = next(message.iter_attachments())
    token = os.path.join(workdir, attachment.get_filename())
    with open(token, "wb") as f:
        f.write(attachment.get_content())

    # The receipt: the first half of the code, and a QR a scanner reads.
    subprocess.run(["pdftoppm", "-r", "150", "-png", pdf, os.path.join(workdir, "page")], check=True)
    page = sorted(glob.glob(os.path.join(workdir, "page*.png")))[0]
    payload = subprocess.run(["zbarimg", "--raw", "-q", page], capture_output=True, text=True).stdout.strip()
    assert payload, "the QR code of the receipt does not decode"
    verified = admin_cli(db, "receipt", "verify", payload)
    assert verified.returncode == 0 and '"authentic":true' in verified.stdout.replace(" ", ""), verified.stdout

    # The first half as the citizen reads it on the printed receipt.
    uuid, stored = sqlite3.connect(db).execute(
        "SELECT uuid, code_first_half FROM identifications WHERE state = 'completed'").fetchone()
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
    # The label (Italian or English) and the half beside it, on one line.
    printed = re.search(r"^\s*(?:Prima parte del codice|First half of the)\s+"
                        r"((?:[A-KMNP-Za-hjkmnp-z2-9!$?#=*+\-.:] ?){6})(?:\s{2,}.*)?$", text, re.M)
    assert printed, text
    first = printed.group(1).replace(" ", "")
    assert first == stored, (first, stored)
    assert attachment.get_filename() == f"{uuid}_tuo_token.txt", attachment.get_filename()

    # An identity provider opens the token with the receipt's half then the
    # e-mail's (and not with them swapped), and verifies the seal.
    reader = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "idp", "idp_read_token.py")
    idp = subprocess.run(["/usr/bin/python3", reader, token, "--first", first, "--second", second,
                          "--ca", os.path.join(workdir, "seals", "ca.pem")], capture_output=True, text=True)
    assert idp.returncode == 0, idp.stderr
    assert f"TINIT-{ADULT_CF}" in idp.stdout, idp.stdout
    swapped = subprocess.run(["/usr/bin/python3", reader, token, "--first", second, "--second", first],
                             capture_output=True, text=True)
    assert swapped.returncode != 0, swapped.stdout
    opened = admin_cli(db, "spid", "open-token", token, "--code", first + second)
    assert opened.returncode == 0, opened.stderr

    copies = sqlite3.connect(db).execute("SELECT count(*) FROM receipt_prints").fetchone()[0]
    assert copies == 1, copies
    rows = sqlite3.connect(db).execute("SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL").fetchone()
    assert rows[0] == 1, rows
    actions = [r[0] for r in sqlite3.connect(db).execute("SELECT action FROM audit ORDER BY id")]
    assert "spid-start" in actions and "spid-complete" in actions, actions
    assert admin_cli(db, "audit", "verify").returncode == 0


def test_refusal(workdir):
    db = start(workdir, "refuse")
    app = App(db)
    try:
        open_identify(app)
        app.click("New Identification")
        app.wait_label("Step 1 of 6")
        fill_citizen(app, ADULT_CF, "Rossi", "Mario")
        # The citizen lives abroad: the town goes with the street, the
        # postcode is the other country's.
        app.type_into("text", "Comune or foreign state of residence", "Francia")
        app.find("text", "Street and town")
        app.type_into("text", "Postcode", "75001")
        app.screenshot("identify-abroad")
        next_step(app)
        app.wait_label("Step 2 of 6")
        app.click("Refuse…")
        app.find("radio button", "Document damaged, altered or not original")
        press_space_on(app, "radio button", "Document damaged, altered or not original")
        app.type_into("text", "Details of the refusal", "Photo page torn")
        app.screenshot("identify-refuse-dialog")
        app.click("Refuse")
        app.wait_label("Identification refused")
        app.screenshot("identify-refused")
    finally:
        app.quit()

    state, reason, note = sqlite3.connect(db).execute(
        "SELECT state, refusal_reason, refusal_note FROM identifications").fetchone()
    assert (state, reason, note) == ("refused", "document-deficient", "Photo page torn"), (state, reason, note)


def test_minor_refused(workdir):
    db = start(workdir, "minor")
    app = App(db)
    try:
        open_identify(app)
        app.click("New Identification")
        app.wait_label("Step 1 of 6")
        # 2010 or 1910: the code alone cannot say, the clerk types the date.
        fill_citizen(app, MINOR_CF, "Bianchi", "Luca", birth_date="05/05/2010")
        # The rule is shown, and Next stays disabled.
        app.wait_label("under 18")
        assert not app.find("push button", "Next").sensitive
        app.screenshot("identify-minor")
        next_step(app)
        app.wait_label("Step 1 of 6")
        app.click("Refuse…")
        press_space_on(app, "radio button", "The citizen is under age")
        app.click("Refuse")
        app.wait_label("Identification refused")
    finally:
        app.quit()

    state, reason = sqlite3.connect(db).execute("SELECT state, refusal_reason FROM identifications").fetchone()
    assert (state, reason) == ("refused", "minor"), (state, reason)


NO_SEAL = "This desk cannot seal RAO identifications: the IT office must set the comune’s seal certificate."
RAO_CHOICE = "RAO pubblico: the comune verifies and hands over an activation code"


def test_partner_counter(workdir):
    # A comune without its seal certificate: the partner counter still works.
    db = start(workdir, "partner", seal=False)
    pdf = os.path.join(workdir, "partner.pdf")
    app = App(db, extra_env={"SPORTELLO_PRINT_TO_PDF": pdf})
    try:
        open_identify(app)
        app.wait_label(NO_SEAL)
        app.screenshot("identify-no-seal")
        app.click("New Identification")
        app.wait_label("Step 1 of 6")
        # RAO cannot be chosen, and says why; the partner counter is chosen.
        assert not app.find("radio button", RAO_CHOICE).sensitive, "RAO can be chosen without a seal"
        app.wait_label(NO_SEAL)
        assert app.find("radio button", "Partner counter of an identity provider").checked
        app.find("text", "Identity provider")
        identify_at_partner(app, "LEP-77-2026")
        app.screenshot("identify-partner-receipt")
        app.key("<Control>p")
        deadline = time.time() + 30
        while not pdf_complete(pdf) and time.time() < deadline:
            time.sleep(0.2)
        assert os.path.exists(pdf), "Ctrl+P did not print the partner counter's receipt"
    finally:
        app.quit()

    channel, first = sqlite3.connect(db).execute(
        "SELECT channel, code_first_half FROM identifications WHERE state = 'completed'").fetchone()
    assert channel == "partner" and first is None, (channel, first)
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    flat = text.replace(" ", "")
    assert "LEP-77-2026" in flat and "LepidaID" in flat, text
    assert sqlite3.connect(db).execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
    # The channel's choice was never RAO: no draft of it was started.
    assert sqlite3.connect(db).execute(
        "SELECT count(*) FROM identifications WHERE channel = 'rao'").fetchone()[0] == 0


def resume_unfinished(app):
    """Signs in again and resumes the draft left at the desk."""
    sign_in(app, "admin", PASSWORD)
    app.find("label", "Identify")
    go_to_section(app, "Identify")
    app.wait_label("left unfinished at this desk")
    app.click("Resume the Unfinished Identification")
    app.wait_label("Step 1 of 6")


def test_draft_survives_kill(workdir):
    db = start(workdir, "draft")
    app = App(db)
    try:
        open_identify(app)
        app.click("New Identification")
        app.wait_label("Step 1 of 6")
        app.type_into("text", "Codice fiscale", ADULT_CF)
        app.type_into("text", "Surname", "Rossi")
        app.type_into("text", "Name", "Mario")
        app.type_into("text", "Street name", "Via Roma")
        app.type_into("text", "House number", "12B")
        # Within about a second of the last key the draft is on disk.
        time.sleep(1.0)
        os.kill(app.process.pid, signal.SIGKILL)
        app.process.wait(10)
    finally:
        app.quit()

    app = App(db)
    try:
        resume_unfinished(app)
        # What was typed is back: only the postcode and comune are missing.
        app.wait_label("The postcode (CAP) has 5 digits")
        assert app.absent("label", "Type the surname."), "the surname was lost"
        assert app.absent("label", "Type the house number."), "the house number was lost"
        app.screenshot("identify-resumed")
        # Going on types into the same draft, not a new one.
        app.type_into("text", "Postcode", "47822")
        # The address type read from "Via Roma", changed by keyboard alone.
        combo = app.focus("combo box", "Address type")
        assert clean(combo.name) == "Address type"
        choose_by_keyboard(app, combo, "Piazza")
        time.sleep(1.5)
    finally:
        app.quit()

    rows = sqlite3.connect(db).execute("SELECT state, surname, json_extract(data, '$.fields.residence_postcode'), "
                                       "json_extract(data, '$.fields.residence_type'), "
                                       "json_extract(data, '$.fields.residence_street') "
                                       "FROM identifications").fetchall()
    assert rows == [("draft", "Rossi", "47822", "Piazza", "Roma")], rows


if __name__ == "__main__":
    # The other cases run from test_identify_cases.py, _partner.py and
    # _draft.py: one script each keeps every run within meson's timeout.
    run([test_rao_identification_email_and_receipt])
