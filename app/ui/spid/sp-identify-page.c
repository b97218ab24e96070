/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-identify-page.c — the Identify section: the guided SPID flow */
#define G_LOG_DOMAIN "sp-identify-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-activation-code.h"
#include "sp-dates.h"
#include "sp-document.h"
#include "sp-draft-spool.h"
#include "sp-error.h"
#include "sp-entry-row.h"
#include "sp-identification.h"
#include "sp-identify-page.h"
#include "sp-maintenance.h"
#include "sp-mrz.h"
#include "sp-outbox.h"
#include "sp-places-import.h"
#include "sp-rao-request.h"
#include "sp-receipt-preview.h"
#include "sp-window.h"

/* How long the clerk may type before the draft is written. */
#define SAVE_DELAY_MS 400

#define STEP_SUMMARY SP_IDENTIFICATION_N_STEPS
#define N_PAGES      (SP_IDENTIFICATION_N_STEPS + 1)

struct _SpIdentifyPage
{
  SpPage             parent_instance;

  /* Template widgets */
  AdwStatusPage     *start_page;
  GtkWidget         *resume_box;
  GtkLabel          *resume_label;
  GtkLabel          *seal_label;
  GtkLabel          *outbox_label;
  GtkWidget         *send_button;
  GtkWidget         *flow_box;
  GtkLabel          *step_label;
  GtkBox            *steps_box;
  GtkLabel          *missing_label;
  GtkWidget         *refuse_button;
  GtkWidget         *next_button;
  GtkWidget         *back_button;
  GtkWidget         *outcome_box;
  GtkLabel          *outcome_title;
  GtkLabel          *outcome_label;
  GtkWidget         *code_box;
  GtkLabel          *code_label;
  GtkLabel          *code_spelling;
  GtkWidget         *preview_scroller;
  SpReceiptPreview  *preview;
  GtkWidget         *print_button;
  GtkWidget         *start_over_button;

  /* Built in code, from the field table */
  GtkWidget         *pages[N_PAGES];
  GtkWidget         *first_focus[N_PAGES];
  GHashTable        *rows;          /* field key → SpEntryRow */
  GHashTable        *checks;        /* flag key → GtkCheckButton */
  GHashTable        *touched;       /* field keys the clerk typed in */
  GtkWidget         *channel_rao;
  GtkWidget         *channel_partner;
  GtkWidget         *partner_rows[2];
  GtkWidget         *sex_male;
  GtkWidget         *sex_female;
  GtkWidget         *mismatch_check;
  GtkWidget         *guardian_group;
  GtkWidget         *doc_warning_check;
  GtkWidget         *mrz_row;
  AdwComboRow       *residence_type_row;
  GtkWidget         *doc_types[SP_DOCUMENT_N_TYPES];
  GtkWidget         *issuers[SP_ISSUER_N_TYPES];
  GPtrArray         *languages;     /* GtkCheckButton, one per receipt language */
  GtkLabel          *summary_label;

  /* Owned references */
  SpPlaces          *places;
  SpIdentification  *identification;
  SpReceipt         *receipt;
  GPtrArray         *problems;
  GCancellable      *cancellable;

  guint              save_id;
  guint              step;
  gboolean           loading;
  gboolean           residence_type_by_hand;  /* chosen, not read from the street */
  gboolean           can_seal;                /* the comune's seal can seal now */
  gboolean           send_asked;              /* "Send now", or a completion, sent the outbox */
};

G_DEFINE_FINAL_TYPE (SpIdentifyPage, sp_identify_page, SP_TYPE_PAGE)

typedef struct
{
  SpIdentificationStep  step;
  const char           *group;     /* starts a new group when it changes */
  const char           *key;
  const char           *title;
} FieldInfo;

/* The text fields, in the order of the form. Radios and check boxes are
 * added where the code below says. */
static const FieldInfo fields[] = {
  { SP_IDENTIFICATION_STEP_CITIZEN, N_("Channel"), SP_ID_PROVIDER, N_("Identity provider") },
  { SP_IDENTIFICATION_STEP_CITIZEN, N_("Channel"), SP_ID_PROVIDER_REQUEST_CODE, N_("Provider request code") },
  { SP_IDENTIFICATION_STEP_CITIZEN, N_("Citizen"), SP_ID_CODICE_FISCALE, N_("Codice fiscale") },
  { SP_IDENTIFICATION_STEP_CITIZEN, N_("Citizen"), SP_ID_SURNAME, N_("Surname") },
  { SP_IDENTIFICATION_STEP_CITIZEN, N_("Citizen"), SP_ID_NAME, N_("Name") },
  { SP_IDENTIFICATION_STEP_CITIZEN, N_("Citizen"), SP_ID_BIRTH_DATE, N_("Date of birth") },
  { SP_IDENTIFICATION_STEP_CITIZEN, N_("Citizen"), SP_ID_BIRTH_PLACE, N_("Place of birth") },
  { SP_IDENTIFICATION_STEP_CITIZEN, N_("Parent or guardian"), SP_ID_GUARDIAN_NAME, N_("Parent or guardian’s name") },
  { SP_IDENTIFICATION_STEP_CITIZEN, N_("Parent or guardian"), SP_ID_GUARDIAN_CF, N_("Parent or guardian’s codice fiscale") },
  { SP_IDENTIFICATION_STEP_CITIZEN, N_("Residence"), SP_ID_RESIDENCE_STREET, N_("Street name") },
  { SP_IDENTIFICATION_STEP_CITIZEN, N_("Residence"), SP_ID_RESIDENCE_NUMBER, N_("House number") },
  { SP_IDENTIFICATION_STEP_CITIZEN, N_("Residence"), SP_ID_RESIDENCE_POSTCODE, N_("Postcode") },
  { SP_IDENTIFICATION_STEP_CITIZEN, N_("Residence"), SP_ID_RESIDENCE_PLACE, N_("Comune or foreign state of residence") },
  { SP_IDENTIFICATION_STEP_DOCUMENT, N_("Document"), SP_ID_DOCUMENT_NUMBER, N_("Document number") },
  { SP_IDENTIFICATION_STEP_DOCUMENT, N_("Document"), SP_ID_DOCUMENT_ISSUER_NAME, N_("Place of the issuing office") },
  { SP_IDENTIFICATION_STEP_DOCUMENT, N_("Document"), SP_ID_DOCUMENT_ISSUED, N_("Issue date") },
  { SP_IDENTIFICATION_STEP_DOCUMENT, N_("Document"), SP_ID_DOCUMENT_EXPIRES, N_("Document expiry date") },
  { SP_IDENTIFICATION_STEP_HEALTH_CARD, N_("Health card"), SP_ID_HEALTH_CARD_NUMBER, N_("Health card number") },
  { SP_IDENTIFICATION_STEP_HEALTH_CARD, N_("Health card"), SP_ID_HEALTH_CARD_EXPIRES, N_("Health card expiry date") },
  { SP_IDENTIFICATION_STEP_CONTACTS, N_("Contacts"), SP_ID_EMAIL, N_("Email") },
  { SP_IDENTIFICATION_STEP_CONTACTS, N_("Contacts"), SP_ID_EMAIL_CONFIRM, N_("Email again") },
  { SP_IDENTIFICATION_STEP_CONTACTS, N_("Contacts"), SP_ID_MOBILE_COUNTRY, N_("Mobile’s country calling code") },
  { SP_IDENTIFICATION_STEP_CONTACTS, N_("Contacts"), SP_ID_MOBILE, N_("Mobile phone") },
  { SP_IDENTIFICATION_STEP_CONTACTS, N_("Contacts"), SP_ID_MOBILE_CONFIRM, N_("Mobile phone again") },
  { SP_IDENTIFICATION_STEP_CONTACTS, N_("Contacts"), SP_ID_PEC, N_("PEC (optional)") },
  { SP_IDENTIFICATION_STEP_CONTACTS, N_("Contacts"), SP_ID_INTENDED_PROVIDER, N_("Intended identity provider (optional)") },
};

