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

/* The most lines a value is found on (an address: the label's line and three below). */
#define EKYC_CARD_MAX_PARTS 4

/* One line of a value as the page OCR read it, and where it lies: the name and the places are
 * read again line by line, closer (ekyc-card-read.c). */
typedef struct {
  char            *text;
  float            confidence;     /* 0..1 */
  EkycCardValueBox box;
  gboolean         rereadable;     /* the box holds this part's text alone */
  gboolean         joined;         /* pieces of one line joined, words between them maybe lost */
  int              n_words;        /* the words of text (split at spaces), when at most 16 */
  float            word_confidence[16];
} EkycCardValuePart;

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
  /* the lines raw[] was joined from (addresses wrap at commas) */
  EkycCardValuePart parts[EKYC_CARD_READ_N_FIELDS][EKYC_CARD_MAX_PARTS];
  int               n_parts[EKYC_CARD_READ_N_FIELDS];
  gboolean          wraps[EKYC_CARD_READ_N_FIELDS];
} EkycCardLabelled;

/* Finds the labels in @lines (EkycOcrLine of a rectified card @width wide) and the raw text of
 * each field's value next to or below its label; votes for side and layout. */
void _ekyc_card_fields_find  (GPtrArray *lines, int width, EkycCardLabelled *out);
void _ekyc_card_fields_clear (EkycCardLabelled *out);
/* Joins @field's parts again into raw[] and confidence[] (after a part was read again). */
void _ekyc_card_fields_rejoin (EkycCardLabelled *labelled, EkycCardReadField field);

/* Turns raw field text into the field's normal form (dates YYYY-MM-DD, sex M/F, names upper
 * case…); NULL when the text is not a valid value. (transfer full) */
char *_ekyc_card_field_normalize (EkycCardReadField field, const char *raw);
