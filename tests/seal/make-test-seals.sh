#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# make-test-seals.sh DIR — test seals for the comune's RAO seal (sp-seal.c)
#
# Makes, with openssl, certificates like the one AgID issues to a comune
# (RAO-TOKEN.md §5), signed by a throwaway test CA, and puts the good key on
# a SoftHSM2 token. Other tests reuse this script: the names below are
# stable. Everything lands in DIR (created if missing); nothing outside it
# is touched.
#
#   ca.pem                 the test CA ("Sportello Test CA") that signed the rest
#   good.p12               the good seal, PKCS#12, password "test": RSA-2048,
#                          valid from yesterday for two years, certificatePolicies
#                          1.3.76.16.4.1.1 with a user notice
#   good-cert.pem, good-cert.der, good-key.pem (PKCS#8, unencrypted)
#                          the same certificate and key, one per file
#   other-key.pem          an RSA-2048 key that is not good's
#   Bad seals, each PKCS#12 with password "test" and wrong in one way only,
#   with their certificates as NAME-cert.pem:
#   expired.p12            validity ended yesterday
#   not-yet-valid.p12      validity begins in a year
#   rsa1024.p12            an RSA-1024 key
#   ec.p12                 an ECDSA P-256 key (not RSA)
#   no-policy.p12          no certificatePolicies extension
#   no-notice.p12          1.3.76.16.4.1.1 with a CPS pointer but no user notice
#   wrong-policy.p12       a user notice under an OID that is not AgID's
#   mismatch.p12           good's certificate with other-key's key
#
#   softhsm2.conf          SoftHSM2's configuration: the token store is DIR/tokens
#   good.pkcs11-url        one line: the pkcs11: URI of good's key on the token
#                          (token "sportello-test", user PIN 1234, SO PIN 5678,
#                          key label "sportello-seal", id 01), as p11tool lists it
#   other.pkcs11-url       the same for other-key (label "sportello-other", id 02)
#
# Using the token: export SOFTHSM2_CONF=DIR/softhsm2.conf. On Debian 12 the
# softhsm2 package registers its module with p11-kit
# (/usr/share/p11-kit/modules/softhsm2.module), and GnuTLS 3.7 loads every
# module p11-kit knows when it first meets a pkcs11: URI, so nothing else is
# needed: no module-path= in the URI (GnuTLS 3.7 ignores it). A system
# without that file needs one like it, e.g. in ~/.config/pkcs11/modules/.
#
# Needs: openssl, softhsm2 (softhsm2-util), gnutls-bin (p11tool).
set -eu

dir=${1:?usage: make-test-seals.sh DIR}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
cd "$dir"
work=$dir/.ca
rm -rf "$work"
mkdir -p "$work/new"
: > "$work/index.txt"
echo 1000 > "$work/serial"

cat > "$work/ca.cnf" <<CNF
[ ca ]
default_ca = test_ca

[ test_ca ]
dir            = $work
database       = \$dir/index.txt
serial         = \$dir/serial
new_certs_dir  = \$dir/new
certificate    = $dir/ca.pem
private_key    = \$dir/ca-key.pem
default_md     = sha256
policy         = any
unique_subject = no
copy_extensions = none

[ any ]
commonName             = supplied
organizationName       = optional
organizationalUnitName = optional
countryName            = optional

