/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-sections.c — the table of the main window's sections */
#define G_LOG_DOMAIN "sp-sections"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-appointments-page.h"
#include "sp-cie-page.h"
#include "sp-identify-page.h"
#include "sp-operators-page.h"
#include "sp-records-page.h"
#include "sp-sections.h"
#include "sp-supervision-page.h"
#include "sp-today-page.h"

static GtkWidget *
create_operators_page (SpContext *context)
{
  return GTK_WIDGET (sp_operators_page_new (context));
}

/* In sidebar order; Alt+1 … Alt+9 follow it. */
static const SpSectionInfo sections[] = {
  { "today", N_("Today"), SP_SECTION_ANYONE, sp_today_page_new },
  { "identify", N_("Identify"), SP_SECTION_ANYONE, sp_identify_page_new },
  { "cie", N_("CIE"), SP_SECTION_ANYONE, sp_cie_page_new },
  { "appointments", N_("Appointments"), SP_SECTION_ANYONE, sp_appointments_page_new },
  { "records", N_("Records"), SP_SECTION_ANYONE, sp_records_page_new },
  { "supervision", N_("Supervision"), SP_SECTION_SUPERVISORS, sp_supervision_page_new },
  { "operators", N_("Operators and desks"), SP_SECTION_ADMINS, create_operators_page },
};

const SpSectionInfo *
sp_sections_get_all (guint *n_sections)
{
  *n_sections = G_N_ELEMENTS (sections);
  return sections;
}

gboolean
sp_section_is_allowed (const SpSectionInfo *info,
                       SpOperator          *op)
{
  switch (info->access)
    {
    case SP_SECTION_ANYONE:
      return TRUE;
    case SP_SECTION_SUPERVISORS:
      return sp_operator_can_supervise (op);
    case SP_SECTION_ADMINS:
      return sp_operator_is_admin (op);
    default:
      g_return_val_if_reached (FALSE);
    }
}
