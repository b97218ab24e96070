/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-draft-spool.c — a draft kept on this desk while the server is away */
#define G_LOG_DOMAIN "sp-draft-spool"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sp-draft-spool.h"
#include "sp-error.h"

/* $XDG_STATE_HOME/sportello/drafts/UUID: state of this desk's own, not
 * data another desk or a backup needs. */
static char *
spool_path (SpIdentification *draft)
{
  return g_build_filename (g_get_user_state_dir (), "sportello", "drafts",
                           sp_identification_get_uuid (draft), NULL);
}

gboolean
sp_draft_spool_keep (SpStore           *store,
                     SpIdentification  *draft,
                     GError           **error)
{
  g_autofree char *path = spool_path (draft);
  g_autofree char *dir = g_path_get_dirname (path);
  char *form = sp_identification_dup_form (draft);
  g_autoptr(GBytes) plain = g_bytes_new_take (form, strlen (form));
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len;
  const char *data;

  sealed = sp_store_encrypt_secret (store, plain, error);
  if (sealed == NULL)
    return FALSE;
  data = g_bytes_get_data (sealed, &len);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (path, data, len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_OPEN,
                   _("The draft cannot be kept on this computer: %s."),
                   local_error != NULL ? local_error->message : g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

gboolean
sp_draft_spool_restore (SpStore           *store,
                        SpIdentification  *draft,
                        gboolean          *restored,
                        GError           **error)
{
  g_autofree char *path = spool_path (draft);
  g_autofree char *contents = NULL;
  g_autofree char *form = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GBytes) plain = NULL;
  gsize len = 0;

  *restored = FALSE;
  if (!g_file_get_contents (path, &contents, &len, NULL))
    return TRUE;
  sealed = g_bytes_new_take (g_steal_pointer (&contents), len);
  plain = sp_store_decrypt_secret (store, sealed, error);
  if (plain == NULL)
    return FALSE;
  form = g_strndup (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain));
  sp_identification_restore_form (draft, form);
  *restored = TRUE;
  return TRUE;
}

void
sp_draft_spool_forget (SpIdentification *draft)
{
  g_autofree char *path = spool_path (draft);

  g_remove (path);
}
