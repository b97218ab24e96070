#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The comune's seal certificate in Preferences → SPID, by keyboard alone:
an administrator sees the demo seal marked DEMO, imports the test seal
from a PKCS#12 file (typing its path in the file chooser, then its
password), sees its subject and validity; a bad seal is refused with its
reason and the imported one is kept; the key on a SoftHSM2 token is used
instead; a seal that expires in ten days brings the banner to the main
window, for administrators only. In Records, a completed RAO
identification's email is queued again."""
import copy
import datetime
import os
import re
import sqlite3
import subprocess
import sys
import time

from cryptography import x509
from dogtail import rawinput

import pyatspi
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

sys.path.insert(0, os.path.dirname(__file__))
from sptest import App, PASSWORD, admin_cli, clean, init_db, run, sign_in  # noqa: E402

SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
MAKE_SEALS = os.path.join(SOURCE, "tests", "seal", "make-test-seals.sh")
DEMO_PASSWORD = "Demo-Password-1"
NOT_IMPORTED = "The Seal Certificate Was Not Imported"
AGID_POLICY = "1.3.76.16.4.1.1"
IMPORTS = "SELECT count(*) FROM audit WHERE action = 'spid-seal-import'"


def tab_to(view, role, name, max_tabs=60):
    """Tab until the field itself says it has the focus, as a clerk without
    a mouse would reach it (asking the field is quicker than looking for
    the focus in the whole window)."""
    target = view.find(role, name)
    for _ in range(max_tabs):
        if target.getState().contains(pyatspi.STATE_FOCUSED):
            return target
        rawinput.pressKey("Tab")
        time.sleep(0.05)
    raise AssertionError(f"Tab never reached the {role} named {name!r}")


def type_into(view, role, name, text):
    tab_to(view, role, name)
    rawinput.keyCombo("<Control>a")
    rawinput.typeText(text)
    time.sleep(0.1)


def make_soon_seal(path, days):
    """A PKCS#12 seal, password "test", that expires in `days` days (and
    some hours, so that the count does not depend on the time of day)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "IT"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Comune di Prova (soon)"),
        x509.NameAttribute(NameOID.COMMON_NAME, "SPID-Adesione RAO pubblico"),
    ])
    now = datetime.datetime.now(datetime.timezone.utc)
    notice = x509.UserNotice(None, "Sigillo di prova per RAO pubblico: non rilasciato da AgID")
    cert = (x509.CertificateBuilder()
            .subject_name(name).issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=days, hours=12))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
            .add_extension(x509.CertificatePolicies([
                x509.PolicyInformation(x509.ObjectIdentifier(AGID_POLICY), [notice])]), critical=False)
            .sign(key, hashes.SHA256()))
    with open(path, "wb") as f:
        f.write(pkcs12.serialize_key_and_certificates(
            b"soon", key, cert, None, serialization.BestAvailableEncryption(b"test")))


def current_seals(db):
    return sqlite3.connect(db).execute(
        "SELECT kind, subject FROM seals WHERE retired_at IS NULL AND kind != 'demo'").fetchall()


def count(db, sql):
    return sqlite3.connect(db).execute(sql).fetchone()[0]


def window(app, role, name, timeout=15):
    """The program seen through one of its windows: look-ups stay inside
    it, which keeps them quick beside the demo's full sections."""
    deadline = time.time() + timeout
    while True:
        try:
            for node in app.node.children:
                if node.roleName == role and clean(node.name) == name:
                    view = copy.copy(app)
                    view.node = node
                    return view
        except Exception:
            pass  # busy building the window: ask again
        if time.time() > deadline:
            raise AssertionError(f"no {role} window named {name!r}")
        time.sleep(0.2)


def closed(app, role, name, timeout=15):
    deadline = time.time() + timeout
    while True:
        try:
            if not any(n.roleName == role and clean(n.name) == name for n in app.node.children):
                return
        except Exception:
            pass
        assert time.time() < deadline, f"the {role} window {name!r} is still open"
        time.sleep(0.2)


def open_seal_preferences(app):
    app.key("<Control>comma")
    prefs = window(app, "frame", "Preferences")
    prefs.find("page tab", "SPID").doActionNamed("click")
    prefs.wait_label("Seal Certificate")
    return prefs


def choose_file(app, title, path):
    """GTK's file chooser (the role "filler" in GTK 4.8): Ctrl+L, the path, Enter."""
    window(app, "filler", title)
    time.sleep(0.5)
    app.key("<Control>l")
    app.key("<Control>a")
    rawinput.typeText(path)
    time.sleep(0.3)
    app.key("Return")


def import_pkcs12(app, prefs, path, password):
    """The button, then the path in the file chooser, then the password."""
    tab_to(prefs, "push button", "Import from a PKCS#12 File…")
    prefs.key("Return")
    choose_file(app, "Import the Seal Certificate", path)
    heading = "Password of " + os.path.basename(path)
    dialog = window(app, "dialog", heading)
    type_into(dialog, "password text", "Password of the PKCS#12 file", password)
    dialog.key("Return")
    closed(app, "dialog", heading)


def refused(app, reason):
    """The refusal says why; Enter closes it."""
    dialog = window(app, "dialog", NOT_IMPORTED)
    dialog.wait_label(reason)
    return dialog


def labels(view, text):
    return [n.name for n in view.node.findChildren(lambda n: n.roleName == "label" and text in (n.name or ""))]


