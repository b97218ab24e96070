/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-record.c — read-only GObjects made from one row of a table */
#define G_LOG_DOMAIN "sp-record"

#include "config.h"

#include "sp-enum.h"
#include "sp-record.h"

/* What a class installed, kept on its type. */
typedef struct
{
  const SpRecordField *fields;
  guint                n_fields;
  GObjectClass        *parent_class;
} RecordInfo;

static GQuark
record_info_quark (void)
{
  return g_quark_from_static_string ("sp-record-info");
}

static const RecordInfo *
get_info (GType type)
{
  const RecordInfo *info = g_type_get_qdata (type, record_info_quark ());

  g_assert (info != NULL);
  return info;
}

#define FIELD(object, field, ctype) G_STRUCT_MEMBER (ctype, (object), (field)->offset)

static void
record_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  const RecordInfo *info = get_info (G_OBJECT_TYPE (object));
  const SpRecordField *field;

  if (prop_id == 0 || prop_id > info->n_fields)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  field = &info->fields[prop_id - 1];
  switch (field->kind)
    {
    case SP_RECORD_INT64:
      g_value_set_int64 (value, FIELD (object, field, gint64));
      break;
    case SP_RECORD_INT:
      g_value_set_int (value, FIELD (object, field, int));
      break;
    case SP_RECORD_BOOLEAN:
      g_value_set_boolean (value, FIELD (object, field, gboolean));
      break;
    case SP_RECORD_STRING:
      g_value_set_string (value, FIELD (object, field, char *));
      break;
    case SP_RECORD_ENUM:
      g_value_set_string (value, sp_enum_to_nick (field->enum_type (), FIELD (object, field, int)));
      break;
    case SP_RECORD_LABEL:
      g_value_set_string (value, field->label (object));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
record_finalize (GObject *object)
{
  const RecordInfo *info = get_info (G_OBJECT_TYPE (object));

  for (guint i = 0; i < info->n_fields; i++)
    if (info->fields[i].kind == SP_RECORD_STRING)
      g_free (FIELD (object, &info->fields[i], char *));

  info->parent_class->finalize (object);
}

static GParamSpec *
field_param_spec (const SpRecordField *field)
{
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  switch (field->kind)
    {
    case SP_RECORD_INT64:
      return g_param_spec_int64 (field->name, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
    case SP_RECORD_INT:
      return g_param_spec_int (field->name, NULL, NULL, G_MININT, G_MAXINT, 0, flags);
    case SP_RECORD_BOOLEAN:
      return g_param_spec_boolean (field->name, NULL, NULL, FALSE, flags);
    case SP_RECORD_STRING:
    case SP_RECORD_ENUM:
    case SP_RECORD_LABEL:
      return g_param_spec_string (field->name, NULL, NULL, NULL, flags);
    default:
      g_assert_not_reached ();
    }
}

void
sp_record_class_install (GObjectClass        *klass,
                         const SpRecordField *fields,
                         guint                n_fields)
{
  RecordInfo *info;

  g_return_if_fail (G_IS_OBJECT_CLASS (klass));
  g_return_if_fail (fields != NULL);

  /* Lives as long as the class, that is as long as the program. */
  info = g_new0 (RecordInfo, 1);
  info->fields = fields;
  info->n_fields = n_fields;
  info->parent_class = g_type_class_peek_parent (klass);
  g_type_set_qdata (G_OBJECT_CLASS_TYPE (klass), record_info_quark (), info);

  klass->get_property = record_get_property;
  klass->finalize = record_finalize;

  for (guint i = 0; i < n_fields; i++)
    if (fields[i].name != NULL)
      g_object_class_install_property (klass, i + 1, field_param_spec (&fields[i]));
}

gpointer
sp_record_new_from_row (GType        type,
                        SpStatement *stmt)
{
  /* Made first: that initialises the class, which installs the info. */
  GObject *object = g_object_new (type, NULL);
  const RecordInfo *info = get_info (type);
  int column = 0;

  for (guint i = 0; i < info->n_fields; i++)
    {
      const SpRecordField *field = &info->fields[i];

      switch (field->kind)
        {
        case SP_RECORD_INT64:
          FIELD (object, field, gint64) = sp_statement_get_int (stmt, column);
          break;
        case SP_RECORD_INT:
          FIELD (object, field, int) = (int) sp_statement_get_int (stmt, column);
          break;
        case SP_RECORD_BOOLEAN:
          FIELD (object, field, gboolean) = sp_statement_get_bool (stmt, column);
          break;
        case SP_RECORD_STRING:
          FIELD (object, field, char *) = sp_statement_dup_text (stmt, column);
          break;
        case SP_RECORD_ENUM:
          /* An unknown nick leaves the enum's first value. */
          FIELD (object, field, int) = 0;
          sp_enum_from_nick (field->enum_type (), sp_statement_get_text (stmt, column),
                             &FIELD (object, field, int));
          break;
        case SP_RECORD_LABEL:
          continue;
        default:
          g_assert_not_reached ();
        }
      column++;
    }

  return object;
}
