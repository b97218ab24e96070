/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-record.h — read-only GObjects made from one row of a table
 *
 * Desks, operators, counter services…: objects whose fields are a table's
 * columns, shown to the UI as read-only properties. Their class lists the
 * fields once, in the order of the SELECT's columns; this installs the
 * properties, reads them (get_property), frees the strings (finalize) and
 * fills a new object from a row.
 *
 *   static const SpRecordField desk_fields[] = {
 *     SP_RECORD_FIELD ("id", SP_RECORD_INT64, SpDesk, id),
 *     SP_RECORD_FIELD ("name", SP_RECORD_STRING, SpDesk, name),
 *     SP_RECORD_LABEL ("kind-label", get_kind_label),
 *   };
 *   sp_record_class_install (object_class, desk_fields, G_N_ELEMENTS (desk_fields));
 */
#pragma once

#include <glib-object.h>

#include "sp-statement.h"

G_BEGIN_DECLS

typedef enum
{
  SP_RECORD_INT64,    /* gint64 */
  SP_RECORD_INT,      /* int */
  SP_RECORD_BOOLEAN,  /* gboolean */
  SP_RECORD_STRING,   /* char *, owned */
  SP_RECORD_ENUM,     /* an enum, stored as its nick; the property is the nick */
  SP_RECORD_LABEL,    /* no column: a string the label function computes */
} SpRecordKind;

typedef const char *(*SpRecordLabelFunc) (gpointer record);

typedef struct
{
  const char         *name;          /* the property; NULL: a column kept only in the struct */
  SpRecordKind        kind;
  gsize               offset;        /* of the struct's field; not for a label */
  GType             (*enum_type) (void);
  SpRecordLabelFunc   label;
} SpRecordField;

#define SP_RECORD_FIELD(name, kind, Type, member) \
  { (name), (kind), G_STRUCT_OFFSET (Type, member), NULL, NULL }
#define SP_RECORD_ENUM_FIELD(name, Type, member, get_type) \
  { (name), SP_RECORD_ENUM, G_STRUCT_OFFSET (Type, member), (get_type), NULL }
#define SP_RECORD_LABEL(name, func) \
  { (name), SP_RECORD_LABEL, 0, NULL, (SpRecordLabelFunc) (func) }

/* Installs a property for every named field and the class's get_property
 * and finalize. fields must outlive the class (a static table). */
void      sp_record_class_install  (GObjectClass         *klass,
                                    const SpRecordField  *fields,
                                    guint                 n_fields);

/* A new object of type, its fields read from the current row of stmt:
 * column i to the i-th field that is not a label. */
gpointer  sp_record_new_from_row   (GType                 type,
                                    SpStatement          *stmt);

G_END_DECLS
