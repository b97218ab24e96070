# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared helpers for Sportello's UI tests.

The program runs in a real X server (Xvfb) and is driven through the
accessibility tree with dogtail, the way a screen reader sees it: widgets
are found by role and accessible name, never by position.
"""
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

os.environ.setdefault("GTK_A11Y", "atspi")

from dogtail import config, predicate, rawinput, tree  # noqa: E402
from gi.repository import GLib  # noqa: E402
import pyatspi  # noqa: E402

config.searchCutoffCount = 25
config.searchBackoffDuration = 0.2
config.defaultDelay = 0.2
config.actionDelay = 0.2
config.typingDelay = 0.02
config.logDebugToStdOut = False
config.logDebugToFile = False

BUILD = os.environ.get("SPORTELLO_BUILD_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "_build"))
SPORTELLO = os.environ.get("SPORTELLO", os.path.join(BUILD, "app", "sportello"))
ADMIN = os.environ.get("SPORTELLO_ADMIN", os.path.join(BUILD, "app", "cli", "sportello-admin"))
SHOTS = os.environ.get("SPORTELLO_SCREENSHOTS", os.path.join(BUILD, "screenshots"))
PASSWORD = "Correct-Horse-7"


def clean(name):
    """The name as a person reads it: GTK 4.8 may join a button's label with
    its mnemonic ("_Sign In Sign In") or repeat an entry row's title."""
    name = (name or "").replace("_", "")
    words = name.split()
    half = len(words) // 2
    if half and words[:half] == words[half:]:
        words = words[:half]
    return " ".join(words)


class Named(predicate.Predicate):
    def __init__(self, role, name):
        self.role = role
        self.name = name
        self.debugName = f"{role} named {name!r}"

    def satisfiedByNode(self, node):
        try:
            return node.roleName == self.role and clean(node.name) == self.name
        except Exception:
            return False

    def describeSearchResult(self):
        return self.debugName


def visible_nodes(root):
    """Depth first over what is on screen: a hidden subtree (a section not
    showing) is skipped whole. GTK 4.8 has no accessibility cache, so each
    node costs round trips on the bus: the fewer visited, the quicker."""
    stack = [root]
    while stack:
        node = stack.pop()
        try:
            if node.roleName != "application" and not node.getState().contains(pyatspi.STATE_VISIBLE):
                continue
            children = list(node.children)
        except Exception:
            continue
        yield node
        stack.extend(reversed(children))


class _Focus:
    """The node that last gained the keyboard focus, as AT-SPI announced it:
    asking each node of the tree whether it is focused took seconds."""
    node = None
    application = None
    changes = 0


def _on_focus(event):
    if event.detail1:
        _Focus.node = event.source
        _Focus.application = event.host_application
        _Focus.changes += 1


pyatspi.Registry.registerEventListener(_on_focus, "object:state-changed:focused")


def _pump_events():
    context = GLib.MainContext.default()
    while context.iteration(False):
        pass


def on_screen(node):
    """GTK 4.8 does not report 'showing'; a widget is on screen when it and
    every ancestor are visible (Sportello hides the pages it is not showing)."""
    try:
        while node is not None and node.roleName != "application":
            if not node.visible:
                return False
            node = node.parent
        return True
    except Exception:
        return False


