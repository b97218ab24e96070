/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-util.h — what every bench measures with, header only
 *
 * Each bench prints lines "name<TAB>value<TAB>unit<TAB>baseline"; a
 * figure is the median of many runs, timed with the monotonic clock, on
 * the test comune of tests/common/sp-fixtures.h. build-aux/bench runs each
 * bench once per engine: with SPORTELLO_BENCH_POSTGRESQL naming a server,
 * the bench's database is a fresh one there instead of a file.
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* By path: bench-receipt is built from tests/render, with its own
 * include directories. */
#include "../common/sp-fixtures.h"
#include "sp-receipt.h"

static inline int
bench_compare_doubles (const void *a,
                       const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Sorts values in place. */
static inline double
bench_median (double *values,
              guint   n)
{
  qsort (values, n, sizeof (double), bench_compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static inline double
bench_ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The server the bench runs on, or NULL for SQLite. */
static inline const char *
bench_postgresql_server (void)
{
  const char *server = g_getenv ("SPORTELLO_BENCH_POSTGRESQL");

  return server != NULL && *server != '\0' ? server : NULL;
}

static inline void
bench_postgresql_exec (const char *sql)
{
  PGconn *conn = PQconnectdb (bench_postgresql_server ());
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
}

/* A fresh database: a file in dir, or one made now on the bench's server
 * (its name kept in *pg_name, for bench_database_remove). */
static inline char *
bench_database_new (const char  *dir,
                    char       **pg_name)
{
  static guint serial;
  const char *server = bench_postgresql_server ();
  g_autofree char *sql = NULL;

  *pg_name = NULL;
  if (server == NULL)
    return g_build_filename (dir, "sportello.db", NULL);

  *pg_name = g_strdup_printf ("bench_%d_%u", (int) getpid (), ++serial);
  sql = g_strdup_printf ("CREATE DATABASE %s", *pg_name);
  bench_postgresql_exec (sql);
  /* A dbname among the URI's parameters overrides the one in its path. */
  return g_strdup_printf ("%s%sdbname=%s", server, strchr (server, '?') != NULL ? "&" : "?", *pg_name);
}

static inline void
bench_database_remove (const char *location,
                       const char *pg_name)
{
  g_autofree char *sql = NULL;

  if (pg_name == NULL)
    {
      sp_fixture_remove_database (location);
      return;
    }
  sql = g_strdup_printf ("DROP DATABASE %s", pg_name);
  bench_postgresql_exec (sql);
}

/* A fresh database of the test comune in a folder of its own. */
typedef struct
{
  char    *dir;
  char    *location;
  char    *pg_name;
  SpStore *store;
} BenchDb;

static inline void
bench_db_open (BenchDb    *db,
               const char *dir_template)
{
  g_autoptr(GError) error = NULL;

  db->dir = g_dir_make_tmp (dir_template, &error);
  if (db->dir == NULL)
    g_error ("%s", error->message);
  db->location = bench_database_new (db->dir, &db->pg_name);
  db->store = sp_fixture_open_store (db->location, &error);
  if (db->store == NULL)
    g_error ("%s", error->message);
}

/* Closes and removes the database and its folder; the bench removes
 * first what else it wrote there. */
static inline void
bench_db_close (BenchDb *db)
{
  g_clear_object (&db->store);
  bench_database_remove (db->location, db->pg_name);
  g_rmdir (db->dir);
  g_clear_pointer (&db->location, g_free);
  g_clear_pointer (&db->pg_name, g_free);
  g_clear_pointer (&db->dir, g_free);
}

/* The receipt a SPID identification gives, not yet issued: what the
 * receipt benches render, alone or after a whole identification. */
static inline SpReceipt *
bench_spid_receipt_new (const char *citizen)
{
  g_autofree char *record = g_uuid_string_random ();
  SpReceipt *receipt = sp_receipt_new (SP_RECEIPT_KIND_SPID_IDENTIFICATION, record);

  sp_receipt_set_language (receipt, "it");
  sp_receipt_set_desk (receipt, 1, "Sportello 1");
  sp_receipt_set_operator (receipt, 1, "Anna Amministratrice");
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_TEXT, "Citizen", citizen);
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_CODE, "First half of the code", "K7QD4M");
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_DATE, "Complete the activation by", "2026-12-23");
  return receipt;
}
