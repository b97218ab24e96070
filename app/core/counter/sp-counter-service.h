/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-counter-service.h — the other services of the counter, counted with
 * one click
 *
 * Certificates, changes of residence, information…: work of the counter
 * that is not a case of its own, only counted (a tally row a click). The
 * comune edits the list: adds services, renames them, gives them Ctrl+1 …
 * Ctrl+9, orders them, and deactivates the ones it no longer offers. A
 * service is never deleted, since its tallies stay in the reports; an
 * inactive one keeps no shortcut, so that its key can serve another.
 *
 * The five services of migration 0006 are named with English msgids and
 * translated when shown; a name the comune types is shown as typed.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sp-audit.h"
#include "sp-store.h"
/* What the services are for: counting them. */
#include "sp-tally.h"

G_BEGIN_DECLS

#define SP_COUNTER_SERVICE_ERROR (sp_counter_service_error_quark ())

typedef enum
{
  SP_COUNTER_SERVICE_ERROR_NOT_FOUND,        /* no service with this code */
  SP_COUNTER_SERVICE_ERROR_INVALID_CODE,     /* not 1–32 of a-z, 0-9, '-' */
  SP_COUNTER_SERVICE_ERROR_CODE_TAKEN,
  SP_COUNTER_SERVICE_ERROR_INVALID_NAME,     /* empty or too long */
  SP_COUNTER_SERVICE_ERROR_NAME_TAKEN,       /* by another active service */
  SP_COUNTER_SERVICE_ERROR_INVALID_SHORTCUT, /* not 0–9, or on an inactive service */
  SP_COUNTER_SERVICE_ERROR_SHORTCUT_TAKEN,
  SP_COUNTER_SERVICE_ERROR_INACTIVE,         /* counted, but no longer offered */
  SP_COUNTER_SERVICE_ERROR_CANNOT_MOVE,      /* already first, or last */
} SpCounterServiceError;

GQuark sp_counter_service_error_quark (void);

#define SP_COUNTER_SERVICE_CODE_MAX     32
#define SP_COUNTER_SERVICE_NAME_MAX     60
#define SP_COUNTER_SERVICE_SHORTCUT_MAX  9

#define SP_TYPE_COUNTER_SERVICE (sp_counter_service_get_type ())

G_DECLARE_FINAL_TYPE (SpCounterService, sp_counter_service, SP, COUNTER_SERVICE, GObject)

gint64       sp_counter_service_get_id           (SpCounterService *self);
const char  *sp_counter_service_get_uuid         (SpCounterService *self);
const char  *sp_counter_service_get_code         (SpCounterService *self);
/* As stored: an English msgid for the built-in services. */
const char  *sp_counter_service_get_name         (SpCounterService *self);
/* As shown: translated. */
const char  *sp_counter_service_get_display_name (SpCounterService *self);
/* 1–9 for Ctrl+1 … Ctrl+9; 0: none. */
int          sp_counter_service_get_shortcut     (SpCounterService *self);
gboolean     sp_counter_service_get_active       (SpCounterService *self);

/* A GListModel of SpCounterService in the comune's order. */
GListModel       *sp_counter_service_list         (SpStore           *store,
                                                   gboolean           include_inactive,
                                                   GError           **error);
/* By code, any case; inactive ones too. */
SpCounterService *sp_counter_service_lookup       (SpStore           *store,
                                                   const char        *code,
                                                   GError           **error);

/* A code for a new service's name: lower-case ASCII, accents dropped,
 * anything else a hyphen ("Carta d’identità" → "carta-d-identita"). */
char             *sp_counter_service_suggest_code (const char        *name);
/* The checks that add and edit make, for forms to run as the admin
 * types: the code's form and that no service has it (store may be NULL
 * for the form only); the name trimmed, 1–60 characters, and no other
 * active service's (except_id: the service being renamed, or 0); the
 * shortcut free. */
gboolean          sp_counter_service_check_code   (SpStore           *store,
                                                   const char        *code,
                                                   GError           **error);
gboolean          sp_counter_service_check_name   (SpStore           *store,
                                                   const char        *name,
                                                   gint64             except_id,
                                                   GError           **error);
gboolean          sp_counter_service_check_shortcut (SpStore         *store,
                                                     int              shortcut,
                                                     gint64           except_id,
                                                     GError         **error);

/* Each edit commits with its audit row, or changes nothing. */
SpCounterService *sp_counter_service_add          (SpStore           *store,
                                                   SpActor            actor,
                                                   const char        *code,
                                                   const char        *name,
                                                   int                shortcut,
                                                   GError           **error);
gboolean          sp_counter_service_rename       (SpStore           *store,
                                                   SpActor            actor,
                                                   SpCounterService  *self,
                                                   const char        *name,
                                                   GError           **error);
gboolean          sp_counter_service_set_shortcut (SpStore           *store,
                                                   SpActor            actor,
                                                   SpCounterService  *self,
                                                   int                shortcut,
                                                   GError           **error);
/* Deactivating frees the shortcut. */
gboolean          sp_counter_service_set_active   (SpStore           *store,
                                                   SpActor            actor,
                                                   SpCounterService  *self,
                                                   gboolean           active,
                                                   GError           **error);
/* One place up (delta -1) or down (+1) in the list of all services. */
gboolean          sp_counter_service_move         (SpStore           *store,
                                                   SpActor            actor,
                                                   SpCounterService  *self,
                                                   int                delta,
                                                   GError           **error);

/* The comune's counter services, all of them, in their order, as a pop-up
 * desk's enrolment file carries them. */
JsonArray        *sp_counter_service_export_all   (SpStore           *store,
                                                   GError           **error);
/* Inside the caller's transaction: the laptop's services become the
 * office's (codes, uuids, names, shortcuts, order, in use or not); one
 * the office does not have stays, out of use, for the tallies made with
 * it. */
gboolean          sp_counter_service_import_all   (SpStore           *store,
                                                   JsonArray         *services,
                                                   GError           **error);

G_END_DECLS
