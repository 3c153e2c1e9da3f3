/* ekyc-card-names-private.h — a printed name's words put right with Vietnamese syllables
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>

/* @word (one word of a name as read, upper case, NFC) as it stands when it is a Vietnamese
 * syllable; else the name syllables it runs together ("TẠTHI" → "TẠ THI"), or the one common
 * name syllable a letter away ("GTANG" → "GIANG", "LNG" → "LONG"), or as it stands when there
 * is no such one. (transfer full) */
char *_ekyc_card_name_word_correct (const char *word);

/* Is @folded (lower case, no marks: _ekyc_card_fold()) the spelling of a Vietnamese syllable? */
gboolean _ekyc_card_name_is_syllable (const char *folded);

/* The words of one of @lines (NULL-terminated) that spell @letters (a name without its marks,
 * as an MRZ gives it: "PHAN HOANG DUC DONG") once their marks are taken off: the name as
 * printed, marks and all ("PHAN HOÀNG ĐỨC ĐÔNG"); NULL when no line holds it. (transfer full) */
char *_ekyc_card_name_in_lines (char **lines, const char *letters);
