/* ekyc-card-fields-private.h — printed fields found by their labels in the OCR lines of a card
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>
#include "ekyc/ekyc-card-read.h"

/* Where a field's value was found on the rectified card (for a second, closer OCR pass). */
typedef struct {
  gboolean found;
  int      x0, y0, x1, y1;
} EkycCardValueBox;

typedef struct {
  EkycCardSide     side;
  EkycCardLayout   layout;
  int              n_labels;       /* field labels found */
  int              n_markers;      /* other Vietnamese ID card print (titles, headers) */
  int              n_words;        /* every word read */
  int              n_mrz_lines;    /* lines that look like an MRZ */
  char            *raw[EKYC_CARD_READ_N_FIELDS];
  float            confidence[EKYC_CARD_READ_N_FIELDS];
  EkycCardValueBox boxes[EKYC_CARD_READ_N_FIELDS];
  /* one-line fields: the part of the label's line after the label (and its colon), up to the
   * next text to the right or the card's edge, where a value the page OCR missed is looked
   * for again, alone */
  EkycCardValueBox after_label[EKYC_CARD_READ_N_FIELDS];
} EkycCardLabelled;

/* Finds the labels in @lines (EkycOcrLine of a rectified card @width wide) and the raw text of
 * each field's value next to or below its label; votes for side and layout. */
void _ekyc_card_fields_find  (GPtrArray *lines, int width, EkycCardLabelled *out);
void _ekyc_card_fields_clear (EkycCardLabelled *out);

/* Turns raw field text into the field's normal form (dates YYYY-MM-DD, sex M/F, names upper
 * case…); NULL when the text is not a valid value. (transfer full) */
char *_ekyc_card_field_normalize (EkycCardReadField field, const char *raw);
