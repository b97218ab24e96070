/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-booking-service.h — the services a citizen books an appointment for
 *
 * "cie", "spid", and those the comune adds: each has a name and a list of
 * what to bring, printed on the appointment's receipt. Not to be mistaken
 * for the counter services of the queue (sp-counter-service.h).
 */
#pragma once

#include <glib.h>

#include "sp-audit.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_AUDIT_SERVICE_SET "service-set"

typedef struct
{
  gint64  id;
  char   *uuid;
  char   *code;     /* "cie", "spid", … */
  char   *name;
  char   *bring;    /* what to bring, one item a line (English for the built-in ones) */
} SpBookingService;

void              sp_booking_service_free         (SpBookingService  *service);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpBookingService, sp_booking_service_free)

/* SP_CALENDAR_ERROR_NOT_FOUND when there is none. */
SpBookingService *sp_booking_service_lookup       (SpStore           *store,
                                                   const char        *code,
                                                   GError           **error);
SpBookingService *sp_booking_service_lookup_by_id (SpStore           *store,
                                                   gint64             id,
                                                   GError           **error);
/* Every active service: a GPtrArray of SpBookingService. */
GPtrArray        *sp_booking_service_list         (SpStore           *store,
                                                   GError           **error);
/* Adds a service, or renames it and sets what to bring (NULL: keeps it). */
SpBookingService *sp_booking_service_set          (SpStore           *store,
                                                   SpActor            actor,
                                                   const char        *code,
                                                   const char        *name,
                                                   const char        *bring,
                                                   GError           **error);

G_END_DECLS
