/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-setting-keys.h — the name of every key of the settings table
 *
 * The comune's settings (listed, validated and audited by sp-settings.c)
 * and the internal ones no person types (the installation secret, the
 * audit head), all in one place: code names a key only through these.
 */
#pragma once

/* The comune, on every receipt. */
#define SP_SETTING_COMUNE_NAME          "comune.name"
#define SP_SETTING_COMUNE_IPA           "comune.ipa"
#define SP_SETTING_COMUNE_ADDRESS       "comune.address"
#define SP_SETTING_RECEIPT_FOOTER       "receipt.footer"
#define SP_SETTING_RECEIPT_LOGO         "receipt.logo"

/* Operators. */
#define SP_SETTING_LOCKOUT_MINUTES      "auth.lockout_minutes"

/* SPID. */
#define SP_SETTING_SPID_MINORS_ALLOWED  "spid.minors_allowed"  /* 0 or 1 */

/* CIE. */
#define SP_SETTING_CIE_FEE_STANDARD     "cie.fee_standard_cents"
#define SP_SETTING_CIE_FEE_DUPLICATE    "cie.fee_duplicate_cents"
#define SP_SETTING_CIE_AT_POPUP         "cie.at_popup_desks"

/* Appointments and the calendar. */
#define SP_SETTING_NO_SHOW_GRACE        "appointments.no_show_grace_minutes"
#define SP_SETTING_OFFICE_ADDRESS       "appointments.office_address"
#define SP_SETTING_PATRON_DAY           "calendar.patron_day"
#define SP_SETTING_PATRON_NAME          "calendar.patron_name"
/* One key per service code: "service.cie.bring", what to bring. */
#define SP_SETTING_BRING_PREFIX         "service."
#define SP_SETTING_BRING_SUFFIX         ".bring"
#define SP_SETTING_BRING_PATTERN        SP_SETTING_BRING_PREFIX "*" SP_SETTING_BRING_SUFFIX

/* Mail to citizens. */
#define SP_SETTING_SMTP_SERVER          "smtp.server"
#define SP_SETTING_SMTP_PORT            "smtp.port"
#define SP_SETTING_SMTP_SECURITY        "smtp.security"
#define SP_SETTING_SMTP_USERNAME        "smtp.username"
#define SP_SETTING_SMTP_PASSWORD        "smtp.password"   /* encrypted, base64 */
#define SP_SETTING_SMTP_SENDER          "smtp.sender"

/* Reports and retention. */
#define SP_SETTING_CSV_SEPARATOR        "export.csv_separator"
#define SP_SETTING_RETENTION_MONTHS     "retention.months"

/* Internal: never listed, read or written by a person. */
#define SP_SETTING_INSTALLATION_SECRET  "installation.secret"
#define SP_SETTING_AUDIT_HEAD           "audit.head"

/* Pop-up desks (internal). At the office: the key pair bundles are
 * encrypted to (the secret one sealed under the installation secret). On
 * a pop-up laptop: the office's public key, the laptop's signing key
 * (sealed) and which of the office's desks the laptop is. */
#define SP_SETTING_POPUP_BOX_PUBLIC         "popup.box_public_key"
#define SP_SETTING_POPUP_BOX_SECRET         "popup.box_secret_key"
#define SP_SETTING_POPUP_OFFICE_BOX_PUBLIC  "popup.office_box_public_key"
#define SP_SETTING_POPUP_SIGN_SECRET        "popup.sign_secret_key"
#define SP_SETTING_POPUP_DESK               "popup.desk_uuid"
/* The office's first free slots when the laptop was last refreshed (JSON:
 * {"as_of": µs, "slots": [{"service", "day", "start_minute", "desk"}]}). */
#define SP_SETTING_POPUP_FIRST_FREE         "popup.first_free"
