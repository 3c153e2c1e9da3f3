/* ekyc-chip-sm-private.h — secure messaging (ICAO 9303 Part 11 §9.8): protect commands, check
 * and open responses
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>
#include "ekyc-chip-crypto-private.h"

G_BEGIN_DECLS

typedef struct {
  EkycChipCipher cipher;
  guint8         kenc[EKYC_CHIP_MAX_KEY];
  guint8         kmac[EKYC_CHIP_MAX_KEY];
  guint8         ssc[16];    /* 8 bytes for 3DES, 16 for AES, big-endian */
} EkycChipSm;

/* A plain command before protection. @le: -1 for none; 0 means "all" (256, or 65536 when
 * @extended). */
typedef struct {
  guint8        cla, ins, p1, p2;
  const guint8 *data;
  gsize         length;
  int           le;
  gboolean      extended;
} EkycChipApdu;

/* Starts a session: keys and SSC are copied (@ssc_length 8 for 3DES, 16 for AES). */
void     _ekyc_chip_sm_init (EkycChipSm *sm, EkycChipCipher cipher, const guint8 *kenc,
                             const guint8 *kmac, const guint8 *ssc, gsize ssc_length);
/* Wipes the keys. */
void     _ekyc_chip_sm_clear (EkycChipSm *sm);

/* Serialises @apdu as is (ISO 7816-4 short or extended form) into @out. */
void     _ekyc_chip_apdu_encode (const EkycChipApdu *apdu, GByteArray *out);
/* Protects @apdu (SSC incremented first) into @out: DO'87' for the data, DO'97' for Le,
 * DO'8E' for the MAC. */
gboolean _ekyc_chip_sm_wrap (EkycChipSm *sm, const EkycChipApdu *apdu, GByteArray *out);
/* Checks a protected response (@response with its status word, SSC incremented first) and
 * decrypts it: @data gets the plain data, @sw the status word inside DO'99'. A bare error
 * status (no objects, not 9000) is returned as it is, with no data.
 * Errors: %EKYC_ERROR_CHIP_COMMUNICATION when the MAC is wrong or the objects malformed. */
gboolean _ekyc_chip_sm_unwrap (EkycChipSm *sm, const guint8 *response, gsize length,
                               GByteArray *data, guint16 *sw, GError **error);

G_END_DECLS