static const struct { const char *key; const char *label; SpIdentificationStep step; } flags[] = {
  { SP_ID_FLAG_CONSENT, N_("The citizen agrees that the data are passed to the identity provider"), SP_IDENTIFICATION_STEP_CONTACTS },
  { SP_ID_FLAG_CHECK_PHOTO, N_("The photo matches the person"), SP_IDENTIFICATION_STEP_CHECKS },
  { SP_ID_FLAG_CHECK_DOCUMENT, N_("The document is original and intact"), SP_IDENTIFICATION_STEP_CHECKS },
  { SP_ID_FLAG_CHECK_PRIVACY, N_("The privacy notice was given"), SP_IDENTIFICATION_STEP_CHECKS },
  { SP_ID_FLAG_CHECK_SIGNED, N_("The citizen signed the application"), SP_IDENTIFICATION_STEP_CHECKS },
};

static void update_validation (SpIdentifyPage *self);

/* Helpers */

static SpWindow *
get_window (SpIdentifyPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  return SP_IS_WINDOW (root) ? SP_WINDOW (root) : NULL;
}

static SpContext *
get_context (SpIdentifyPage *self)
{
  return sp_page_get_context (SP_PAGE (self));
}

static SpStore *
get_store (SpIdentifyPage *self)
{
  return sp_page_get_store (SP_PAGE (self));
}


static SpPlaces *
get_places (SpIdentifyPage *self)
{
  if (self->places == NULL)
    {
      g_autoptr(GError) error = NULL;
      self->places = sp_places_new_for_store (get_store (self), &error);
      if (self->places == NULL)
        g_warning ("Places of birth not available: %s", error->message);
    }
  return self->places;
}

static void
save_now (SpIdentifyPage *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->identification == NULL ||
      sp_identification_get_state (self->identification) != SP_IDENTIFICATION_DRAFT)
    return;

  if (sp_identification_save_draft (get_store (self), self->identification, &error))
    {
      sp_draft_spool_forget (self->identification);
      return;
    }
  /* The server went away: the window's banner says so; the form stays on
   * this desk until the server is back (and survives a crash meanwhile). */
  if (g_error_matches (error, SP_STORE_ERROR, SP_STORE_ERROR_UNREACHABLE))
    {
      g_autoptr(GError) spool_error = NULL;

      if (sp_draft_spool_keep (get_store (self), self->identification, &spool_error))
        return;
      g_clear_error (&error);
      error = g_steal_pointer (&spool_error);
    }
  sp_page_show_toast (SP_PAGE (self), error->message);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  SpIdentifyPage *self = user_data;

  self->save_id = 0;
  save_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (SpIdentifyPage *self)
{
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

static void
show_only (SpIdentifyPage *self,
           GtkWidget      *box)
{
  gtk_widget_set_visible (GTK_WIDGET (self->start_page), box == GTK_WIDGET (self->start_page));
  gtk_widget_set_visible (self->flow_box, box == self->flow_box);
  gtk_widget_set_visible (self->outcome_box, box == self->outcome_box);
}

static void
update_outbox_label (SpIdentifyPage *self)
{
  guint unsent = sp_outbox_count_unsent (get_store (self));
  g_autofree char *text = NULL;

  if (unsent == 0)
    text = g_strdup (_("No emails are waiting to be sent."));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u email to citizens is waiting to be sent.",
                                         "%u emails to citizens are waiting to be sent.", unsent),
                            unsent);
  gtk_label_set_label (self->outbox_label, text);
  gtk_widget_set_visible (self->send_button, unsent > 0);
}

/* What a sending the clerk asked for came to. */
static void
say_sent (SpIdentifyPage *self,
          guint           sent,
          guint           failed)
{
  if (failed > 0)
    sp_page_show_toast (SP_PAGE (self), _("An email could not be sent: it stays in the outbox and will be retried."));
  else if (sent > 0)
    sp_page_show_toast (SP_PAGE (self), g_dngettext (GETTEXT_PACKAGE, "Email sent to the citizen.",
                                                     "Emails sent to the citizens.", sent));
}

static void
on_send_finished_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(SpIdentifyPage) self = user_data;
  g_autoptr(GError) error = NULL;
  guint sent = 0, failed = 0;

  if (!sp_outbox_send_finish (result, &sent, &failed, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sp_page_show_toast (SP_PAGE (self), error->message);
      return;
    }
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  update_outbox_label (self);
  say_sent (self, sent, failed);
}

/* The application's maintenance sends the outbox and queues reminders on
 * its own schedule: the label follows each run. */
static void
on_maintenance_job_done_cb (SpMaintenance    *maintenance,
                            SpMaintenanceJob  job,
                            guint             changed,
                            const GError     *error,
                            SpIdentifyPage   *self)
{
  /* The server is back: what was kept on the desk goes to it. */
  if (job == SP_MAINTENANCE_OTHER_DESKS && error == NULL && self->identification != NULL &&
      sp_identification_is_dirty (self->identification))
    save_now (self);
  if (job != SP_MAINTENANCE_OUTBOX && job != SP_MAINTENANCE_REMINDERS)
    return;

  update_outbox_label (self);
  if (job != SP_MAINTENANCE_OUTBOX || !self->send_asked)
    return;

  self->send_asked = FALSE;
  if (error != NULL)
    sp_page_show_toast (SP_PAGE (self), error->message);
  else
    say_sent (self, changed, sp_outbox_count_unsent (get_store (self)));
}

/* Sends the outbox now: through the application's maintenance when there
 * is one, else off the main thread with a connection of its own. */
static void
send_outbox (SpIdentifyPage *self,
             gboolean        force)
{
  SpMaintenance *maintenance = sp_context_get_maintenance (get_context (self));

  if (maintenance != NULL)
    {
      self->send_asked = TRUE;
      sp_maintenance_run (maintenance, SP_MAINTENANCE_OUTBOX);
      return;
    }
  sp_outbox_send_async (sp_store_get_path (get_store (self)), force,
                        self->cancellable, on_send_finished_cb, g_object_ref (self));
}

/* No RAO pubblico without the comune's seal: the start page says so, the
 * RAO choice cannot be taken, and core refuses it too (SP_ID_RULE_SEAL). */
static void
update_seal (SpIdentifyPage *self)
{
  g_autoptr(GError) error = NULL;

  self->can_seal = sp_identification_can_seal (get_store (self), &error);
  gtk_label_set_label (self->seal_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->seal_label), !self->can_seal);
  if (self->channel_rao != NULL)
    {
      GtkWidget *row = g_object_get_data (G_OBJECT (self->channel_rao), "row");

      gtk_widget_set_sensitive (self->channel_rao, self->can_seal);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error != NULL ? error->message : "");
    }
}

static void
refresh_start (SpIdentifyPage *self)
{
  g_autoptr(SpIdentification) draft = NULL;
  SpDesk *desk = sp_context_get_desk (get_context (self));

  if (desk != NULL && self->identification == NULL)
    draft = sp_identification_find_draft (get_store (self), sp_desk_get_id (desk), NULL);

  if (draft != NULL)
    {
      g_autofree char *name = sp_identification_dup_display_name (draft);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (sp_identification_get_updated_at (draft) / G_USEC_PER_SEC);
      g_autoptr(GDateTime) local = g_date_time_to_local (utc);
      g_autofree char *when = g_date_time_format (local, "%d/%m/%Y %H:%M");
      g_autofree char *text = NULL;

      /* Translators: the name (may be empty) and when it was last saved. */
      text = g_strdup_printf (_("An identification was left unfinished at this desk: %s (last saved %s)."),
                              *name != '\0' ? name : _("no name yet"), when);
      gtk_label_set_label (self->resume_label, text);
      g_object_set_data_full (G_OBJECT (self->resume_box), "uuid",
                              g_strdup (sp_identification_get_uuid (draft)), g_free);
    }
  gtk_widget_set_visible (self->resume_box, draft != NULL);
  update_outbox_label (self);
  update_seal (self);
}

/* Building the form */

static GtkWidget *
add_step_page (SpIdentifyPage *self,
               guint           step)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  /* Only the current step is in the widget tree: the accessibility tree
   * stays small, and hidden fields cannot be reached. */
  self->pages[step] = g_object_ref_sink (scroller);
  g_object_set_data (G_OBJECT (scroller), "box", box);
  return box;
}

static GtkWidget *
add_group (GtkWidget  *page_box,
           const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (GTK_BOX (page_box), group);
  return group;
}

