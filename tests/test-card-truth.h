/* test-card-truth.h — the card factory's ground truth, for the tests that read its cards
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <ekyc/ekyc.h>

G_BEGIN_DECLS

/* The truth of card @index of a set the factory wrote in @dir (NNNN.json; the test aborts when
 * it cannot be read). */
JsonObject *ekyc_test_load_card_truth (const char *dir, int index);
/* Photo @side ("front", "back") of card @index in @dir (NNNN-SIDE.jpg). */
EkycImage  *ekyc_test_load_card_photo (const char *dir, int index, const char *side);

G_END_DECLS
