/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-fixtures.h — the test comune and its citizen, shared by the tests
 *
 * Header only (every test program is one .c file): the set-up that a fresh
 * test database starts from, and a SPID draft with every field right.
 * Failures are returned, not asserted, so that benches and fixture tools
 * can use them as well as g_test programs.
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

#include "sp-identification.h"
#include "sp-setup.h"
#include "sp-store.h"

#define SP_FIXTURE_PASSWORD "Correct-Horse-7"

/* Santarcangelo di Romagna, its first desk and its administrator. */
static inline SpSetupData
sp_fixture_setup_data (void)
{
  SpSetupData setup = {
    .comune_name = "Santarcangelo di Romagna",
    .comune_ipa = "c_i304",
    .desk_name = "Sportello 1",
    .desk_kind = SP_DESK_COUNTER,
    .admin_username = "admin",
    .admin_display_name = "Anna Amministratrice",
    .admin_codice_fiscale = NULL,
    .admin_password = SP_FIXTURE_PASSWORD,
  };

  return setup;
}

/* A database at path, migrated and set up with sp_fixture_setup_data (). */
static inline SpStore *
sp_fixture_open_store (const char  *path,
                       GError     **error)
{
  g_autoptr(SpStore) store = sp_store_open (path, error);
  SpSetupData setup = sp_fixture_setup_data ();

  if (store == NULL || !sp_setup_run (store, &setup, error))
    return NULL;
  return g_steal_pointer (&store);
}

/* Removes a closed database file and SQLite's -wal and -shm beside it. */
static inline void
sp_fixture_remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
}

/* Mario Rossi, an adult born in Rimini, every field and check right: the
 * caller adds what its case varies (the mobile number's form, the
 * language, a partner's provider). */
static inline void
sp_fixture_fill_citizen (SpIdentification *id,
                         const char       *codice_fiscale,
                         const char       *health_card_number)
{
  sp_identification_set_field (id, SP_ID_CODICE_FISCALE, codice_fiscale);
  sp_identification_set_field (id, SP_ID_SURNAME, "Rossi");
  sp_identification_set_field (id, SP_ID_NAME, "Mario");
  sp_identification_set_field (id, SP_ID_SEX, "M");
  sp_identification_set_field (id, SP_ID_BIRTH_DATE, "01/01/1980");
  sp_identification_set_field (id, SP_ID_BIRTH_PLACE, "Rimini");
  sp_identification_set_field (id, SP_ID_RESIDENCE_TYPE, "Via");
  sp_identification_set_field (id, SP_ID_RESIDENCE_STREET, "Roma");
  sp_identification_set_field (id, SP_ID_RESIDENCE_NUMBER, "1");
  sp_identification_set_field (id, SP_ID_RESIDENCE_POSTCODE, "47822");
  sp_identification_set_field (id, SP_ID_RESIDENCE_PLACE, "Santarcangelo di Romagna");
  sp_identification_set_field (id, SP_ID_DOCUMENT_TYPE, "cie");
  sp_identification_set_field (id, SP_ID_DOCUMENT_NUMBER, "CA12345AB");
  sp_identification_set_field (id, SP_ID_DOCUMENT_ISSUER, "comune");
  sp_identification_set_field (id, SP_ID_DOCUMENT_ISSUER_NAME, "Rimini");
  sp_identification_set_field (id, SP_ID_DOCUMENT_ISSUED, "10/03/2022");
  sp_identification_set_field (id, SP_ID_DOCUMENT_EXPIRES, "10/03/2032");
  sp_identification_set_field (id, SP_ID_HEALTH_CARD_NUMBER, health_card_number);
  sp_identification_set_field (id, SP_ID_HEALTH_CARD_EXPIRES, "31/12/2029");
  sp_identification_set_field (id, SP_ID_EMAIL, "mario.rossi@example.org");
  sp_identification_set_field (id, SP_ID_EMAIL_CONFIRM, "mario.rossi@example.org");
  sp_identification_set_flag (id, SP_ID_FLAG_CONSENT, TRUE);
  sp_identification_set_flag (id, SP_ID_FLAG_CHECK_PHOTO, TRUE);
  sp_identification_set_flag (id, SP_ID_FLAG_CHECK_DOCUMENT, TRUE);
  sp_identification_set_flag (id, SP_ID_FLAG_CHECK_PRIVACY, TRUE);
  sp_identification_set_flag (id, SP_ID_FLAG_CHECK_SIGNED, TRUE);
}