/* A row whose whole width activates its button, which carries the row's
 * title as its accessible name. */
static GtkWidget *
make_button_row (const char *title,
                 GtkWidget  *check)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_set_data (G_OBJECT (check), "row", row);
  return row;
}

/* A member of a group of radio buttons (first is the group's first
 * member, NULL for the first itself). GTK 4.8 leaves a grouped check
 * button's role a check box: the radio role is given here, so that a
 * screen reader announces one choice of several. Tab reaches the group at
 * its chosen member, or at each while none is chosen. */
static GtkWidget *
new_radio (GtkWidget *first)
{
  GtkWidget *radio = g_object_new (GTK_TYPE_CHECK_BUTTON,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO,
                                   NULL);

  gtk_check_button_set_group (GTK_CHECK_BUTTON (radio), GTK_CHECK_BUTTON (first));
  return radio;
}

/* One choice among several: a radio button (see new_radio ()); a check
 * box when first is (GtkWidget *) -1. */
static GtkWidget *
add_choice (GtkWidget  *group,
            const char *title,
            GtkWidget  *first)
{
  GtkWidget *check = first != (GtkWidget *) -1 ? new_radio (first) : gtk_check_button_new ();

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), make_button_row (title, check));
  return check;
}

static void
on_entry_activated_cb (SpIdentifyPage *self)
{
  /* Enter moves on, as Tab does: scanners end with Enter too. */
  gtk_widget_child_focus (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self))), GTK_DIR_TAB_FORWARD);
}

static void
prefill_from_code (SpIdentifyPage *self)
{
  SpStore *store = get_store (self);
  const char *code = sp_identification_get_field (self->identification, SP_ID_CODICE_FISCALE);
  g_autoptr(SpCfInfo) info = NULL;
  g_autoptr(SpCitizen) citizen = NULL;
  GDate today, birth;

  if (strlen (code) != 16 || *sp_identification_get_field (self->identification, SP_ID_SURNAME) != '\0')
    return;

  sp_date_from_time (g_get_real_time (), &today);
  info = sp_codice_fiscale_check (code, get_places (self), &today);
  if (!sp_cf_info_is_valid (info))
    return;

  /* A second visit: the stored data, for the clerk to confirm. */
  citizen = sp_citizen_find_by_codice_fiscale (store, info->code, NULL);
  if (citizen != NULL)
    {
      sp_identification_prefill (self->identification, citizen, get_places (self));
      sp_page_show_toast (SP_PAGE (self), _("This citizen came before: the stored data are filled in. Check them with the document."));
      return;
    }

  /* Otherwise what the code itself says. */
  if (*sp_identification_get_field (self->identification, SP_ID_SEX) == '\0' && info->sex != 0)
    {
      char sex[2] = { info->sex, 0 };
      sp_identification_set_field (self->identification, SP_ID_SEX, sex);
    }
  if (*sp_identification_get_field (self->identification, SP_ID_BIRTH_DATE) == '\0' &&
      info->other_birth_year == 0 && sp_cf_info_get_birth_date (info, &birth))
    {
      g_autofree char *text = g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (&birth),
                                               g_date_get_month (&birth), g_date_get_year (&birth));
      sp_identification_set_field (self->identification, SP_ID_BIRTH_DATE, text);
    }
  if (*sp_identification_get_field (self->identification, SP_ID_BIRTH_PLACE) == '\0' && info->place != NULL)
    sp_identification_set_field (self->identification, SP_ID_BIRTH_PLACE, info->place->name);
}

static void load_form (SpIdentifyPage *self);

/* The address type: one of AgID's list (item 0 of the choice is "not
 * chosen"), picked by hand or read from the street as it is typed. */
static void
show_residence_type (SpIdentifyPage *self)
{
  const char *type = sp_identification_get_field (self->identification, SP_ID_RESIDENCE_TYPE);
  guint selected = 0;

  for (guint i = 0; sp_rao_address_types[i] != NULL; i++)
    if (g_str_equal (type, sp_rao_address_types[i]))
      selected = i + 1;
  if (adw_combo_row_get_selected (self->residence_type_row) != selected)
    adw_combo_row_set_selected (self->residence_type_row, selected);
}

/* "Via Roma" typed as the street: the type is Via, and once the clerk
 * leaves the field (strip) the street is "Roma". A type chosen by hand
 * is not overridden. */
static void
read_street_type (SpIdentifyPage *self,
                  gboolean        strip)
{
  const char *name = NULL;
  const char *type;
  g_autofree char *rest = NULL;

  if (self->identification == NULL ||
      sp_identification_get_state (self->identification) != SP_IDENTIFICATION_DRAFT)
    return;

  type = sp_identification_split_street (sp_identification_get_field (self->identification,
                                                                      SP_ID_RESIDENCE_STREET), &name);
  if (type == NULL)
    return;
  if (self->residence_type_by_hand &&
      !g_str_equal (type, sp_identification_get_field (self->identification, SP_ID_RESIDENCE_TYPE)))
    return;
  rest = g_strdup (name);

  self->loading = TRUE;
  sp_identification_set_field (self->identification, SP_ID_RESIDENCE_TYPE, type);
  show_residence_type (self);
  if (strip)
    {
      sp_identification_set_field (self->identification, SP_ID_RESIDENCE_STREET, rest);
      gtk_editable_set_text (GTK_EDITABLE (g_hash_table_lookup (self->rows, SP_ID_RESIDENCE_STREET)), rest);
    }
  self->loading = FALSE;
  g_hash_table_add (self->touched, (gpointer) SP_ID_RESIDENCE_TYPE);
}

static void
on_street_focus_leave_cb (GtkEventControllerFocus *controller,
                          SpIdentifyPage          *self)
{
  if (self->loading || self->identification == NULL)
    return;
  read_street_type (self, TRUE);
  schedule_save (self);
  update_validation (self);
}

static void
on_residence_type_selected_cb (AdwComboRow    *row,
                               GParamSpec     *pspec,
                               SpIdentifyPage *self)
{
  guint selected = adw_combo_row_get_selected (row);
  guint n_types = g_strv_length ((char **) sp_rao_address_types);

  if (self->loading || self->identification == NULL)
    return;

  sp_identification_set_field (self->identification, SP_ID_RESIDENCE_TYPE,
                               selected >= 1 && selected <= n_types ? sp_rao_address_types[selected - 1] : "");
  self->residence_type_by_hand = TRUE;
  g_hash_table_add (self->touched, (gpointer) SP_ID_RESIDENCE_TYPE);
  schedule_save (self);
  update_validation (self);
}

static void
on_row_changed_cb (GtkEditable    *editable,
                   SpIdentifyPage *self)
{
  const char *key = g_object_get_data (G_OBJECT (editable), "key");

  if (self->loading || self->identification == NULL)
    return;

  sp_identification_set_field (self->identification, key, gtk_editable_get_text (editable));
  g_hash_table_add (self->touched, (gpointer) key);
  if (g_str_equal (key, SP_ID_RESIDENCE_STREET))
    read_street_type (self, FALSE);

  if (g_str_equal (key, SP_ID_CODICE_FISCALE))
    {
      GHashTableIter iter;
      gpointer k, v;

      prefill_from_code (self);
      load_form (self);
      /* What was filled in shows its errors as if typed. */
      g_hash_table_iter_init (&iter, self->rows);
      while (g_hash_table_iter_next (&iter, &k, &v))
        if (*sp_identification_get_field (self->identification, k) != '\0')
          g_hash_table_add (self->touched, k);
    }

  schedule_save (self);
  update_validation (self);
}

/* A part of the name the citizen does not have is empty and cannot be
 * typed in. */
static void
update_name_parts (SpIdentifyPage *self)
{
  static const struct { const char *key; const char *none_flag; } parts[] = {
    { SP_ID_SURNAME, SP_ID_FLAG_NO_SURNAME },
    { SP_ID_NAME, SP_ID_FLAG_NO_NAME },
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      GtkWidget *row = g_hash_table_lookup (self->rows, parts[i].key);
      gboolean none = sp_identification_get_flag (self->identification, parts[i].none_flag);
      gboolean was_loading = self->loading;

      if (none && *sp_identification_get_field (self->identification, parts[i].key) != '\0')
        {
          sp_identification_set_field (self->identification, parts[i].key, "");
          self->loading = TRUE;
          gtk_editable_set_text (GTK_EDITABLE (row), "");
          self->loading = was_loading;
        }
      /* The text inside too: assistive technologies read its own state. */
      gtk_widget_set_sensitive (row, !none);
      gtk_widget_set_sensitive (sp_entry_row_get_entry (SP_ENTRY_ROW (row)), !none);
    }
}

