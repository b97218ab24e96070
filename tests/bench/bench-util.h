/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-util.h — what every bench measures with, header only
 *
 * Each bench prints lines "name<TAB>value<TAB>unit<TAB>baseline"; a
 * figure is the median of many runs, timed with the monotonic clock, on
 * the test comune of tests/common/sp-fixtures.h.
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>

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

/* A fresh database of the test comune in a folder of its own. */
typedef struct
{
  char    *dir;
  char    *path;
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
  db->path = g_build_filename (db->dir, "sportello.db", NULL);
  db->store = sp_fixture_open_store (db->path, &error);
  if (db->store == NULL)
    g_error ("%s", error->message);
}

/* Closes and removes the database and its folder; the bench removes
 * first what else it wrote there. */
static inline void
bench_db_close (BenchDb *db)
{
  g_clear_object (&db->store);
  sp_fixture_remove_database (db->path);
  g_rmdir (db->dir);
  g_clear_pointer (&db->path, g_free);
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
