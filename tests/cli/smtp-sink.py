#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A local SMTP server on loopback for the command-line tests: writes its
port to the file named first, then one line per message that arrives
(recipients and subject) to the file named second, until it is killed."""
import email
import os
import signal
import socket
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        with self.lock, open(self.path, "a") as f:
            f.write("%s\t%s\n" % (",".join(envelope.rcpt_tos), message["Subject"]))
        return "250 OK"


def main():
    port_file, log = sys.argv[1:3]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(Sink(log), hostname="127.0.0.1", port=port)
    controller.start()
    with open(port_file + ".tmp", "w") as f:
        f.write(str(port))
    os.rename(port_file + ".tmp", port_file)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    main()