static void
on_flag_toggled_cb (GtkCheckButton *check,
                    SpIdentifyPage *self)
{
  const char *key = g_object_get_data (G_OBJECT (check), "key");

  if (self->loading || self->identification == NULL)
    return;

  sp_identification_set_flag (self->identification, key, gtk_check_button_get_active (check));
  if (g_str_equal (key, SP_ID_FLAG_NO_SURNAME) || g_str_equal (key, SP_ID_FLAG_NO_NAME))
    update_name_parts (self);
  schedule_save (self);
  update_validation (self);
}

static void
on_choice_toggled_cb (GtkCheckButton *check,
                      SpIdentifyPage *self)
{
  const char *key = g_object_get_data (G_OBJECT (check), "key");
  const char *value = g_object_get_data (G_OBJECT (check), "value");

  if (self->loading || self->identification == NULL)
    return;

  /* The member chosen says it; the one left says nothing. */
  if (!gtk_check_button_get_active (check))
    return;

  if (g_str_equal (key, "channel"))
    sp_identification_set_channel (self->identification,
                                   g_str_equal (value, "partner") ? SP_IDENTIFICATION_CHANNEL_PARTNER
                                                                  : SP_IDENTIFICATION_CHANNEL_RAO);
  else
    sp_identification_set_field (self->identification, key, value);

  schedule_save (self);
  update_validation (self);
}

static void
on_mismatch_toggled_cb (GtkCheckButton *check,
                        SpIdentifyPage *self)
{
  if (self->loading || self->identification == NULL)
    return;

  sp_identification_set_acknowledged (self->identification,
                                      gtk_check_button_get_active (check)
                                      ? sp_identification_get_mismatches (self->identification, get_places (self))
                                      : SP_CF_MISMATCH_NONE);
  schedule_save (self);
  update_validation (self);
}

/* A document reader or a scanner types the MRZ, line after line (Enter
 * between them): once the characters make a whole MRZ, it fills the
 * document's type, number and expiry. */
static void
on_mrz_changed_cb (GtkEditable    *editable,
                   SpIdentifyPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpMrz) mrz = NULL;
  g_autofree char *expiry = NULL;
  const char *text = gtk_editable_get_text (editable);
  const char *type = NULL, *issuer = NULL;
  gsize n = 0;
  GDate today;

  if (self->loading || self->identification == NULL)
    return;

  for (const char *p = text; *p != '\0'; p++)
    n += !g_ascii_isspace (*p);
  if (n != 90 && n != 72 && n != 88)
    {
      sp_entry_row_set_error (SP_ENTRY_ROW (self->mrz_row), NULL);
      return;
    }

  sp_date_from_time (g_get_real_time (), &today);
  mrz = sp_mrz_parse (text, &today, &error);
  if (mrz == NULL)
    {
      sp_entry_row_set_error (SP_ENTRY_ROW (self->mrz_row), error->message);
      return;
    }

  if (g_str_has_prefix (mrz->document_code, "C") && g_strcmp0 (mrz->issuing_state, "ITA") == 0)
    type = "cie", issuer = "comune";
  else if (g_str_has_prefix (mrz->document_code, "P"))
    type = "passport", issuer = g_strcmp0 (mrz->issuing_state, "ITA") == 0 ? "questura" : NULL;
  if (type != NULL)
    sp_identification_set_field (self->identification, SP_ID_DOCUMENT_TYPE, type);
  if (issuer != NULL)
    sp_identification_set_field (self->identification, SP_ID_DOCUMENT_ISSUER, issuer);
  sp_identification_set_field (self->identification, SP_ID_DOCUMENT_NUMBER, mrz->document_number);
  if (g_date_valid (&mrz->expiry_date))
    {
      expiry = g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (&mrz->expiry_date),
                                g_date_get_month (&mrz->expiry_date), g_date_get_year (&mrz->expiry_date));
      sp_identification_set_field (self->identification, SP_ID_DOCUMENT_EXPIRES, expiry);
    }

  sp_entry_row_set_error (SP_ENTRY_ROW (self->mrz_row), NULL);
  load_form (self);
  g_hash_table_add (self->touched, (gpointer) SP_ID_DOCUMENT_NUMBER);
  g_hash_table_add (self->touched, (gpointer) SP_ID_DOCUMENT_EXPIRES);
  schedule_save (self);
  update_validation (self);
  sp_page_show_toast (SP_PAGE (self), _("The document was filled from its machine-readable zone: check it, and type the issue date and office."));
  self->loading = TRUE;
  gtk_editable_set_text (editable, "");
  self->loading = FALSE;
}

static GtkWidget *
make_choice (SpIdentifyPage *self,
             GtkWidget      *group,
             const char     *title,
             GtkWidget      *radio_group,
             const char     *key,
             const char     *value)
{
  GtkWidget *check = add_choice (group, title, radio_group);

  g_object_set_data (G_OBJECT (check), "key", (gpointer) key);
  g_object_set_data (G_OBJECT (check), "value", (gpointer) value);
  g_signal_connect (check, "toggled", G_CALLBACK (on_choice_toggled_cb), self);
  return check;
}

