/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-enrolment.h — a pop-up desk prepared at the office, set up on its laptop
 *
 * At the office an administrator enrols a pop-up desk: one file carries
 * what the laptop needs to work alone (the comune's settings, the
 * operators allowed to sign in, with their password hashes only, the
 * counter services, the lists of places the comune imported, the office's
 * first free slots as of now, the desk's own keys and the office's public
 * key for bundles), sealed under
 * a one-time passphrase (sp-enrolment-file.h). On the laptop, joining
 * sets up a fresh database from it, or brings an enrolled one up to date
 * from a newer file without touching its records.
 */
#pragma once

#include "sp-audit.h"
#include "sp-store.h"

G_BEGIN_DECLS

/* How the laptop seals RAO identifications, as the administrator
 * chooses: not at all (partner counter only, or a later file), with the
 * comune's seal on its smart card (the card goes with the laptop: the file
 * carries the certificate, the key's PKCS#11 URI and the PIN only if the
 * office keeps it, so that sealing asks for nothing there either), or
 * with its own copy of the seal in a PKCS#12 file (carried in the
 * enrolment file, sealed under its passphrase). */
typedef enum
{
  SP_ENROLMENT_SEAL_NONE,
  SP_ENROLMENT_SEAL_CARD,
  SP_ENROLMENT_SEAL_PKCS12,
} SpEnrolmentSealKind;

typedef struct
{
  SpEnrolmentSealKind  kind;
  GBytes              *pkcs12;     /* SP_ENROLMENT_SEAL_PKCS12 */
  const char          *password;   /* of pkcs12 */
} SpEnrolmentSeal;

/* The enrolment file of the pop-up desk named desk_name, and the
 * passphrase it is sealed under (shown once, never stored). Recorded in
 * the audit trail. */
GBytes   *sp_enrolment_create (SpStore     *office,
                               SpActor      actor,
                               const char  *desk_name,
                               char       **out_passphrase,
                               GError     **error);
/* What the enrolment screen gives a laptop: the comune's smart card when
 * its seal is on one (the card goes with the laptop), else no seal (a
 * PKCS#12 copy is given with sportello-admin popup enrol --seal-pkcs12). */
SpEnrolmentSealKind sp_enrolment_default_seal (SpStore *office);
/* The same with the laptop's seal (NULL: none). */
GBytes   *sp_enrolment_create_with_seal (SpStore               *office,
                                         SpActor                actor,
                                         const char            *desk_name,
                                         const SpEnrolmentSeal *seal,
                                         char                 **out_passphrase,
                                         GError               **error);
/* Sets the laptop's database up from the file: a database never set up,
 * or one that joined the same desk before (a refresh). */
gboolean  sp_enrolment_join   (SpStore     *laptop,
                               GBytes      *file,
                               const char  *passphrase,
                               GError     **error);

/* On the laptop: the office's first free slot of each booking service
 * when the laptop was last prepared (*as_of, µs), which the laptop shows
 * but does not book; NULL when the database is no pop-up desk's. */
typedef struct
{
  char *service_code;
  char *day;            /* YYYY-MM-DD */
  int   start_minute;
  char *desk_name;
} SpFirstFree;

void       sp_first_free_free      (SpFirstFree *slot);
GPtrArray *sp_enrolment_first_free (SpStore     *laptop,
                                    gint64      *as_of);

G_END_DECLS
