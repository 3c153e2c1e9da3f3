/* ekyc-card-text-private.h — cleaning OCR text of card fields: folding, dates, numbers, names
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>
#include "ekyc/ekyc-card-dates.h"

/* Lower case, Vietnamese diacritics removed, đ → d, punctuation other than `<` dropped,
 * whitespace collapsed: "Họ, chữ đệm" → "ho chu dem". (transfer full) */
char     *_ekyc_card_fold (const char *text);

/* Levenshtein distance over Unicode characters, capped at @cap + 1. */
guint     _ekyc_card_edit_distance (const char *a, const char *b, guint cap);

/* A 12-digit number in OCR text, with letter/digit confusions repaired (O → 0, I/l → 1…).
 * (transfer full) (nullable) */
char     *_ekyc_card_text_id_number (const char *text);

/* A date dd/mm/yyyy in OCR text, where a slash may have been read as 1, I, l or 7. */
gboolean  _ekyc_card_text_date (const char *text, EkycCardDate *date);

/* "Nam" → 'M', "Nữ" → 'F', else 0. */
char      _ekyc_card_text_sex (const char *text);

/* A full name as printed: upper case, NFC, OCR noise removed, a family name whose diacritics
 * were misread replaced by the only family name with that spelling ("NGUYÊN" → "NGUYỄN").
 * (transfer full) (nullable) */
char     *_ekyc_card_text_name (const char *text);

/* An address or place: NFC, spaces tidied, stray punctuation at the ends dropped. */
char     *_ekyc_card_text_place (const char *text);

/* "Việt Nam" when @text is close to it, else the tidied text. */
char     *_ekyc_card_text_nationality (const char *text);
/* An address as read, put right with the official province names (ekyc-card-places.c): a
 * leading garbled English label dropped, the opening unit words ("Huyện", "Phường") and the
 * province spelt as the law spells them, specks after the province dropped. (transfer full) */
char     *_ekyc_card_place_correct (const char *address);
/* The same, and in *@confirmed_out (nullable; untouched when no province is found) how much of
 * it the official list confirms: 1 for its province, one more for each unit before it that is
 * the province's (its district, the district's ward). (transfer full) */
char     *_ekyc_card_place_correct_counted (const char *address, guint *confirmed_out);
/* How much of the place @text (as read) the list confirms, as above; 0 when no province. */
guint     _ekyc_card_place_confirmed (const char *text);
/* _ekyc_card_text_place () and, in *@confirmed, how much of it the list confirms (as above).
 * (transfer full) (nullable) */
char     *_ekyc_card_text_place_counted (const char *text, guint *confirmed);
/* Does @part of an address open with a unit word ("Thôn", "Phường", "Số"…)? */
gboolean  _ekyc_card_place_opens_with_unit (const char *part);
/* A place of origin: as _ekyc_card_text_place (), and when the list confirms its ward, district
 * and province, a part before them that is no place (no unit word, no number: the label's
 * English twin garbled, "Píoce", "fface crígi") dropped. (transfer full) (nullable) */
char     *_ekyc_card_text_origin (const char *text);

/* TRUE when the text says "Không thời hạn" (no expiry). */
gboolean  _ekyc_card_text_no_expiry (const char *text);

/* Is @text printed in capitals: letters, none of them small? */
gboolean _ekyc_card_text_is_upper_case (const char *text);
