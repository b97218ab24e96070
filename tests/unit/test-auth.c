/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-auth.c — passwords, sign-in, lockout, roles, operators and desks */
#include "config.h"

#include "sp-context.h"
#include "sp-error.h"
#include "sp-password.h"
#include "sp-test-util.h"

static SpDesk *
first_desk (SpTestDb *db)
{
  g_autoptr(GListModel) desks = sp_desk_list (db->store, FALSE, NULL);

  g_assert_cmpuint (g_list_model_get_n_items (desks), ==, 1);
  return g_list_model_get_item (desks, 0);
}

static void
test_strength (void)
{
  struct { const char *password; gboolean ok; } cases[] = {
    { "short1!A", FALSE },               /* too short */
    { "alllowercaseletters", TRUE },     /* a 19-character phrase */
    { "lowercase12", FALSE },            /* two classes, short */
    { "Lowercase12", TRUE },             /* three classes */
    { "lower-case-1", TRUE },            /* lower, symbol, digit */
    { "Password123!", FALSE },           /* too common */
    { "mario.rossi-2024", FALSE },       /* contains the username */
    { "Àncora-Più-1", TRUE },            /* non-ASCII letters count */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = sp_password_check_strength (cases[i].password, "mario.rossi", &error);

      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        g_assert_error (error, SP_AUTH_ERROR, SP_AUTH_ERROR_WEAK_PASSWORD);
    }
}

static void
test_hash_verify (void)
{
  g_autofree char *hash = sp_password_hash ("Correct-Horse-7", NULL);

  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_true (sp_password_verify (hash, "Correct-Horse-7"));
  g_assert_false (sp_password_verify (hash, "correct-horse-7"));
  g_assert_false (sp_password_verify (hash, ""));
}