def test_seal_import_banner_and_resend(workdir):
    seals = os.path.join(workdir, "seals")
    result = subprocess.run(["bash", MAKE_SEALS, seals], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    soon = os.path.join(workdir, "soon.p12")
    make_soon_seal(soon, 10)
    with open(os.path.join(seals, "good.pkcs11-url")) as f:
        token_url = f.read().strip()

    db = os.path.join(workdir, "seal.db")
    init_db(db)
    # With no seal of the comune, the demo seals its RAO identifications
    # with a throwaway seal of its own; their emails wait in the outbox.
    result = admin_cli(db, "demo", "--days", "5", "--desks", "1", "--seed", "7", "--quiet")
    assert result.returncode == 0, result.stderr

    app = App(db, extra_env={"SOFTHSM2_CONF": os.path.join(seals, "softhsm2.conf")})
    try:
        sign_in(app, "admin", PASSWORD)
        main = window(app, "frame", "Sportello")
        main.wait_label("Welcome, Anna Amministratrice")
        assert main.absent("push button", "Open Preferences"), "a banner with no comune seal set"

        prefs = open_seal_preferences(app)
        prefs.wait_label("No seal certificate is set: RAO pubblico identifications cannot start")
        prefs.wait_label("DEMO")
        prefs.screenshot("seal-none-demo")

        # The good seal, from its file.
        import_pkcs12(app, prefs, os.path.join(seals, "good.p12"), "test")
        prefs.wait_toast("The seal certificate is set: valid until")
        prefs.wait_label("Comune di Prova (good)")
        prefs.wait_label("Sportello Test CA")
        prefs.wait_label(AGID_POLICY)
        assert any(re.search(r"· 7(29|30|31) days left$", t) for t in labels(prefs, "days left")), \
            labels(prefs, "days left")
        assert prefs.absent("label", "No seal certificate is set: RAO pubblico identifications cannot start", wait=0)
        assert prefs.absent("label", "DEMO", wait=0), "the comune's seal is marked DEMO"
        assert [k for k, _ in current_seals(db)] == ["file"], current_seals(db)
        prefs.screenshot("seal-imported")

        # An expired seal is refused, saying why, and the good one stays;
        # so is a wrong password.
        seals_before = count(db, "SELECT count(*) FROM seals")
        imports_before = count(db, IMPORTS)
        for name, password, reason in (("expired.p12", "test", "expired"),
                                       ("good.p12", "wrong", "password")):
            import_pkcs12(app, prefs, os.path.join(seals, name), password)
            dialog = refused(app, reason)
            if name == "expired.p12":
                dialog.screenshot("seal-refused")
            dialog.key("Return")
            closed(app, "dialog", NOT_IMPORTED)
            prefs.wait_label("Comune di Prova (good)")
            assert "(good)" in current_seals(db)[0][1], current_seals(db)
            assert count(db, "SELECT count(*) FROM seals") == seals_before
            assert count(db, IMPORTS) == imports_before

        # The same key on a SoftHSM2 token, its PIN remembered.
        tab_to(prefs, "push button", "Use a Key on a Smart Card or HSM…")
        prefs.key("Return")
        dialog = window(app, "dialog", "Use a Key on a Smart Card or HSM")
        type_into(dialog, "text", "PKCS#11 URI of the key", token_url)
        type_into(dialog, "text", "Certificate file (PEM or DER)", os.path.join(seals, "good-cert.pem"))
        remember = tab_to(dialog, "check box", "Remember the PIN on this desk")  # a GtkSwitch
        dialog.key("space")
        assert remember.getState().contains(pyatspi.STATE_CHECKED), "the PIN is not to be remembered"
        type_into(dialog, "password text", "PIN", "1234")
        dialog.screenshot("seal-pkcs11-dialog")
        dialog.key("Return")
        closed(app, "dialog", "Use a Key on a Smart Card or HSM")
        prefs.wait_label("pkcs11:")
        assert [k for k, _ in current_seals(db)] == ["pkcs11"], current_seals(db)
        assert count(db, "SELECT count(*) FROM seals WHERE retired_at IS NULL AND pin IS NOT NULL") == 1
        prefs.screenshot("seal-pkcs11")

        # A seal that expires in ten days: the main window warns at once.
        import_pkcs12(app, prefs, soon, "test")
        prefs.wait_label("Comune di Prova (soon)")
        prefs.wait_label("· 10 days left")
        assert count(db, IMPORTS) == imports_before + 2
        prefs.find("push button", "Close").doActionNamed("click")
        closed(app, "frame", "Preferences")
        main.wait_label("The seal certificate expires in 10 days: ask AgID for a new one and import it in Preferences")
        main.find("push button", "Open Preferences")
        main.screenshot("seal-banner")

        # At sign-in: a clerk is not told, the administrator is. (Another
        # operator signing in at the locked desk ends the first session.)
        main.key("<Control>l")
        sign_in(main, "demo1", DEMO_PASSWORD)
        main.wait_label("Welcome, ")
        assert main.absent("push button", "Open Preferences"), "a clerk sees the seal banner"
        main.key("<Control>l")
        sign_in(main, "admin", PASSWORD)
        main.wait_label("Welcome, Anna Amministratrice")
        main.find("push button", "Open Preferences")

        # Records: a completed RAO identification's email, queued again.
        main.go_to_section("Records")
        main.wait_label("identifications found")
        resend = main.node.findChildren(
            lambda n: n.roleName == "push button" and (n.name or "").startswith("Resend the email to "))
        assert resend, "no Resend button in Records"
        resend[0].doActionNamed("click")
        main.wait_toast("The email was queued again.")
        main.screenshot("seal-records-resend")
        assert count(db, "SELECT count(*) FROM audit WHERE action = 'spid-resend'") == 1
    finally:
        app.quit()

    audit = admin_cli(db, "audit", "verify")
    assert audit.returncode == 0, audit.stderr


if __name__ == "__main__":
    run([test_seal_import_banner_and_resend])
