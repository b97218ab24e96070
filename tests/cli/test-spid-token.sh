#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# sportello-admin spid token, resend and open-token over the RAO
# identifications the demo sealed: the token kept is the one e-mailed, it
# opens with the receipt's half then the e-mail's (and an identity
# provider's reader agrees), the e-mail goes out again on request. Prints TAP.
set -u
ADMIN=${SPORTELLO_ADMIN:?}
. "$(dirname "$0")/tap.sh"
IDP="$(dirname "$0")/../idp/idp_read_token.py"
db=$(new_db sportello) || exit 1

echo 'Correct-Horse-7' | "$ADMIN" --database "$db" init --comune Cesena --ipa c_c573 --desk 'Sportello 1' \
  --admin admin --admin-name 'Anna A' --password-stdin >/dev/null
"$ADMIN" --database "$db" demo --days 5 --desks 1 --seed 3 --quiet >/dev/null

uuid=$(sql "$db" "SELECT uuid FROM identifications WHERE channel = 'rao' AND state = 'completed' ORDER BY id LIMIT 1")
first=$(sql "$db" "SELECT code_first_half FROM identifications WHERE uuid = '$uuid'")
# The e-mail's line "…: <second half>", the only place the second half is.
second=$(sql "$db" "SELECT body FROM outbox WHERE subject_uuid = '$uuid'" | sed -n 's/^.*: \(.\{6\}\)$/\1/p' | head -1)

check "the demo made a sealed RAO identification" test -n "$uuid" -a ${#first} -eq 6 -a ${#second} -eq 6
check "spid token writes the token that was e-mailed" sh -c "
  '$ADMIN' --database '$db' spid token '$uuid' --output '$dir/token.txt' &&
  sql '$db' --blob \"SELECT attachment AS blob FROM outbox WHERE subject_uuid = '$uuid'\" > '$dir/sent.txt' &&
  cmp '$dir/token.txt' '$dir/sent.txt'"
check "spid open-token verifies the seal and prints the ICRequestData" sh -c "
  '$ADMIN' --database '$db' spid open-token '$dir/token.txt' --code '$first$second' > '$dir/request.json' &&
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r[\"info\"][\"id\"] == sys.argv[2]; assert r[\"spidAttributes\"][\"mandatoryAttributes\"][\"fiscalNumber\"].startswith(\"TINIT-\")' '$dir/request.json' '$uuid'"
fails "spid open-token refuses the halves swapped" 1 "$ADMIN" --database "$db" spid open-token "$dir/token.txt" --code "$second$first"
fails "spid open-token refuses a code that is not AgID's" 2 "$ADMIN" --database "$db" spid open-token "$dir/token.txt" --code "ABC"
check "an identity provider reads the token with both halves" /usr/bin/python3 "$IDP" "$dir/token.txt" --first "$first" --second "$second"
printf 'x' >> "$dir/token.txt"
fails "a token altered by one byte is refused" 1 "$ADMIN" --database "$db" spid open-token "$dir/token.txt" --code "$first$second"

before=$(sql "$db" "SELECT count(*) FROM outbox WHERE subject_uuid = '$uuid'")
check "spid resend queues the same e-mail again" sh -c "
  '$ADMIN' --database '$db' spid resend '$uuid' >/dev/null &&
  [ \"\$(sql '$db' \"SELECT count(*) FROM outbox WHERE subject_uuid = '$uuid'\")\" = $((before + 1)) ] &&
  [ \"\$(sql '$db' \"SELECT count(DISTINCT body || attachment) FROM outbox WHERE subject_uuid = '$uuid'\")\" = 1 ] &&
  [ \"\$(sql '$db' \"SELECT count(*) FROM outbox WHERE subject_uuid = '$uuid' AND sent_at IS NULL\")\" -ge 1 ]"
check "the resend is audited and the chain verifies" sh -c "
  [ \"\$(sql '$db' \"SELECT count(*) FROM audit WHERE action = 'spid-resend' AND subject_uuid = '$uuid'\")\" = 1 ] &&
  '$ADMIN' --database '$db' audit verify >/dev/null"

partner=$(sql "$db" "SELECT uuid FROM identifications WHERE channel = 'partner' ORDER BY id LIMIT 1")
fails "a partner-counter identification has no token" 1 "$ADMIN" --database "$db" spid token "$partner" --output "$dir/none.txt"
fails "an unknown identification is an error" 1 "$ADMIN" --database "$db" spid resend 00000000-0000-4000-8000-000000000000
fails "spid token without --output is a usage error" 2 "$ADMIN" --database "$db" spid token "$uuid"
fails "spid resend without a uuid is a usage error" 2 "$ADMIN" --database "$db" spid resend
finish
