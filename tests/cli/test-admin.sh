#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# sportello-admin: init, operators, desks, audit verify (and its failure on
# a tampered trail), refusal of foreign and newer files. Prints TAP.
set -u
ADMIN=${SPORTELLO_ADMIN:?}
. "$(dirname "$0")/tap.sh"
db="$dir/sportello.db"

check "init sets up a database" sh -c "echo 'Correct-Horse-7' | '$ADMIN' --database '$db' init --comune Cesena --desk 'Sportello 1' --admin admin --admin-name 'Anna A' --password-stdin"
fails "init twice is refused" 1 sh -c "echo 'Correct-Horse-7' | '$ADMIN' --database '$db' init --comune X --desk Y --admin other --password-stdin"
fails "init with a weak password is refused" 1 sh -c "echo 'weak' | '$ADMIN' --database '$dir/weak.db' init --comune X --desk Y --admin a1 --password-stdin"
fails "init without arguments is a usage error" 2 "$ADMIN" --database "$dir/u.db" init
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
check "the copy opens and lists the operators" sh -c "'$ADMIN' --database '$dir/copy.db' operators list --all | grep -q giulia"
fails "backup never overwrites a file" 1 "$ADMIN" --database "$db" backup "$dir/copy.db"
check "audit verify holds" sh -c "'$ADMIN' --database '$db' audit verify | grep -q 'rows checked'"
sqlite3 "$db" "DROP TRIGGER audit_no_update; UPDATE audit SET action = 'forged' WHERE id = 2;"
fails "audit verify names the broken row" 1 "$ADMIN" --database "$db" audit verify
fails "check fails on a broken audit trail" 1 "$ADMIN" --database "$db" check
check "the message names row 2" grep -q "row 2" "$dir/last-err"
printf 'not a database, just notes\n' > "$dir/notes.txt"
fails "a file that is not a database is refused" 1 "$ADMIN" --database "$dir/notes.txt" operators list
check "and left untouched" grep -qx 'not a database, just notes' "$dir/notes.txt"
sqlite3 "$dir/newer.db" "PRAGMA application_id = 1397772884; PRAGMA user_version = 999; CREATE TABLE t (x);"
fails "a database of a newer version is refused" 1 "$ADMIN" --database "$dir/newer.db" operators list
check "with a clear message" grep -q "newer version" "$dir/last-err"
fails "unknown command" 2 "$ADMIN" --database "$db" frobnicate

finish
