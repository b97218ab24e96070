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

/* The enrolment file of the pop-up desk named desk_name, and the
 * passphrase it is sealed under (shown once, never stored). Recorded in
 * the audit trail. */
GBytes   *sp_enrolment_create (SpStore     *office,
                               SpActor      actor,
                               const char  *desk_name,
                               char       **out_passphrase,
                               GError     **error);
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
