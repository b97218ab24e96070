/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-settings.h — the comune's settings kept in the database: which ones
 * there are, what values each accepts, and the one audited way to change
 * them
 *
 * Settings shared by every desk live in the settings table of the store.
 * Changing some writes them and one audit row naming the keys, never the
 * values (a secret written alongside, the SMTP password, must not reach the
 * append-only trail), in one transaction. Only the settings listed here
 * can be read or written through this module: the internal ones and the
 * secrets (installation secret, audit head, SMTP password) are not listed,
 * so no key typed by a person reaches them.
 */
#pragma once

#include "sp-audit.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_SETTINGS_ERROR (sp_settings_error_quark ())

typedef enum
{
  SP_SETTINGS_ERROR_UNKNOWN,   /* not a setting of this table */
  SP_SETTINGS_ERROR_INVALID,   /* the value is not acceptable for the key */
} SpSettingsError;

GQuark sp_settings_error_quark (void);

typedef struct _SpSettingInfo SpSettingInfo;

/* Sets an SP_SETTINGS_ERROR_INVALID saying what the key accepts. value is
 * never NULL or empty: unsetting is decided by the required flag. */
typedef gboolean (*SpSettingValidateFunc) (const SpSettingInfo  *info,
                                           const char           *value,
                                           GError              **error);

struct _SpSettingInfo
{
  const char            *key;            /* "service.*.bring": one per service */
  const char            *description;    /* English msgid, N_() */
  const char            *default_value;  /* as stored; NULL when there is none */
  SpSettingValidateFunc  validate;
  gint64                 min;            /* for whole numbers */
  gint64                 max;
  gboolean               required;       /* cannot be unset */
};

/* The table, in the order the IT office reads it. */
const SpSettingInfo *sp_settings_get_known  (guint               *n_settings);
/* The entry of a key, or NULL when it is not one of the table. */
const SpSettingInfo *sp_settings_lookup     (const char          *key);

/* Checks a value for a key; NULL or "" checks that the key may be unset. */
gboolean             sp_settings_validate   (SpStore             *store,
                                             const char          *key,
                                             const char          *value,
                                             GError             **error);

/* Every key of the table, the per-service ones expanded over the active
 * services: a GPtrArray of char *. */
GPtrArray           *sp_settings_list_keys  (SpStore             *store,
                                             GError             **error);
/* The stored value or, when unset, the default (NULL when there is none);
 * *is_default tells which. Unknown keys and secrets are refused. */
gboolean             sp_settings_get        (SpStore             *store,
                                             const char          *key,
                                             char               **value,
                                             gboolean            *is_default,
                                             GError             **error);

/* Saves a batch: keys and values are NULL-terminated arrays of the same
 * length; a NULL or "" value unsets the key (back to its default). Every
 * value is checked first and the first invalid one refuses the whole
 * batch, nothing written. The keys whose value changes are written with
 * one SP_AUDIT_SETTINGS row {"keys": […]}, in one transaction (joining
 * the caller's, if any); when nothing changes nothing is written. */
gboolean             sp_settings_save       (SpStore             *store,
                                             SpActor              actor,
                                             const char * const  *keys,
                                             const char * const  *values,
                                             GError             **error);
/* The same, for a caller that has begun a transaction and written a secret
 * itself (the SMTP password, stored encrypted): the keys in also_written
 * are named in the same audit row. */
gboolean             sp_settings_save_full  (SpStore             *store,
                                             SpActor              actor,
                                             const char * const  *keys,
                                             const char * const  *values,
                                             const char * const  *also_written,
                                             GError             **error);

G_END_DECLS
