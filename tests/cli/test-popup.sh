#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A pop-up desk prepared at the office (a SQLite file in the suite's first
# run, the throwaway PostgreSQL in its second) and set up on a laptop's
# SQLite: the enrolment file is sealed (nothing of it readable), opens
# only with its passphrase, gives the laptop the office's desk, operators
# and settings, refreshes from a newer file, and is refused for a desk
# that is not a pop-up one. Prints TAP.
set -u
ADMIN=${SPORTELLO_ADMIN:?}
. "$(dirname "$0")/tap.sh"
db=$(new_db office) || exit 1
laptop="$dir/laptop.db"
A() { "$ADMIN" --database "$db" "$@"; }
L() { "$ADMIN" --database "$laptop" "$@"; }

check "the office" sh -c "echo 'Correct-Horse-7' | '$ADMIN' --database '$db' init --comune Cesena --ipa c_c573 --desk 'Sportello 1' --admin admin --admin-name 'Anna A' --password-stdin"
check "a pop-up desk" A desks add Mercato --kind popup
check "a clerk" sh -c "echo 'Battery-Staple-9' | '$ADMIN' --database '$db' operators add bruno --name 'Bruno Bianchi' --role clerk --password-stdin"
fails "a counter desk is not enrolled" 1 A popup enrol --desk "Sportello 1" --output "$dir/wrong.enrol"
check "… saying so" grep -q "is not a pop-up desk" "$dir/last-err"
check "the enrolment file, and its passphrase on standard output" A popup enrol --desk Mercato --output "$dir/m.enrol"
passphrase=$(cat "$dir/out")
check "… six groups of four" sh -c "echo '$passphrase' | grep -Eq '^([A-Z0-9]{4}-){5}[A-Z0-9]{4}$'"
check "… a file only its owner reads" sh -c "[ \"\$(stat -c %a '$dir/m.enrol')\" = 600 ]"
check "… with nothing readable in it" sh -c "! grep -aq -e bruno -e Cesena -e argon2 '$dir/m.enrol'"
fails "an existing file is not overwritten" 2 A popup enrol --desk Mercato --output "$dir/m.enrol"
fails "the laptop refuses another passphrase" 1 sh -c "echo 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA' | '$ADMIN' --database '$laptop' popup join '$dir/m.enrol' --passphrase-stdin"
check "… and says so" grep -q "does not open with this passphrase" "$dir/last-err"
check "the laptop joins with it (typed in lower case)" sh -c "echo '$passphrase' | tr A-Z a-z | '$ADMIN' --database '$laptop' popup join '$dir/m.enrol' --passphrase-stdin"
check "… is the office's pop-up desk" sh -c "'$ADMIN' --database '$laptop' desks list | grep -q '^Mercato *popup'"
check "… with the office's operators" sh -c "'$ADMIN' --database '$laptop' operators list | grep -q bruno"
check "… and the comune's settings" sh -c "[ \"\$('$ADMIN' --database '$laptop' settings get comune.name)\" = Cesena ]"
check "… its audit trail holds" L audit verify
check "a receipt printed on the laptop" sh -c "'${SPORTELLO_ISSUE_RECEIPT:?}' '$laptop' cie | head -1 > '$dir/laptop-receipt'"
payload=$(cat "$dir/laptop-receipt")
check "… verifies on the laptop" L receipt verify "$payload"
fails "… is authentic at the office, which has not its record yet" 1 A receipt verify "$payload"
check "… and names the pop-up desk that signed it" sh -c "'$ADMIN' --database '$db' receipt verify '$payload' | grep -q 'signed at the pop-up desk Mercato'"
check "a newer operator at the office" sh -c "echo 'Horse-Battery-8' | '$ADMIN' --database '$db' operators add carla --name 'Carla Conti' --role clerk --password-stdin"
check "a newer enrolment file" A popup enrol --desk Mercato --output "$dir/m2.enrol"
newer=$(cat "$dir/out")
check "the laptop refreshes from it" sh -c "echo '$newer' | '$ADMIN' --database '$laptop' popup join '$dir/m2.enrol' --passphrase-stdin"
check "… and has the new operator" sh -c "'$ADMIN' --database '$laptop' operators list | grep -q carla"
check "… still one pop-up desk" sh -c "[ \$('$ADMIN' --database '$laptop' desks list | grep -c .) = 1 ]"
check "a demo of the pop-up desk's days" sh -c "'$ADMIN' --database '$laptop' demo --days 7 --seed 7 --quiet > '$dir/demo'"
check "… says it is the pop-up desk's work" grep -q "pop-up desk’s, by the clerks enrolled there" "$dir/demo"
check "… identifications at the pop-up desk" sh -c "[ \$(sqlite3 '$laptop' \"SELECT count(*) FROM identifications i JOIN desks d ON d.id = i.desk_id WHERE d.name = 'Mercato'\") -gt 0 ]"
check "… with their receipts" sh -c "[ \$(sqlite3 '$laptop' \"SELECT count(*) FROM receipts r JOIN identifications i ON i.uuid = r.record_uuid\") -gt 0 ]"
check "… by its enrolled clerks" sh -c "[ \$(sqlite3 '$laptop' \"SELECT count(*) FROM identifications i JOIN operators o ON o.id = i.operator_id WHERE o.username NOT IN ('bruno', 'carla')\") = 0 ]"
check "… and tallies" sh -c "[ \$(sqlite3 '$laptop' 'SELECT count(*) FROM tallies') -gt 0 ]"
check "… no calendar, no appointment" sh -c "[ \$(sqlite3 '$laptop' 'SELECT (SELECT count(*) FROM appointments) + (SELECT count(*) FROM calendars)') = 0 ]"
check "… no desk or account added" sh -c "[ \$('$ADMIN' --database '$laptop' desks list | grep -c .) = 1 ] && ! '$ADMIN' --database '$laptop' operators list | grep -q demo"
check "… its audit trail holds" L audit verify
seals="$dir/seals"
check "the test seals are made" "$(dirname "$0")/../seal/make-test-seals.sh" "$seals"
export SOFTHSM2_CONF="$seals/softhsm2.conf"
fails "a smart card seal the office does not have is refused" 1 A popup enrol --desk Mercato --output "$dir/card.enrol" --seal-card
check "… saying what to give instead" grep -q "not on a smart card" "$dir/last-err"
fails "a PKCS#12 copy with the wrong password is refused at the office" 1 sh -c "echo wrong | '$ADMIN' --database '$db' popup enrol --desk Mercato --output '$dir/bad.enrol' --seal-pkcs12 '$seals/good.p12' --seal-password-stdin"
check "… and no file is written" test ! -e "$dir/bad.enrol"
check "an enrolment with the laptop's own copy of the seal" sh -c "echo test | '$ADMIN' --database '$db' popup enrol --desk Mercato --output '$dir/p12.enrol' --seal-pkcs12 '$seals/good.p12' --seal-password-stdin > '$dir/p12.pass'"
check "… with nothing of the key readable in it" sh -c "! grep -aq -e 'BEGIN' -e 'Comune' '$dir/p12.enrol'"
check "the laptop refreshes from it" sh -c "'$ADMIN' --database '$laptop' popup join '$dir/p12.enrol' --passphrase-stdin < '$dir/p12.pass'"
check "… and seals with its copy" sh -c "'$ADMIN' --database '$laptop' spid seal show | grep -q 'PKCS#12'"
check "the office's seal on a smart card" sh -c "echo 1234 | '$ADMIN' --database '$db' spid seal pkcs11 \"\$(cat '$seals/good.pkcs11-url')\" --certificate '$seals/good-cert.pem' --pin-stdin --store-pin"
check "an enrolment with the same card" sh -c "'$ADMIN' --database '$db' popup enrol --desk Mercato --output '$dir/card.enrol' --seal-card > '$dir/card.pass'"
check "… with nothing of it readable" sh -c "! grep -aq -e pkcs11: -e 1234 '$dir/card.enrol'"
check "the laptop refreshes from it" sh -c "'$ADMIN' --database '$laptop' popup join '$dir/card.enrol' --passphrase-stdin < '$dir/card.pass'"
check "… and seals with the card" sh -c "'$ADMIN' --database '$laptop' spid seal show | grep -q 'pkcs11:'"
fails "the office's own database cannot join" 1 sh -c "echo '$newer' | '$ADMIN' --database '$db' popup join '$dir/m2.enrol' --passphrase-stdin"
check "the office's audit trail holds" A audit verify

finish
