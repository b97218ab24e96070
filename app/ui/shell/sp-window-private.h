/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-window-private.h — shared by sp-window.c and sp-window-actions.c */
#pragma once

#include "sp-window.h"

G_BEGIN_DECLS

void sp_window_class_install_actions (GtkWidgetClass *widget_class);

G_END_DECLS
