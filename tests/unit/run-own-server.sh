#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A PostgreSQL 15 server of a test's own, which the test stops and starts
# without disturbing the suite's shared one:
#   run-own-server.sh COMMAND…   runs COMMAND with SPORTELLO_TEST_POSTGRESQL
#                                naming a fresh server, removed afterwards
#   run-own-server.sh stop|start what COMMAND runs ($SPORTELLO_TEST_SERVER_CTL)
# Only a Unix socket in its own directory: no port to collide with.
set -eu
bin=/usr/lib/postgresql/15/bin

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ctl() {
  as_owner "$bin/pg_ctl" -D "$SPORTELLO_OWN_SERVER_DIR/data" -l "$SPORTELLO_OWN_SERVER_DIR/log" -w -s \
    -o "-p 5432 -c listen_addresses= -k $SPORTELLO_OWN_SERVER_DIR -c fsync=off" "$@"
}

case "${1:-}" in
  stop) ctl stop -m fast; exit ;;
  start) ctl start; exit ;;
esac

# Not the suite's server, which pg_virtualenv names in these.
unset PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE PGSERVICE
SPORTELLO_OWN_SERVER_DIR=$(mktemp -d -t sportello-server.XXXXXX)
export SPORTELLO_OWN_SERVER_DIR
[ "$(id -u)" -ne 0 ] || chown postgres "$SPORTELLO_OWN_SERVER_DIR"
trap 'ctl stop -m immediate >/dev/null 2>&1 || true; rm -rf "$SPORTELLO_OWN_SERVER_DIR"' EXIT
as_owner "$bin/initdb" -D "$SPORTELLO_OWN_SERVER_DIR/data" -A trust -U postgres --no-sync >/dev/null
ctl start
export SPORTELLO_TEST_SERVER_CTL="$(readlink -f "$0")"
export SPORTELLO_TEST_POSTGRESQL="postgresql://postgres@/postgres?host=$SPORTELLO_OWN_SERVER_DIR&port=5432"
status=0
"$@" || status=$?
exit $status
