/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-citizen.c — citizens, stored once and found again by codice fiscale */
#define G_LOG_DOMAIN "sp-citizen"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-citizen.h"
#include "sp-error.h"
#include "sp-strings-private.h"

G_DEFINE_BOXED_TYPE (SpCitizen, sp_citizen, sp_citizen_copy, sp_citizen_free)

#define CITIZEN_COLUMNS \
  "id, uuid, codice_fiscale, surname, name, sex, birth_date, birth_place_code, " \
  "residence_street, residence_number, residence_postcode, residence_place_code, " \
  "email, mobile, created_at, updated_at, residence_type"

/* The string members, never NULL once made. */
static const gsize text_members[] = {
  G_STRUCT_OFFSET (SpCitizen, uuid),
  G_STRUCT_OFFSET (SpCitizen, codice_fiscale),
  G_STRUCT_OFFSET (SpCitizen, surname),
  G_STRUCT_OFFSET (SpCitizen, name),
  G_STRUCT_OFFSET (SpCitizen, birth_date),
  G_STRUCT_OFFSET (SpCitizen, birth_place_code),
  G_STRUCT_OFFSET (SpCitizen, residence_type),
  G_STRUCT_OFFSET (SpCitizen, residence_street),
  G_STRUCT_OFFSET (SpCitizen, residence_number),
  G_STRUCT_OFFSET (SpCitizen, residence_postcode),
  G_STRUCT_OFFSET (SpCitizen, residence_place_code),
  G_STRUCT_OFFSET (SpCitizen, email),
  G_STRUCT_OFFSET (SpCitizen, mobile),
};

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

/* Replaces a NULL string member by "", as the header promises. */
static SpCitizen *
fill_empty (SpCitizen *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_members); i++)
    if (SP_STRING_MEMBER (self, text_members[i]) == NULL)
      SP_STRING_MEMBER (self, text_members[i]) = g_strdup ("");
  return self;
}

SpCitizen *
sp_citizen_new (void)
{
  return fill_empty (g_new0 (SpCitizen, 1));
}

SpCitizen *
sp_citizen_copy (const SpCitizen *citizen)
{
  g_return_val_if_fail (citizen != NULL, NULL);

  return fill_empty (sp_strings_copy_record (citizen, sizeof *citizen, text_members, G_N_ELEMENTS (text_members)));
}

void
sp_citizen_free (SpCitizen *self)
{
  sp_strings_free_record (self, text_members, G_N_ELEMENTS (text_members));
}

static gpointer
citizen_from_row (SpStatement *stmt)
{
  SpCitizen *self = g_new0 (SpCitizen, 1);
  const char *sex = sp_statement_get_text (stmt, 5);

  self->id = sp_statement_get_int (stmt, 0);
  self->uuid = sp_statement_dup_text (stmt, 1);
  self->codice_fiscale = sp_statement_dup_text (stmt, 2);
  self->surname = sp_statement_dup_text (stmt, 3);
  self->name = sp_statement_dup_text (stmt, 4);
  self->sex = sex != NULL ? sex[0] : 0;
  self->birth_date = sp_statement_dup_text (stmt, 6);
  self->birth_place_code = sp_statement_dup_text (stmt, 7);
  self->residence_street = sp_statement_dup_text (stmt, 8);
  self->residence_number = sp_statement_dup_text (stmt, 9);
  self->residence_postcode = sp_statement_dup_text (stmt, 10);
  self->residence_place_code = sp_statement_dup_text (stmt, 11);
  self->email = sp_statement_dup_text (stmt, 12);
  self->mobile = sp_statement_dup_text (stmt, 13);
  self->created_at = sp_statement_get_int (stmt, 14);
  self->updated_at = sp_statement_get_int (stmt, 15);
  self->residence_type = sp_statement_dup_text (stmt, 16);

  return fill_empty (self);
}

static SpCitizen *
lookup_where (SpStore     *store,
              const char  *sql,
              const char  *text,
              gint64       number,
              gboolean     missing_is_error,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  SpCitizen *citizen;

  citizen = sp_store_lookup (store, sql, text, number, citizen_from_row,
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

/* Both statements give ?1 … ?15 the same meaning: the insert and the
 * update of write_citizen () bind the same values. */
static const char insert_sql[] =
  "INSERT INTO citizens (uuid, codice_fiscale, surname, name, sex, "
  "birth_date, birth_place_code, residence_street, residence_number, "
  "residence_postcode, residence_place_code, email, mobile, "
  "created_at, updated_at, residence_type) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14, ?15)";
static const char update_sql[] =
  "UPDATE citizens SET codice_fiscale = ?2, surname = ?3, name = ?4, "
  "sex = ?5, birth_date = ?6, birth_place_code = ?7, "
  "residence_street = ?8, residence_number = ?9, "
  "residence_postcode = ?10, residence_place_code = ?11, "
  "email = ?12, mobile = ?13, updated_at = ?14, residence_type = ?15 "
  "WHERE uuid = ?1";

static gboolean
write_citizen (SpStore   *store,
               gpointer   user_data,
               GError   **error)
{
  CitizenWrite *write = user_data;
  SpCitizen *citizen = write->citizen;
  g_autoptr(SpCitizen) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *details = NULL;
  gint64 now = sp_store_now ();

  /* Two desks identifying the same citizen at once: the second reads the
   * row the first wrote, instead of inserting it again. The audit chain's
   * lock, which this write takes at its end anyway. */
  if (!sp_store_lock_chain (store, error))
    return FALSE;
  existing = sp_citizen_find_by_codice_fiscale (store, write->code, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_free (citizen->uuid);
  if (existing == NULL)
    {
      citizen->uuid = sp_store_new_uuid ();
      citizen->created_at = now;
    }
  else
    {
      citizen->uuid = g_strdup (existing->uuid);
      citizen->id = existing->id;
      citizen->created_at = existing->created_at;
    }

  if (sp_store_run (store, error, existing == NULL ? insert_sql : update_sql,
                    SP_TEXT (citizen->uuid), SP_TEXT (write->code), SP_TEXT (or_empty (citizen->surname)),
                    SP_TEXT (or_empty (citizen->name)), SP_TEXT (write->sex), SP_TEXT (citizen->birth_date),
                    SP_TEXT (or_empty (citizen->birth_place_code)),
                    SP_TEXT (or_empty (citizen->residence_street)),
                    SP_TEXT (or_empty (citizen->residence_number)),
                    SP_TEXT (or_empty (citizen->residence_postcode)),
                    SP_TEXT (or_empty (citizen->residence_place_code)),
                    SP_TEXT (or_empty (citizen->email)), SP_TEXT (or_empty (citizen->mobile)),
                    SP_INT (now), SP_TEXT (or_empty (citizen->residence_type)), SP_END) < 0)
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

static const SpRowsColumn citizen_travelling_columns[] = {
  SP_ROWS_COLUMN ("uuid", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("codice_fiscale", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("surname", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("name", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("sex", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("birth_date", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("birth_place_code", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("residence_type", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("residence_street", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("residence_number", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("residence_postcode", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("residence_place_code", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("email", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("mobile", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("created_at", SP_ROWS_INT),
  SP_ROWS_COLUMN ("updated_at", SP_ROWS_INT),
  SP_ROWS_END,
};

static const SpRowsTable citizen_travelling_rows = {
  "citizens", "codice_fiscale", "updated_at", NULL, NULL, SP_ROWS_MERGE_NEWER, citizen_travelling_columns,
};

const SpRowsTable *
sp_citizen_travelling_rows (void)
{
  return &citizen_travelling_rows;
}
