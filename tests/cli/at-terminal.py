#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# at-terminal.py ANSWER COMMAND… — runs COMMAND on a pseudo-terminal, as a
# clerk at a shell would, types ANSWER (and Enter) when it asks for a
# password, and exits with its status. What it printed goes to stdout.
import os
import pty
import sys
import termios
import time

answer, command = sys.argv[1], sys.argv[2:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(command[0], command)

seen, answered = b"", False
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:  # the command closed its terminal
        break
    if not chunk:
        break
    seen += chunk
    if not answered and b"assword" in seen:
        # Typed once the prompt has turned echo off, as a person would.
        while termios.tcgetattr(fd)[3] & termios.ECHO:
            time.sleep(0.01)
        os.write(fd, answer.encode() + b"\n")
        answered = True
sys.stdout.write(seen.decode(errors="replace"))
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status) if answered else 3)