class App:
    """One running sportello on its own database."""

    def __init__(self, db, lang="C", extra_env=None, args=()):
        self.db = db
        env = dict(os.environ)
        env.update({
            "GSETTINGS_BACKEND": "memory",
            "GSETTINGS_SCHEMA_DIR": os.path.join(BUILD, "resources"),
            "SPORTELLO_LOCALEDIR": os.path.join(BUILD, "po"),
            "G_DEBUG": "fatal-criticals",
            "NO_AT_BRIDGE": "0",
        })
        if lang == "it":
            env.update({"LANGUAGE": "it", "LC_ALL": "it_IT.UTF-8", "LANG": "it_IT.UTF-8"})
        else:
            env.update({"LANGUAGE": "C", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"})
        env.update(extra_env or {})
        # Toasts come and go faster than a loaded machine walks the
        # accessibility tree: the program also writes each one, a line, to
        # this log, which wait_toast reads from where this instance began.
        if not env.get("SPORTELLO_TOAST_LOG"):
            env["SPORTELLO_TOAST_LOG"] = os.path.join(tempfile.mkdtemp(prefix="sportello-toasts-"), "toasts.log")
        self.toast_log = env["SPORTELLO_TOAST_LOG"]
        self.toast_offset = os.path.getsize(self.toast_log) if os.path.exists(self.toast_log) else 0
        # No db: the program finds its database itself (the GSettings key).
        command = [SPORTELLO] + (["--database", db] if db is not None else []) + list(args)
        self.process = subprocess.Popen(command, env=env)
        self.node = None
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"sportello exited with {self.process.returncode}")
            for app in tree.root.applications():
                try:
                    if app.name == "sportello" and app.get_process_id() == self.process.pid:
                        self.node = app
                except Exception:
                    pass
            if self.node is not None and self.node.children:
                break
            time.sleep(0.3)
        if self.node is None:
            raise AssertionError("sportello did not appear on the accessibility bus")

    # 20 s: on a loaded 2-core machine a booking on the PostgreSQL run has
    # taken more than 10 s to show; a passing test never waits that long.
    def find(self, role, name, timeout=20):
        deadline = time.time() + timeout
        while True:
            # Hidden pages of a stack hold widgets of the same name: take
            # the one on screen.
            matches = Named(role, name)
            for node in visible_nodes(self.node):
                if matches.satisfiedByNode(node) and on_screen(node):
                    return node
            if time.time() > deadline:
                self.screenshot("failed-find")
                raise AssertionError(f"no {role} named {name!r} is showing")
            time.sleep(0.2)

    def absent(self, role, name, wait=1.0):
        time.sleep(wait)
        matches = Named(role, name)
        return not any(matches.satisfiedByNode(node) and on_screen(node) for node in visible_nodes(self.node))

    def wait_label(self, text, timeout=20):
        """Waits for a showing label whose text contains `text`."""
        deadline = time.time() + timeout
        while True:
            for node in visible_nodes(self.node):
                try:
                    if node.roleName == "label" and text in (node.name or "") and on_screen(node):
                        return
                except Exception:
                    pass
            if time.time() > deadline:
                self.screenshot("failed-wait-label")
                raise AssertionError(f"no label with {text!r} is showing")
            time.sleep(0.2)

    def wait_toast(self, text, timeout=10):
        """Waits until a toast containing `text` was shown, whether or not
        it is still on screen. Each call takes the first such toast after
        the one the previous call found, so the same message shown twice is
        waited for twice."""
        deadline = time.time() + timeout
        while True:
            try:
                with open(self.toast_log, "rb") as log:
                    log.seek(self.toast_offset)
                    lines = log.read()
            except FileNotFoundError:
                lines = b""
            start = 0
            for line in lines.splitlines(keepends=True):
                start += len(line)
                if line.endswith(b"\n") and text in line.decode("utf-8", "replace"):
                    self.toast_offset += start
                    return
            if time.time() > deadline:
                shown = lines.decode("utf-8", "replace").strip() or "none"
                raise AssertionError(f"no toast with {text!r} was shown (since the last one waited for: {shown})")
            time.sleep(0.2)

    def focused(self):
        """The node of this program that has the keyboard focus, or None."""
        _pump_events()
        node = _Focus.node
        try:
            if (node is not None and _Focus.application.get_process_id() == self.process.pid
                    and node.getState().contains(pyatspi.STATE_FOCUSED)):
                return node
        except Exception:
            pass
        # No announcement yet (the window just opened), or one not of ours.
        for node in visible_nodes(self.node):
            try:
                if node.getState().contains(pyatspi.STATE_FOCUSED) and node.roleName not in ("frame", "application"):
                    return node
            except Exception:
                pass
        return None

    def focus(self, role, name, max_tabs=40):
        """Moves the keyboard focus to a field with Tab, as a clerk without a
        mouse would (GTK 4.8 cannot grab focus through AT-SPI). After each
        Tab it waits until the focus is announced to have moved: on a loaded
        machine that comes late, and a second Tab meanwhile would skip the
        field."""
        node = self.focused()
        for _ in range(max_tabs):
            try:
                if node is not None and node.roleName == role and clean(node.name) == name:
                    return node
            except Exception:
                pass
            changes = _Focus.changes
            rawinput.pressKey("Tab")
            deadline = time.time() + 2
            while _Focus.changes == changes and time.time() < deadline:
                time.sleep(0.02)
                _pump_events()
            node = self.focused()
        raise AssertionError(f"Tab never reached the {role} named {name!r}")

    def type_into(self, role, name, text):
        node = self.focus(role, name)
        # Select what is there and type over it, as a clerk would.
        rawinput.keyCombo("<Control>a")
        rawinput.typeText(text)
        time.sleep(0.1)
        return node

    def click(self, name, role="push button"):
        node = self.find(role, name)
        node.doActionNamed("click")
        time.sleep(0.3)
        return node

    def go_to_section(self, title):
        """Alt+N, N being the section's place in the sidebar, as a keyboard
        user would reach it."""
        sidebar = self.find("list", "Sections")
        rows = [row for row in sidebar.children if row.roleName == "list item"]
        for index, row in enumerate(rows, 1):
            if any(clean(child.name) == title for child in row.children):
                self.key(f"<Alt>{index}")
                return
        raise AssertionError(f"no section named {title!r} in the sidebar")

    def key(self, combo):
        rawinput.keyCombo(combo)
        time.sleep(0.3)

    def screenshot(self, name):
        os.makedirs(SHOTS, exist_ok=True)
        time.sleep(0.5)
        subprocess.run(["import", "-window", "root", os.path.join(SHOTS, name + ".png")], check=False)

    def quit(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()


def admin_cli(db, *args, stdin=None):
    return subprocess.run([ADMIN, "--database", db, *args], input=stdin, text=True,
                          capture_output=True, env=dict(os.environ, LANGUAGE="C", LC_ALL="C.UTF-8"))


def init_db(db, comune="Santarcangelo di Romagna", desk="Sportello 1"):
    # The IPA code names the comune in the RAO token.
    result = admin_cli(db, "init", "--comune", comune, "--ipa", "c_i304", "--desk", desk, "--admin", "admin",
                       "--admin-name", "Anna Amministratrice", "--password-stdin", stdin=PASSWORD + "\n")
    assert result.returncode == 0, result.stderr


SEAL_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "seal", "make-test-seals.sh")


def set_seal(db, workdir):
    """Gives the comune a seal certificate like AgID's (a test CA's), as an
    administrator would import it: without one no RAO identification starts."""
    seals = os.path.join(workdir, "seals")
    made = subprocess.run(["bash", SEAL_SCRIPT, seals], capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    result = admin_cli(db, "spid", "seal", "import", os.path.join(seals, "good.p12"), "--password-stdin",
                       stdin="test\n")
    assert result.returncode == 0, result.stderr


def sign_in(app, username, password):
    app.type_into("text", "Username", username)
    app.type_into("password text", "Password", password)
    app.key("Return")


@contextlib.contextmanager
def running(db, **options):
    """sportello on `db` (App's options) for a with block: it quits however
    the block ends, so that a failed test leaves no window behind."""
    app = App(db, **options)
    try:
        yield app
    finally:
        app.quit()


@contextlib.contextmanager
def signed_in(workdir, name="s.db", **options):
    """A fresh database (init_db) named `name` in `workdir`, sportello on it
    and its administrator signed in and welcomed: yields (db, app)."""
    db = os.path.join(workdir, name)
    init_db(db)
    with running(db, **options) as app:
        sign_in(app, "admin", PASSWORD)
        app.wait_label("Welcome, Anna Amministratrice")
        yield db, app


def run(tests):
    """Runs each test function with a fresh temp dir; prints TAP; exits non-zero on failure."""
    failed = 0
    # SPTEST_ONLY=name runs that test alone, while working on it.
    only = os.environ.get("SPTEST_ONLY")
    if only:
        tests = [test for test in tests if test.__name__ == only]
    print(f"1..{len(tests)}")
    for number, test in enumerate(tests, 1):
        workdir = tempfile.mkdtemp(prefix="sportello-ui-")
        # One toast log per test: a test never sees another's toasts.
        os.environ["SPORTELLO_TOAST_LOG"] = os.path.join(workdir, "toasts.log")
        try:
            test(workdir)
            print(f"ok {number} {test.__name__}")
        except Exception:
            failed += 1
            print(f"not ok {number} {test.__name__}")
            traceback.print_exc()
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        sys.stdout.flush()
    sys.exit(1 if failed else 0)
