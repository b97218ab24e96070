/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-private.h — what the store asks of an engine, and what it gives
 *
 * Two engines sit under the store: SQLite (sp-store-sqlite.c) for one
 * desk, a pop-up laptop and the tests, and PostgreSQL (sp-store-postgres.c)
 * for an office's desks. Only these files and the store's own talk to an
 * engine; the owners of the tables go through sp-statement.h.
 */
#pragma once

#include <sqlite3.h>

#include "sp-store.h"

G_BEGIN_DECLS

typedef struct _SpEngine SpEngine;

/* A statement's engine half. Indexes of binds start at 1, columns at 0. */
typedef struct
{
  void          (*free)          (SpStatement  *self);
  void          (*clear)         (SpStatement  *self);
  void          (*bind_int)      (SpStatement  *self,
                                  int           index,
                                  gint64        value);
  void          (*bind_text)     (SpStatement  *self,
                                  int           index,
                                  const char   *text);
  void          (*bind_null)     (SpStatement  *self,
                                  int           index);
  void          (*bind_bytes)    (SpStatement  *self,
                                  int           index,
                                  const void   *data,
                                  gsize         size);
  /* Optional: ready to run with the arguments bound now (PostgreSQL
   * prepares for their types here), so that SQL the server refuses is an
   * error of sp_store_query, as SQLite's is, not of the first step. */
  gboolean      (*bound)         (SpStatement  *self,
                                  GError      **error);
  /* TRUE with a row; FALSE at the end (setting changes) or on error. */
  gboolean      (*step)          (SpStatement  *self,
                                  GError      **error);
  gint64        (*get_int)       (SpStatement  *self,
                                  int           column);
  double        (*get_double)    (SpStatement  *self,
                                  int           column);
  const char   *(*get_text)      (SpStatement  *self,
                                  int           column);
  gboolean      (*is_null)       (SpStatement  *self,
                                  int           column);
  GBytes       *(*dup_bytes)     (SpStatement  *self,
                                  int           column);
  /* The current row's columns, for copying rows of any table. */
  int           (*column_count)  (SpStatement  *self);
  const char   *(*column_name)   (SpStatement  *self,
                                  int           column);
  SpColumnType  (*column_type)   (SpStatement  *self,
                                  int           column);
} SpStatementClass;

/* Every engine's statement starts with this. */
struct _SpStatement
{
  const SpStatementClass *klass;
  SpStore                *store;
  gint64                  changes;
};

/* What the store needs of an engine's connection. */
typedef struct
{
  const char   *name;
  /* The file name ending of this engine's own version of a migration
   * (".postgresql.sql"), used where a step's DDL must differ; NULL for
   * SQLite, whose DDL the steps are written in. */
  const char   *migration_suffix;
  /* What begins a writing transaction. */
  const char   *begin_sql;
  /* Inside a writing transaction, waits until no other connection is
   * appending to a chain of rows (the audit trail), until this one ends;
   * NULL where begin_sql already lets one writer at a time. */
  const char   *chain_lock_sql;
  /* Ends a SELECT of rows to take for this transaction alone, passing
   * over those another connection holds (" FOR UPDATE SKIP LOCKED");
   * "" where begin_sql already lets one writer at a time. */
  const char   *claim_suffix;
  /* Run before a writing transaction commits, so that the other desks
   * hear of it (PostgreSQL's NOTIFY); NULL where they notice by
   * themselves (SQLite's data_version). */
  const char   *announce_sql;

  void          (*close)           (SpEngine     *engine);
  gboolean      (*exec)            (SpEngine     *engine,
                                    const char   *script,
                                    GError      **error);
  SpStatement  *(*prepare)         (SpEngine     *engine,
                                    SpStore      *store,
                                    const char   *sql,
                                    GError      **error);
  gboolean      (*in_transaction)  (SpEngine     *engine);
  gint64        (*last_insert_id)  (SpEngine     *engine);
  /* Without waiting: whether another connection committed a change
   * since the last call (*changed), FALSE with error when the database
   * cannot be reached. */
  gboolean      (*poll_changes)    (SpEngine     *engine,
                                    gboolean     *changed,
                                    GError      **error);
  /* Without waiting: one step towards a connection that works again after
   * the server went away (*reconnected on the step that got there); TRUE
   * at once while connected, FALSE with SP_STORE_ERROR_UNREACHABLE while
   * not. NULL where the database cannot go away (a file). */
  gboolean      (*reconnect)       (SpEngine     *engine,
                                    gboolean     *reconnected,
                                    GError      **error);

  /* Reads, changing nothing, whether the database is new (empty), ours
   * (and at which schema), or something else: FALSE with the error that
   * refuses it. */
  gboolean      (*read_identity)   (SpEngine     *engine,
                                    const char   *location,
                                    int          *out_schema,
                                    gboolean     *out_empty,
                                    GError      **error);
  /* Settings of the connection, once the database is known to be ours. */
  gboolean      (*prepare_use)     (SpEngine     *engine,
                                    GError      **error);
  /* Records the schema version in the engine's own header, inside the
   * migration's transaction (SQLite's user_version; nothing elsewhere). */
  gboolean      (*mark_schema)     (SpEngine     *engine,
                                    int           version,
                                    GError      **error);
  gboolean      (*backup)          (SpEngine     *engine,
                                    const char   *destination,
                                    GError      **error);
  gboolean      (*check)           (SpEngine     *engine,
                                    SpStore      *store,
                                    GError      **error);

  /* What copying a whole database (sp-store-copy.c) reads of the
   * engine's catalogue: the names of the tables, one a row; the pairs
   * (table, table it refers to) of the foreign keys; and, with ?1 a
   * table's name, its columns' names in order. */
  const char   *tables_sql;
  const char   *references_sql;
  const char   *columns_sql;
  /* Run first in a reading transaction so that every table is read as of
   * one moment; NULL when begin_sql gives that already. */
  const char   *snapshot_sql;
  /* After rows were written with their ids: makes the next id of every
   * table follow the highest one. NULL when the engine does it itself. */
  gboolean      (*reset_sequences) (SpEngine     *engine,
                                    SpStore      *store,
                                    GError      **error);
} SpEngineClass;

struct _SpEngine
{
  const SpEngineClass *klass;
};

/* Opens location with the engine it names (sp_store_location_is_postgres()). */
SpEngine     *sp_engine_sqlite_open        (const char   *path,
                                            GError      **error);
SpEngine     *sp_engine_postgres_open      (const char   *conninfo,
                                            GError      **error);
/* The same with a password (NULL: from ~/.pgpass, or none). */
SpEngine     *sp_engine_postgres_open_with_password (const char  *conninfo,
                                                     const char  *password,
                                                     GError     **error);
/* What sp_store_describe_location() says of a PostgreSQL location. */
char         *sp_engine_postgres_describe  (const char   *conninfo);
/* A failed libpq connection (a PGconn) as the store's error: a password
 * the server asks for and nobody gave is SP_STORE_ERROR_PASSWORD_NEEDED. */
struct pg_conn;
void          sp_engine_postgres_set_connect_error (struct pg_conn  *conn,
                                                    GError         **error);

SpEngine     *sp_store_get_engine          (SpStore      *self);

/* SQLite's handle and its result codes made into the store's errors: for
 * the SQL functions the reports register until they run on both engines. */
sqlite3      *sp_store_get_handle          (SpStore      *self);
gboolean      sp_store_set_error           (SpStore      *self,
                                            int           rc,
                                            GError      **error);

G_END_DECLS
