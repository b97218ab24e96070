# SPDX-License-Identifier: GPL-3.0-or-later
"""UI tests of the scanner field: a receipt's code opens it and says whether
it is authentic; anything else gets a clear message."""
import os
import subprocess

from sptest import BUILD, run, signed_in

ISSUE = os.environ.get("SPORTELLO_ISSUE_RECEIPT", os.path.join(BUILD, "tests", "ui", "issue-receipt"))


def issue(db, kind="spid"):
    out = subprocess.run([ISSUE, db, kind], check=True, capture_output=True, text=True).stdout.split()
    return out[0], out[1]


def scan(app, text):
    app.key("<Control>k")
    app.type_into("text", "Scanner", text)
    app.key("Return")


def test_scanning_a_receipt_opens_it(workdir):
    with signed_in(workdir, "scan.db") as (db, app):
        payload, short = issue(db, "cie")
        scan(app, payload)
        app.screenshot("scanner-authentic")
        app.wait_label("Authentic: issued by this comune")
        app.wait_label("Printed once")
        app.find("push button", "Reprint (Ctrl+P)")
        app.screenshot("scanner-authentic")
        # Reprinting is recorded as a second copy.
        app.key("<Control>p")
        app.wait_label("Printed 2 times")
        app.key("Escape")
        # The short code typed by hand finds the same receipt.
        scan(app, short)
        app.wait_label("Authentic: issued by this comune")
        app.key("Escape")


def test_tampered_receipt_is_refused(workdir):
    with signed_in(workdir, "scan.db") as (db, app):
        payload, _ = issue(db)
        # One character changed in the signature.
        last = payload[-1]
        forged = payload[:-1] + ("A" if last != "A" else "B")
        scan(app, forged)
        app.wait_label("Not authentic")
        app.screenshot("scanner-forged")
        app.key("Escape")
        scan(app, "hello world")
        app.wait_toast("neither a Sportello receipt nor a codice fiscale")


if __name__ == "__main__":
    os.environ.setdefault("SPORTELLO_PRINT_TO_PDF", "/tmp/sportello-ui-print.pdf")
    run([
        test_scanning_a_receipt_opens_it,
        test_tampered_receipt_is_refused,
    ])