static void
test_setup_creates_everything (SpTestDb *db, gconstpointer data)
{
  g_autoptr(SpOperator) admin = sp_operator_lookup (db->store, "admin", NULL);
  g_autoptr(SpDesk) desk = first_desk (db);
  g_autofree char *comune = sp_store_get_setting (db->store, SP_SETTING_COMUNE_NAME);
  g_autoptr(GError) error = NULL;
  SpSetupData again = { "X", NULL, "Y", SP_DESK_COUNTER, "other", "Other", NULL, SP_TEST_PASSWORD };

  g_assert_nonnull (admin);
  g_assert_cmpint (sp_operator_get_role (admin), ==, SP_ROLE_ADMIN);
  g_assert_cmpstr (sp_desk_get_name (desk), ==, "Sportello 1");
  g_assert_cmpstr (comune, ==, "Santarcangelo di Romagna");
  g_assert_false (sp_setup_is_needed (db->store));

  g_assert_false (sp_setup_run (db->store, &again, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
}

static void
test_setup_weak_password_writes_nothing (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) desks = NULL;
  SpSetupData setup = { "Cesena", NULL, "Sportello 1", SP_DESK_COUNTER, "admin", "Admin", NULL, "abc" };

  g_assert_true (sp_setup_is_needed (db->store));
  g_assert_false (sp_setup_run (db->store, &setup, &error));
  g_assert_error (error, SP_AUTH_ERROR, SP_AUTH_ERROR_WEAK_PASSWORD);

  desks = sp_desk_list (db->store, TRUE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (desks), ==, 0);
  g_assert_true (sp_setup_is_needed (db->store));
}

static void
test_sign_in_wrong_then_right (SpTestDb *db, gconstpointer data)
{
  g_autoptr(SpDesk) desk = first_desk (db);
  g_autoptr(SpContext) ctx = sp_context_new (db->store);
  g_autoptr(GError) error = NULL;

  g_assert_false (sp_context_sign_in (ctx, desk, "admin", "wrong-password", &error));
  g_assert_error (error, SP_AUTH_ERROR, SP_AUTH_ERROR_WRONG_PASSWORD);
  g_assert_null (sp_context_get_operator (ctx));
  g_clear_error (&error);

  g_assert_false (sp_context_sign_in (ctx, desk, "nobody", SP_TEST_PASSWORD, &error));
  g_assert_error (error, SP_AUTH_ERROR, SP_AUTH_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);

  g_assert_true (sp_context_sign_in (ctx, desk, "admin", SP_TEST_PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sp_operator_get_username (sp_context_get_operator (ctx)), ==, "admin");
}

static void
test_lockout (SpTestDb *db, gconstpointer data)
{
  g_autoptr(SpDesk) desk = first_desk (db);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpOperator) op = NULL;

  for (int i = 0; i < 2; i++)
    {
      g_assert_null (sp_operator_authenticate (db->store, sp_desk_get_id (desk), "admin", "nope-nope", &error));
      g_assert_error (error, SP_AUTH_ERROR, SP_AUTH_ERROR_WRONG_PASSWORD);
      g_clear_error (&error);
    }

  /* The third wrong password locks and says so. */
  g_assert_null (sp_operator_authenticate (db->store, sp_desk_get_id (desk), "admin", "nope-nope", &error));
  g_assert_error (error, SP_AUTH_ERROR, SP_AUTH_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "locked"));
  g_clear_error (&error);

  /* Even the right password is refused while locked. */
  g_assert_null (sp_operator_authenticate (db->store, sp_desk_get_id (desk), "admin", SP_TEST_PASSWORD, &error));
  g_assert_error (error, SP_AUTH_ERROR, SP_AUTH_ERROR_LOCKED);
  g_clear_error (&error);

  /* About fifteen minutes by default. */
  op = sp_operator_lookup (db->store, "admin", NULL);
  g_assert_cmpint (sp_operator_get_locked_until (op) - sp_store_now (), >, (gint64) 14 * 60 * G_USEC_PER_SEC);
  g_assert_cmpint (sp_operator_get_locked_until (op) - sp_store_now (), <=, (gint64) 15 * 60 * G_USEC_PER_SEC);

  /* When the time has passed, the right password works again. */
  g_assert_true (sp_store_exec (db->store, "UPDATE operators SET locked_until = 1", NULL));
  g_clear_object (&op);
  op = sp_operator_authenticate (db->store, sp_desk_get_id (desk), "admin", SP_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (op);
}

static void
test_lockout_configurable (SpTestDb *db, gconstpointer data)
{
  g_autoptr(SpDesk) desk = first_desk (db);
  g_autoptr(SpOperator) op = NULL;

  g_assert_true (sp_store_set_setting (db->store, SP_SETTING_LOCKOUT_MINUTES, "60", NULL));
  for (int i = 0; i < 3; i++)
    g_assert_null (sp_operator_authenticate (db->store, sp_desk_get_id (desk), "admin", "nope-nope", NULL));

  op = sp_operator_lookup (db->store, "admin", NULL);
  g_assert_cmpint (sp_operator_get_locked_until (op) - sp_store_now (), >, (gint64) 59 * 60 * G_USEC_PER_SEC);
}

static void
test_operators_and_roles (SpTestDb *db, gconstpointer data)
{
  g_autoptr(SpDesk) desk = first_desk (db);
  g_autoptr(SpOperator) admin = sp_operator_lookup (db->store, "admin", NULL);
  g_autoptr(SpOperator) clerk = NULL;
  g_autoptr(SpOperator) again = NULL;
  g_autoptr(GListModel) active = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GError) error = NULL;
  SpActor actor = { sp_desk_get_id (desk), sp_operator_get_id (admin) };

  clerk = sp_operator_add (db->store, actor, "giulia", "Giulia Bianchi", "bncgli80a41h294m",
                           SP_ROLE_CLERK, "Rimini-Mare-2026", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sp_operator_get_codice_fiscale (clerk), ==, "BNCGLI80A41H294M");
  g_assert_false (sp_operator_can_supervise (clerk));
  g_assert_false (sp_operator_is_admin (clerk));

  /* Found again by codice fiscale: an operator cannot identify themselves. */
  again = sp_operator_find_by_codice_fiscale (db->store, " bncgli80a41h294m ");
  g_assert_nonnull (again);
  g_clear_object (&again);

  /* A codice fiscale that is not a real one is refused. */
  again = sp_operator_add (db->store, actor, "marco", "Marco Neri", "NRIMRC80A01H294Z",
                           SP_ROLE_CLERK, "Rimini-Mare-2026", &error);
  g_assert_null (again);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Usernames are unique. */
  again = sp_operator_add (db->store, actor, "GIULIA", "Another", NULL, SP_ROLE_CLERK,
                           "Rimini-Mare-2026", &error);
  g_assert_null (again);
  g_assert_error (error, SP_AUTH_ERROR, SP_AUTH_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (sp_operator_set_role (db->store, actor, clerk, SP_ROLE_SUPERVISOR, &error));
  g_assert_true (sp_operator_can_supervise (clerk));
  g_assert_false (sp_operator_is_admin (clerk));

  /* Deactivated operators cannot sign in and are never deleted. */
  g_assert_true (sp_operator_set_active (db->store, actor, clerk, FALSE, &error));
  again = sp_operator_authenticate (db->store, sp_desk_get_id (desk), "giulia", "Rimini-Mare-2026", &error);
  g_assert_null (again);
  g_assert_error (error, SP_AUTH_ERROR, SP_AUTH_ERROR_INACTIVE);
  g_clear_error (&error);

  active = sp_operator_list (db->store, FALSE, NULL);
  all = sp_operator_list (db->store, TRUE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (active), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 2);

  /* Reset password clears a lock and the new one works. */
  g_assert_true (sp_operator_set_active (db->store, actor, clerk, TRUE, &error));
  g_assert_true (sp_operator_reset_password (db->store, actor, clerk, "Nuova-Password-9", &error));
  g_assert_no_error (error);
  again = sp_operator_authenticate (db->store, sp_desk_get_id (desk), "giulia", "Nuova-Password-9", &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
}

static void
test_last_admin_protected (SpTestDb *db, gconstpointer data)
{
  g_autoptr(SpOperator) admin = sp_operator_lookup (db->store, "admin", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (sp_operator_set_active (db->store, SP_ACTOR_SYSTEM, admin, FALSE, &error));
  g_assert_error (error, SP_AUTH_ERROR, SP_AUTH_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (sp_operator_set_role (db->store, SP_ACTOR_SYSTEM, admin, SP_ROLE_CLERK, &error));
  g_assert_error (error, SP_AUTH_ERROR, SP_AUTH_ERROR_PERMISSION);
}

static void
test_lock_and_switch (SpTestDb *db, gconstpointer data)
{
  g_autoptr(SpDesk) desk = first_desk (db);
  g_autoptr(SpContext) ctx = sp_context_new (db->store);
  g_autoptr(SpOperator) clerk = NULL;
  g_autoptr(GError) error = NULL;

  clerk = sp_operator_add (db->store, SP_ACTOR_SYSTEM, "luca", "Luca Verdi", NULL,
                           SP_ROLE_CLERK, "Cesena-Ponte-88", &error);
  g_assert_no_error (error);

  g_assert_true (sp_context_sign_in (ctx, desk, "admin", SP_TEST_PASSWORD, &error));
  sp_context_lock (ctx);
  g_assert_true (sp_context_get_locked (ctx));

  /* A wrong password keeps it locked. */
  g_assert_false (sp_context_sign_in (ctx, desk, "admin", "not-it-at-all", &error));
  g_clear_error (&error);
  g_assert_true (sp_context_get_locked (ctx));

  /* The same operator unlocks. */
  g_assert_true (sp_context_sign_in (ctx, desk, "admin", SP_TEST_PASSWORD, &error));
  g_assert_false (sp_context_get_locked (ctx));

  /* Another operator ends the first one's session. */
  sp_context_lock (ctx);
  g_assert_true (sp_context_sign_in (ctx, desk, "luca", "Cesena-Ponte-88", &error));
  g_assert_no_error (error);
  g_assert_false (sp_context_get_locked (ctx));
  g_assert_cmpstr (sp_operator_get_username (sp_context_get_operator (ctx)), ==, "luca");
}

static void
test_desks (SpTestDb *db, gconstpointer data)
{
  g_autoptr(SpDesk) popup = NULL;
  g_autoptr(SpDesk) dup = NULL;
  g_autoptr(GListModel) active = NULL;
  g_autoptr(GError) error = NULL;

  popup = sp_desk_add (db->store, SP_ACTOR_SYSTEM, "Biblioteca", SP_DESK_POPUP, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_desk_get_kind (popup), ==, SP_DESK_POPUP);

  dup = sp_desk_add (db->store, SP_ACTOR_SYSTEM, "biblioteca", SP_DESK_COUNTER, &error);
  g_assert_null (dup);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  g_assert_true (sp_desk_set_active (db->store, SP_ACTOR_SYSTEM, popup, FALSE, &error));
  active = sp_desk_list (db->store, FALSE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (active), ==, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/auth/strength", test_strength);
  g_test_add_func ("/auth/hash-verify", test_hash_verify);
  SP_TEST_ADD_SETUP ("/auth/setup-creates-everything", test_setup_creates_everything);
  SP_TEST_ADD ("/auth/setup-weak-password-writes-nothing", test_setup_weak_password_writes_nothing);
  SP_TEST_ADD_SETUP ("/auth/sign-in-wrong-then-right", test_sign_in_wrong_then_right);
  SP_TEST_ADD_SETUP ("/auth/lockout", test_lockout);
  SP_TEST_ADD_SETUP ("/auth/lockout-configurable", test_lockout_configurable);
  SP_TEST_ADD_SETUP ("/auth/operators-and-roles", test_operators_and_roles);
  SP_TEST_ADD_SETUP ("/auth/last-admin-protected", test_last_admin_protected);
  SP_TEST_ADD_SETUP ("/auth/lock-and-switch", test_lock_and_switch);
  SP_TEST_ADD_SETUP ("/auth/desks", test_desks);

  return g_test_run ();
}