static GtkWidget *
make_entry (SpIdentifyPage  *self,
            GtkWidget       *group,
            const FieldInfo *info)
{
  GtkWidget *row = g_object_new (SP_TYPE_ENTRY_ROW, "title", _(info->title), NULL);

  g_object_set_data (G_OBJECT (row), "key", (gpointer) info->key);
  g_signal_connect (row, "changed", G_CALLBACK (on_row_changed_cb), self);
  g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (on_entry_activated_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_hash_table_insert (self->rows, (gpointer) info->key, row);
  return row;
}

static GtkWidget *
make_flag (SpIdentifyPage *self,
           GtkWidget      *group,
           const char     *key,
           const char     *title)
{
  GtkWidget *check = add_choice (group, title, (GtkWidget *) -1);

  g_object_set_data (G_OBJECT (check), "key", (gpointer) key);
  g_signal_connect (check, "toggled", G_CALLBACK (on_flag_toggled_cb), self);
  g_hash_table_insert (self->checks, (gpointer) key, check);
  return check;
}

static void
build_form (SpIdentifyPage *self)
{
  GtkWidget *box[N_PAGES];
  GtkWidget *group = NULL;
  const char *group_title = NULL;
  SpIdentificationStep group_step = SP_IDENTIFICATION_N_STEPS;
  const char * const *languages;

  for (guint i = 0; i < N_PAGES; i++)
    box[i] = add_step_page (self, i);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const FieldInfo *info = &fields[i];

      if (group == NULL || group_step != info->step || g_strcmp0 (group_title, info->group) != 0)
        {
          group_title = info->group;
          group_step = info->step;

          /* Choices that come before a group's text fields. */
          if (g_str_equal (info->key, SP_ID_PROVIDER))
            {
              group = add_group (box[info->step], _("Channel"),
                                 _("How the citizen’s identity is verified at this desk."));
              self->channel_rao = make_choice (self, group, _("RAO pubblico: the comune verifies and hands over an activation code"),
                                               NULL, "channel", "rao");
              self->channel_partner = make_choice (self, group, _("Partner counter of an identity provider"),
                                                   self->channel_rao, "channel", "partner");
            }
          else if (g_str_equal (info->key, SP_ID_DOCUMENT_NUMBER))
            {
              group = add_group (box[info->step], _("Machine-readable zone"),
                                 _("A document reader or scanner fills the document from the lines at the bottom of the card or passport."));
              self->mrz_row = g_object_new (SP_TYPE_ENTRY_ROW, "title", _("MRZ (scan, or type all the lines)"), NULL);
              g_signal_connect (self->mrz_row, "changed", G_CALLBACK (on_mrz_changed_cb), self);
              adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->mrz_row);
              group = add_group (box[info->step], _("Type of document"), NULL);
              for (guint t = 0; t < SP_DOCUMENT_N_TYPES; t++)
                self->doc_types[t] = make_choice (self, group, _(sp_document_type_get_name (t)),
                                                  t > 0 ? self->doc_types[0] : NULL,
                                                  SP_ID_DOCUMENT_TYPE, sp_document_type_to_string (t));
              group = add_group (box[info->step], _("Issued by"), NULL);
              for (guint t = 0; t < SP_ISSUER_N_TYPES; t++)
                self->issuers[t] = make_choice (self, group, _(sp_issuer_type_get_name (1u << t)),
                                                t > 0 ? self->issuers[0] : NULL,
                                                SP_ID_DOCUMENT_ISSUER, sp_issuer_type_to_string (1u << t));
              group = add_group (box[info->step], _("Document"), NULL);
              self->first_focus[info->step] = sp_entry_row_get_entry (SP_ENTRY_ROW (self->mrz_row));
            }
          else if (g_str_equal (info->key, SP_ID_GUARDIAN_NAME))
            {
              group = add_group (box[info->step], _("Parent or guardian"),
                                 _("The citizen is under 18: the comune allows it with a parent or guardian present."));
              self->guardian_group = group;
            }
          else
            group = add_group (box[info->step], _(info->group), NULL);
        }

      if (g_str_equal (info->key, SP_ID_RESIDENCE_STREET))
        {
          g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);

          /* Translators: the address type is not chosen yet. */
          gtk_string_list_append (types, C_("address type", "Not chosen"));
          for (guint t = 0; sp_rao_address_types[t] != NULL; t++)
            gtk_string_list_append (types, sp_rao_address_types[t]);
          self->residence_type_row = ADW_COMBO_ROW (adw_combo_row_new ());
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->residence_type_row), _("Address type"));
          adw_combo_row_set_model (self->residence_type_row, G_LIST_MODEL (types));
          g_signal_connect (self->residence_type_row, "notify::selected",
                            G_CALLBACK (on_residence_type_selected_cb), self);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->residence_type_row));
        }

      {
        GtkWidget *row = make_entry (self, group, info);

        if (g_str_equal (info->key, SP_ID_RESIDENCE_STREET))
          {
            GtkEventController *focus = gtk_event_controller_focus_new ();

            g_signal_connect (focus, "leave", G_CALLBACK (on_street_focus_leave_cb), self);
            gtk_widget_add_controller (sp_entry_row_get_entry (SP_ENTRY_ROW (row)), focus);
          }
        if (g_str_equal (info->key, SP_ID_PROVIDER))
          self->partner_rows[0] = row;
        else if (g_str_equal (info->key, SP_ID_PROVIDER_REQUEST_CODE))
          self->partner_rows[1] = row;
        if (self->first_focus[info->step] == NULL && info->step != SP_IDENTIFICATION_STEP_CITIZEN)
          self->first_focus[info->step] = sp_entry_row_get_entry (SP_ENTRY_ROW (row));
        /* The flow starts at the channel, then the codice fiscale. */
        if (info->step == SP_IDENTIFICATION_STEP_CITIZEN && self->first_focus[info->step] == NULL)
          self->first_focus[info->step] = self->channel_rao;
      }

      /* Each part of the name may be missing (one-name citizens); sex
       * after the name; the confirmation of mismatches after the place. */
      if (g_str_equal (info->key, SP_ID_SURNAME))
        make_flag (self, group, SP_ID_FLAG_NO_SURNAME, _("No surname"));
      else if (g_str_equal (info->key, SP_ID_NAME))
        {
          make_flag (self, group, SP_ID_FLAG_NO_NAME, _("No given name"));
          self->sex_male = make_choice (self, group, _("Male"), NULL, SP_ID_SEX, "M");
          self->sex_female = make_choice (self, group, _("Female"), self->sex_male, SP_ID_SEX, "F");
        }
      else if (g_str_equal (info->key, SP_ID_BIRTH_PLACE))
        {
          self->mismatch_check = add_choice (group, _("The data differ from the codice fiscale: checked on the document"),
                                             (GtkWidget *) -1);
          g_signal_connect (self->mismatch_check, "toggled", G_CALLBACK (on_mismatch_toggled_cb), self);
        }
      else if (g_str_equal (info->key, SP_ID_DOCUMENT_EXPIRES))
        self->doc_warning_check = make_flag (self, group, SP_ID_FLAG_DOCUMENT_WARNING,
                                             _("The unusual number format was checked on the document"));
      else if (g_str_equal (info->key, SP_ID_INTENDED_PROVIDER))
        {
          group = add_group (box[info->step], _("Language of the receipt and email"), NULL);
          languages = sp_catalogue_get_languages ();
          self->languages = g_ptr_array_new ();
          for (guint l = 0; languages[l] != NULL; l++)
            g_ptr_array_add (self->languages,
                             make_choice (self, group, sp_catalogue_language_get_name (languages[l]),
                                          l > 0 ? g_ptr_array_index (self->languages, 0) : NULL,
                                          SP_ID_LANGUAGE, languages[l]));
          group = add_group (box[info->step], _("Consent"), NULL);
          make_flag (self, group, flags[0].key, _(flags[0].label));
        }
    }

  group = add_group (box[SP_IDENTIFICATION_STEP_CHECKS], _("The clerk confirms"),
                     _("Every item is mandatory. If one cannot be confirmed, refuse the identification."));
  for (guint i = 1; i < G_N_ELEMENTS (flags); i++)
    {
      GtkWidget *check = make_flag (self, group, flags[i].key, _(flags[i].label));
      if (self->first_focus[SP_IDENTIFICATION_STEP_CHECKS] == NULL)
        self->first_focus[SP_IDENTIFICATION_STEP_CHECKS] = check;
    }

  group = add_group (box[STEP_SUMMARY], _("Check with the citizen before completing"), NULL);
  self->summary_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary_label, 0);
  gtk_label_set_wrap (self->summary_label, TRUE);
  gtk_label_set_selectable (self->summary_label, TRUE);
  gtk_widget_set_margin_top (GTK_WIDGET (self->summary_label), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->summary_label), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self->summary_label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->summary_label), 12);
  {
    GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    gtk_widget_add_css_class (card, "card");
    gtk_box_append (GTK_BOX (card), GTK_WIDGET (self->summary_label));
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), card);
  }
}

/* Form ⇄ identification */

static void
set_choice (GtkWidget *check,
            gboolean   active)
{
  if (check != NULL)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
}

static void
load_form (SpIdentifyPage *self)
{
  SpIdentification *id = self->identification;
  GHashTableIter iter;
  gpointer key, value;
  const char *lang;

  self->loading = TRUE;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *text = sp_identification_get_field (id, key);
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (value)), text) != 0)
        gtk_editable_set_text (GTK_EDITABLE (value), text);
    }

  g_hash_table_iter_init (&iter, self->checks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (value), sp_identification_get_flag (id, key));

  set_choice (self->channel_rao, sp_identification_get_channel (id) == SP_IDENTIFICATION_CHANNEL_RAO);
  set_choice (self->channel_partner, sp_identification_get_channel (id) == SP_IDENTIFICATION_CHANNEL_PARTNER);
  set_choice (self->sex_male, g_str_equal (sp_identification_get_field (id, SP_ID_SEX), "M"));
  set_choice (self->sex_female, g_str_equal (sp_identification_get_field (id, SP_ID_SEX), "F"));
  for (guint t = 0; t < SP_DOCUMENT_N_TYPES; t++)
    set_choice (self->doc_types[t], g_str_equal (sp_identification_get_field (id, SP_ID_DOCUMENT_TYPE),
                                                 sp_document_type_to_string (t)));
  for (guint t = 0; t < SP_ISSUER_N_TYPES; t++)
    set_choice (self->issuers[t], g_str_equal (sp_identification_get_field (id, SP_ID_DOCUMENT_ISSUER),
                                               sp_issuer_type_to_string (1u << t)));
  lang = sp_identification_get_field (id, SP_ID_LANGUAGE);
  for (guint l = 0; l < self->languages->len; l++)
    set_choice (g_ptr_array_index (self->languages, l),
                g_strcmp0 (g_object_get_data (g_ptr_array_index (self->languages, l), "value"),
                           *lang != '\0' ? lang : "it") == 0);
  set_choice (self->mismatch_check, sp_identification_get_acknowledged (id) != 0);
  show_residence_type (self);
  update_name_parts (self);

  self->loading = FALSE;
}

