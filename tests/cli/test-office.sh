#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Many desks at once on one database (PostgreSQL in the suite's second
# run, a SQLite file in the first): 8 processes appending to the audit
# trail keep one chain; 8 processes booking the same 20 slots book each
# place once, and every one that lost is told so in words, never in SQL;
# 8 desks calling the next one on a 200-ticket queue call each ticket once;
# 3 desks sending the outbox at once send each e-mail once.
# Prints TAP.
set -u
ADMIN=${SPORTELLO_ADMIN:?}
. "$(dirname "$0")/tap.sh"
db=$(new_db office) || exit 1
A() { "$ADMIN" --database "$db" "$@"; }

check "init" sh -c "echo 'Correct-Horse-7' | '$ADMIN' --database '$db' init --comune Cesena --desk 'Sportello 1' --admin admin --admin-name 'Anna A' --password-stdin"

# Each desk added writes an audit row linked to the last one.
for p in 1 2 3 4 5 6 7 8; do
  (for i in 1 2 3 4 5; do A desks add "Desk $p-$i" >/dev/null 2>>"$dir/desks-$p.err" || echo "$p-$i" >> "$dir/desks-failed"; done) &
done
wait
check "8 desks adding desks at once: every one added" sh -c "[ ! -s '$dir/desks-failed' ] && [ \$('$ADMIN' --database '$db' desks list | grep -c '^Desk ') -eq 40 ]"
check "… and the audit trail is one chain" A audit verify

check "a calendar with 20 slots a day" A calendar set --desk "Sportello 1" --service cie --hours "mon-sun 08:00-14:40" --slot 20
day=$(python3 - "$ADMIN" "$db" <<'PY'
import datetime, json, subprocess, sys
admin, db = sys.argv[1:]
# Nine days ahead or later, on a day that is no holiday.
day = datetime.date.today() + datetime.timedelta(days=9)
while True:
    holidays = json.loads(subprocess.run([admin, "--database", db, "calendar", "holidays", str(day.year)],
                                         capture_output=True, text=True, check=True).stdout)
    if day.isoformat() not in {h["date"] for h in holidays}:
        break
    day += datetime.timedelta(days=1)
print(day.isoformat())
PY
)
times=$(python3 -c "print(' '.join('%02d:%02d' % divmod(480 + 20 * i, 60) for i in range(20)))")
for p in 1 2 3 4 5 6 7 8; do
  (for t in $times; do
     if A appointments book --service cie --desk "Sportello 1" --date "$day" --time "$t" --surname "Desk$p" --name Citizen \
          >/dev/null 2>"$dir/book-$p-$t.err"; then echo "$t" >> "$dir/won-$p"; fi
   done) &
done
wait
check "8 desks booking the same 20 slots: 20 bookings, one a slot" sh -c "
  '$ADMIN' --database '$db' appointments list --date '$day' > '$dir/day.json' &&
  python3 -c 'import json, sys; j = json.load(open(\"$dir/day.json\")); sys.exit(0 if len(j) == 20 and len({a[\"time\"] for a in j}) == 20 else 1)'"
check "… each won by exactly one desk" sh -c "[ \$(cat '$dir'/won-* | sort | uniq -d | wc -l) -eq 0 ] && [ \$(cat '$dir'/won-* | wc -l) -eq 20 ]"
check "… every other desk told in words, with the next free slot" sh -c "
  [ \$(grep -l 'was just booked' '$dir'/book-*.err | wc -l) -eq 140 ] &&
  [ \$(grep -l 'the next free one is on' '$dir'/book-*.err | wc -l) -eq 140 ]"
check "… never in SQL" sh -c "! grep -qiE 'sql|duplicate key|constraint|ERROR:' '$dir'/book-*.err"
check "the audit trail is still one chain" A audit verify

# The queue: 4 kiosks hand out 200 tickets at once, then 8 desks call the
# next one until nobody waits: each ticket is called once, by one desk.
for k in 1 2 3 4; do
  (for i in $(seq 50); do A queue ticket --service cie >> "$dir/tickets-$k.json" 2>>"$dir/tickets-$k.err" || echo x >> "$dir/tickets-failed"; done) &
