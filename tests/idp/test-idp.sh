#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# test-idp.sh — sealed tokens read the way an identity provider reads them
#
# make-tokens (Sportello's code) seals a token for each case of cases.json
# with the test seal of tests/seal/make-test-seals.sh, from its PKCS#12
# file or from its SoftHSM2 token; idp_read_token.py (python3-jwcrypto and
# python3-cryptography only) then verifies and opens each one and compares
# it with the case's ICRequestData written out by hand. Then the reader
# must refuse what an IdP refuses. Prints TAP.
set -u
here=$(cd "$(dirname "$0")" && pwd)
MAKE_TOKENS=${MAKE_TOKENS:?}
PYTHON=${PYTHON:-/usr/bin/python3}
reader=$here/idp_read_token.py
. "$here/../cli/tap.sh"

seals=$dir/seals out=$dir/tokens
check "test seals made (openssl, SoftHSM2)" bash "$here/../seal/make-test-seals.sh" "$seals"
check "tokens sealed for every case" "$MAKE_TOKENS" "$here/cases.json" "$seals" "$out"
cp "$dir/out" "$dir/names"
mapfile -t names < "$dir/names"

expected_cases=$("$PYTHON" -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["cases"]))' "$here/cases.json")
check "one token per case (${#names[@]} of $expected_cases)" test "${#names[@]}" -eq "$expected_cases" -a "$expected_cases" -ge 7

read_case() { # name, extra arguments…
  local name=$1; shift
  "$PYTHON" "$reader" "$out/$name.token" --first "$(cat "$out/$name.first")" \
    --second "$(cat "$out/$name.second")" --ca "$seals/ca.pem" "$@"
}

for name in "${names[@]}"; do
  check "$name: the IdP verifies, opens and reads every key" \
    read_case "$name" --expect "$out/$name.expected.json"
done

# What the reader printed is the ICRequestData, with the codes of §2.
first=${names[0]}
read_case "$first" > "$dir/request.json" 2>/dev/null
check "the reader prints the ICRequestData" grep -q '"idCardIssuer": "comuneRoma"' "$dir/request.json"

# Refusals: the reader is no rubber stamp.
a=$(cat "$out/$first.first") b=$(cat "$out/$first.second")
changed=$(printf '%s' "$b" | sed 's/^./'"$( [ "${b:0:1}" = A ] && echo B || echo A )"'/')
fails "the halves swapped do not open it" 1 \
  "$PYTHON" "$reader" "$out/$first.token" --first "$b" --second "$a"
fails "one character changed does not open it" 1 \
  "$PYTHON" "$reader" "$out/$first.token" --first "$a" --second "$changed"
fails "a half from another case does not open it" 1 \
  "$PYTHON" "$reader" "$out/$first.token" --first "$a" --second "$(cat "$out/${names[1]}.second")"

# flip FILE OFFSET-FROM-DOT-N: one base64url character changed.
flip() {
  "$PYTHON" - "$1" "$2" "$3" <<'PY'
import sys
path, part, offset = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
token = open(path).read().strip()
parts = token.split(".")
p = parts[part]
c = "B" if p[offset] == "A" else "A"
parts[part] = p[:offset] + c + p[offset + 1:]
print(".".join(parts))
PY
}
for spec in "header 0 10" "claims 1 60" "signature 2 20"; do
  set -- $spec
  flip "$out/$first.token" "$2" "$3" > "$dir/altered.token"
  fails "a character of the $1 altered: refused" 1 \
    "$PYTHON" "$reader" "$dir/altered.token" --first "$a" --second "$b"
done

# The claims of one case under the signature of another.
"$PYTHON" - "$out/$first.token" "$out/${names[1]}.token" > "$dir/spliced.token" <<'PY'
import sys
x = open(sys.argv[1]).read().strip().split(".")
y = open(sys.argv[2]).read().strip().split(".")
print(".".join([x[0], y[1], x[2]]))
PY
fails "another token's claims under this seal: refused" 1 \
  "$PYTHON" "$reader" "$dir/spliced.token" --first "$(cat "$out/${names[1]}.first")" \
  --second "$(cat "$out/${names[1]}.second")"

# A wrong expectation is reported.
sed 's/"comuneRoma"/"comuneRimini"/' "$out/$first.expected.json" > "$dir/wrong.json"
fails "a different idCardIssuer expected: reported" 1 \
  read_case "$first" --expect "$dir/wrong.json"
check "…naming the key" grep -q 'idCardIssuer' "$dir/last-err"

# A seal from another CA.
"$PYTHON" - "$dir/other-ca.pem" <<'PY'
import datetime, sys
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Sportello Test CA")])
now = datetime.datetime.utcnow()
cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256()))
open(sys.argv[1], "wb").write(cert.public_bytes(serialization.Encoding.PEM))
PY
fails "a seal not issued by the trusted CA: refused" 1 \
  "$PYTHON" "$reader" "$out/$first.token" --first "$a" --second "$b" --ca "$dir/other-ca.pem"

finish