static char *
build_summary (SpIdentifyPage *self)
{
  SpIdentification *id = self->identification;
  GString *text = g_string_new (NULL);
  SpDocumentType type;

#define LINE(label, key) \
  if (*sp_identification_get_field (id, key) != '\0') \
    g_string_append_printf (text, "%s: %s\n", label, sp_identification_get_field (id, key))

  g_string_append_printf (text, "%s: %s\n", _("Channel"),
                          sp_identification_get_channel (id) == SP_IDENTIFICATION_CHANNEL_RAO
                          ? _("RAO pubblico") : _("Partner counter of an identity provider"));
  LINE (_("Identity provider"), SP_ID_PROVIDER);
  LINE (_("Provider request code"), SP_ID_PROVIDER_REQUEST_CODE);
  LINE (_("Codice fiscale"), SP_ID_CODICE_FISCALE);
  LINE (_("Surname"), SP_ID_SURNAME);
  LINE (_("Name"), SP_ID_NAME);
  LINE (_("Sex"), SP_ID_SEX);
  LINE (_("Date of birth"), SP_ID_BIRTH_DATE);
  LINE (_("Place of birth"), SP_ID_BIRTH_PLACE);
  g_string_append_printf (text, "%s: %s %s %s, %s %s\n", _("Residence"),
                          sp_identification_get_field (id, SP_ID_RESIDENCE_TYPE),
                          sp_identification_get_field (id, SP_ID_RESIDENCE_STREET),
                          sp_identification_get_field (id, SP_ID_RESIDENCE_NUMBER),
                          sp_identification_get_field (id, SP_ID_RESIDENCE_POSTCODE),
                          sp_identification_get_field (id, SP_ID_RESIDENCE_PLACE));
  LINE (_("Parent or guardian"), SP_ID_GUARDIAN_NAME);
  if (sp_document_type_from_string (sp_identification_get_field (id, SP_ID_DOCUMENT_TYPE), &type))
    g_string_append_printf (text, "%s: %s %s\n", _("Document"), _(sp_document_type_get_name (type)),
                            sp_identification_get_field (id, SP_ID_DOCUMENT_NUMBER));
  LINE (_("Place of the issuing office"), SP_ID_DOCUMENT_ISSUER_NAME);
  LINE (_("Document expiry date"), SP_ID_DOCUMENT_EXPIRES);
  LINE (_("Health card number"), SP_ID_HEALTH_CARD_NUMBER);
  LINE (_("Email"), SP_ID_EMAIL);
  if (*sp_identification_get_field (id, SP_ID_MOBILE) != '\0')
    g_string_append_printf (text, "%s: %s %s\n", _("Mobile phone"),
                            sp_identification_get_field (id, SP_ID_MOBILE_COUNTRY),
                            sp_identification_get_field (id, SP_ID_MOBILE));
  LINE (_("PEC"), SP_ID_PEC);
  LINE (_("Intended identity provider"), SP_ID_INTENDED_PROVIDER);
#undef LINE

  if (text->len > 0)
    g_string_truncate (text, text->len - 1);
  return g_string_free (text, FALSE);
}

/* Validation as the clerk types */

static gboolean
step_has_problems (SpIdentifyPage *self,
                   guint           step)
{
  for (guint i = 0; self->problems != NULL && i < self->problems->len; i++)
    {
      SpIdentificationProblem *p = g_ptr_array_index (self->problems, i);
      if (p->step == step || step == STEP_SUMMARY)
        return TRUE;
    }
  return FALSE;
}

static void
update_validation (SpIdentifyPage *self)
{
  g_autoptr(GHashTable) errors = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) missing = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;
  GDate today;
  gboolean partner, has_mismatch = FALSE, minor = FALSE, doc_warning = FALSE;
  guint n_missing = 0;

  if (self->identification == NULL)
    return;

  sp_date_from_time (g_get_real_time (), &today);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = sp_identification_check (self->identification, get_store (self),
                                            get_places (self), &today);

  for (guint i = 0; i < self->problems->len; i++)
    {
      SpIdentificationProblem *p = g_ptr_array_index (self->problems, i);

      if (!g_hash_table_contains (errors, p->field))
        g_hash_table_insert (errors, (gpointer) p->field, p->message);
      has_mismatch |= g_str_equal (p->rule, "cf-mismatch");
      minor |= g_str_equal (p->rule, "guardian") || g_str_equal (p->rule, "minor");
      doc_warning |= g_str_equal (p->rule, "document-warning");

      if (p->step == self->step)
        {
          /* The "minor" rule is also shown next to the field: repeat it,
           * it is the reason the flow stops here. */
          if (n_missing < 3)
            g_string_append_printf (missing, "%s%s", missing->len > 0 ? "\n" : "", p->message);
          n_missing++;
        }
    }

  /* Errors next to the fields the clerk has typed in. */
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *message = g_hash_table_lookup (errors, key);
      sp_entry_row_set_error (SP_ENTRY_ROW (value),
                              g_hash_table_contains (self->touched, key) ? message : NULL);
    }

  /* The address type, a choice: its error under its title, like a field's. */
  {
    const char *message = g_hash_table_lookup (errors, SP_ID_RESIDENCE_TYPE);
    GtkWidget *row = GTK_WIDGET (self->residence_type_row);

    if (!g_hash_table_contains (self->touched, SP_ID_RESIDENCE_TYPE) &&
        !g_hash_table_contains (self->touched, SP_ID_RESIDENCE_STREET))
      message = NULL;
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), message != NULL ? message : "");
    if (message != NULL)
      {
        gtk_widget_add_css_class (row, "error");
        gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      }
    else
      {
        gtk_widget_remove_css_class (row, "error");
        gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      }
  }

  /* An address abroad: the town goes with the street, the state is the
   * place, the postcode is the other country's. */
  {
    const char *text = sp_identification_get_field (self->identification, SP_ID_RESIDENCE_PLACE);
    const SpPlace *place = NULL;
    gboolean abroad;

    if (*text != '\0' && get_places (self) != NULL)
      place = sp_places_resolve (get_places (self), text, &today, NULL);
    abroad = place != NULL && place->kind == SP_PLACE_STATE;
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (g_hash_table_lookup (self->rows, SP_ID_RESIDENCE_STREET)),
                                   abroad ? _("Street and town") : _("Street name"));
  }

  partner = sp_identification_get_channel (self->identification) == SP_IDENTIFICATION_CHANNEL_PARTNER;
  gtk_widget_set_visible (self->partner_rows[0], partner);
  gtk_widget_set_visible (self->partner_rows[1], partner);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (self->mismatch_check), "row"),
                          has_mismatch || sp_identification_get_acknowledged (self->identification) != 0);
  gtk_widget_set_visible (self->guardian_group,
                          minor && sp_store_get_setting_int (get_store (self),
                                                             SP_SETTING_SPID_MINORS_ALLOWED, 0) != 0);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (self->doc_warning_check), "row"),
                          doc_warning || sp_identification_get_flag (self->identification, SP_ID_FLAG_DOCUMENT_WARNING));

  if (n_missing > 3)
    g_string_append_printf (missing, "\n%s",
                            g_dngettext (GETTEXT_PACKAGE, "… and one more item.", "… and more items.", n_missing - 3));
  gtk_label_set_label (self->missing_label, missing->str);
  gtk_widget_set_visible (GTK_WIDGET (self->missing_label), missing->len > 0);
  gtk_widget_set_sensitive (self->next_button, !step_has_problems (self, self->step));
}

