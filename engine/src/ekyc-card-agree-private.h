/* ekyc-card-agree-private.h — is a printed value that differs from the codes' a misreading?
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>
#include "ekyc/ekyc-card-read.h"

/* @printed (the OCR of field @f, read with mean confidence @confidence in 0–1) is not @codes
 * (the QR's, the MRZ's or the chip's value), by the plain comparison. TRUE when the difference
 * is one OCR makes — low confidence, a label's words or another field's value run into it, parts
 * out of order or missing, a letter dropped at the end, a word that is no syllable, one digit
 * of a date or number read with low confidence — with @why (transfer full) saying which; FALSE when the
 * print says another value (a name, number, date or address the codes do not hold). */
gboolean _ekyc_card_print_explained (EkycCardReadField f, const char *codes, const char *printed,
                                     float confidence, char **why);
