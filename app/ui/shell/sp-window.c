/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-window.c — the main window: set-up, sign-in, lock and the sections */
#define G_LOG_DOMAIN "sp-window"

#include "config.h"

#include "sp-setting-keys.h"

#include <glib/gi18n.h>

#include "sp-bench-frame.h"
#include "sp-construct-property.h"
#include "sp-error.h"
#include "sp-maintenance.h"
#include "sp-receipt-print.h"
#include "sp-scanner.h"
#include "sp-seal-banner.h"
#include "sp-sections.h"
#include "sp-tally-bar.h"
#include "sp-toast.h"
#include "sp-setup.h"
#include "sp-setup-page.h"
#include "sp-signin-page.h"
#include "sp-window-private.h"

#define IDLE_CHECK_SECONDS 5

struct _SpWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkRevealer          *offline_revealer;
  GtkStack             *stack;
  AdwWindowTitle       *window_title;
  GtkStack             *sections;
  GtkListBox           *sidebar;
  AdwStatusPage        *home_page;
  GtkWidget            *sidebar_box;
  GtkEntry             *scanner_entry;
  GtkWidget            *header_bar;

  /* owned */
  SpContext            *context;
  GSettings            *settings;
  SpSetupPage          *setup_page;
  SpSigninPage         *signin_page;
  GPtrArray            *section_widgets;
  gint64                sections_operator_id;
  guint                 idle_source;
  gint64                last_activity;
};

G_DEFINE_FINAL_TYPE (SpWindow, sp_window, ADW_TYPE_APPLICATION_WINDOW)

static void
update_home (SpWindow *self)
{
  SpOperator *op = sp_context_get_operator (self->context);
  SpDesk *desk = sp_context_get_desk (self->context);
  g_autofree char *comune = sp_store_get_setting (sp_context_get_store (self->context), SP_SETTING_COMUNE_NAME);
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  if (op == NULL || desk == NULL)
    return;

  /* Translators: the greeting on the home page, %s is the operator's name */
  title = g_strdup_printf (_("Welcome, %s"), sp_operator_get_display_name (op));
  /* Translators: comune, desk and role of the signed-in operator */
  description = g_strdup_printf (_("Comune of %s · %s · %s"), comune != NULL ? comune : "",
                                 sp_desk_get_name (desk),
                                 sp_role_get_label (sp_operator_get_role (op)));
  adw_status_page_set_title (self->home_page, title);
  adw_status_page_set_description (self->home_page, description);
}

/* Only the current page is visible at all: while the desk is locked the
 * session's screens are hidden, not merely covered, so neither the eye
 * nor a screen reader reaches personal data. */
static void
show_page (SpWindow   *self,
           const char *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, name);

  gtk_widget_set_visible (page, TRUE);
  gtk_stack_set_visible_child (self->stack, page);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (child != page)
        gtk_widget_set_visible (child, FALSE);
    }
}

static void
append_sidebar_row (SpWindow   *self,
                    const char *title)
{
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_box_append (self->sidebar, label);
}

/* Only the current section is visible: the others are not merely covered
 * but hidden, which keeps the accessibility tree (and so screen readers)
 * to what is on screen. */
void
sp_window_show_section (SpWindow  *self,
                        GtkWidget *section)
{
  g_return_if_fail (SP_IS_WINDOW (self));

  for (guint i = 0; i < self->section_widgets->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (self->section_widgets, i);

      if (widget == section)
        {
          GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->sidebar, (int) i);

          gtk_widget_set_visible (widget, TRUE);
          gtk_stack_set_visible_child (self->sections, widget);
          if (row != NULL && gtk_list_box_get_selected_row (self->sidebar) != row)
            gtk_list_box_select_row (self->sidebar, row);
        }
    }

  for (guint i = 0; i < self->section_widgets->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (self->section_widgets, i);

      if (widget != section && gtk_stack_get_visible_child (self->sections) == section)
        gtk_widget_set_visible (widget, FALSE);
    }
}

