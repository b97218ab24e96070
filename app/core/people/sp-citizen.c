/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-citizen.c — citizens, stored once and found again by codice fiscale */
#define G_LOG_DOMAIN "sp-citizen"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-citizen.h"
#include "sp-error.h"

G_DEFINE_BOXED_TYPE (SpCitizen, sp_citizen, sp_citizen_copy, sp_citizen_free)

#define CITIZEN_COLUMNS \
  "id, uuid, codice_fiscale, surname, name, sex, birth_date, birth_place_code, " \
  "residence_street, residence_number, residence_postcode, residence_place_code, " \
  "email, mobile, created_at, updated_at, residence_type"

static char *
dup_or_empty (const char *text)
{
  return g_strdup (text != NULL ? text : "");
}

SpCitizen *
sp_citizen_new (void)
{
  SpCitizen *self = g_new0 (SpCitizen, 1);

  self->uuid = g_strdup ("");
  self->codice_fiscale = g_strdup ("");
  self->surname = g_strdup ("");
  self->name = g_strdup ("");
  self->birth_date = g_strdup ("");
  self->birth_place_code = g_strdup ("");
  self->residence_type = g_strdup ("");
  self->residence_street = g_strdup ("");
  self->residence_number = g_strdup ("");
  self->residence_postcode = g_strdup ("");
  self->residence_place_code = g_strdup ("");
  self->email = g_strdup ("");
  self->mobile = g_strdup ("");
  return self;
}

SpCitizen *
sp_citizen_copy (const SpCitizen *citizen)
{
  SpCitizen *self;

  g_return_val_if_fail (citizen != NULL, NULL);

  self = g_new0 (SpCitizen, 1);
  self->id = citizen->id;
  self->uuid = dup_or_empty (citizen->uuid);
  self->codice_fiscale = dup_or_empty (citizen->codice_fiscale);
  self->surname = dup_or_empty (citizen->surname);
  self->name = dup_or_empty (citizen->name);
  self->sex = citizen->sex;
  self->birth_date = dup_or_empty (citizen->birth_date);
  self->birth_place_code = dup_or_empty (citizen->birth_place_code);
  self->residence_type = dup_or_empty (citizen->residence_type);
  self->residence_street = dup_or_empty (citizen->residence_street);
  self->residence_number = dup_or_empty (citizen->residence_number);
  self->residence_postcode = dup_or_empty (citizen->residence_postcode);
  self->residence_place_code = dup_or_empty (citizen->residence_place_code);
  self->email = dup_or_empty (citizen->email);
  self->mobile = dup_or_empty (citizen->mobile);
  self->created_at = citizen->created_at;
  self->updated_at = citizen->updated_at;
  return self;
}

void
sp_citizen_free (SpCitizen *self)
{
  if (self == NULL)
    return;

  g_free (self->uuid);
  g_free (self->codice_fiscale);
  g_free (self->surname);
  g_free (self->name);
  g_free (self->birth_date);
  g_free (self->birth_place_code);
  g_free (self->residence_type);
  g_free (self->residence_street);
  g_free (self->residence_number);
  g_free (self->residence_postcode);
  g_free (self->residence_place_code);
  g_free (self->email);
  g_free (self->mobile);
  g_free (self);
}

