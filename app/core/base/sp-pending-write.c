/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-pending-write.c — the uuid of a write whose outcome is not known */
#include "sp-pending-write.h"

#include "sp-error.h"
#include "sp-store.h"

struct _SpPendingWrite
{
  char *input;
  char *uuid;
};

SpPendingWrite *
sp_pending_write_new (void)
{
  return g_new0 (SpPendingWrite, 1);
}

static void
forget (SpPendingWrite *self)
{
  g_clear_pointer (&self->input, g_free);
  g_clear_pointer (&self->uuid, g_free);
}

void
sp_pending_write_free (SpPendingWrite *self)
{
  if (self == NULL)
    return;
  forget (self);
  g_free (self);
}

const char *
sp_pending_write_uuid (SpPendingWrite *self,
                       const char     *input)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (input != NULL, NULL);

  /* Something else asked for: the kept uuid belongs to another write. */
  if (g_strcmp0 (self->input, input) != 0)
    {
      forget (self);
      self->input = g_strdup (input);
      self->uuid = sp_store_new_uuid ();
    }
  return self->uuid;
}

void
sp_pending_write_settle (SpPendingWrite *self,
                         const GError   *error)
{
  g_return_if_fail (self != NULL);

  if (!g_error_matches (error, SP_STORE_ERROR, SP_STORE_ERROR_UNREACHABLE))
    forget (self);
}
