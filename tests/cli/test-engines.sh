#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The same work on both engines gives the same figures: the demo with one
# seed on SQLite and on PostgreSQL, then every report and the open-data
# files compared byte for byte. Needs the suite's PostgreSQL server
# (SPORTELLO_TEST_POSTGRESQL); without it the test fails. Prints TAP.
set -u
ADMIN=${SPORTELLO_ADMIN:?}
. "$(dirname "$0")/tap.sh"

pg=$(pg_new_db engines) || { echo "not ok 1 no PostgreSQL server"; echo "1..1"; exit 1; }
lite="$dir/sportello.db"

# Both on the same day in the same zone: the reports count local days.
export TZ=Europe/Rome
for db in "$lite" "$pg"; do
  check "init on ${db%%:*}" sh -c "echo 'Correct-Horse-7' | '$ADMIN' --database '$db' init --comune Cesena \
    --ipa c_c573 --desk 'Sportello 1' --admin admin --admin-name 'Anna A' --password-stdin >/dev/null"
  check "demo on ${db%%:*}" "$ADMIN" --database "$db" demo --days 35 --desks 2 --seed 11 \
    --last-day 2026-03-31 --quiet
done

same() { # description, command arguments after --database DB (output on stdout)
  local what=$1; shift
  check "$what" sh -c '
    admin=$1 lite=$2 pg=$3 out=$4; shift 4
    "$admin" --database "$lite" "$@" > "$out.sqlite" &&
    "$admin" --database "$pg" "$@" > "$out.postgresql" &&
    [ -s "$out.sqlite" ] && cmp "$out.sqlite" "$out.postgresql"' \
    sh "$ADMIN" "$lite" "$pg" "$dir/out" "$@"
}

same "the month's totals are the same (JSON)" report --from 2026-03-01 --to 2026-03-31 --format json
for by in desk operator hour day; do
  same "the month by $by is the same (JSON)" report --from 2026-03-01 --to 2026-03-31 --by "$by" --format json
done
same "the DST week by day is the same" report --from 2026-03-26 --to 2026-04-01 --by day
# The uuids are random on each database (and order the cases of one
# moment): the cases without them, sorted.
check "the cases of the month are the same, but for their uuids" sh -c "
  '$ADMIN' --database '$lite' report --from 2026-03-01 --to 2026-03-31 --records | cut -d';' -f1,3- | sort > '$dir/r.sqlite' &&
  '$ADMIN' --database '$pg' report --from 2026-03-01 --to 2026-03-31 --records | cut -d';' -f1,3- | sort > '$dir/r.postgresql' &&
  [ \$(wc -l < '$dir/r.sqlite') -gt 100 ] && cmp '$dir/r.sqlite' '$dir/r.postgresql'"

check "the open-data files are the same" sh -c "
  mkdir -p '$dir/od-sqlite' '$dir/od-pg' &&
  '$ADMIN' --database '$lite' opendata --from 2026-02-15 --to 2026-03-31 --output '$dir/od-sqlite' >/dev/null &&
  '$ADMIN' --database '$pg' opendata --from 2026-02-15 --to 2026-03-31 --output '$dir/od-pg' >/dev/null &&
  [ -s '$dir/od-sqlite/opendata.csv' ] &&
  cmp '$dir/od-sqlite/opendata.csv' '$dir/od-pg/opendata.csv' &&
  cmp '$dir/od-sqlite/opendata.json' '$dir/od-pg/opendata.json'"
check "the audit chain verifies on PostgreSQL" "$ADMIN" --database "$pg" audit verify
check "the database checks out on PostgreSQL" "$ADMIN" --database "$pg" check
finish