static SpCitizen *
citizen_from_row (sqlite3_stmt *stmt)
{
  SpCitizen *self = g_new0 (SpCitizen, 1);
  const char *sex = (const char *) sqlite3_column_text (stmt, 5);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->uuid = sp_store_column_dup (stmt, 1);
  self->codice_fiscale = sp_store_column_dup (stmt, 2);
  self->surname = sp_store_column_dup (stmt, 3);
  self->name = sp_store_column_dup (stmt, 4);
  self->sex = sex != NULL ? sex[0] : 0;
  self->birth_date = sp_store_column_dup (stmt, 6);
  self->birth_place_code = sp_store_column_dup (stmt, 7);
  self->residence_street = sp_store_column_dup (stmt, 8);
  self->residence_number = sp_store_column_dup (stmt, 9);
  self->residence_postcode = sp_store_column_dup (stmt, 10);
  self->residence_place_code = sp_store_column_dup (stmt, 11);
  self->email = sp_store_column_dup (stmt, 12);
  self->mobile = sp_store_column_dup (stmt, 13);
  self->created_at = sqlite3_column_int64 (stmt, 14);
  self->updated_at = sqlite3_column_int64 (stmt, 15);
  self->residence_type = sp_store_column_dup (stmt, 16);

  /* sp_store_column_dup gives NULL for NULL columns; keep the promise. */
#define FIX(f) if (self->f == NULL) self->f = g_strdup ("")
  FIX (uuid); FIX (codice_fiscale); FIX (surname); FIX (name);
  FIX (birth_date); FIX (birth_place_code); FIX (residence_street);
  FIX (residence_number); FIX (residence_postcode); FIX (residence_place_code);
  FIX (email); FIX (mobile); FIX (residence_type);
#undef FIX

  return self;
}

static SpCitizen *
lookup_where (SpStore     *store,
              const char  *sql,
              const char  *text,
              gint64       number,
              gboolean     missing_is_error,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = sp_store_prepare (store, sql, error);
  g_autoptr(GError) local_error = NULL;
  SpCitizen *citizen;

  if (stmt == NULL)
    return NULL;

  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, number);

  citizen = sp_store_fetch_one (store, stmt, (SpStoreRowFunc) citizen_from_row,
                                _("There is no such citizen."), &local_error);
  if (citizen == NULL &&
      (missing_is_error || !g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND)))
    g_propagate_error (error, g_steal_pointer (&local_error));

  return citizen;
}

SpCitizen *
sp_citizen_find_by_codice_fiscale (SpStore     *store,
                                   const char  *codice_fiscale,
                                   GError     **error)
{
  g_autofree char *code = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  if (codice_fiscale == NULL)
    return NULL;

  code = g_ascii_strup (codice_fiscale, -1);
  g_strstrip (code);
  return lookup_where (store,
                       "SELECT " CITIZEN_COLUMNS " FROM citizens WHERE codice_fiscale = ?1",
                       code, 0, FALSE, error);
}

SpCitizen *
sp_citizen_lookup_by_id (SpStore     *store,
                         gint64       id,
                         GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  return lookup_where (store, "SELECT " CITIZEN_COLUMNS " FROM citizens WHERE id = ?1",
                       NULL, id, TRUE, error);
}

SpCitizen *
sp_citizen_lookup_by_uuid (SpStore     *store,
                           const char  *uuid,
                           GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  return lookup_where (store, "SELECT " CITIZEN_COLUMNS " FROM citizens WHERE uuid = ?1",
                       uuid, 0, TRUE, error);
}

typedef struct
{
  SpActor     actor;
  SpCitizen  *citizen;
  const char *code;
  const char *sex;
} CitizenWrite;

