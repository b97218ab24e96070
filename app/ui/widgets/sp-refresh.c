/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-refresh.c — a refresh that replaces only what changed */
#include "sp-refresh.h"

#define KEY "sp-refresh-key"

void
sp_refresh_set_key (GtkWidget  *child,
                    const char *key)
{
  g_return_if_fail (GTK_IS_WIDGET (child));

  g_object_set_data_full (G_OBJECT (child), KEY, g_strdup (key), g_free);
}

static GtkWidget *
nth_child (GtkWidget *container,
           guint      n)
{
  GtkWidget *child = gtk_widget_get_first_child (container);

  for (guint i = 0; child != NULL && i < n; i++)
    child = gtk_widget_get_next_sibling (child);
  return child;
}

static void
remove_child (GtkWidget *container,
              GtkWidget *child)
{
  if (GTK_IS_LIST_BOX (container))
    gtk_list_box_remove (GTK_LIST_BOX (container), child);
  else
    gtk_box_remove (GTK_BOX (container), child);
}

void
sp_refresh_place (GtkWidget *container,
                  guint      position,
                  GtkWidget *child)
{
  GtkWidget *old;

  g_return_if_fail (GTK_IS_BOX (container) || GTK_IS_LIST_BOX (container));
  g_return_if_fail (GTK_IS_WIDGET (child) && gtk_widget_get_parent (child) == NULL);

  old = nth_child (container, position);
  if (old != NULL &&
      g_strcmp0 (g_object_get_data (G_OBJECT (old), KEY), g_object_get_data (G_OBJECT (child), KEY)) == 0)
    {
      /* Never shown: dropped as made. */
      g_object_ref_sink (child);
      g_object_unref (child);
      return;
    }

  if (GTK_IS_LIST_BOX (container))
    gtk_list_box_insert (GTK_LIST_BOX (container), child, (int) position);
  else
    gtk_box_insert_child_after (GTK_BOX (container), child,
                                position > 0 ? nth_child (container, position - 1) : NULL);
  if (old != NULL)
    remove_child (container, old);
}

void
sp_refresh_trim (GtkWidget *container,
                 guint      n)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_BOX (container) || GTK_IS_LIST_BOX (container));

  while ((child = nth_child (container, n)) != NULL)
    remove_child (container, child);
}
