#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs one UI test in its own X server and session bus with AT-SPI on.
# A test that cannot start its display fails; it never skips.
set -e
test_script="$1"
export HOME="$(mktemp -d)"
export XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share" XDG_CACHE_HOME="$HOME/.cache"
# Every toast the program shows is also a line here (sptest.py gives each
# test function its own file), so a test can wait for one that has gone.
export SPORTELLO_TOAST_LOG="$HOME/toasts.log"
exec xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- sh -c '
  gsettings set org.gnome.desktop.interface toolkit-accessibility true || exit 1
  /usr/libexec/at-spi-bus-launcher --launch-immediately &
  matchbox-window-manager -use_titlebar no &
  sleep 1
  /usr/bin/python3 "$0"
' "$test_script"
