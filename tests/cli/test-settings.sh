#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# sportello-admin settings: list, get, set, unset; checked values, secrets
# out of reach, every change audited and read by the commands. Prints TAP.
set -u
ADMIN=${SPORTELLO_ADMIN:?}
. "$(dirname "$0")/tap.sh"
db=$(new_db sportello) || exit 1

A() { "$ADMIN" --database "$db" "$@"; }
# A refused change: exit 1, a message on stderr, the value as it was.
refused() { # description, key, value, message
  local what=$1 key=$2 value=$3 message=$4
  check "$what" bash -c "
    before=\$('$ADMIN' --database '$db' settings get '$key')
    '$ADMIN' --database '$db' settings set '$key' '$value' 2>'$dir/refused'; code=\$?
    cat '$dir/refused' >&2
    [ \$code -eq 1 ] && grep -qF -- '$message' '$dir/refused' &&
    [ \"\$('$ADMIN' --database '$db' settings get '$key')\" = \"\$before\" ]"
}

echo 'Correct-Horse-7' | "$ADMIN" --database "$db" init --comune Cesena --desk 'Sportello 1' \
  --admin admin --admin-name 'Anna A' --password-stdin >/dev/null

check "list shows the defaults, marked" bash -c "
  '$ADMIN' --database '$db' settings list > '$dir/list' &&
  grep -qx 'export.csv_separator: ; (default)' '$dir/list' &&
  grep -qx 'retention.months: 24 (default)' '$dir/list' &&
  grep -qx 'auth.lockout_minutes: 15 (default)' '$dir/list' &&
  grep -qx 'comune.name: Cesena' '$dir/list' &&
  grep -q 'Separator of CSV exports' '$dir/list'"
check "list has no secret" bash -c "! grep -Eq '^(smtp.password|installation.secret|audit.head):' '$dir/list'"
check "get gives the default when unset" bash -c "[ \"\$('$ADMIN' --database '$db' settings get export.csv_separator)\" = ';' ]"
check "CSV with semicolons by default" bash -c "
  '$ADMIN' --database '$db' report --from 2026-03-01 --to 2026-03-31 --format csv | head -1 | grep -q '^group;label;'"

check "set the separator to a comma" A settings set export.csv_separator ,
check "get gives the comma" bash -c "[ \"\$('$ADMIN' --database '$db' settings get export.csv_separator)\" = ',' ]"
check "list shows it, not as a default" bash -c "'$ADMIN' --database '$db' settings list | grep -qx 'export.csv_separator: ,'"
check "the report's CSV then uses commas" bash -c "
  '$ADMIN' --database '$db' report --from 2026-03-01 --to 2026-03-31 --format csv > '$dir/r.csv' &&
  head -1 '$dir/r.csv' | grep -q '^group,label,spid_completed,' && ! grep -q ';' '$dir/r.csv'"
check "the change is audited by key, without the value" bash -c "
  sql '$db' \"SELECT details FROM audit WHERE action = 'settings'\" | grep -qx '{\"keys\":\[\"export.csv_separator\"\]}'"

refused "a tab is not a separator" export.csv_separator "$(printf '\t')" 'The CSV separator is either'
refused "retention above 120 months is refused" retention.months 121 'not a whole number from 0 to 120'
refused "retention in words is refused" retention.months twelve 'not a whole number from 0 to 120'
refused "lockout of 0 minutes is refused" auth.lockout_minutes 0 'from 1 to 1440'
refused "30 February is not a patron's day" calendar.patron_day 02-30 'MM-DD'
refused "an IPA code with a dash is refused" comune.ipa c-i304 'IPA code'
refused "port 70000 is refused" smtp.port 70000 'from 1 to 65535'
check "the comune's name cannot be unset" bash -c "
  ! '$ADMIN' --database '$db' settings unset comune.name 2>'$dir/e' && grep -q 'cannot be left empty' '$dir/e' &&
  [ \"\$('$ADMIN' --database '$db' settings get comune.name)\" = Cesena ]"
fails "an unknown key is an error" 1 A settings get export.separator
check "… and says so" grep -q 'is not a setting' "$dir/last-err"
check "the SMTP password cannot be written" bash -c "
  '$ADMIN' --database '$db' settings set smtp.password x 2>'$dir/e'; [ \$? -eq 1 ] && grep -q 'is not a setting' '$dir/e' &&
  [ -z \"\$(sql '$db' \"SELECT value FROM settings WHERE key = 'smtp.password'\")\" ]"
check "the installation secret cannot be read" bash -c "
  '$ADMIN' --database '$db' settings get installation.secret >'$dir/o' 2>'$dir/e'; [ \$? -eq 1 ] && [ ! -s '$dir/o' ]"
fails "a missing argument is a usage error" 2 A settings set retention.months
check "refusals wrote no audit row" bash -c "[ \$(sql '$db' \"SELECT count(*) FROM audit WHERE action = 'settings'\") -eq 1 ]"

check "retention of 0 months" A settings set retention.months 0
check "retention apply --dry-run says retention is off" bash -c "
  '$ADMIN' --database '$db' retention apply --dry-run | grep -q 'Retention is off'"
check "unset brings the default back" bash -c "
  '$ADMIN' --database '$db' settings unset retention.months &&
  '$ADMIN' --database '$db' settings list | grep -qx 'retention.months: 24 (default)' &&
  '$ADMIN' --database '$db' retention apply --dry-run | grep -q 'Would erase'"
check "the patron's day from calendar patron is a setting too" bash -c "
  '$ADMIN' --database '$db' calendar patron 11-11 'San Martino' &&
  [ \"\$('$ADMIN' --database '$db' settings get calendar.patron_day)\" = 11-11 ] &&
  [ \"\$('$ADMIN' --database '$db' settings get calendar.patron_name)\" = 'San Martino' ]"
check "the audit trail holds" A audit verify

finish