static gboolean
write_citizen (SpStore   *store,
               gpointer   user_data,
               GError   **error)
{
  CitizenWrite *write = user_data;
  SpCitizen *citizen = write->citizen;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(SpCitizen) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *details = NULL;
  gint64 now = sp_store_now ();

  existing = sp_citizen_find_by_codice_fiscale (store, write->code, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (existing == NULL)
    {
      g_autofree char *uuid = sp_store_new_uuid ();

      stmt = sp_store_prepare (store,
                               "INSERT INTO citizens (uuid, codice_fiscale, surname, name, sex, "
                               "birth_date, birth_place_code, residence_street, residence_number, "
                               "residence_postcode, residence_place_code, email, mobile, "
                               "created_at, updated_at, residence_type) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14, ?15)",
                               error);
      if (stmt == NULL)
        return FALSE;
      sp_store_bind_text (stmt, 1, uuid);
      g_free (citizen->uuid);
      citizen->uuid = g_steal_pointer (&uuid);
      citizen->created_at = now;
    }
  else
    {
      stmt = sp_store_prepare (store,
                               "UPDATE citizens SET codice_fiscale = ?2, surname = ?3, name = ?4, "
                               "sex = ?5, birth_date = ?6, birth_place_code = ?7, "
                               "residence_street = ?8, residence_number = ?9, "
                               "residence_postcode = ?10, residence_place_code = ?11, "
                               "email = ?12, mobile = ?13, updated_at = ?14, residence_type = ?15 "
                               "WHERE uuid = ?1",
                               error);
      if (stmt == NULL)
        return FALSE;
      sp_store_bind_text (stmt, 1, existing->uuid);
      g_free (citizen->uuid);
      citizen->uuid = g_strdup (existing->uuid);
      citizen->id = existing->id;
      citizen->created_at = existing->created_at;
    }

  sp_store_bind_text (stmt, 2, write->code);
  sp_store_bind_text (stmt, 3, citizen->surname != NULL ? citizen->surname : "");
  sp_store_bind_text (stmt, 4, citizen->name != NULL ? citizen->name : "");
  sp_store_bind_text (stmt, 5, write->sex);
  sp_store_bind_text (stmt, 6, citizen->birth_date);
#define BIND_OPT(i, f) sp_store_bind_text (stmt, i, citizen->f != NULL ? citizen->f : "")
  BIND_OPT (7, birth_place_code);
  BIND_OPT (8, residence_street);
  BIND_OPT (9, residence_number);
  BIND_OPT (10, residence_postcode);
  BIND_OPT (11, residence_place_code);
  BIND_OPT (12, email);
  BIND_OPT (13, mobile);
  BIND_OPT (15, residence_type);
#undef BIND_OPT
  sqlite3_bind_int64 (stmt, 14, now);

  if (!sp_store_step_done (store, stmt, error))
    return FALSE;

  if (existing == NULL)
    citizen->id = sp_store_last_insert_id (store);
  citizen->updated_at = now;
  g_free (citizen->codice_fiscale);
  citizen->codice_fiscale = g_strdup (write->code);

  details = g_strdup_printf ("{\"codice_fiscale\":\"%s\"}", write->code);
  return sp_audit_append (store, write->actor,
                          existing == NULL ? SP_AUDIT_CITIZEN_ADD : SP_AUDIT_CITIZEN_UPDATE,
                          citizen->uuid, details, error);
}

gboolean
sp_citizen_upsert (SpStore     *store,
                   SpActor      actor,
                   SpCitizen   *citizen,
                   GError     **error)
{
  g_autofree char *code = NULL;
  char sex[2] = { 0, 0 };
  CitizenWrite write;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (citizen != NULL, FALSE);

  code = g_ascii_strup (citizen->codice_fiscale != NULL ? citizen->codice_fiscale : "", -1);
  g_strstrip (code);
  for (const char *p = code; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      {
        g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                             _("The codice fiscale may only contain letters and digits."));
        return FALSE;
      }
  /* One of surname and name may be missing (a citizen with one name). */
  if (strlen (code) != 16 ||
      ((citizen->surname == NULL || *citizen->surname == '\0') &&
       (citizen->name == NULL || *citizen->name == '\0')) ||
      (citizen->sex != 'M' && citizen->sex != 'F') ||
      citizen->birth_date == NULL || strlen (citizen->birth_date) != 10)
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                           _("The citizen needs a codice fiscale, surname, name, sex and birth date."));
      return FALSE;
    }
  sex[0] = citizen->sex;

  write = (CitizenWrite) { actor, citizen, code, sex };
  return sp_store_transaction (store, write_citizen, &write, error);
}

gint64
sp_citizen_delete_unreferenced_before (SpStore     *store,
                                       gint64       cutoff,
                                       const char  *cutoff_day,
                                       GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), -1);

  /* The cases are read, not changed: a citizen goes only when no case
   * needs it any more. */
  return sp_store_run_eraser (store,
                              "DELETE FROM citizens WHERE updated_at < ?1 "
                              "AND id NOT IN (SELECT citizen_id FROM identifications WHERE citizen_id IS NOT NULL) "
                              "AND id NOT IN (SELECT citizen_id FROM cie_requests WHERE citizen_id IS NOT NULL)",
                              cutoff, cutoff_day, error);
}