static void
on_sidebar_row_selected_cb (GtkListBox    *box,
                            GtkListBoxRow *row,
                            SpWindow      *self)
{
  int index;

  if (row == NULL)
    return;

  index = gtk_list_box_row_get_index (row);
  if (index >= 0 && (guint) index < self->section_widgets->len)
    sp_window_show_section (self, g_ptr_array_index (self->section_widgets, index));
}

/* The sidebar is one stop of the Tab chain: the arrows move between its
 * rows (and show each section), Tab goes on into the section shown and
 * Shift+Tab back to the header. Left to itself, Tab would walk every row,
 * showing each section in turn, and enter the last one. */
static gboolean
on_sidebar_key_pressed_cb (GtkEventControllerKey *controller,
                           guint                  keyval,
                           guint                  keycode,
                           GdkModifierType        state,
                           SpWindow              *self)
{
  gboolean backward;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab)
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  backward = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) != 0;
  if (backward)
    return gtk_widget_child_focus (self->header_bar, GTK_DIR_TAB_BACKWARD);
  return gtk_widget_child_focus (gtk_stack_get_visible_child (self->sections), GTK_DIR_TAB_FORWARD);
}

/* Builds the sections this operator may see, afresh for each operator:
 * no state of another operator's session survives, and screens of other
 * roles are not in the window at all, not even in the accessibility tree. */
static void
build_sections (SpWindow   *self,
                SpOperator *op)
{
  const SpSectionInfo *infos;
  guint n;

  if (self->sections_operator_id == sp_operator_get_id (op))
    return;

  /* The home page (first) stays; the rest are made anew. */
  for (guint i = 1; i < self->section_widgets->len; i++)
    gtk_stack_remove (self->sections, g_ptr_array_index (self->section_widgets, i));
  g_ptr_array_set_size (self->section_widgets, 1);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar)); row != NULL; )
    {
      GtkWidget *next = gtk_widget_get_next_sibling (row);
      gtk_list_box_remove (self->sidebar, row);
      row = next;
    }
  append_sidebar_row (self, _("Desk"));

  infos = sp_sections_get_all (&n);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *section;

      if (!sp_section_is_allowed (&infos[i], op))
        continue;

      section = infos[i].create (self->context);
      gtk_widget_set_visible (section, FALSE);
      gtk_stack_add_named (self->sections, section, infos[i].name);
      g_ptr_array_add (self->section_widgets, section);
      append_sidebar_row (self, _(infos[i].title));
    }

  self->sections_operator_id = sp_operator_get_id (op);
}

/* Shows the screen that fits the state of the database and the session. */
static void
update_view (SpWindow *self)
{
  SpStore *store = sp_context_get_store (self->context);
  SpOperator *op = sp_context_get_operator (self->context);

  if (sp_setup_is_needed (store))
    {
      show_page (self, "setup");
      adw_window_title_set_subtitle (self->window_title, "");
    }
  else if (op == NULL || sp_context_get_locked (self->context))
    {
      /* Signed out: the next operator gets fresh sections. */
      if (op == NULL)
        self->sections_operator_id = 0;

      sp_signin_page_reset (self->signin_page);
      show_page (self, "signin");
    }
  else
    {
      SpDesk *desk = sp_context_get_desk (self->context);
      g_autofree char *subtitle = NULL;

      /* Translators: desk name · operator name, in the header */
      subtitle = g_strdup_printf (_("%s · %s"), sp_desk_get_name (desk),
                                  sp_operator_get_display_name (op));
      adw_window_title_set_subtitle (self->window_title, subtitle);

      if (self->sections_operator_id != sp_operator_get_id (op))
        {
          build_sections (self, op);
          sp_window_show_section (self, g_ptr_array_index (self->section_widgets, 0));
        }

      update_home (self);
      show_page (self, "main");
      self->last_activity = g_get_monotonic_time ();
    }

  sp_window_update_actions (self);
}

static void
on_session_changed_cb (SpContext  *context,
                       GParamSpec *pspec,
                       SpWindow   *self)
{
  update_view (self);
}

static void
on_setup_done_cb (SpSetupPage *page,
                  SpWindow    *self)
{
  update_view (self);
  sp_window_show_toast (self, _("Sportello is set up. Sign in with the administrator’s account."));
}

