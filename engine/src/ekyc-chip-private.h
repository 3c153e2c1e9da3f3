/* ekyc-chip-private.h — what the chip reader's files share: the card's APDU layer, file reading,
 * access control, LDS parsing
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>
#include "ekyc/ekyc-chip.h"
#include "ekyc-chip-sm-private.h"

G_BEGIN_DECLS

struct _EkycChipCard {
  EkycChipTransmitFunc transmit;
  gpointer             user_data;
  GDestroyNotify       destroy;
  gboolean             extended_length;
  char                *reader;
  gboolean             secure;      /* secure messaging is on */
  EkycChipSm           sm;
  /* Test hooks: fixed ephemeral secrets instead of random ones (NULL in use). */
  const guint8        *fixed_random;
  gsize                fixed_random_length;
};

/* Sends @apdu (under secure messaging when it is on) and returns the status word; the answer's
 * data is appended to @data (nullable). FALSE with @error only when no valid answer came. */
gboolean _ekyc_chip_card_send (EkycChipCard *card, const EkycChipApdu *apdu, GByteArray *data,
                               guint16 *sw, GError **error);
/* Switches secure messaging on with these keys and SSC. */
void     _ekyc_chip_card_start_sm (EkycChipCard *card, EkycChipCipher cipher,
                                   const guint8 *kenc, const guint8 *kmac, const guint8 *ssc,
                                   gsize ssc_length);
void     _ekyc_chip_card_stop_sm  (EkycChipCard *card);
/* Random bytes for the protocols (the test hook's bytes when set). */
gboolean _ekyc_chip_card_random   (EkycChipCard *card, guint8 *out, gsize length);

/* SELECT by file identifier then READ BINARY in chunks; NULL with no error when the file does
 * not exist (6A82). @progress may be NULL. */
GBytes  *_ekyc_chip_read_file (EkycChipCard *card, guint16 fid, EkycChipStep step,
                               EkycChipProgressFunc progress, gpointer progress_data,
                               GError **error);
/* SELECT of the eMRTD application (A0 00 00 02 47 10 01). */
gboolean _ekyc_chip_select_application (EkycChipCard *card, GError **error);

/* BAC (Part 11 §4.3). Errors: CHIP_ACCESS_DENIED when the chip refuses the key. */
gboolean _ekyc_chip_bac (EkycChipCard *card, const EkycChipKey *key, GError **error);
/* PACE with the MRZ password (Part 11 §4.4) using the first supported PACEInfo of
 * @card_access; @detail gets a description of the protocol used. */
gboolean _ekyc_chip_pace (EkycChipCard *card, const EkycChipKey *key, GBytes *card_access,
                          char **detail, GError **error);

/* Hash and message helpers of the LDS parsers. */
gboolean _ekyc_chip_data_error (GError **error, const char *file, const char *what);
gboolean _ekyc_chip_parse_com  (const guint8 *data, gsize length, char **lds_version,
                                guint32 *present, GError **error);
EkycMrz *_ekyc_chip_parse_dg1  (const guint8 *data, gsize length, GError **error);
/* A sentence on the chip authentication DG14 offers (never NULL). */
char    *_ekyc_chip_describe_dg14 (const guint8 *data, gsize length);

/* Chip authentication (DG14, ECDH with AES) over @card: on success secure messaging goes on
 * under the new keys; fills the document's chip_auth fields. */
void     _ekyc_chip_chip_auth   (EkycChipCard *card, EkycChipDocument *document);
/* Active authentication (DG15) over @card; fills the document's fields. */
void     _ekyc_chip_active_auth (EkycChipCard *card, EkycChipDocument *document);

G_END_DECLS

G_BEGIN_DECLS
EkycChipDocument *_ekyc_chip_document_new   (void);
gboolean          _ekyc_chip_document_parse (EkycChipDocument *document, GError **error);
G_END_DECLS

G_BEGIN_DECLS
/* Sets %EKYC_ERROR_CHIP_ACCESS_DENIED; returns FALSE. */
gboolean _ekyc_chip_access_denied (GError **error);
G_END_DECLS
