/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-audit.c — the hash chain holds, and breaks when tampered with */
#include "config.h"

#include "sp-audit.h"
#include "sp-error.h"
#include "sp-test-util.h"

static void
unprotect (SpTestDb *db)
{
  /* What someone with the sqlite3 shell, or psql as the owner, could do. */
  if (sp_test_on_postgresql ())
    g_assert_true (sp_store_exec (db->store, "DROP TRIGGER audit_no_update ON audit", NULL));
  else
    g_assert_true (sp_store_exec (db->store, "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete", NULL));
}

static void
append_some (SpTestDb *db, int n)
{
  for (int i = 0; i < n; i++)
    {
      g_autofree char *details = g_strdup_printf ("{\"n\":%d}", i);
      g_assert_true (sp_audit_record (db->store, SP_ACTOR_SYSTEM, "test", NULL, details, NULL));
    }
}

static void
test_chain_holds (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  guint64 checked = 0;

  append_some (db, 5);
  g_assert_true (sp_audit_verify (db->store, &checked, NULL, &error));
  g_assert_no_error (error);
  /* setup: desk-add, operator-add, setup + 5 */
  g_assert_cmpuint (checked, ==, 8);
}

static void
test_setup_and_sign_in_recorded (SpTestDb *db, gconstpointer data)
{
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);

  g_assert_null (sp_operator_authenticate (db->store, 1, "admin", "wrong-wrong", NULL));
  g_assert_nonnull (sp_operator_authenticate (db->store, 1, "admin", SP_TEST_PASSWORD, NULL));

  stmt = sp_store_query (db->store, NULL, "SELECT action FROM audit ORDER BY id", SP_END);
  while (sp_statement_next (stmt, NULL))
    g_ptr_array_add (actions, sp_statement_dup_text (stmt, 0));
  g_ptr_array_add (actions, NULL);

  g_assert_cmpstrv ((char **) actions->pdata,
                    ((const char *[]) { "desk-add", "operator-add", "setup",
                                        "sign-in-failed", "sign-in", NULL }));
}

static void
test_append_only (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sp_store_exec (db->store, "UPDATE audit SET action = 'x' WHERE id = 1", &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (sp_store_exec (db->store, "DELETE FROM audit WHERE id = 1", &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CONSTRAINT);
}

static void
test_edit_detected (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 broken = 0;

  append_some (db, 5);
  unprotect (db);
  g_assert_true (sp_store_exec (db->store, "UPDATE audit SET details = '{\"n\":99}' WHERE id = 6", NULL));

  g_assert_false (sp_audit_verify (db->store, NULL, &broken, &error));
  g_assert_error (error, SP_AUDIT_ERROR, SP_AUDIT_ERROR_BROKEN);
  g_assert_cmpint (broken, ==, 6);
}

static void
test_delete_detected (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 broken = 0;

  append_some (db, 5);
  unprotect (db);
  g_assert_true (sp_store_exec (db->store, "DELETE FROM audit WHERE id = 4", NULL));

  g_assert_false (sp_audit_verify (db->store, NULL, &broken, &error));
  g_assert_error (error, SP_AUDIT_ERROR, SP_AUDIT_ERROR_BROKEN);
  g_assert_cmpint (broken, ==, 5);
}

static void
test_truncation_detected (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  append_some (db, 5);
  unprotect (db);
  g_assert_true (sp_store_exec (db->store, "DELETE FROM audit WHERE id > 6", NULL));

  g_assert_false (sp_audit_verify (db->store, NULL, NULL, &error));
  g_assert_error (error, SP_AUDIT_ERROR, SP_AUDIT_ERROR_BROKEN);
}

static void
test_rehash_detected (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 broken = 0;

  /* Changing a row and its own hash still breaks the link to the next. */
  append_some (db, 3);
  unprotect (db);
  g_assert_true (sp_store_exec (db->store,
                                "UPDATE audit SET hash = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' "
                                "WHERE id = 2", NULL));
  g_assert_false (sp_audit_verify (db->store, NULL, &broken, &error));
  g_assert_cmpint (broken, ==, 2);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  SP_TEST_ADD_SETUP ("/audit/chain-holds", test_chain_holds);
  SP_TEST_ADD_SETUP ("/audit/setup-and-sign-in-recorded", test_setup_and_sign_in_recorded);
  SP_TEST_ADD_SETUP ("/audit/append-only", test_append_only);
  SP_TEST_ADD_SETUP ("/audit/edit-detected", test_edit_detected);
  SP_TEST_ADD_SETUP ("/audit/delete-detected", test_delete_detected);
  SP_TEST_ADD_SETUP ("/audit/truncation-detected", test_truncation_detected);
  SP_TEST_ADD_SETUP ("/audit/rehash-detected", test_rehash_detected);

  return g_test_run ();
}
