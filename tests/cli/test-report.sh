#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# sportello-admin demo, report, opendata, dayclose and retention. Prints TAP.
set -u
ADMIN=${SPORTELLO_ADMIN:?}
. "$(dirname "$0")/tap.sh"
db=$(new_db sportello) || exit 1
b=$(new_db b) || exit 1
sealed=$(new_db sealed) || exit 1

echo 'Correct-Horse-7' | "$ADMIN" --database "$db" init --comune Cesena --desk 'Sportello 1' \
  --admin admin --admin-name 'Anna A' --password-stdin >/dev/null

check "demo fills the database" "$ADMIN" --database "$db" demo --days 40 --desks 2 --seed 9 --last-day 2026-03-31 --quiet
check "the same seed gives the same data" sh -c "
  echo 'Correct-Horse-7' | '$ADMIN' --database '$b' init --comune Cesena --desk 'Sportello 1' --admin admin --admin-name 'Anna A' --password-stdin >/dev/null &&
  '$ADMIN' --database '$b' demo --days 40 --desks 2 --seed 9 --last-day 2026-03-31 --quiet >/dev/null &&
  '$ADMIN' --database '$db' report --from 2026-03-01 --to 2026-03-31 --by desk > '$dir/a.csv' &&
  '$ADMIN' --database '$b' report --from 2026-03-01 --to 2026-03-31 --by desk > '$dir/b.csv' &&
  cmp '$dir/a.csv' '$dir/b.csv'"
check "without an IPA code the recent RAO identifications went through the partner counter" sh -c "
  [ \"\$(sql '$db' \"SELECT count(*) FROM identifications WHERE token IS NOT NULL OR state = 'completed' AND channel = 'rao'\")\" = 0 ] &&
  [ \"\$(sql '$db' 'SELECT count(*) FROM seals')\" = 0 ]"
check "demo seals its recent RAO identifications with a DEMO seal, e-mail and receipt" sh -c "
  echo 'Correct-Horse-7' | '$ADMIN' --database '$sealed' init --comune Cesena --ipa c_c573 --desk 'Sportello 1' --admin admin --admin-name 'Anna A' --password-stdin >/dev/null &&
  '$ADMIN' --database '$sealed' demo --days 35 --desks 1 --seed 4 > '$dir/s.out' &&
  grep -q 'sealed with the demo’s own seal, marked DEMO' '$dir/s.out' &&
  sql '$sealed' \"SELECT count(*) FROM identifications i WHERE channel = 'rao' AND state = 'completed'
    AND token IS NOT NULL AND EXISTS (SELECT 1 FROM receipts r WHERE r.record_uuid = i.uuid)
    AND EXISTS (SELECT 1 FROM outbox o WHERE o.subject_uuid = i.uuid AND o.sent_at IS NULL
                AND o.attachment_name = i.uuid || '_tuo_token.txt')\" > '$dir/s.n' &&
  [ \"\$(cat '$dir/s.n')\" -gt 0 ] &&
  [ \"\$(sql '$sealed' \"SELECT count(*) FROM identifications WHERE channel = 'rao' AND state = 'completed'\")\" = \"\$(cat '$dir/s.n')\" ] &&
  [ \"\$(sql '$sealed' \"SELECT kind FROM seals WHERE retired_at IS NULL\")\" = demo ] &&
  '$ADMIN' --database '$sealed' audit verify"
check "report CSV has a header and semicolons" sh -c "
  '$ADMIN' --database '$db' report --from 2026-03-01 --to 2026-03-31 | head -1 | grep -q '^group;label;spid_completed;'"
check "report by day across the DST change has a row for 29 March" sh -c "
  '$ADMIN' --database '$db' report --from 2026-03-27 --to 2026-03-30 --by day | grep -q '^day;2026-03-30;'"
check "comma separator from the setting" sh -c "
  sql '$db' \"INSERT INTO settings VALUES ('export.csv_separator', ',', 0)\" &&
  '$ADMIN' --database '$db' report --from 2026-03-01 | head -1 | grep -q '^group,label,'"
check "report JSON parses" sh -c "
  '$ADMIN' --database '$db' report --from 2026-03-01 --to 2026-03-31 --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[\"totals\"][\"cie_requests\"] > 0'"
check "no codice fiscale in a report" sh -c "
  ! '$ADMIN' --database '$db' report --from 2026-03-01 --to 2026-03-31 --by operator --format json | grep -Eq '[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z]'"
check "records list the cases without personal data" sh -c "
  '$ADMIN' --database '$db' report --from 2026-03-02 --records > '$dir/rec.csv' &&
  head -1 '$dir/rec.csv' | grep -q 'kind,uuid,state,detail,desk,operator,started,closed' &&
  grep -q '^spid,' '$dir/rec.csv' && ! grep -Eq '[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z]' '$dir/rec.csv'"
fails "report with a period backwards fails" 1 "$ADMIN" --database "$db" report --from 2026-03-02 --to 2026-03-01
fails "report --by nonsense is a usage error" 2 "$ADMIN" --database "$db" report --from 2026-03-01 --by week
check "opendata writes CSV and JSON" sh -c "
  '$ADMIN' --database '$db' opendata --from 2026-03-01 --to 2026-03-31 --output '$dir/od' &&
  head -1 '$dir/od/opendata.csv' | grep -q '^date,service,outcome,count' &&
  python3 -c 'import json; json.load(open(\"$dir/od/opendata.json\"))'"
check "dayclose writes a PDF" sh -c "
  '$ADMIN' --database '$db' dayclose --date 2026-03-31 --output '$dir/dc.pdf' && head -c 4 '$dir/dc.pdf' | grep -q '%PDF'"
check "retention dry run" sh -c "'$ADMIN' --database '$db' retention apply --dry-run | grep -q 'Would erase'"
check "retention apply keeps the audit trail valid" sh -c "
  '$ADMIN' --database '$db' retention apply | grep -q 'Erased' && '$ADMIN' --database '$db' audit verify"

finish
