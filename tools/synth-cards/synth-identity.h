/* synth-identity.h — fictional, self-consistent Vietnamese citizens and their card data
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Everything here is plain C with GLib: names, dates, the 12-digit number, the renewal-age rule,
 * the QR payload and the TD1 machine-readable zone. Strings are UTF-8 in NFC.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SYNTH_LAYOUT_CCCD_2021,    /* "CĂN CƯỚC CÔNG DÂN", Thông tư 06/2021/TT-BCA */
  SYNTH_LAYOUT_CANCUOC_2024, /* "CĂN CƯỚC", Thông tư 16/2024/TT-BCA */
} SynthLayout;

typedef struct {
  SynthLayout layout;
  char   *id_number;          /* 12 digits */
  char   *old_id_number;      /* 9 digits, or NULL */
  char   *full_name;          /* upper case, as printed: "NGUYỄN VĂN AN" */
  char   *family_name;        /* "NGUYỄN" */
  char   *given_names;        /* "VĂN AN" */
  gboolean female;
  GDate   birth;
  GDate   issue;
  gboolean has_expiry;
  GDate   expiry;             /* valid when has_expiry */
  char   *nationality;        /* "Việt Nam" */
  char   *place_of_origin;    /* 2021: Quê quán; 2024: Nơi đăng ký khai sinh */
  char   *place_of_residence; /* 2021: Nơi thường trú; 2024: Nơi cư trú */
  char   *personal_marks;     /* Đặc điểm nhân dạng (2021 back) */
  char   *issuing_authority;
  char   *signer_name;        /* fictional */
  char   *qr_payload;
  char   *mrz[3];             /* 30 characters each */
} SynthIdentity;

SynthIdentity *synth_identity_new_random (GRand *rand, SynthLayout layout);
void           synth_identity_free       (SynthIdentity *identity);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SynthIdentity, synth_identity_free)

/* ICAO 9303 check digit (weights 7, 3, 1; '<' = 0, A = 10 … Z = 35) over n bytes. */
int   synth_mrz_check_digit (const char *s, gsize n);
/* Upper-case ASCII without diacritics (Đ → D), spaces → '<'. */
char *synth_mrz_transliterate (const char *utf8);
/* "dd/mm/yyyy", "ddmmyyyy" or "yyyy-mm-dd". */
char *synth_date_format (const GDate *date, const char *pattern);

G_END_DECLS
