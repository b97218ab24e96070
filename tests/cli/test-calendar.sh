#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# sportello-admin calendar … and appointments …: holidays as JSON, opening
# hours, closures, the patron's day, the first free slot and booking. TAP.
set -u
ADMIN=${SPORTELLO_ADMIN:?}
. "$(dirname "$0")/tap.sh"
db=$(new_db sportello) || exit 1

json() { # python expression over the JSON on stdin as j
  /usr/bin/python3 -c "import json,sys; j=json.load(sys.stdin); sys.exit(0 if ($1) else 1)"
}

A() { "$ADMIN" --database "$db" "$@"; }
export -f json

check "init" sh -c "echo 'Correct-Horse-7' | '$ADMIN' --database '$db' init --comune Cesena --desk 'Sportello 1' --admin admin --admin-name 'Anna A' --password-stdin"
check "holidays 2026: 13 days, Easter Monday 6 April, 4 October" bash -c "'$ADMIN' --database '$db' calendar holidays 2026 | json 'len(j)==13 and {\"date\":\"2026-04-06\",\"name\":\"Easter Monday\"} in j and any(d[\"date\"]==\"2026-10-04\" for d in j)'"
check "holidays 2025 have no 4 October" bash -c "'$ADMIN' --database '$db' calendar holidays 2025 | json 'len(j)==12 and not any(d[\"date\"]==\"2025-10-04\" for d in j)'"
fails "holidays without a year is a usage error" 2 A calendar holidays
check "patron saint's day" A calendar patron 11-11 "San Martino"
check "the patron is among the holidays" bash -c "'$ADMIN' --database '$db' calendar holidays 2027 | json '{\"date\":\"2027-11-11\",\"name\":\"San Martino\"} in j'"
fails "no calendar yet: no free slot" 1 A appointments next --service cie
check "calendar set with two intervals a day" A calendar set --desk "Sportello 1" --service cie --hours "mon-fri 08:30-12:30,14:30-17:00; sat 09:00-12:00" --slot 20
fails "overlapping hours are refused" 2 A calendar set --desk "Sportello 1" --service cie --hours "mon 09:00-12:00,11:00-13:00"
check "calendar list" bash -c "'$ADMIN' --database '$db' calendar list | json 'j[0][\"hours\"]==\"mon-fri 08:30-12:30,14:30-17:00; sat 09:00-12:00\" and j[0][\"slot_minutes\"]==20'"
check "appointments next: a slot and the wait in working days" bash -c "'$ADMIN' --database '$db' appointments next --service cie --desk 'Sportello 1' | json 'j[\"service\"]==\"cie\" and j[\"wait_working_days\"]>=0 and len(j[\"time\"])==5'"
fails "unknown service" 1 A appointments next --service passports
fails "appointments next needs --service" 2 A appointments next
check "closure of the whole office" A calendar close --from 2099-01-05 --to 2099-01-09 --reason Inventory
check "closures listed" sh -c "'$ADMIN' --database '$db' calendar closures | grep -q Inventory"
slot=$(A appointments next --service cie | /usr/bin/python3 -c "import json,sys; j=json.load(sys.stdin); print(j['date'], j['time'])")
check "book the first free slot" A appointments book --service cie --desk "Sportello 1" --date "${slot% *}" --time "${slot#* }" --surname Rossi --name Mario --cf RSSMRA80A01H501U
fails "the same slot again is refused" 1 A appointments book --service cie --desk "Sportello 1" --date "${slot% *}" --time "${slot#* }" --surname Bianchi --name Laura
check "… saying so, and which slot is free now" grep -q "was just booked .*; the next free one is on " "$dir/last-err"
check "the first free slot moved on" bash -c "'$ADMIN' --database '$db' appointments next --service cie | json '(j[\"date\"], j[\"time\"]) != tuple(\"$slot\".split())'"
check "appointments list of the day" sh -c "'$ADMIN' --database '$db' appointments list --date '${slot% *}' | grep -q Rossi"

# Reminders: the next free slot, booked with an email.
slot=$(A appointments next --service cie | /usr/bin/python3 -c "import json,sys; j=json.load(sys.stdin); print(j['date'], j['time'])")
check "book with an email" A appointments book --service cie --desk "Sportello 1" --date "${slot% *}" --time "${slot#* }" --surname Verdi --name Luca --email luca@example.org
check "no reminder for a booking made just now" sh -c "'$ADMIN' --database '$db' appointments remind --dry-run | grep -q '^0 reminders'"
sql "$db" "UPDATE appointments SET created_at = created_at - 172800000000"
due=$(/usr/bin/python3 -c "
import datetime, sys
start = datetime.datetime.strptime('$slot', '%Y-%m-%d %H:%M')
print(1 if datetime.timedelta(0) < start - datetime.datetime.now() <= datetime.timedelta(hours=48) else 0)")
check "a booking made two days ago is reminded if within 48 hours ($due due)" sh -c "'$ADMIN' --database '$db' appointments remind --dry-run | grep -q '^$due reminder'"
check "remind queues it" sh -c "'$ADMIN' --database '$db' appointments remind | grep -q '^$due reminder'"
check "and never twice" sh -c "'$ADMIN' --database '$db' appointments remind | grep -q '^0 reminders'"
check "the reminder waits in the outbox" sh -c "test \$(sql '$db' \"SELECT count(*) FROM outbox WHERE recipient = 'luca@example.org'\") -eq $due"
check "the audit trail holds" sh -c "'$ADMIN' --database '$db' audit verify"

finish