static void
note_activity (SpWindow *self)
{
  self->last_activity = g_get_monotonic_time ();
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   SpWindow              *self)
{
  note_activity (self);
  return GDK_EVENT_PROPAGATE;
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              SpWindow                 *self)
{
  note_activity (self);
}

/* The idle time after which the desk locks, 0 for never. Tests set
 * SPORTELLO_IDLE_LOCK_SECONDS rather than wait minutes. */
static gint64
get_idle_limit (SpWindow *self)
{
  const char *seconds = g_getenv ("SPORTELLO_IDLE_LOCK_SECONDS");

  if (seconds != NULL)
    return g_ascii_strtoll (seconds, NULL, 10) * G_USEC_PER_SEC;

  return (gint64) g_settings_get_uint (self->settings, "idle-lock-minutes") * 60 * G_USEC_PER_SEC;
}

static gboolean
check_idle_cb (gpointer user_data)
{
  SpWindow *self = user_data;
  gint64 limit = get_idle_limit (self);

  if (limit > 0 &&
      sp_context_get_operator (self->context) != NULL &&
      !sp_context_get_locked (self->context) &&
      g_get_monotonic_time () - self->last_activity >= limit)
    sp_window_lock (self);

  return G_SOURCE_CONTINUE;
}

void
sp_window_go_to_section (SpWindow *self,
                         int       n)
{
  GtkWidget *section;

  g_return_if_fail (SP_IS_WINDOW (self));

  if (n < 1 || (guint) n > self->section_widgets->len)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  section = g_ptr_array_index (self->section_widgets, n - 1);
  sp_window_show_section (self, section);
  gtk_widget_child_focus (section, GTK_DIR_TAB_FORWARD);
}

static void
on_scanner_activate_cb (GtkEntry *entry,
                        SpWindow *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));

  /* Cleared first: a scanner may send the next code at once. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  sp_scanner_handle (self, text);
}

void
sp_window_focus_scanner (SpWindow *self)
{
  g_return_if_fail (SP_IS_WINDOW (self));

  if (gtk_widget_is_visible (GTK_WIDGET (self->scanner_entry)))
    gtk_widget_grab_focus (GTK_WIDGET (self->scanner_entry));
}

int
sp_window_get_paper (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), SP_RECEIPT_PAPER_A4);

  return g_settings_get_enum (self->settings, "default-paper") == 1 ? SP_RECEIPT_PAPER_ROLL_80MM
                                                                    : SP_RECEIPT_PAPER_A4;
}

gboolean
sp_window_print_receipt (SpWindow   *self,
                         gpointer    receipt,
                         GtkWindow  *parent,
                         GError    **error)
{
  const char *pdf = g_getenv ("SPORTELLO_PRINT_TO_PDF");

  g_return_val_if_fail (SP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (SP_IS_RECEIPT (receipt), FALSE);

  if (pdf != NULL && *pdf != '\0')
    return sp_receipt_print_export (receipt, sp_window_get_paper (self), pdf, error);

  return sp_receipt_print_run (receipt, sp_window_get_paper (self),
                               GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               parent != NULL ? parent : GTK_WINDOW (self),
                               error) != GTK_PRINT_OPERATION_RESULT_ERROR;
}

void
sp_window_lock (SpWindow *self)
{
  g_return_if_fail (SP_IS_WINDOW (self));

  sp_context_lock (self->context);
}

void
sp_window_show_toast (SpWindow   *self,
                      const char *message)
{
  g_return_if_fail (SP_IS_WINDOW (self));

  sp_toast_add (self->toast_overlay, message);
}

SpContext *
sp_window_get_context (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), NULL);
  return self->context;
}

static void
save_window_state (SpWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
sp_window_close_request (GtkWindow *window)
{
  save_window_state (SP_WINDOW (window));

  return GTK_WINDOW_CLASS (sp_window_parent_class)->close_request (window);
}

/* The twice-a-second look at the other desks is also how the window
 * learns that the server went away, and that it is back. */