static void
go_to_step (SpIdentifyPage *self,
            guint           step)
{
  g_autofree char *title = NULL;

  if (self->identification != NULL)
    {
      read_street_type (self, TRUE);
      sp_identification_mark_step (self->identification, step, sp_store_now ());
    }
  save_now (self);
  self->step = step;

  for (guint i = 0; i < N_PAGES; i++)
    if (i != step && gtk_widget_get_parent (self->pages[i]) != NULL)
      gtk_box_remove (self->steps_box, self->pages[i]);
  if (gtk_widget_get_parent (self->pages[step]) == NULL)
    gtk_box_append (self->steps_box, self->pages[step]);

  if (step == STEP_SUMMARY)
    {
      g_autofree char *summary = build_summary (self);
      gtk_label_set_label (self->summary_label, summary);
      /* Translators: the steps of the flow, e.g. "Step 6 of 6: Summary". */
      title = g_strdup_printf (_("Step %u of %u: %s"), step + 1, N_PAGES, _("Summary"));
      gtk_button_set_label (GTK_BUTTON (self->next_button), _("_Complete Identification"));
    }
  else
    {
      title = g_strdup_printf (_("Step %u of %u: %s"), step + 1, N_PAGES,
                               sp_identification_step_get_title (step));
      gtk_button_set_label (GTK_BUTTON (self->next_button), _("_Next"));
    }
  gtk_label_set_label (self->step_label, title);
  gtk_widget_set_sensitive (self->back_button, step > 0);

  update_validation (self);

  if (step == SP_IDENTIFICATION_STEP_CITIZEN && !gtk_widget_get_sensitive (self->channel_rao))
    gtk_widget_grab_focus (self->channel_partner);
  else if (self->first_focus[step] != NULL)
    gtk_widget_grab_focus (self->first_focus[step]);
  else
    gtk_widget_grab_focus (self->next_button);
}

static void
open_identification (SpIdentifyPage   *self,
                     SpIdentification *identification)
{
  GHashTableIter iter;
  gpointer key, value;

  g_set_object (&self->identification, identification);
  g_clear_object (&self->receipt);
  g_hash_table_remove_all (self->touched);
  self->residence_type_by_hand = FALSE;
  update_seal (self);

  /* A resumed draft shows its errors at once. */
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (*sp_identification_get_field (identification, key) != '\0')
      g_hash_table_add (self->touched, key);

  load_form (self);
  show_only (self, self->flow_box);
  go_to_step (self, SP_IDENTIFICATION_STEP_CITIZEN);
}

/* Outcome */

static void
show_outcome (SpIdentifyPage *self,
              const char     *title,
              const char     *message,
              gboolean        with_receipt)
{
  gtk_label_set_label (self->outcome_title, title);
  gtk_label_set_label (self->outcome_label, message);
  gtk_widget_set_visible (self->preview_scroller, with_receipt);
  gtk_widget_set_visible (self->print_button, with_receipt);
  gtk_widget_set_visible (self->code_box, FALSE);
  sp_receipt_preview_set_receipt (self->preview, with_receipt ? self->receipt : NULL);
  show_only (self, self->outcome_box);
  gtk_widget_grab_focus (with_receipt ? self->print_button : self->start_over_button);
}

static void
complete (SpIdentifyPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  SpOperator *op = sp_context_get_operator (get_context (self));
  SpDesk *desk = sp_context_get_desk (get_context (self));
  SpStore *store = get_store (self);
  SpActor actor = sp_context_get_actor (get_context (self));
  const char *half;
  GDate today;

  save_now (self);
  sp_date_from_time (g_get_real_time (), &today);
  if (!sp_identification_complete (store, self->identification, actor, get_places (self), &today, &code, &error))
    {
      sp_page_show_toast (SP_PAGE (self), error->message);
      update_validation (self);
      return;
    }

  g_clear_object (&self->receipt);
  self->receipt = sp_identification_issue_receipt (store, self->identification, actor,
                                                   desk != NULL ? sp_desk_get_name (desk) : "",
                                                   op != NULL ? sp_operator_get_display_name (op) : "",
                                                   &error);
  if (self->receipt == NULL)
    sp_page_show_toast (SP_PAGE (self), error->message);

  if (sp_identification_get_channel (self->identification) == SP_IDENTIFICATION_CHANNEL_RAO)
    {
      /* Translators: %s is the citizen's email address. */
      message = g_strdup_printf (_("The first half of the activation code is on the receipt; the second half "
                                   "goes by email to %s, with the activation package. Press Ctrl+P to print "
                                   "the receipt."),
                                 sp_identification_get_field (self->identification, SP_ID_EMAIL));
      send_outbox (self, FALSE);
    }
  else
    message = g_strdup (_("The identity provider will activate the identity. Press Ctrl+P to print the receipt."));

  show_outcome (self, _("Identification completed"), message, self->receipt != NULL);

  /* The same half as on the receipt, for the clerk to point at. */
  half = sp_identification_get_code_first_half (self->identification);
  if (half != NULL && *half != '\0')
    {
      g_autofree char *spelled = sp_activation_code_spell_symbols (half, NULL);

      gtk_label_set_label (self->code_label, half);
      gtk_label_set_label (self->code_spelling, spelled != NULL ? spelled : "");
      gtk_widget_set_visible (GTK_WIDGET (self->code_spelling), spelled != NULL);
      gtk_widget_set_visible (self->code_box, TRUE);
    }
}

static void
print_receipt (SpIdentifyPage *self)
{
  g_autoptr(GError) error = NULL;
  SpWindow *window = get_window (self);

  if (self->receipt == NULL || window == NULL || !gtk_widget_get_visible (self->outcome_box))
    return;

  if (!sp_window_print_receipt (window, self->receipt, NULL, &error))
    sp_page_show_toast (SP_PAGE (self), error->message);
  else if (g_getenv ("SPORTELLO_PRINT_TO_PDF") != NULL)
    sp_page_show_toast (SP_PAGE (self), _("Receipt printed."));
}

/* Refusal */

static void
on_reason_toggled_cb (GtkCheckButton   *check,
                      AdwMessageDialog *dialog)
{
  if (gtk_check_button_get_active (check))
    {
      g_object_set_data (G_OBJECT (dialog), "reason", g_object_get_data (G_OBJECT (check), "reason"));
      adw_message_dialog_set_response_enabled (dialog, "refuse", TRUE);
    }
  else if (g_object_get_data (G_OBJECT (dialog), "reason") == g_object_get_data (G_OBJECT (check), "reason"))
    {
      g_object_set_data (G_OBJECT (dialog), "reason", NULL);
      adw_message_dialog_set_response_enabled (dialog, "refuse", FALSE);
    }
}

static void
on_refuse_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       SpIdentifyPage   *self)
{
  g_autoptr(GError) error = NULL;
  const char *reason = g_object_get_data (G_OBJECT (dialog), "reason");
  GtkEditable *note = g_object_get_data (G_OBJECT (dialog), "note");
  const SpRefusalReason *reasons;
  guint n;

  if (!g_str_equal (response, "refuse") || self->identification == NULL)
    return;

  save_now (self);
  if (!sp_identification_refuse (get_store (self), self->identification,
                                 sp_context_get_actor (get_context (self)), reason,
                                 gtk_editable_get_text (note), &error))
    {
      sp_page_show_toast (SP_PAGE (self), error->message);
      return;
    }

  reasons = sp_identification_get_refusal_reasons (&n);
  for (guint i = 0; i < n; i++)
    if (g_str_equal (reasons[i].id, reason))
      {
        g_autofree char *message = g_strdup_printf (_("Reason: %s."), _(reasons[i].label));
        show_outcome (self, _("Identification refused"), message, FALSE);
      }
}

static void
open_refuse_dialog (SpIdentifyPage *self)
{
  GtkWidget *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *note_list = gtk_list_box_new ();
  GtkWidget *note;
  GtkWidget *first = NULL;
  const SpRefusalReason *reasons;
  guint n;

  if (self->identification == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Refuse the Identification?"),
                                   _("The identification is closed as refused, with the reason chosen. It cannot be completed afterwards."));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);

  reasons = sp_identification_get_refusal_reasons (&n);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *check = new_radio (first);

      if (first == NULL)
        first = check;
      g_object_set_data (G_OBJECT (check), "reason", (gpointer) reasons[i].id);
      g_signal_connect (check, "toggled", G_CALLBACK (on_reason_toggled_cb), dialog);
      gtk_list_box_append (GTK_LIST_BOX (list), make_button_row (_(reasons[i].label), check));
    }

  note = g_object_new (SP_TYPE_ENTRY_ROW, "title", _("Details of the refusal"), NULL);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (note_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (note_list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (note_list), note);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), note_list);
  g_object_set_data (G_OBJECT (dialog), "note", note);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "refuse", _("_Refuse"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "refuse", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "refuse", FALSE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_refuse_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (first);
}

