/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-enrolment-file.h — the envelope a pop-up desk's enrolment travels in
 *
 * The enrolment carries operators' password hashes and the desk's keys: on
 * a USB stick between the office and the laptop it is sealed under a
 * one-time passphrase that the administrator reads out or copies, never
 * stored. The key comes from the passphrase by libsodium's Argon2id
 * (crypto_pwhash, its "interactive" limits: a laptop opens it in well
 * under a second), the contents are sealed with XSalsa20-Poly1305
 * (crypto_secretbox): "SPORTELLO-ENROLMENT 1\n" ‖ salt ‖ nonce ‖ box.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SP_ENROLMENT_ERROR (sp_enrolment_error_quark ())

typedef enum
{
  SP_ENROLMENT_ERROR_NOT_ENROLMENT, /* not an enrolment file at all */
  SP_ENROLMENT_ERROR_PASSPHRASE,    /* wrong passphrase, or the file was altered */
  SP_ENROLMENT_ERROR_FAILED,
} SpEnrolmentError;

GQuark  sp_enrolment_error_quark      (void);

/* A fresh passphrase: 24 letters and digits that cannot be mistaken for
 * one another, in groups of four ("K7QM-3XPA-…"), about 120 bits. */
char   *sp_enrolment_new_passphrase   (void);
/* Seals contents under passphrase (groups, case and spaces as typed do
 * not matter). */
GBytes *sp_enrolment_file_seal        (const char  *contents,
                                       const char  *passphrase,
                                       GError     **error);
/* The contents back, or NULL with NOT_ENROLMENT or PASSPHRASE. */
char   *sp_enrolment_file_open        (GBytes      *file,
                                       const char  *passphrase,
                                       GError     **error);

G_END_DECLS
