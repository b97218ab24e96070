#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# sportello-admin spid seal: import from PKCS#12 refused for each of AgID's
# reasons and accepted, show and show --json, the key on a SoftHSM2 token,
# every import audited and the key never in the database in clear. Seals
# made by tests/seal/make-test-seals.sh. Prints TAP.
set -u
ADMIN=${SPORTELLO_ADMIN:?}
. "$(dirname "$0")/tap.sh"
db=$(new_db sportello) || exit 1
seals="$dir/seals"

A() { "$ADMIN" --database "$db" "$@"; }
rows() { sql "$db" "$1"; }
# An import refused: exit 1, the reason on stderr, no seal and no audit row more.
refused() { # description, p12 name, message
  local what=$1 name=$2 message=$3
  check "$what" bash -c "
    before=\$(sql '$db' 'SELECT count(*) FROM seals; SELECT count(*) FROM audit')
    echo test | '$ADMIN' --database '$db' spid seal import '$seals/$name.p12' --password-stdin 2>'$dir/refused'; code=\$?
    cat '$dir/refused' >&2
    [ \$code -eq 1 ] && grep -qF -- \"$message\" '$dir/refused' &&
    [ \"\$(sql '$db' 'SELECT count(*) FROM seals; SELECT count(*) FROM audit')\" = \"\$before\" ]"
}
json() { # python expression over the JSON in $dir/out.json, as j
  python3 -c "import json, sys; j = json.load(open('$dir/out.json')); sys.exit(0 if ($1) else 1)"
}

check "the test seals are made" "$(dirname "$0")/../seal/make-test-seals.sh" "$seals"
export SOFTHSM2_CONF="$seals/softhsm2.conf"

echo 'Correct-Horse-7' | "$ADMIN" --database "$db" init --comune Cesena --desk 'Sportello 1' \
  --admin admin --admin-name 'Anna A' --password-stdin >/dev/null

fails "show without a seal fails" 1 A spid seal show
check "… and says how to set one" grep -q 'No RAO seal is set.*spid seal import' "$dir/last-err"
fails "show --demo without a demo seal fails" 1 A spid seal show --demo
fails "import without --password-stdin is a usage error" 2 A spid seal import "$seals/good.p12"
fails "pkcs11 without --certificate is a usage error" 2 A spid seal pkcs11 "$(cat "$seals/good.pkcs11-url")"
fails "--store-pin without --pin-stdin is a usage error" 2 \
  A spid seal pkcs11 "$(cat "$seals/good.pkcs11-url")" --certificate "$seals/good-cert.pem" --store-pin
fails "a seal is a subcommand" 2 A spid seal export

refused "an expired certificate is refused" expired 'expired on'
refused "a certificate not yet valid is refused" not-yet-valid 'valid only from'
refused "RSA-1024 is refused" rsa1024 'has 1024 bits'
refused "an EC key is refused" ec 'is not RSA'
refused "a certificate without policies is refused" no-policy 'names no policy'
refused "AgID's policy without a user notice is refused" no-notice 'without the user notice'
refused "a user notice under another policy is refused" wrong-policy "none of AgID's seal policies"
refused "a key that is not the certificate's is refused" mismatch 'does not belong to the seal certificate'
check "a wrong password is refused" bash -c "
  echo wrong | '$ADMIN' --database '$db' spid seal import '$seals/good.p12' --password-stdin 2>'$dir/e'; [ \$? -eq 1 ] &&
  grep -q 'password of the PKCS#12 file is wrong' '$dir/e'"
check "a file that is not PKCS#12 is refused" bash -c "
  echo test | '$ADMIN' --database '$db' spid seal import '$seals/good-cert.pem' --password-stdin 2>'$dir/e'; [ \$? -eq 1 ] &&
  grep -q 'not a PKCS#12' '$dir/e'"

check "the good seal is imported" bash -c "echo test | '$ADMIN' --database '$db' spid seal import '$seals/good.p12' --password-stdin"
check "show names subject, issuer, policy and where the key is" bash -c "
  '$ADMIN' --database '$db' spid seal show > '$dir/show' &&
  grep -qx 'Subject: C=IT,O=Comune di Prova (good),CN=SPID-Adesione RAO pubblico' '$dir/show' &&
  grep -qx 'Issuer: CN=Sportello Test CA' '$dir/show' &&
  grep -qx 'Policies: 1.3.76.16.4.1.1' '$dir/show' &&
  grep -qx 'Key: RSA, 2048 bits' '$dir/show' &&
  grep -q '^Key location: .*encrypted' '$dir/show' && ! grep -q DEMO '$dir/show'"
check "show --json" bash -c "'$ADMIN' --database '$db' spid seal show --json > '$dir/out.json'"
check "… has the certificate's facts" json "j['kind'] == 'file' and j['demo'] is False and j['usable'] is True
  and j['policies'] == ['1.3.76.16.4.1.1'] and j['key_bits'] == 2048 and 725 <= j['days_left'] <= 731
  and j['subject'].endswith('CN=SPID-Adesione RAO pubblico') and j['issuer'] == 'CN=Sportello Test CA'
  and j['not_after'].endswith('Z') and j['problem'] is None"
check "… and the serial openssl reads" bash -c "
  serial=\$(openssl x509 -in '$seals/good-cert.pem' -noout -serial | cut -d= -f2 | tr A-F a-f)
  python3 -c \"import json, sys; sys.exit(json.load(open('$dir/out.json'))['serial'].lstrip('0') != '\$serial'.lstrip('0'))\""
sql "$db" .dump > "$dir/dump.sql"
check "the key is not in the database in clear" python3 -c "
import subprocess, sys
der = subprocess.run(['openssl', 'pkey', '-in', '$seals/good-key.pem', '-outform', 'DER'],
                     capture_output=True, check=True).stdout
import glob
# The database's files (SQLite) and its dump as text (both engines: blobs
# in hex there).
data = b''.join(open(f, 'rb').read() for f in glob.glob('$db*') + ['$dir/dump.sql'])
hexed = data.lower()
# the whole PKCS#8, and its last bytes: the CRT coefficient, private
assert der not in data and der[-64:] not in data and b'PRIVATE KEY' not in data
assert der.hex().encode() not in hexed and der[-64:].hex().encode() not in hexed
sys.exit(0)"
check "the import is audited, without the key" bash -c "
  d=\$(sql '$db' \"SELECT details FROM audit WHERE action = 'spid-seal-import'\")
  echo \"\$d\" | grep -q '\"kind\":\"file\"' && echo \"\$d\" | grep -q 'SPID-Adesione RAO pubblico' &&
  echo \"\$d\" | grep -q '\"not_after\"' && ! echo \"\$d\" | grep -qi 'key\"'"
check "show prints no key" bash -c "
  ! { '$ADMIN' --database '$db' spid seal show; '$ADMIN' --database '$db' spid seal show --json; } |
    grep -q 'PRIVATE\|BEGIN'"
refused "a refused import afterwards changes nothing" expired 'expired on'
check "… and the good seal stays" bash -c "[ \$(sql '$db' 'SELECT count(*) FROM seals WHERE retired_at IS NULL') -eq 1 ] &&
  '$ADMIN' --database '$db' spid seal show | grep -q 'Key location: .*encrypted'"

url=$(cat "$seals/good.pkcs11-url")
check "the key on the token, wrong PIN, is refused" bash -c "
  echo 9999 | '$ADMIN' --database '$db' spid seal pkcs11 '$url' --certificate '$seals/good-cert.pem' --pin-stdin 2>'$dir/e'
  [ \$? -eq 1 ] && grep -q 'refused the PIN' '$dir/e'"
check "the token without a PIN is refused, saying it wants one" bash -c "
  '$ADMIN' --database '$db' spid seal pkcs11 '$url' --certificate '$seals/good-cert.pem' 2>'$dir/e' </dev/null
  [ \$? -eq 1 ] && grep -q 'asks for its PIN' '$dir/e'"
check "another key on the token is refused for the certificate" bash -c "
  echo 1234 | '$ADMIN' --database '$db' spid seal pkcs11 '$(cat "$seals/other.pkcs11-url")' \
    --certificate '$seals/good-cert.der' --pin-stdin 2>'$dir/e'
  [ \$? -eq 1 ] && grep -q 'does not belong' '$dir/e'"
check "a URI that names no key is refused" bash -c "
  echo 1234 | '$ADMIN' --database '$db' spid seal pkcs11 'pkcs11:token=sportello-test;object=none;type=private' \
    --certificate '$seals/good-cert.pem' --pin-stdin 2>'$dir/e'
  [ \$? -eq 1 ] && grep -q 'No key on a connected token' '$dir/e'"
check "an address that is not pkcs11: is refused" bash -c "
  echo 1234 | '$ADMIN' --database '$db' spid seal pkcs11 '$seals/good.p12' --certificate '$seals/good-cert.pem' \
    --pin-stdin 2>'$dir/e'; [ \$? -eq 1 ] && grep -q 'not a PKCS#11 URI' '$dir/e'"
check "the refusals left the file seal current" bash -c "
  [ \$(sql '$db' 'SELECT count(*) FROM seals') -eq 1 ] &&
  [ \$(sql '$db' \"SELECT count(*) FROM audit WHERE action = 'spid-seal-import'\") -eq 1 ]"
check "the key on the token, with its PIN kept" bash -c "
  echo 1234 | '$ADMIN' --database '$db' spid seal pkcs11 '$url' --certificate '$seals/good-cert.pem' --pin-stdin --store-pin"
check "it retired the file seal" bash -c "
  [ \$(sql '$db' 'SELECT count(*) FROM seals') -eq 2 ] &&
  [ \"\$(sql '$db' 'SELECT kind FROM seals WHERE retired_at IS NULL')\" = pkcs11 ] &&
  [ \"\$(sql '$db' \"SELECT count(*) FROM seals WHERE kind = 'file' AND retired_at IS NOT NULL\")\" = 1 ]"
check "show --json says where the key is, no PIN" bash -c "
  '$ADMIN' --database '$db' spid seal show --json > '$dir/out.json' && ! grep -q 'pin-value\|1234' '$dir/out.json'"
check "… the token's URI" json "j['kind'] == 'pkcs11' and j['key_location'] == open('$seals/good.pkcs11-url').read().strip()"
check "the PIN is kept, not in clear" bash -c "
  [ \"\$(sql '$db' \"SELECT count(*) FROM seals WHERE kind = 'pkcs11' AND length(pin) > 4\")\" = 1 ] &&
  sql '$db' \"SELECT details FROM audit WHERE action = 'spid-seal-import' ORDER BY id DESC LIMIT 1\" |
    grep -q '\"pin_kept\":true'"
check "a PIN in the URI is taken out of it" bash -c "
  '$ADMIN' --database '$db' spid seal pkcs11 '$url?pin-value=1234' --certificate '$seals/good-cert.pem' </dev/null &&
  [ \"\$(sql '$db' 'SELECT pkcs11_url FROM seals WHERE retired_at IS NULL')\" = '$url' ] &&
  [ \"\$(sql '$db' 'SELECT count(*) FROM seals WHERE retired_at IS NULL AND pin IS NULL')\" = 1 ] &&
  ! sql '$db' .dump | grep -q 'pin-value'"
check "three imports, three audit rows" bash -c "
  [ \$(sql '$db' \"SELECT count(*) FROM audit WHERE action = 'spid-seal-import'\") -eq 3 ]"
check "the audit trail holds" A audit verify

finish
