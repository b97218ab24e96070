/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store.h — the one object that owns the SQLite database
 *
 * Opens (or creates) a Sportello database, refuses files that are not ours
 * or that a newer version wrote, applies the numbered migrations from db/,
 * and offers transactions and prepared statements to the rest of sp-core.
 * UI code never runs SQL: it calls the core modules built on this.
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define SP_TYPE_STORE (sp_store_get_type ())

G_DECLARE_FINAL_TYPE (SpStore, sp_store, SP, STORE, GObject)

G_END_DECLS

#include "sp-statement.h"

G_BEGIN_DECLS

/* Written in PRAGMA application_id: "SPRT". */
#define SP_STORE_APPLICATION_ID 0x53505254

SpStore      *sp_store_open                 (const char  *path,
                                             GError     **error);
const char   *sp_store_get_path             (SpStore     *self);
int           sp_store_get_schema_version   (SpStore     *self);
int           sp_store_get_latest_version   (void);
char         *sp_store_default_path         (void);

/* The one way to write in a transaction: runs func inside BEGIN IMMEDIATE …
 * COMMIT, rolled back when func returns FALSE (with error set) or the
 * commit fails. Called inside another transaction it runs in a SAVEPOINT,
 * so a failing part is undone alone and the caller decides about the rest. */
typedef gboolean (*SpStoreTransactionFunc) (SpStore   *store,
                                            gpointer   user_data,
                                            GError   **error);

gboolean      sp_store_transaction          (SpStore                 *self,
                                             SpStoreTransactionFunc   func,
                                             gpointer                 user_data,
                                             GError                 **error);
gboolean      sp_store_in_transaction       (SpStore     *self);


/* Statements: always prepared and bound, never built from user input. */
sqlite3      *sp_store_get_handle           (SpStore     *self);
sqlite3_stmt *sp_store_prepare              (SpStore     *self,
                                             const char  *sql,
                                             GError     **error);
gboolean      sp_store_exec                 (SpStore     *self,
                                             const char  *sql,
                                             GError     **error);
/* Steps a statement that returns no rows (INSERT/UPDATE/DELETE). */
gboolean      sp_store_step_done            (SpStore      *self,
                                             sqlite3_stmt *stmt,
                                             GError      **error);
gboolean      sp_store_set_error            (SpStore     *self,
                                             int          rc,
                                             GError     **error);
gint64        sp_store_last_insert_id       (SpStore     *self);

/* Turns the current row of a statement into a new object. */
typedef gpointer (*SpStoreRowFunc) (sqlite3_stmt *stmt);

/* Steps a prepared, bound statement and collects every row, made into
 * objects of item_type by row_func, in a new GListModel. */
GListModel   *sp_store_collect              (SpStore        *self,
                                             sqlite3_stmt   *stmt,
                                             GType           item_type,
                                             SpStoreRowFunc  row_func,
                                             GError        **error);
/* Steps it once: the row made into an object, or SP_STORE_ERROR_NOT_FOUND
 * with not_found_message when there is none. */
gpointer      sp_store_fetch_one            (SpStore        *self,
                                             sqlite3_stmt   *stmt,
                                             SpStoreRowFunc  row_func,
                                             const char     *not_found_message,
                                             GError        **error);

/* Prepares sql, binds ?1 to key_text or, when it is NULL, to key_id, and
 * fetches the one row as sp_store_fetch_one does: the lookups by name,
 * code, uuid or id of every module. */
gpointer      sp_store_fetch_by_key         (SpStore        *self,
                                             const char     *sql,
                                             const char     *key_text,
                                             gint64          key_id,
                                             SpStoreRowFunc  row_func,
                                             const char     *not_found_message,
                                             GError        **error);

/* Small helpers shared by every module. */
void          sp_store_bind_text            (sqlite3_stmt *stmt,
                                             int           index,
                                             const char   *text_or_null);
char         *sp_store_column_dup           (sqlite3_stmt *stmt,
                                             int           column);
char         *sp_store_new_uuid             (void);
/* Now, in µs since the epoch: the time every record is written with. */
gint64        sp_store_now                  (void);
/* Makes sp_store_now() answer now (µs) in this thread, 0 to go back to
 * the real clock: the demo replays days of work through the same
 * functions a clerk's actions call. Never used by the programs' real work. */
void          sp_store_set_simulated_clock  (gint64       now);

/* What retention writes in place of personal data. */
#define SP_ERASED_CODICE_FISCALE "****************"
#define SP_ERASED_TEXT           "*"

/* Runs one retention statement, whose ?1 is the cutoff in µs and ?2 the
 * cutoff day ("YYYY-MM-DD"), in the caller's transaction: the rows it
 * changed, or -1 with error set. The owners' erasers share it. */
gint64        sp_store_run_eraser           (SpStore     *self,
                                             const char  *sql,
                                             gint64       cutoff,
                                             const char  *cutoff_day,
                                             GError     **error);

/* SQLite's page cache per connection, in KiB: room for a year of the
 * reports' index pages, so the Supervision screens read them once. */
#define SP_STORE_CACHE_KIB 32768

/* Key/value settings kept in the database (shared by every desk). */
char         *sp_store_get_setting          (SpStore     *self,
                                             const char  *key);
gint64        sp_store_get_setting_int      (SpStore     *self,
                                             const char  *key,
                                             gint64       fallback);
gboolean      sp_store_set_setting          (SpStore     *self,
                                             const char  *key,
                                             const char  *value,
                                             GError     **error);

/* Copies the whole database, consistently, while others keep using it
 * (SQLite's online backup). Refuses to overwrite an existing file. */
gboolean      sp_store_backup               (SpStore     *self,
                                             const char  *destination,
                                             GError     **error);
/* SQLite's integrity and foreign-key checks; FALSE with the first problem
 * found (SP_STORE_ERROR_CORRUPT or _CONSTRAINT). */
gboolean      sp_store_check                (SpStore     *self,
                                             GError     **error);

/* The installation's secret key (32 bytes), made at set-up with libsodium
 * and never shown or exported in clear. Created on first use. */
GBytes       *sp_store_get_installation_secret (SpStore  *self,
                                                GError  **error);

/* Secrets kept in the database (the SMTP password, the seal's key and its
 * PIN), sealed under the installation secret with libsodium's secretbox
 * (XSalsa20-Poly1305): nonce ‖ box. Decrypting returns bytes in memory
 * that is wiped when the GBytes is freed, or NULL with
 * SP_STORE_ERROR_CORRUPT when the box does not open (altered, or sealed
 * by another installation). */
GBytes       *sp_store_encrypt_secret       (SpStore     *self,
                                             GBytes      *plain,
                                             GError     **error);
GBytes       *sp_store_decrypt_secret       (SpStore     *self,
                                             GBytes      *sealed,
                                             GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
