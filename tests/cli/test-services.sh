#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# sportello-admin services: the other counter services, as the IT office
# edits them. Prints TAP.
set -u
ADMIN=${SPORTELLO_ADMIN:?}
. "$(dirname "$0")/tap.sh"
db=$(new_db sportello) || exit 1

# Conditions run with eval, in this shell: they may use these helpers.
services() { "$ADMIN" --database "$db" services "$@"; }
# The services as "code:shortcut:active" in their order, on one line.
order() { services list --json | python3 -c '
import json, sys
print(" ".join("%s:%s:%d" % (s["code"], s["shortcut"] or "-", s["active"]) for s in json.load(sys.stdin)))'; }
audit_rows() { sql "$db" "SELECT count(*) FROM audit WHERE action LIKE 'counter-service-%'"; }

echo 'Correct-Horse-7' | "$ADMIN" --database "$db" init --comune Cesena --desk 'Sportello 1' \
  --admin admin --admin-name 'Anna A' --password-stdin >/dev/null

check "list shows the five built-in services with their shortcuts" eval '
  services list > "$dir/list" && [ $(wc -l < "$dir/list") -eq 5 ] &&
  grep -Eq "^certificate +Ctrl\+1 +active +Registry certificate$" "$dir/list"'
check "add a service with a shortcut; the code is made lower case" eval \
  'services add Tributi "Ufficio tributi" --shortcut 6 | grep -q "Added “Ufficio tributi” (tributi)"'
check "it comes last, with Ctrl+6" eval '[ "$(order | awk "{print \$NF}")" = tributi:6:1 ]'
fails "a shortcut already used is refused" 1 services add passports Passports --shortcut 3
check "… saying which service has it" eval 'grep -q "Ctrl+3 is already used by “Civil status record”" "$dir/last-err"'
fails "a code already used is refused, in any case" 1 services add CERTIFICATE Certificates
fails "a name already used is refused" 1 services add info2 information
fails "a code with a space is refused" 1 services add 'two words' 'Two words'
fails "an empty name is refused" 1 services add empty '   '
check "refused additions left the list as it was" eval '[ $(services list | wc -l) -eq 6 ] && [ $(audit_rows) -eq 1 ]'
check "rename" services rename tributi 'Tributi e tasse'
check "the new name is listed" eval 'services list | grep -q "^tributi .*Tributi e tasse$"'
check "move up" services move tributi up
check "the order follows" eval 'order | grep -q "signature:4:1 tributi:6:1 information:5:1$"'
fails "the first cannot move up" 1 services move certificate up
fails "move takes up or down" 2 services move tributi sideways
check "disable frees the shortcut" eval 'services disable information && order | grep -q "information:-:0"'
check "its key serves another service" services shortcut tributi 5
check "shortcut none" eval 'services shortcut certificate none && order | grep -q "^certificate:-:1"'
fails "an inactive service takes no shortcut" 1 services shortcut information 7
fails "a shortcut out of range is a usage error" 2 services shortcut tributi 10
check "enable brings it back, without a shortcut" eval 'services enable information && order | grep -q "information:-:1"'
fails "an unknown code fails" 1 services rename nonsense Anything
fails "an unknown subcommand is a usage error" 2 services frobnicate
fails "a missing name is a usage error" 2 services add lonely
check "each of the 7 edits is one audit row, and the chain verifies" eval \
  '[ $(audit_rows) -eq 7 ] && "$ADMIN" --database "$db" audit verify'
check "the help lists the command" eval '"$ADMIN" --help | grep -q "^  services "'

finish
