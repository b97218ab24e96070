#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A pop-up desk's records brought back: the office (a SQLite file in the
# suite's first run, the throwaway PostgreSQL in its second) enrols
# Mercato, a laptop (SQLite) joins and works; bundle export writes nothing
# readable, bundle import takes it once (again: nothing changes, and it
# says so), the counts of the day add up and the laptop's receipt
# verifies at the office; a flipped, cut, foreign or replayed bundle is
# refused with its reason and the office's dump unchanged; the next
# bundle continues. Prints TAP.
set -u
ADMIN=${SPORTELLO_ADMIN:?}
. "$(dirname "$0")/tap.sh"
db=$(new_db office) || exit 1
laptop="$dir/laptop.db"
A() { "$ADMIN" --database "$db" "$@"; }
L() { "$ADMIN" --database "$laptop" "$@"; }
# The office's database as text, without the identity sequences' values
# (PostgreSQL moves them on for rows a refused import rolled back) and
# pg_dump's random \restrict key.
dump() { sql "$db" .dump | grep -v -e "setval" -e "^\\\\restrict " -e "^\\\\unrestrict "; }
today=$(date +%F)
spid_completed() { # database: the day's completed identifications
  "$ADMIN" --database "$1" report --from "$today" --format json | /usr/bin/python3 -c 'import json, sys; print(int(json.load(sys.stdin)["totals"]["spid_completed"]))'
}
now_us() { echo $(( $(date +%s) * 1000000 )); }
same_dump() { dump | diff - "$1"; }
sum_of_both() { [ "$(spid_completed "$db")" -eq $((office_before + laptop_day)) ]; }
# export_to FILE [--again]: the JSON it prints kept in FILE.json
export_to() { L bundle export --output "$@" > "$1.json"; }
import_to() { A bundle import "$1" > "$1.imported" 2> "$1.said"; }
holds() { # FILE.json TABLE N
  /usr/bin/python3 -c 'import json, sys; c = json.load(open(sys.argv[1]))["counts"]; assert c[sys.argv[2]] == int(sys.argv[3]), c' "$@"
}
inserted() { # FILE.imported TABLE N
  /usr/bin/python3 -c 'import json, sys; c = json.load(open(sys.argv[1]))["counts"]; assert c[sys.argv[2]]["inserted"] == int(sys.argv[3]), c' "$@"
}

check "the office" sh -c "echo 'Correct-Horse-7' | '$ADMIN' --database '$db' init --comune Cesena --ipa c_c573 --desk 'Sportello 1' --admin admin --admin-name 'Anna A' --password-stdin"
check "a pop-up desk" A desks add Mercato --kind popup
check "its enrolment" A popup enrol --desk Mercato --output "$dir/m.enrol"
passphrase=$(cat "$dir/out")
check "the laptop joins" sh -c "echo '$passphrase' | '$ADMIN' --database '$laptop' popup join '$dir/m.enrol' --passphrase-stdin"
fails "the office brings nothing back: it is no pop-up desk" 1 A bundle export --output "$dir/office.bundle"
check "… saying so" grep -q "not a pop-up desk" "$dir/last-err"

# A day at the market: a receipt (an identification's), two completed
# identifications, a CIE request, a tally, an unsent e-mail.
check "a receipt printed on the laptop" sh -c "'${SPORTELLO_ISSUE_RECEIPT:?}' '$laptop' spid | head -1 > '$dir/laptop-receipt'"
t=$(now_us)
check "the laptop's day of work" sql "$laptop" "
  INSERT INTO identifications (uuid, state, channel, codice_fiscale, surname, name, desk_id, created_at, updated_at, completed_at, code_first_half)
    VALUES ('11111111-1111-4111-8111-111111111111', 'completed', 'rao', 'RSSMRA80A01H501U', 'ROSSI', 'MARIO', 1, $t - 600000000, $t - 60000000, $t - 60000000, 'ABCDEF'),
           ('22222222-2222-4222-8222-222222222222', 'completed', 'partner', 'VRDNNA80A41H294X', 'VERDI', 'ANNA', 1, $t - 500000000, $t - 50000000, $t - 50000000, NULL);
  INSERT INTO cie_requests (uuid, codice_fiscale, surname, given_name, birth_date, reason, ministry_number, card_number, fee_cents, payment_method, fingerprints, organ_donation, delivery, delivery_address, validity_years, expected_delivery, desk_id, created_at, updated_at)
    VALUES ('33333333-3333-4333-8333-333333333333', 'BNCLCU75E45H294Y', 'BIANCHI', 'LUCIA', '1975-05-05', 'first', 'M123', 'CA00000AA', 2200, 'card', 'taken', 'yes', 'home', 'Via Roma 1', 10, '2026-12-31', 1, $t - 40000000, $t - 40000000);
  INSERT INTO tallies (uuid, counter_service_id, desk_id, at, count) SELECT '44444444-4444-4444-8444-444444444444', id, 1, $t - 30000000, 1 FROM counter_services WHERE code = 'certificate';
  INSERT INTO outbox (uuid, recipient, subject, body, created_at, next_attempt_at) VALUES ('55555555-5555-4555-8555-555555555555', 'mario@example.org', 'SPID', 'Codice', $t - 20000000, $t - 20000000);"
