#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# sportello-admin: init, operators, desks, audit verify (and its failure on
# a tampered trail), backup, refusal of foreign and newer databases, on
# the run's engine. Prints TAP.
set -u
ADMIN=${SPORTELLO_ADMIN:?}
. "$(dirname "$0")/tap.sh"
db=$(new_db sportello) || exit 1

check "init sets up a database" sh -c "echo 'Correct-Horse-7' | '$ADMIN' --database '$db' init --comune Cesena --desk 'Sportello 1' --admin admin --admin-name 'Anna A' --password-stdin"
fails "init twice is refused" 1 sh -c "echo 'Correct-Horse-7' | '$ADMIN' --database '$db' init --comune X --desk Y --admin other --password-stdin"
fails "init with a weak password is refused" 1 sh -c "echo 'weak' | '$ADMIN' --database '$(new_db weak)' init --comune X --desk Y --admin a1 --password-stdin"
fails "init without arguments is a usage error" 2 "$ADMIN" --database "$(new_db u)" init
check "operators add" sh -c "echo 'Rimini-Mare-2026' | '$ADMIN' --database '$db' operators add giulia --name 'Giulia B' --role supervisor --password-stdin"
check "operators list shows both" sh -c "'$ADMIN' --database '$db' operators list --json | grep -q '\"username\":\"giulia\",\"display_name\":\"Giulia B\",\"role\":\"supervisor\",\"active\":true'"
check "operators deactivate" "$ADMIN" --database "$db" operators deactivate giulia
check "deactivated operator listed as inactive" sh -c "'$ADMIN' --database '$db' operators list --all | grep giulia | grep -q inactive"
fails "the last admin cannot be deactivated" 1 "$ADMIN" --database "$db" operators deactivate admin
fails "unknown operator" 1 "$ADMIN" --database "$db" operators deactivate nobody
check "desks add a pop-up point" "$ADMIN" --database "$db" desks add Biblioteca --kind popup
check "desks list" sh -c "'$ADMIN' --database '$db' desks list | grep -q 'Biblioteca *popup *active'"
check "check says the database is sound" sh -c "'$ADMIN' --database '$db' check | grep -q 'is sound'"
check "backup copies the database" "$ADMIN" --database "$db" backup "$dir/copy.db"
if on_postgresql; then
  # pg_dump's archive, restored into an empty database, is the same office.
  restored=$(new_db restored) || exit 1
  check "the backup is a pg_dump archive" sh -c "head -c 5 '$dir/copy.db' | grep -qx PGDMP && pg_restore -l '$dir/copy.db' | grep -q 'TABLE public audit'"
  check "restored, it lists the operators" sh -c "pg_restore --no-owner -d '$restored' '$dir/copy.db' && '$ADMIN' --database '$restored' operators list --all | grep -q giulia"
  check "and its audit trail verifies" "$ADMIN" --database "$restored" audit verify
  # The suite's server asks for a password (pg_virtualenv's PGPASSWORD):
  # typed at the prompt, it reaches pg_dump too, never on its command line.
  if [ -n "${PGPASSWORD:-}" ]; then
    check "a backup with the password typed at the prompt" env PGPASSWORD= PGPASSFILE=/dev/null \
      "$(dirname "$0")/at-terminal.py" "$PGPASSWORD" "$ADMIN" --database "$db" backup "$dir/typed.dump"
    check "… is a whole archive" sh -c "pg_restore -l '$dir/typed.dump' | grep -q 'TABLE DATA public audit'"
  fi
else
  check "the copy opens and lists the operators" sh -c "'$ADMIN' --database '$dir/copy.db' operators list --all | grep -q giulia"
fi
fails "backup never overwrites a file" 1 "$ADMIN" --database "$db" backup "$dir/copy.db"
check "audit verify holds" sh -c "'$ADMIN' --database '$db' audit verify | grep -q 'rows checked'"
if on_postgresql; then drop="DROP TRIGGER audit_no_update ON audit"; else drop="DROP TRIGGER audit_no_update"; fi
sql "$db" "$drop; UPDATE audit SET action = 'forged' WHERE id = 2;"
fails "audit verify names the broken row" 1 "$ADMIN" --database "$db" audit verify
fails "check fails on a broken audit trail" 1 "$ADMIN" --database "$db" check
check "the message names row 2" grep -q "row 2" "$dir/last-err"
printf 'not a database, just notes\n' > "$dir/notes.txt"
fails "a file that is not a database is refused" 1 "$ADMIN" --database "$dir/notes.txt" operators list
check "and left untouched" grep -qx 'not a database, just notes' "$dir/notes.txt"
newer=$(new_db newer) || exit 1
if on_postgresql; then
  "$ADMIN" --database "$newer" check >/dev/null
  sql "$newer" "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from-the-future', 0)"
  version="SELECT max(version) FROM schema_migrations"
else
  version="PRAGMA user_version"
  sql "$newer" "PRAGMA application_id = 1397772884; PRAGMA user_version = 999; CREATE TABLE t (x);"
fi
fails "a database of a newer version is refused" 1 "$ADMIN" --database "$newer" operators list
check "with a clear message" grep -q "newer version" "$dir/last-err"
check "and left as it was" sh -c "[ \"\$(sql '$newer' '$version')\" = 999 ]"
if on_postgresql; then
  foreign=$(new_db foreign) || exit 1
  sql "$foreign" "CREATE TABLE invoices (id integer PRIMARY KEY, total numeric)"
  fails "a database that is not Sportello's is refused" 1 "$ADMIN" --database "$foreign" operators list
  check "and left untouched" sh -c "[ \"\$(sql '$foreign' \"SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = 'public'\")\" = invoices ]"
fi
fails "unknown command" 2 "$ADMIN" --database "$db" frobnicate

finish