/* Callbacks */

static void
on_new_clicked_cb (SpIdentifyPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpIdentification) id = NULL;

  save_now (self);
  update_seal (self);
  /* Without a seal only the partner counter can identify. */
  id = sp_identification_new_draft (get_store (self), sp_context_get_actor (get_context (self)),
                                    self->can_seal ? SP_IDENTIFICATION_CHANNEL_RAO
                                                   : SP_IDENTIFICATION_CHANNEL_PARTNER,
                                    &error);
  if (id == NULL)
    {
      sp_page_show_toast (SP_PAGE (self), error->message);
      return;
    }
  sp_identification_set_field (id, SP_ID_LANGUAGE, "it");
  sp_identification_set_field (id, SP_ID_MOBILE_COUNTRY, "+39");
  open_identification (self, id);
}

static void
on_resume_clicked_cb (SpIdentifyPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpIdentification) id = NULL;
  gboolean restored = FALSE;
  const char *uuid = g_object_get_data (G_OBJECT (self->resume_box), "uuid");

  if (uuid == NULL)
    return;
  id = sp_identification_load (get_store (self), uuid, &error);
  if (id == NULL)
    {
      sp_page_show_toast (SP_PAGE (self), error->message);
      return;
    }
  /* Typed while the server was away, before the program stopped. */
  if (!sp_draft_spool_restore (get_store (self), id, &restored, &error))
    g_warning ("The draft kept on this desk cannot be read: %s", error->message);
  open_identification (self, id);
  if (restored)
    schedule_save (self);
  sp_page_show_toast (SP_PAGE (self), _("The unfinished identification is open again."));
}

static void
on_send_clicked_cb (SpIdentifyPage *self)
{
  send_outbox (self, TRUE);
}

static void
on_next_clicked_cb (SpIdentifyPage *self)
{
  if (step_has_problems (self, self->step))
    return;
  if (self->step == STEP_SUMMARY)
    complete (self);
  else
    go_to_step (self, self->step + 1);
}

static void
on_back_clicked_cb (SpIdentifyPage *self)
{
  if (self->step > 0)
    go_to_step (self, self->step - 1);
}

static void
on_refuse_clicked_cb (SpIdentifyPage *self)
{
  open_refuse_dialog (self);
}

static void
on_print_clicked_cb (SpIdentifyPage *self)
{
  print_receipt (self);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  print_receipt (SP_IDENTIFY_PAGE (widget));
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SpIdentifyPage *self = SP_IDENTIFY_PAGE (widget);

  if (gtk_widget_get_visible (self->flow_box) && gtk_widget_get_sensitive (self->next_button))
    on_next_clicked_cb (self);
}

/* Overrides */

static void
sp_identify_page_map (GtkWidget *widget)
{
  SpIdentifyPage *self = SP_IDENTIFY_PAGE (widget);

  GTK_WIDGET_CLASS (sp_identify_page_parent_class)->map (widget);

  if (!gtk_widget_get_visible (self->flow_box) && !gtk_widget_get_visible (self->outcome_box))
    refresh_start (self);
}

static void
sp_identify_page_constructed (GObject *object)
{
  SpIdentifyPage *self = SP_IDENTIFY_PAGE (object);
  g_autoptr(GBytes) secret = NULL;
  SpMaintenance *maintenance;

  G_OBJECT_CLASS (sp_identify_page_parent_class)->constructed (object);

  build_form (self);
  show_only (self, GTK_WIDGET (self->start_page));
  refresh_start (self);
  /* Read now, while the server answers: what is kept on the desk while it
   * does not is sealed with it. */
  secret = sp_store_get_installation_secret (get_store (self), NULL);

  maintenance = sp_context_get_maintenance (get_context (self));
  if (maintenance != NULL)
    g_signal_connect_object (maintenance, "job-done", G_CALLBACK (on_maintenance_job_done_cb), self, 0);
}

static void
sp_identify_page_dispose (GObject *object)
{
  SpIdentifyPage *self = SP_IDENTIFY_PAGE (object);

  /* A draft being typed is written before the section goes away. */
  save_now (self);
  g_clear_handle_id (&self->save_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_IDENTIFY_PAGE);
  for (guint i = 0; i < N_PAGES; i++)
    g_clear_object (&self->pages[i]);
  g_clear_object (&self->identification);
  g_clear_object (&self->receipt);
  g_clear_object (&self->places);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (sp_identify_page_parent_class)->dispose (object);
}

static void
sp_identify_page_finalize (GObject *object)
{
  SpIdentifyPage *self = SP_IDENTIFY_PAGE (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->checks, g_hash_table_unref);
  g_clear_pointer (&self->touched, g_hash_table_unref);
  g_clear_pointer (&self->languages, g_ptr_array_unref);

  G_OBJECT_CLASS (sp_identify_page_parent_class)->finalize (object);
}

static void
sp_identify_page_class_init (SpIdentifyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sp_identify_page_constructed;
  object_class->dispose = sp_identify_page_dispose;
  object_class->finalize = sp_identify_page_finalize;
  widget_class->map = sp_identify_page_map;

  g_type_ensure (SP_TYPE_RECEIPT_PREVIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/it/sportello/Sportello/ui/sp-identify-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpIdentifyPage, start_page);
  gtk_widget_class_bind_template_child (widget_class, SpIdentifyPage, resume_box);
  gtk_widget_class_bind_template_child (widget_class, SpIdentifyPage, resume_label);
  gtk_widget_class_bind_template_child (widget_class, SpIdentifyPage, seal_label);
  gtk_widget_class_bind_template_child (widget_class, SpIdentifyPage, outbox_label);
  gtk_widget_class_bind_template_child (widget_class, SpIdentifyPage, send_button);
  gtk_widget_class_bind_template_child (widget_class, SpIdentifyPage, flow_box);
  gtk_widget_class_bind_template_child (widget_class, SpIdentifyPage, step_label);
  gtk_widget_class_bind_template_child (widget_class, SpIdentifyPage, steps_box);
  gtk_widget_class_bind_template_child (widget_class, SpIdentifyPage, missing_label);
  gtk_widget_class_bind_template_child (widget_class, SpIdentifyPage, refuse_button);
  gtk_widget_class_bind_template_child (widget_class, SpIdentifyPage, next_button);
  gtk_widget_class_bind_template_child (widget_class, SpIdentifyPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, SpIdentifyPage, outcome_box);
  gtk_widget_class_bind_template_child (widget_class, SpIdentifyPage, outcome_title);
  gtk_widget_class_bind_template_child (widget_class, SpIdentifyPage, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, SpIdentifyPage, code_box);
  gtk_widget_class_bind_template_child (widget_class, SpIdentifyPage, code_label);
  gtk_widget_class_bind_template_child (widget_class, SpIdentifyPage, code_spelling);
  gtk_widget_class_bind_template_child (widget_class, SpIdentifyPage, preview_scroller);
  gtk_widget_class_bind_template_child (widget_class, SpIdentifyPage, preview);
  gtk_widget_class_bind_template_child (widget_class, SpIdentifyPage, print_button);
  gtk_widget_class_bind_template_child (widget_class, SpIdentifyPage, start_over_button);
  gtk_widget_class_bind_template_callback (widget_class, on_new_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_resume_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_send_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_refuse_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_print_clicked_cb);

  /* Ctrl+P prints the receipt; Ctrl+Enter goes to the next step. */
  gtk_widget_class_install_action (widget_class, "identify.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "identify.next", NULL, next_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "identify.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "identify.next", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sp_identify_page_init (SpIdentifyPage *self)
{
  self->rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->checks = g_hash_table_new (g_str_hash, g_str_equal);
  self->touched = g_hash_table_new (g_str_hash, g_str_equal);
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("SPID identification form"), -1);
}

GtkWidget *
sp_identify_page_new (SpContext *context)
{
  g_return_val_if_fail (SP_IS_CONTEXT (context), NULL);

  return g_object_new (SP_TYPE_IDENTIFY_PAGE, "context", context, NULL);
}