office_before=$(spid_completed "$db")
laptop_day=$(spid_completed "$laptop")

check "bundle export" export_to "$dir/b1.bundle"
check "… holds the identifications" holds "$dir/b1.bundle.json" identifications 2
check "… the unsent e-mail" holds "$dir/b1.bundle.json" outbox 1
check "… the receipt" holds "$dir/b1.bundle.json" receipts 1
check "… a file only its owner reads" sh -c "[ \"\$(stat -c %a '$dir/b1.bundle')\" = 600 ]"
check "… with nothing readable in it" sh -c "! grep -aq -e ROSSI -e RSSMRA80A01H501U -e mario@example.org '$dir/b1.bundle'"
fails "an existing file is not overwritten" 2 L bundle export --output "$dir/b1.bundle"

# Bad bundles: the office's dump stays as it is.
dump > "$dir/dump-before"
head -c 100 "$dir/b1.bundle" > "$dir/cut.bundle"
fails "a bundle cut short is refused" 1 A bundle import "$dir/cut.bundle"
check "… saying so" grep -q "cut short" "$dir/last-err"
cp "$dir/b1.bundle" "$dir/flipped.bundle"
size=$(stat -c %s "$dir/flipped.bundle")
printf '\x5a' | dd of="$dir/flipped.bundle" bs=1 seek=$((size / 2)) conv=notrunc status=none
fails "a bundle with a byte changed is refused" 1 A bundle import "$dir/flipped.bundle"
check "… saying so" grep -q "altered" "$dir/last-err"
other="$dir/other.db" stranger="$dir/stranger.db"
check "another office, its pop-up desk's laptop and its bundle" sh -c "
  echo 'Correct-Horse-7' | '$ADMIN' --database '$other' init --comune Forlì --desk 'Sportello 1' --admin admin --password-stdin &&
  '$ADMIN' --database '$other' desks add Mercato --kind popup &&
  p=\$('$ADMIN' --database '$other' popup enrol --desk Mercato --output '$dir/other.enrol') &&
  echo \"\$p\" | '$ADMIN' --database '$stranger' popup join '$dir/other.enrol' --passphrase-stdin &&
  '$ADMIN' --database '$stranger' bundle export --output '$dir/foreign.bundle'"
fails "another office's bundle is refused" 1 A bundle import "$dir/foreign.bundle"
check "… saying so" grep -q "another office" "$dir/last-err"
check "the office's database is as it was" same_dump "$dir/dump-before"

check "bundle import" import_to "$dir/b1.bundle"
check "… counts the identifications imported" inserted "$dir/b1.bundle.imported" identifications 2
check "… the e-mail" inserted "$dir/b1.bundle.imported" outbox 1
check "… the receipt" inserted "$dir/b1.bundle.imported" receipts 1
check "the day's counts are the sum of both" sum_of_both
check "… and Mercato has its row by desk" sh -c "'$ADMIN' --database '$db' report --from '$today' --by desk | grep -q ';Mercato;2;'"
check "the laptop's e-mail waits in the office's outbox" sh -c "[ \"\$(sql '$db' \"SELECT count(*) FROM outbox WHERE sent_at IS NULL\")\" = 1 ]"
payload=$(cat "$dir/laptop-receipt")
check "the laptop's receipt verifies at the office" A receipt verify "$payload"
check "the office's audit trail holds, with the import" sh -c "'$ADMIN' --database '$db' audit verify && [ \"\$(sql '$db' \"SELECT count(*) FROM audit WHERE action = 'bundle-import'\")\" = 1 ]"
dump > "$dir/dump-imported"
cp "$dir/b1.bundle" "$dir/b1-copy.bundle"
check "the same bundle again" import_to "$dir/b1-copy.bundle"
check "… says it was imported already" grep -q "already imported" "$dir/b1-copy.bundle.said"
check "… and changes nothing" same_dump "$dir/dump-imported"
check "the last bundle made again on the laptop" export_to "$dir/b1-again.bundle" --again
check "… is the same bundle for the office" import_to "$dir/b1-again.bundle"
check "… which says so" grep -q "already imported" "$dir/b1-again.bundle.said"
check "… and changes nothing" same_dump "$dir/dump-imported"

t=$(now_us)
check "more work on the laptop" sql "$laptop" "INSERT INTO tallies (uuid, counter_service_id, desk_id, at, count) SELECT '66666666-6666-4666-8666-666666666666', id, 1, $t, 2 FROM counter_services WHERE code = 'residence'"
check "the next bundle" export_to "$dir/b2.bundle"
check "… holds the new tally" holds "$dir/b2.bundle.json" tallies 1
check "… and nothing of the first" holds "$dir/b2.bundle.json" identifications 0
check "… and is imported, continuing the chain" import_to "$dir/b2.bundle"
check "… the tally in it" inserted "$dir/b2.bundle.imported" tallies 1
dump > "$dir/dump-two"
fails "the older bundle replayed is refused" 1 A bundle import "$dir/b1.bundle"
check "… saying so" grep -q "older than the last one" "$dir/last-err"
check "… and changes nothing" same_dump "$dir/dump-two"
check "the office's audit trail holds, and the pop-up desk's with it" sh -c "'$ADMIN' --database '$db' audit verify | grep -q 'pop-up desks’ audit trails hold'"
check "… and the office's database checks out" A check

finish