static void
on_job_done_cb (SpMaintenance    *maintenance,
                SpMaintenanceJob  job,
                guint             changed,
                const GError     *error,
                SpWindow         *self)
{
  gboolean offline;

  if (job != SP_MAINTENANCE_OTHER_DESKS)
    return;
  offline = g_error_matches (error, SP_STORE_ERROR, SP_STORE_ERROR_UNREACHABLE);
  gtk_revealer_set_reveal_child (self->offline_revealer, offline);
}

static void
sp_window_constructed (GObject *object)
{
  SpWindow *self = (SpWindow *)object;
  GtkEventController *controller;

  G_OBJECT_CLASS (sp_window_parent_class)->constructed (object);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  self->setup_page = sp_setup_page_new (self->context);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->setup_page), "setup");
  g_signal_connect (self->setup_page, "done", G_CALLBACK (on_setup_done_cb), self);

  self->signin_page = sp_signin_page_new (self->context, self->settings);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->signin_page), "signin");

  self->section_widgets = g_ptr_array_new ();
  g_ptr_array_add (self->section_widgets, gtk_stack_get_child_by_name (self->sections, "home"));
  g_signal_connect (self->sidebar, "row-selected", G_CALLBACK (on_sidebar_row_selected_cb), self);
  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_sidebar_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->sidebar), controller);

  /* Every operator counts the other counter services from the home page,
   * with a click or Ctrl+1 … Ctrl+9. */
  adw_status_page_set_child (self->home_page, sp_tally_bar_new (self->context, TRUE));

  /* Administrators are told under the header when the seal expires soon. */
  gtk_widget_insert_after (sp_seal_banner_new (self->context), gtk_widget_get_parent (self->header_bar),
                           self->header_bar);

  if (sp_context_get_maintenance (self->context) != NULL)
    g_signal_connect_object (sp_context_get_maintenance (self->context), "job-done",
                             G_CALLBACK (on_job_done_cb), self, 0);

  g_signal_connect_object (self->context, "notify::operator",
                           G_CALLBACK (on_session_changed_cb), self, 0);
  g_signal_connect_object (self->context, "notify::locked",
                           G_CALLBACK (on_session_changed_cb), self, 0);

  /* Any key or pointer movement anywhere in the window counts as activity. */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  sp_bench_frame_watch (GTK_WIDGET (self));

  self->last_activity = g_get_monotonic_time ();
  self->idle_source = g_timeout_add_seconds (g_getenv ("SPORTELLO_IDLE_LOCK_SECONDS") != NULL ? 1 : IDLE_CHECK_SECONDS,
                                             check_idle_cb, self);

  update_view (self);
}

static void
sp_window_dispose (GObject *object)
{
  SpWindow *self = (SpWindow *)object;

  g_clear_handle_id (&self->idle_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_WINDOW);

  G_OBJECT_CLASS (sp_window_parent_class)->dispose (object);
}

static void
sp_window_finalize (GObject *object)
{
  SpWindow *self = (SpWindow *)object;

  g_clear_pointer (&self->section_widgets, g_ptr_array_unref);
  sp_construct_properties_clear (object, SP_TYPE_WINDOW);

  G_OBJECT_CLASS (sp_window_parent_class)->finalize (object);
}

static void
sp_window_class_init (SpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = sp_window_constructed;
  object_class->dispose = sp_window_dispose;
  object_class->finalize = sp_window_finalize;
  window_class->close_request = sp_window_close_request;

  sp_construct_property_install (object_class, "context", SP_TYPE_CONTEXT,
                                 G_STRUCT_OFFSET (SpWindow, context));
  sp_construct_property_install (object_class, "settings", G_TYPE_SETTINGS,
                                 G_STRUCT_OFFSET (SpWindow, settings));

  gtk_widget_class_set_template_from_resource (widget_class, "/it/sportello/Sportello/ui/sp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, sections);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, home_page);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, scanner_entry);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, header_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_scanner_activate_cb);

  sp_window_class_install_actions (widget_class);
}

static void
sp_window_init (SpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SpWindow *
sp_window_new (SpApplication *application,
               SpContext     *context,
               GSettings     *settings)
{
  return g_object_new (SP_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       "settings", settings,
                       NULL);
}
