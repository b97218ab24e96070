#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""idp_read_token.py — read a RAO pubblico sealed token as an identity provider does

An independent reader of AgID's token (../shared/RAO-TOKEN.md §2–4), written
with Debian's python3-jwcrypto and python3-cryptography and nothing of
Sportello's own code: a test that decrypts with the code that encrypted
proves nothing.

    idp_read_token.py TOKEN_FILE --first HALF --second HALF
                      [--expect EXPECTED.json] [--ca CA.pem]

Checks, in order: the token is one line of three base64url parts; the
header is exactly {typ JWT, alg RS256, x5c [one certificate in standard
base64]}; the RS256 signature verifies with that certificate's RSA key;
(--ca) the certificate was issued by CA, is within its validity and holds
one of AgID's RAO policy OIDs with a user notice; the claims are exactly
iss sub jti iat exp fiscalNumber encryptedData with their types, iss the
base64 of an IPA code and an operator id, exp = iat + 30 days; the
encryptedData is a compact JWE (dir, A256CBC-HS512) that opens with the key
SHA-512(first half + second half) and does NOT open with the halves
swapped nor with any one character of the code changed; the ICRequestData
has every key of §2, each with its type and code format, and agrees with
the claims; (--expect) it equals EXPECTED.json key by key.

Prints the ICRequestData as JSON and exits 0; on the first failure prints
"idp_read_token: …" on stderr and exits 1.
"""

import argparse
import base64
import binascii
import datetime
import hashlib
import json
import re
import sys
import uuid

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from jwcrypto import jwe, jwk
from jwcrypto.common import JWException

VALIDITY = 2592000   # 30 days
ALPHABET = "ABCDEFGHIJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789!$?#=*+-.:"
AGID_POLICIES = {"1.3.76.16.4.1.1", "1.3.76.16.4.5", "1.3.76.16.4.12",
                 "1.3.76.16.4.2.4", "1.3.76.16.4.21"}
CLAIMS = {"iss", "sub", "jti", "iat", "exp", "fiscalNumber", "encryptedData"}
ID_CARD_TYPES = {"cartaIdentita", "passaporto", "patenteGuida"}
ISSUER_KINDS = ("comune", "questura", "prefettura", "motorizzazione",
                "consolato", "ambasciata")
ADDRESS_TYPES = {"Via", "Viale", "Vicolo", "Strada", "Piazza", "Piazzale",
                 "Largo", "Corso", "Contrada", "Altro"}

B64URL = re.compile(r"[A-Za-z0-9_-]+")
B64STD = re.compile(r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
BELFIORE = re.compile(r"[A-Y]\d{3}")
STATE = re.compile(r"Z\d{3}")
SIGLA = re.compile(r"[A-Z]{2}")


class Refused(Exception):
    """The token is not what an identity provider accepts."""


def require(condition, message):
    if not condition:
        raise Refused(message)


def b64url_decode(part, what):
    require(B64URL.fullmatch(part) is not None and len(part) % 4 != 1,
            f"{what} is not base64url without padding")
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def b64std_decode(text, what):
    require(isinstance(text, str) and text != "" and B64STD.fullmatch(text) is not None,
            f"{what} is not standard base64 with padding")
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error as error:
        raise Refused(f"{what} is not standard base64: {error}") from error


def json_object(data, what):
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise Refused(f"{what} is not JSON: {error}") from error
    require(isinstance(value, dict), f"{what} is not a JSON object")
    return value


def is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def check_header(header):
    require(set(header) == {"typ", "alg", "x5c"},
            f"header keys are {sorted(header)}, not typ alg x5c")
    require(header["typ"] == "JWT", "header typ is not JWT")
    require(header["alg"] == "RS256", "header alg is not RS256")
    chain = header["x5c"]
    require(isinstance(chain, list) and len(chain) == 1,
            "x5c does not hold exactly one certificate")
    der = b64std_decode(chain[0], "x5c[0]")
    try:
        return x509.load_der_x509_certificate(der)
    except ValueError as error:
        raise Refused(f"x5c[0] is not a DER certificate: {error}") from error


def verify_signature(certificate, signing_input, signature):
    key = certificate.public_key()
    require(isinstance(key, rsa.RSAPublicKey), "the x5c certificate has no RSA key")
    try:
        key.verify(signature, signing_input, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature as error:
        raise Refused("the RS256 signature does not verify with the x5c certificate") from error


def check_certificate(certificate, ca_file):
    with open(ca_file, "rb") as f:
        ca = x509.load_pem_x509_certificate(f.read())
    require(certificate.issuer == ca.subject, "the seal certificate was not issued by the CA")
    try:
        ca.public_key().verify(certificate.signature, certificate.tbs_certificate_bytes,
                               padding.PKCS1v15(), certificate.signature_hash_algorithm)
    except InvalidSignature as error:
        raise Refused("the seal certificate's signature is not the CA's") from error
    now = datetime.datetime.utcnow()
    require(certificate.not_valid_before <= now <= certificate.not_valid_after,
            "the seal certificate is not within its validity")
    try:
        policies = certificate.extensions.get_extension_for_class(x509.CertificatePolicies).value
    except x509.ExtensionNotFound as error:
        raise Refused("the seal certificate has no certificatePolicies") from error
    require(any(p.policy_identifier.dotted_string in AGID_POLICIES and
                any(isinstance(q, x509.UserNotice) for q in (p.policy_qualifiers or []))
                for p in policies),
            "the seal certificate has none of AgID's policies with a user notice")


def check_claims(claims):
    require(set(claims) == CLAIMS, f"claims are {sorted(claims)}, not {sorted(CLAIMS)}")
    iss = claims["iss"]
    require(isinstance(iss, str) and iss.count(".") == 1, "iss is not two base64 parts")
    code_b64, operator_b64 = iss.split(".")
    try:
        issuer_code = b64std_decode(code_b64, "iss (IPA code)").decode("utf-8")
        operator = b64std_decode(operator_b64, "iss (operator)").decode("utf-8")
    except UnicodeDecodeError as error:
        raise Refused("iss does not decode to text") from error
    require(issuer_code != "" and operator != "", "iss holds an empty part")
    for name in ("sub", "jti"):
        value = claims[name]
        require(isinstance(value, str), f"{name} is not a string")
        try:
            require(str(uuid.UUID(value)) == value, f"{name} is not a lower-case uuid")
        except ValueError as error:
            raise Refused(f"{name} is not a uuid") from error
    require(claims["jti"] != claims["sub"], "jti is the identification's id, not the token's own")
    require(is_int(claims["iat"]) and is_int(claims["exp"]), "iat and exp are not integers")
    require(claims["exp"] == claims["iat"] + VALIDITY, "exp is not iat + 30 days")
    require(isinstance(claims["fiscalNumber"], str) and
            re.fullmatch(r"[A-Z0-9]{16}", claims["fiscalNumber"]) is not None,
            "fiscalNumber is not a codice fiscale without TINIT-")
    require(isinstance(claims["encryptedData"], str), "encryptedData is not a string")
    return issuer_code, operator


def key_for(code):
    digest = hashlib.sha512(code.encode("utf-8")).digest()
    return jwk.JWK(kty="oct", k=base64.urlsafe_b64encode(digest).decode().rstrip("="))


def decrypt(compact, code):
    token = jwe.JWE()
    token.deserialize(compact, key=key_for(code))
    return token.payload


def open_encrypted(compact, first, second):
    parts = compact.split(".")
    require(len(parts) == 5 and parts[1] == "", "encryptedData is not a compact dir JWE")
    protected = json_object(b64url_decode(parts[0], "JWE header"), "JWE header")
    require(protected.get("alg") == "dir" and protected.get("enc") == "A256CBC-HS512",
            f"JWE header is {protected}, not dir + A256CBC-HS512")
    code = first + second
    try:
        payload = decrypt(compact, code)
    except JWException as error:
        raise Refused(f"the code (first half + second half) does not open encryptedData: {error}") from error

    # What must not open it: the halves swapped, any one character changed.
    wrong = [second + first] if second + first != code else []
    for i, c in enumerate(code):
        wrong.append(code[:i] + ALPHABET[(ALPHABET.index(c) + 1) % len(ALPHABET)] + code[i + 1:]
                     if c in ALPHABET else code[:i] + "A" + code[i + 1:])
    for other in wrong:
        try:
            decrypt(compact, other)
        except JWException:
            continue
        raise Refused("encryptedData opens with a code that is not the citizen's")
    return json_object(payload, "the ICRequestData")


def valid_date(text, what):
    require(isinstance(text, str) and DATE.fullmatch(text) is not None, f"{what} is not YYYY-MM-DD")
    try:
        datetime.date.fromisoformat(text)
    except ValueError as error:
        raise Refused(f"{what} is not a date") from error


def luhn_ok(digits):
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def check_place(place, county, nation, what):
    for value, name in ((place, "place"), (county, "county"), (nation, "nation")):
        require(isinstance(value, str), f"{what} {name} is not a string")
    if nation == "Z000":
        require(BELFIORE.fullmatch(place) is not None, f"{what}: {place} is not a Belfiore code")
        require(SIGLA.fullmatch(county) is not None and county != "EE",
                f"{what}: {county} is not a province sigla")
    else:
        require(STATE.fullmatch(nation) is not None, f"{what}: {nation} is not a state code")
        require(county == "EE", f"{what} abroad: county is {county}, not EE")
        require(place == nation, f"{what} abroad: place {place} is not the state {nation}")


def keys(obj, expected, what):
    require(isinstance(obj, dict), f"{what} is not an object")
    require(set(obj) == set(expected), f"{what} keys are {sorted(obj)}, not {sorted(expected)}")
    for key in expected:
        if key not in ("issueInstant", "issuer", "idCard", "mobilePhone", "address"):
            require(isinstance(obj[key], str) and obj[key] != "", f"{what}.{key} is not a non-empty string")


def check_request(data, claims, issuer_code, operator):
    top = {"info", "electronicIdentification", "spidAttributes"}
    require(set(data) == top, f"ICRequestData keys are {sorted(data)}")

    info = data["info"]
    keys(info, ["id", "issueInstant", "issuer"], "info")
    require(info["id"] == claims["sub"], "info.id is not the claims' sub")
    require(is_int(info["issueInstant"]) and info["issueInstant"] == claims["iat"],
            "info.issueInstant is not the integer iat")
    keys(info["issuer"], ["issuerCode", "issuerInternalReference"], "info.issuer")
    require(info["issuer"]["issuerCode"] == issuer_code, "issuerCode is not iss's IPA code")
    require(info["issuer"]["issuerInternalReference"] == operator, "issuerInternalReference is not iss's operator")

    ei = data["electronicIdentification"]
    keys(ei, ["identificationType", "identificationSerialCode", "identificationExpirationDate"],
         "electronicIdentification")
    require(ei["identificationType"] == "TS", "identificationType is not TS")
    serial = ei["identificationSerialCode"]
    require(re.fullmatch(r"80380\d{15}", serial) is not None and luhn_ok(serial),
            "identificationSerialCode is not a health card number (20 digits, 80380…, Luhn)")
    valid_date(ei["identificationExpirationDate"], "identificationExpirationDate")

    spid = data["spidAttributes"]
    require(isinstance(spid, dict), "spidAttributes is not an object")
    require(set(spid) in ({"mandatoryAttributes"}, {"mandatoryAttributes", "optionalAttributes"}),
            f"spidAttributes keys are {sorted(spid)}")
    m = spid["mandatoryAttributes"]
    keys(m, ["name", "familyName", "placeOfBirth", "countyOfBirth", "nationOfBirth",
             "dateOfBirth", "gender", "fiscalNumber", "email", "idCard", "mobilePhone",
             "address"], "mandatoryAttributes")
    for key in ("name", "familyName"):
        words = m[key].split(" ")
        require(all(w != "" and w[0].isupper() and w[1:] == w[1:].lower() for w in words),
                f"{key} is not capitalised word by word")
    check_place(m["placeOfBirth"], m["countyOfBirth"], m["nationOfBirth"], "birth")
    valid_date(m["dateOfBirth"], "dateOfBirth")
    require(m["gender"] in ("M", "F"), "gender is not M or F")
    require(m["fiscalNumber"] == "TINIT-" + claims["fiscalNumber"],
            "fiscalNumber is not TINIT- + the claims' fiscalNumber")
    require(re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", m["email"]) is not None, "email is not an address")

    card = m["idCard"]
    keys(card, ["idCardType", "idCardDocNumber", "idCardIssuer", "idCardIssueDate",
                "idCardExpirationDate"], "idCard")
    require(card["idCardType"] in ID_CARD_TYPES, f"idCardType {card['idCardType']} is unknown")
    require(re.fullmatch(r"[A-Z0-9]+", card["idCardDocNumber"]) is not None,
            "idCardDocNumber is not upper case without spaces")
    issuer = card["idCardIssuer"]
    require(issuer == "ministeroTrasporti" or
            any(issuer.startswith(k) and len(issuer) > len(k) and issuer[len(k)].isupper()
                and " " not in issuer for k in ISSUER_KINDS),
            f"idCardIssuer {issuer} is not an issuer kind + place")
    valid_date(card["idCardIssueDate"], "idCardIssueDate")
    valid_date(card["idCardExpirationDate"], "idCardExpirationDate")

    phone = m["mobilePhone"]
    keys(phone, ["countryCallingCode", "phoneNumber"], "mobilePhone")
    require(re.fullmatch(r"\+[1-9]\d{0,2}", phone["countryCallingCode"]) is not None,
            "countryCallingCode is not +N")
    require(re.fullmatch(r"\d{6,14}", phone["phoneNumber"]) is not None, "phoneNumber is not digits")

    address = m["address"]
    keys(address, ["addressType", "addressName", "addressNumber", "postalCode",
                   "municipality", "county", "nation"], "address")
    require(address["addressType"] in ADDRESS_TYPES, f"addressType {address['addressType']} is unknown")
    require(re.search(r"\s", address["postalCode"]) is None, "postalCode holds white space")
    check_place(address["municipality"], address["county"], address["nation"], "address")

    if "optionalAttributes" in spid:
        optional = spid["optionalAttributes"]
        keys(optional, ["digitalAddress"], "optionalAttributes")
        require(re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", optional["digitalAddress"]) is not None,
                "digitalAddress is not an address")


def compare(got, want, path="ICRequestData"):
    if isinstance(want, dict):
        require(isinstance(got, dict), f"{path} is not an object")
        require(set(got) == set(want), f"{path} keys are {sorted(got)}, expected {sorted(want)}")
        for key in want:
            compare(got[key], want[key], f"{path}.{key}")
    else:
        require(type(got) is type(want) and got == want, f"{path} is {got!r}, expected {want!r}")


def read_token(text, first, second, expected=None, ca_file=None):
    """The ICRequestData of a token, or Refused."""
    text = text.rstrip("\r\n")
    require("\n" not in text and "\r" not in text, "the token is not one line")
    parts = text.split(".")
    require(len(parts) == 3, f"the token has {len(parts)} parts, not 3")
    header = json_object(b64url_decode(parts[0], "the header"), "the header")
    claims = json_object(b64url_decode(parts[1], "the claims"), "the claims")
    signature = b64url_decode(parts[2], "the signature")

    certificate = check_header(header)
    verify_signature(certificate, (parts[0] + "." + parts[1]).encode("ascii"), signature)
    if ca_file is not None:
        check_certificate(certificate, ca_file)
    issuer_code, operator = check_claims(claims)

    for half, name in ((first, "--first"), (second, "--second")):
        require(len(half) == 6 and all(c in ALPHABET for c in half),
                f"{name} is not six characters of the code's alphabet")
    data = open_encrypted(claims["encryptedData"], first, second)
    check_request(data, claims, issuer_code, operator)
    if expected is not None:
        compare(data, expected)
    return data


def main(argv=None):
    parser = argparse.ArgumentParser(description="Read a RAO pubblico sealed token as an identity provider does.")
    parser.add_argument("token_file")
    parser.add_argument("--first", required=True, help="first half of the code (the receipt)")
    parser.add_argument("--second", required=True, help="second half of the code (the e-mail)")
    parser.add_argument("--expect", help="the ICRequestData expected, as JSON")
    parser.add_argument("--ca", help="PEM certificate of the CA that issued the seal")
    # A half may begin with "-" (a symbol of the code): take the word after
    # --first and --second as their value whatever it looks like.
    argv = list(sys.argv[1:] if argv is None else argv)
    joined = []
    while argv:
        word = argv.pop(0)
        if word in ("--first", "--second") and argv:
            word = word + "=" + argv.pop(0)
        joined.append(word)
    args = parser.parse_args(joined)

    try:
        with open(args.token_file, encoding="ascii") as f:
            text = f.read()
        expected = None
        if args.expect:
            with open(args.expect, encoding="utf-8") as f:
                expected = json.load(f)
        data = read_token(text, args.first, args.second, expected, args.ca)
    except (Refused, OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        print(f"idp_read_token: {error}", file=sys.stderr)
        return 1

    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
