/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-seal.h — the comune's RAO seal: AgID's certificate and its key
 *
 * A RAO pubblico seals every identification (RAO-TOKEN.md §4–5) with the
 * certificate AgID issued to the comune. Its private key is either in a
 * PKCS#12 file, imported once and kept in the store encrypted with the
 * installation secret (no command exports it), or on a PKCS#11 token (a
 * smart card or an HSM, reached through GnuTLS and p11-kit), of which the
 * store keeps only the URI and, if the administrator chose so, the PIN,
 * encrypted like the SMTP password.
 *
 * Import refuses a certificate that is expired or not yet valid, a key
 * that does not match it, RSA under 2048 bits, and a certificate without
 * one of the policy OIDs of §5 with a user notice. The demo generator has
 * a throwaway self-signed seal of its own, marked DEMO everywhere; it never
 * seals a real identification.
 */
#pragma once

#include <gio/gio.h>

#include "sp-audit.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_SEAL_ERROR (sp_seal_error_quark ())

typedef enum
{
  SP_SEAL_ERROR_NONE,            /* no seal is set */
  SP_SEAL_ERROR_FORMAT,          /* not a PKCS#12 file or certificate, or wrong password */
  SP_SEAL_ERROR_NOT_YET_VALID,   /* the certificate's validity has not begun */
  SP_SEAL_ERROR_EXPIRED,         /* the certificate has expired */
  SP_SEAL_ERROR_KEY_MISMATCH,    /* the key is not the certificate's */
  SP_SEAL_ERROR_KEY_SIZE,        /* not RSA, or under 2048 bits */
  SP_SEAL_ERROR_POLICY,          /* none of AgID's policy OIDs with a user notice */
  SP_SEAL_ERROR_TOKEN,           /* the PKCS#11 token or its PIN failed */
  SP_SEAL_ERROR_FAILED,          /* signing or storing failed */
} SpSealError;

typedef enum
{
  SP_SEAL_KEY_FILE,     /*< nick=file >*/    /* from a PKCS#12 file, kept encrypted in the store */
  SP_SEAL_KEY_PKCS11,   /*< nick=pkcs11 >*/  /* on a PKCS#11 token */
  SP_SEAL_KEY_DEMO,     /*< nick=demo >*/    /* the demo generator's self-signed seal */
} SpSealKeyKind;

/* Audit actions. */
#define SP_AUDIT_SEAL_IMPORT "spid-seal-import"

/* Days before expiry from which administrators are warned. */
#define SP_SEAL_WARNING_DAYS 30

#define SP_TYPE_SEAL (sp_seal_get_type ())

G_DECLARE_FINAL_TYPE (SpSeal, sp_seal, SP, SEAL, GObject)

GQuark         sp_seal_error_quark            (void);

/* now: µs since the epoch (sp_store_now ()), for the validity check. */
SpSeal        *sp_seal_new_from_pkcs12        (GBytes        *pkcs12,
                                               const char    *password,
                                               gint64         now,
                                               GError       **error);
/* certificate: PEM or DER. pin may be NULL (the token asks for none, or it
 * is given at each signature by the PIN callback of p11-kit). */
SpSeal        *sp_seal_new_from_pkcs11        (const char    *url,
                                               GBytes        *certificate,
                                               const char    *pin,
                                               gint64         now,
                                               GError       **error);
/* A fresh self-signed RSA-2048 seal for the demo, valid from a year ago
 * to a year ahead, so that it covers the past days the demo makes. */
SpSeal        *sp_seal_new_demo               (const char    *comune_name,
                                               GError       **error);

/* Makes it the comune's seal (or the demo's, for a demo seal), retiring
 * the previous one, in one transaction with its audit row. store_pin:
 * keep a PKCS#11 PIN (encrypted) so that signing asks for nothing. */
gboolean       sp_seal_save                   (SpStore       *store,
                                               SpSeal        *seal,
                                               SpActor        actor,
                                               gboolean       store_pin,
                                               GError       **error);
/* The comune's current seal; NULL with SP_SEAL_ERROR_NONE when none is
 * set. Not checked for validity: see sp_seal_check_usable (). */
SpSeal        *sp_seal_load                   (SpStore       *store,
                                               GError       **error);
/* The demo's current seal, or NULL with SP_SEAL_ERROR_NONE. */
SpSeal        *sp_seal_load_demo              (SpStore       *store,
                                               GError       **error);
/* TRUE when the seal can seal at now; else an error that says why
 * (expired, not yet valid), translated. */
gboolean       sp_seal_check_usable           (SpSeal        *self,
                                               gint64         now,
                                               GError       **error);

/* RSASSA-PKCS1-v1_5 with SHA-256 over data: the raw signature. */
GBytes        *sp_seal_sign                   (SpSeal        *self,
                                               GBytes        *data,
                                               GError       **error);

gint64         sp_seal_get_id                 (SpSeal        *self);  /* 0 until saved */
SpSealKeyKind  sp_seal_get_key_kind           (SpSeal        *self);
gboolean       sp_seal_is_demo                (SpSeal        *self);
/* The certificate in DER. */
GBytes        *sp_seal_get_certificate        (SpSeal        *self);
const char    *sp_seal_get_subject            (SpSeal        *self);   /* RFC 4514 DN */
const char    *sp_seal_get_issuer             (SpSeal        *self);
const char    *sp_seal_get_serial             (SpSeal        *self);   /* hex */
gint64         sp_seal_get_not_before         (SpSeal        *self);   /* µs */
gint64         sp_seal_get_not_after          (SpSeal        *self);   /* µs */
/* The certificate's policy OIDs, NULL-terminated. */
const char * const *sp_seal_get_policies      (SpSeal        *self);
guint          sp_seal_get_key_bits           (SpSeal        *self);
/* Where the key is, for people: the PKCS#11 URI without any PIN, or a
 * sentence for a key kept in the store. Never the key. */
char          *sp_seal_dup_key_location       (SpSeal        *self);
/* A PKCS#11 seal's PIN when the comune keeps it (sealing asks for
 * nothing), else NULL: for the enrolment file of a pop-up desk that takes
 * the same card. Wipe it after use. */
char          *sp_seal_dup_pin                (SpSeal        *self);
/* Days until it expires at now (negative once expired). */
int            sp_seal_get_days_left          (SpSeal        *self,
                                               gint64         now);

G_END_DECLS
