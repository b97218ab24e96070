/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store.h — the one object that owns the database
 *
 * Opens (or creates) a Sportello database — a SQLite file, or a PostgreSQL
 * database named by a URI — refuses one that is not ours or that a newer
 * version wrote, applies the numbered migrations from db/, and offers
 * transactions and statements (sp-statement.h) to the rest of sp-core.
 * UI code never runs SQL: it calls the core modules built on this.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SP_TYPE_STORE (sp_store_get_type ())

G_DECLARE_FINAL_TYPE (SpStore, sp_store, SP, STORE, GObject)

G_END_DECLS

#include "sp-statement.h"

G_BEGIN_DECLS

/* Written in PRAGMA application_id: "SPRT". */
#define SP_STORE_APPLICATION_ID 0x53505254

/* location: a file path (SQLite) or "postgresql://…" (PostgreSQL). */
SpStore      *sp_store_open                 (const char  *location,
                                             GError     **error);
/* Whether location names a PostgreSQL database (a postgresql:// URI)
 * rather than a SQLite file. */
gboolean      sp_store_location_is_postgres (const char  *location);
/* The same with the password of a PostgreSQL database, which goes to the
 * server and nowhere else (NULL: as sp_store_open(), from ~/.pgpass).
 * SP_STORE_ERROR_PASSWORD_NEEDED when the server asks for one that was
 * not given; SP_STORE_ERROR_OPEN when it refuses the one given. */
SpStore      *sp_store_open_with_password   (const char  *location,
                                             const char  *password,
                                             GError     **error);
/* Which database a location names, for the sign-in window and About: a
 * file's path, or "database “sportello” on “server” as “desk”"; never a
 * password. */
char         *sp_store_describe_location    (const char  *location);
const char   *sp_store_get_path             (SpStore     *self);
/* "sqlite" or "postgresql". */
const char   *sp_store_get_engine_name      (SpStore     *self);
int           sp_store_get_schema_version   (SpStore     *self);
int           sp_store_get_latest_version   (void);
char         *sp_store_default_path         (void);

/* The one way to write in a transaction: runs func inside BEGIN IMMEDIATE …
 * COMMIT, rolled back when func returns FALSE (with error set) or the
 * commit fails. Called inside another transaction it runs in a SAVEPOINT,
 * so a failing part is undone alone and the caller decides about the rest.
 * When it crossed another desk's transaction (PostgreSQL's serialization
 * failure or deadlock) the whole runs again, up to five times: func must
 * start from what it was given, not from what a failed run left in
 * user_data. */
typedef gboolean (*SpStoreTransactionFunc) (SpStore   *store,
                                            gpointer   user_data,
                                            GError   **error);

gboolean      sp_store_transaction          (SpStore                 *self,
                                             SpStoreTransactionFunc   func,
                                             gpointer                 user_data,
                                             GError                 **error);
gboolean      sp_store_in_transaction       (SpStore     *self);
/* Inside a transaction: makes this connection the only one appending to a
 * hash chain (the audit trail) until the transaction ends, so that two
 * desks never both link a row to the same last one. */
gboolean      sp_store_lock_chain           (SpStore     *self,
                                             GError     **error);
/* Without waiting: whether another desk committed a change since the
 * last call (the first call only starts counting), so that what this
 * desk shows follows the others' work. When the server went away, each
 * call takes a step towards connecting again: FALSE with
 * SP_STORE_ERROR_UNREACHABLE until it is back, then *changed (anything
 * may have changed meanwhile). */
gboolean      sp_store_poll_changes         (SpStore     *self,
                                             gboolean    *changed,
                                             GError     **error);
/* Inside a transaction: takes the row id of table for this transaction
 * alone if it still matches condition (SQL on the row's columns) and no
 * other desk holds it; *claimed FALSE when another desk got there first,
 * so that the caller goes on to the next one without waiting (the queue's
 * "call the next one", the outbox's next message). */
gboolean      sp_store_claim                (SpStore     *self,
                                             const char  *table,
                                             gint64       id,
                                             const char  *condition,
                                             gboolean    *claimed,
                                             GError     **error);


/* Runs a literal SQL script (no arguments): migrations, pragmas. */
gboolean      sp_store_exec                 (SpStore     *self,
                                             const char  *sql,
                                             GError     **error);
/* The id of the row the last INSERT made on this connection. */
gint64        sp_store_last_insert_id       (SpStore     *self);

/* Small helpers shared by every module. */
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

G_END_DECLS
