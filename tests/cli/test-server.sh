#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# sportello-admin server init on the suite's PostgreSQL server: the office's
# database and its three roles; the desks' role writes the records but is
# refused (permission denied) any change to the audit trail or the tables'
# shape; the reports' role reads the figures, not the keys, the seals or
# the password hashes. Needs SPORTELLO_TEST_POSTGRESQL; fails without it.
# Prints TAP.
set -u
ADMIN=${SPORTELLO_ADMIN:?}
. "$(dirname "$0")/tap.sh"
server=${SPORTELLO_TEST_POSTGRESQL:-}
[ -n "$server" ] || { echo "not ok 1 no PostgreSQL server"; echo "1..1"; exit 1; }

name="t_office_$$"
echo "$name" >> "$dir/.pg-databases"
for role in owner desk reader; do pg_note_role "${name}_$role"; done
case $server in *\?*) office="$server&dbname=$name" ;; *) office="$server?dbname=$name" ;; esac

# Each role signs in with the password server init printed, from a
# ~/.pgpass of its own; the superuser's PGPASSWORD is not theirs.
as_role() { env -u PGPASSWORD PGPASSFILE="$dir/pgpass" "$@"; }
role_json() { python3 -c "import json, sys; print(json.load(open('$dir/init.json'))['roles']['$1']['$2'])"; }

check "server init sets up the database and its roles" "$ADMIN" server init --database "$office" --json
cp "$dir/out" "$dir/init.json"
for role in owner desk reader; do role_json "$role" pgpass; done > "$dir/pgpass"
chmod 600 "$dir/pgpass"
desk=$(role_json desk location)
reader=$(role_json reader location)
fails "a location naming no new database is refused" 1 "$ADMIN" server init --database "$server"
check "… saying how to name one" grep -q "Name the office’s new database" "$dir/last-err"
fails "a second init of the same database is refused" 1 "$ADMIN" server init --database "$office"
check "… saying what is there" grep -q "already has $name" "$dir/last-err"
check "the tables belong to the owner" sh -c "
  [ \"\$(sql '$office' \"SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner <> '${name}_owner'\")\" = 0 ] &&
  [ \"\$(sql '$office' \"SELECT count(*) FROM pg_tables WHERE schemaname = 'public'\")\" -gt 10 ]"
check "the desks' role signs in with its password" as_role psql -X -Atqc "SELECT current_user" -d "$desk"
check "the desks' role sets up the comune" sh -c "echo 'Correct-Horse-7' | env -u PGPASSWORD PGPASSFILE='$dir/pgpass' \
  '$ADMIN' --database '$desk' init --comune Cesena --ipa c_c573 --desk 'Sportello 1' --admin admin --admin-name 'Anna A' --password-stdin"
check "and does a few days' work" as_role "$ADMIN" --database "$desk" demo --days 4 --desks 2 --seed 5 --quiet

# A new version brings a migration (here: the last one, forgotten): the
# desks' role may not make it, and the desk says who may.
latest=$(sql "$office" "SELECT max(version) FROM schema_migrations")
latest_name=$(sql "$office" "SELECT name FROM schema_migrations WHERE version = $latest")
sql "$office" "DELETE FROM schema_migrations WHERE version = $latest" >/dev/null
fails "a desk on a database that needs a migration changes nothing" 1 as_role "$ADMIN" --database "$desk" check
check "… and says the owner's role makes it" grep -q "only its owner may do: the IT office runs any sportello-admin command once as ${name}_owner" "$dir/last-err"
sql "$office" "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($latest, '$latest_name', 0)" >/dev/null

refused() { # description, role's location, SQL, what the server says
  local what=$1 location=$2 statement=$3 message=$4
  check "$what" sh -c "! env -u PGPASSWORD PGPASSFILE='$dir/pgpass' sql '$location' \"$statement\" 2>'$dir/refused';
    cat '$dir/refused' >&2; grep -q '$message' '$dir/refused'"
}
refused "the desks may not update the audit trail" "$desk" "UPDATE audit SET action = 'forged' WHERE id = 2" "permission denied for table audit"
refused "… nor delete from it" "$desk" "DELETE FROM audit WHERE id = 2" "permission denied for table audit"
refused "… nor truncate it" "$desk" "TRUNCATE audit" "permission denied for table audit"
refused "… nor the pop-up desks' trails brought back" "$desk" "DELETE FROM popup_audit" "permission denied for table popup_audit"
refused "… nor drop its trigger" "$desk" "DROP TRIGGER audit_no_update ON audit" "must be owner of"
refused "… nor make tables" "$desk" "CREATE TABLE notes (x integer)" "permission denied for schema public"
refused "… nor mark a migration" "$desk" "INSERT INTO schema_migrations VALUES (999, 'x', 0)" "permission denied for table schema_migrations"
check "the audit trail still verifies" as_role "$ADMIN" --database "$desk" audit verify

check "the reports' role makes the period's report" sh -c "
  env -u PGPASSWORD PGPASSFILE='$dir/pgpass' '$ADMIN' --database '$reader' report --from $(date -d '-30 days' +%F) --to $(date +%F) --format json |
    python3 -c 'import json, sys; sys.exit(0 if json.load(sys.stdin)[\"totals\"][\"spid_completed\"] > 0 else 1)'"
check "… and the open data" as_role "$ADMIN" --database "$reader" opendata --from "$(date -d '-30 days' +%F)" --to "$(date +%F)" --output "$dir/od"
refused "the reports' role reads no seal" "$reader" "SELECT count(*) FROM seals" "permission denied for table seals"
refused "… no password hash" "$reader" "SELECT password_hash FROM operators" "permission denied for table operators"
check "… but the operators' names" sh -c "env -u PGPASSWORD PGPASSFILE='$dir/pgpass' sql '$reader' 'SELECT username FROM operators' | grep -qx admin"
check "… and no secret among the settings, which the desks see" sh -c "
  [ \"\$(env -u PGPASSWORD PGPASSFILE='$dir/pgpass' sql '$reader' \"SELECT count(*) FROM settings WHERE key = 'installation.secret'\")\" = 0 ] &&
  [ \"\$(env -u PGPASSWORD PGPASSFILE='$dir/pgpass' sql '$desk' \"SELECT count(*) FROM settings WHERE key = 'installation.secret'\")\" = 1 ]"
refused "… and writes nothing" "$reader" "INSERT INTO desks (uuid, name, kind, created_at) VALUES ('x', 'y', 'counter', 0)" "permission denied for table desks"

other="${desk/@\/$name/@\/${name}_other}"
# server init signs in to the server's own database, postgres: the desk's
# password for every database.
role_json desk pgpass | awk -F: -v OFS=: '{ $3 = "*"; print }' >> "$dir/pgpass"
fails "a role that is not a superuser cannot set up a server" 1 as_role "$ADMIN" server init --database "$other"
check "… and is told so" grep -q "not a superuser" "$dir/last-err"
fails "a database named like a template is refused" 1 "$ADMIN" server init --database "${office/dbname=$name/dbname=template1}"

finish
