#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# sportello-admin cf / mrz / places as the IT office and scripts use them.
# Prints TAP.
set -u
ADMIN=${SPORTELLO_ADMIN:?}
. "$(dirname "$0")/tap.sh"
db=$(new_db sportello) || exit 1

expect() { # description, expected exit code, expected text on stdout ('' for none), command…
  local what=$1 code=$2 text=$3; shift 3
  n=$((n + 1))
  "$@" >"$dir/out" 2>"$dir/err"; local got=$?
  if [ "$got" -eq "$code" ] && { [ -z "$text" ] || grep -qF -- "$text" "$dir/out" "$dir/err"; }; then
    echo "ok $n $what"
  else
    echo "not ok $n $what (exit $got, expected $code${text:+, looking for $text})"
    sed 's/^/# /' "$dir/out" "$dir/err"
    failed=$((failed + 1))
  fi
}

expect "a valid code: exit 0 and its data" 0 '"birth_date":"1985-12-10"' \
  "$ADMIN" --database "$db" cf check RSSMRA85T10A562S
expect "the birth place is decoded" 0 '"place_name":"SAN GIULIANO TERME"' \
  "$ADMIN" --database "$db" cf check rssmra85t10a562s
expect "a wrong check character is named" 1 'The check character should be S' \
  "$ADMIN" --database "$db" cf check RSSMRA85T10A562X
expect "one invalid among valid ones: exit 1" 1 '"valid":false' \
  "$ADMIN" --database "$db" cf check RSSMRA85T10A562S RSSMRA85Z10A562S
expect "omocodia is recognised with its base code" 0 '"omocodia_level":1' \
  "$ADMIN" --database "$db" cf check RSSMRA85T10A56NH
expect "no code at all is a usage error" 2 '' \
  "$ADMIN" --database "$db" cf check
expect "compute with apostrophe and two names" 0 'DNGMLS90C55A952O' \
  "$ADMIN" --database "$db" cf compute --surname "D'Angelo" --name "Maria Luisa" --sex F --birth-date 1990-03-15 --birth-place Bolzano
expect "compute by German name" 0 'DNGMLS90C55A952O' \
  "$ADMIN" --database "$db" cf compute --surname "D’Angelo" --name "Maria Luisa" --sex F --birth-date 1990-03-15 --birth-place Bozen
expect "an ambiguous place is explained" 1 'could be several places' \
  "$ADMIN" --database "$db" cf compute --surname Rossi --name Mario --sex M --birth-date 1990-03-15 --birth-place Castro
expect "an unknown place is explained" 1 '' \
  "$ADMIN" --database "$db" cf compute --surname Rossi --name Mario --sex M --birth-date 1990-03-15 --birth-place Atlantide
expect "a foreign state by name" 0 'Z' \
  "$ADMIN" --database "$db" cf compute --surname Müller --name Jürgen --sex M --birth-date 1970-01-01 --birth-place Germania
printf 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n' > "$dir/td3"
expect "mrz parse of a TD3 passport" 0 '"surname":"ERIKSSON"' sh -c "'$ADMIN' --database '$db' mrz parse < '$dir/td3'"
sed 's/7408122F/7408123F/' "$dir/td3" > "$dir/bad"
expect "a bad check digit names the field" 1 'birth' sh -c "'$ADMIN' --database '$db' mrz parse < '$dir/bad'"
expect "places find is accent- and language-insensitive" 0 'BOLZANO / BOZEN' \
  "$ADMIN" --database "$db" places find bozen
printf 'garbage,not,anpr\n1,2,3\n' > "$dir/bad.csv"
expect "a malformed place list is refused" 1 '' "$ADMIN" --database "$db" places import "$dir/bad.csv"

finish