[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = Sportello Test CA

[ ca_ext ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[ seal ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
certificatePolicies = @agid_policy

[ no_policy ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation

[ no_notice ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
certificatePolicies = @agid_policy_cps

[ wrong_policy ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
certificatePolicies = @other_policy

[ agid_policy ]
policyIdentifier = 1.3.76.16.4.1.1
CPS.1 = "https://www.agid.gov.it/"
userNotice.1 = @notice

[ agid_policy_cps ]
policyIdentifier = 1.3.76.16.4.1.1
CPS.1 = "https://www.agid.gov.it/"

[ other_policy ]
policyIdentifier = 1.3.6.1.4.1.99999.1
userNotice.1 = @notice

[ notice ]
explicitText = "Sigillo di prova per RAO pubblico: non rilasciato da AgID"
CNF

quiet() { "$@" >/dev/null 2>"$work/log" || { cat "$work/log" >&2; exit 1; }; }
stamp() { date -u -d "$1" +%Y%m%d%H%M%SZ; }

rsa_key() { quiet openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:$2" -out "$1"; }

quiet openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/ca-key.pem"
quiet openssl req -config "$work/ca.cnf" -new -x509 -key "$work/ca-key.pem" -days 3650 \
  -extensions ca_ext -out ca.pem

# NAME KEY EXTENSIONS START END: NAME-cert.pem signed by the CA.
issue() {
  local name=$1 key=$2 ext=$3 start=$4 end=$5
  quiet openssl req -new -key "$key" -subj "/CN=SPID-Adesione RAO pubblico/O=Comune di Prova ($name)/C=IT" \
    -out "$work/$name.csr"
  quiet openssl ca -batch -config "$work/ca.cnf" -extensions "$ext" -notext \
    -startdate "$(stamp "$start")" -enddate "$(stamp "$end")" \
    -in "$work/$name.csr" -out "$name-cert.pem"
}

# NAME KEY: NAME.p12 from NAME-cert.pem and KEY.
pack() {
  quiet openssl pkcs12 -export -passout pass:test -name "$1" \
    -inkey "$2" -in "$1-cert.pem" -certfile ca.pem -out "$1.p12"
}

rsa_key good-key.pem 2048
rsa_key other-key.pem 2048
rsa_key "$work/rsa1024-key.pem" 1024
quiet openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/ec-key.pem"

issue good good-key.pem seal '-1 day' '+2 years'
pack good good-key.pem
quiet openssl x509 -in good-cert.pem -outform DER -out good-cert.der

issue expired good-key.pem seal '-2 years' '-1 day';          pack expired good-key.pem
issue not-yet-valid good-key.pem seal '+1 year' '+3 years';   pack not-yet-valid good-key.pem
issue rsa1024 "$work/rsa1024-key.pem" seal '-1 day' '+2 years'; pack rsa1024 "$work/rsa1024-key.pem"
issue ec "$work/ec-key.pem" seal '-1 day' '+2 years';         pack ec "$work/ec-key.pem"
issue no-policy good-key.pem no_policy '-1 day' '+2 years';   pack no-policy good-key.pem
issue no-notice good-key.pem no_notice '-1 day' '+2 years';   pack no-notice good-key.pem
issue wrong-policy good-key.pem wrong_policy '-1 day' '+2 years'; pack wrong-policy good-key.pem

# openssl refuses to pack a key with a certificate that is not its own, so
# the mismatched file is packed by GnuTLS's certtool, which does not check.
cp good-cert.pem mismatch-cert.pem
quiet certtool --to-p12 --p12-name mismatch --password test --outder \
  --load-privkey other-key.pem --load-certificate mismatch-cert.pem --outfile mismatch.p12

# The SoftHSM2 token.
rm -rf tokens
mkdir -p tokens
cat > softhsm2.conf <<CONF
directories.tokendir = $dir/tokens
objectstore.backend = file
log.level = ERROR
slots.removable = false
CONF
export SOFTHSM2_CONF=$dir/softhsm2.conf
quiet softhsm2-util --init-token --free --label sportello-test --pin 1234 --so-pin 5678
quiet softhsm2-util --import good-key.pem --token sportello-test --label sportello-seal --id 01 --pin 1234
quiet softhsm2-util --import other-key.pem --token sportello-test --label sportello-other --id 02 --pin 1234

# The URIs as GnuTLS itself sees the keys (p11-kit loads SoftHSM2's module).
list_url() {
  GNUTLS_PIN=1234 p11tool --login --only-urls --list-privkeys "pkcs11:token=sportello-test;object=$1" \
    2>"$work/log" | grep '^pkcs11:' | head -1
}
for pair in good:sportello-seal other:sportello-other; do
  url=$(list_url "${pair#*:}")
  [ -n "$url" ] || { cat "$work/log" >&2; echo "make-test-seals.sh: p11tool does not see ${pair#*:}" >&2; exit 1; }
  printf '%s\n' "$url" > "${pair%%:*}.pkcs11-url"
done

rm -rf "$work"
