# SPDX-License-Identifier: GPL-3.0-or-later
# tap.sh — sourced by the command-line tests: a temp dir removed at exit,
# check and fails printing TAP lines, finish printing the plan and giving
# the exit status. Usage: . "$(dirname "$0")/tap.sh"; check …; finish
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
n=0 failed=0

check() { # description, command…
  local what=$1; shift
  n=$((n + 1))
  if "$@" >"$dir/out" 2>"$dir/err"; then echo "ok $n $what"
  else echo "not ok $n $what"; sed 's/^/# /' "$dir/out" "$dir/err"; failed=$((failed + 1)); fi
}

fails() { # description, expected exit code, command…
  local what=$1 code=$2; shift 2
  n=$((n + 1))
  "$@" >"$dir/out" 2>"$dir/err"; local got=$?
  cp "$dir/err" "$dir/last-err"   # for a check of the message that follows
  if [ "$got" -eq "$code" ]; then echo "ok $n $what"
  else echo "not ok $n $what (exit $got, expected $code)"; sed 's/^/# /' "$dir/out" "$dir/err"; failed=$((failed + 1)); fi
}

finish() {
  echo "1..$n"
  [ "$failed" -eq 0 ]
}

# The PostgreSQL run of the suite (build-aux/dev test) gives its server's
# URI; every command-line test then keeps its databases there.
on_postgresql() { [ -n "${SPORTELLO_TEST_POSTGRESQL:-}" ]; }

# `sql LOCATION STATEMENTS`, for what a test reads or forges behind the
# program's back, on either engine.
PATH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd):$PATH"

# A new database for the run's engine: a file in the temp dir, or a
# database on the suite's server. Prints its location.
new_db() { # name
  if on_postgresql; then pg_new_db "$1"; else echo "$dir/$1.db"; fi
}

# A fresh database on the suite's PostgreSQL server, dropped at exit;
# prints its location (a dbname among the URI's parameters overrides the
# one in its path). Fails the test when there is no server. Called as
# $(pg_new_db NAME), so what to drop is noted in a file, not a variable.
pg_new_db() { # name
  local server=${SPORTELLO_TEST_POSTGRESQL:?the PostgreSQL run sets SPORTELLO_TEST_POSTGRESQL}
  local name="t_$1_$$"
  psql "$server" -qc "CREATE DATABASE $name" >/dev/null || return 1
  echo "$name" >> "$dir/.pg-databases"
  case $server in *\?*) echo "$server&dbname=$name" ;; *) echo "$server?dbname=$name" ;; esac
}
# Roles a test made (server init's) go after the databases, at exit.
pg_note_role() { echo "$1" >> "$dir/.pg-roles"; }
pg_drop_dbs() {
  [ -f "$dir/.pg-databases" ] || return 0
  while read -r name; do
    psql "$SPORTELLO_TEST_POSTGRESQL" -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null 2>&1
  done < "$dir/.pg-databases"
  [ -f "$dir/.pg-roles" ] || return 0
  while read -r name; do
    psql "$SPORTELLO_TEST_POSTGRESQL" -qc "DROP ROLE IF EXISTS $name" >/dev/null 2>&1
  done < "$dir/.pg-roles"
}
trap 'pg_drop_dbs; rm -rf "$dir"' EXIT