done
wait
check "4 kiosks at once: 200 tickets, numbered 1 to 200" sh -c "[ ! -s '$dir/tickets-failed' ] &&
  cat '$dir'/tickets-?.json | python3 -c 'import json, sys; n = sorted(json.loads(l)[\"ticket\"] for l in sys.stdin); sys.exit(0 if n == list(range(1, 201)) else 1)'"
for p in 1 2 3 4 5 6 7 8; do
  (while A queue call-next --desk "Desk $p-1" >> "$dir/called-$p.json" 2>"$dir/call-$p.err"; status=$?; [ $status -eq 0 ]; do :; done
   echo $status > "$dir/call-$p.status") &
done
wait
check "8 desks calling the next one: each of the 200 tickets called once" sh -c "
  cat '$dir'/called-?.json | python3 -c 'import json, sys; n = sorted(json.loads(l)[\"ticket\"] for l in sys.stdin); sys.exit(0 if n == list(range(1, 201)) else 1)'"
check "… each by the desk that called it" sh -c "
  for p in 1 2 3 4 5 6 7 8; do python3 -c 'import json, sys; sys.exit(0 if all(json.loads(l)[\"desk\"] == sys.argv[1] for l in open(sys.argv[2])) else 1)' \"Desk \$p-1\" '$dir'/called-\$p.json || exit 1; done"
check "… and every desk stopped on an empty queue, told so" sh -c "
  [ \$(cat '$dir'/call-?.status | sort -u) = 3 ] && [ \$(grep -l 'Nobody is waiting' '$dir'/call-?.err | wc -l) -eq 8 ]"
check "the list shows them called, with their desks" sh -c "
  '$ADMIN' --database '$db' queue list | python3 -c 'import json, sys; j = [t for t in json.load(sys.stdin) if t[\"ticket\"]]; sys.exit(0 if len(j) == 200 and all(t[\"state\"] == \"called\" and t[\"desk\"].startswith(\"Desk \") for t in j) else 1)'"
check "the audit trail is still one chain" A audit verify

# The outbox: the demo's sealed e-mails, sent by 3 desks at once to a
# local SMTP server, arrive once each.
mail=$(new_db mail) || exit 1
M() { "$ADMIN" --database "$mail" "$@"; }
check "a comune with an IPA code, and e-mails in its outbox" sh -c "
  echo 'Correct-Horse-7' | '$ADMIN' --database '$mail' init --comune Cesena --ipa c_c573 --desk 'Sportello 1' --admin admin --admin-name 'Anna A' --password-stdin >/dev/null &&
  '$ADMIN' --database '$mail' demo --days 12 --desks 2 --seed 5 --quiet >/dev/null &&
  [ \$('$ADMIN' --database '$mail' spid outbox list | grep -c unsent) -ge 10 ]"
queued=$(M spid outbox list | grep -c unsent)
/usr/bin/python3 "$(dirname "$0")/smtp-sink.py" "$dir/smtp.port" "$dir/smtp.log" &
sink=$!
trap 'kill $sink 2>/dev/null; rm -rf "$dir"' EXIT
for i in $(seq 50); do [ -s "$dir/smtp.port" ] && break; sleep 0.1; done
check "the local SMTP server is set" M spid smtp --server 127.0.0.1 --port "$(cat "$dir/smtp.port")" --security none --sender spid@comune.example
senders=
for p in 1 2 3; do M spid outbox send --force > "$dir/send-$p.out" 2>&1 & senders="$senders $!"; done
wait $senders
check "3 desks sending at once: each of the $queued e-mails arrived once" sh -c "
  [ \$(wc -l < '$dir/smtp.log') -eq $queued ] && [ \$(sort '$dir/smtp.log' | uniq -d | wc -l) -eq 0 ]"
check "… none is left unsent, none counted twice" sh -c "
  '$ADMIN' --database '$mail' spid outbox list 2>&1 | grep -q '^0 messages unsent' &&
  [ \$(cat '$dir'/send-?.out | awk '/ sent, /{n += \$1} END {print n}') -eq $queued ]"
check "the audit trail is one chain" M audit verify
kill $sink

finish
