/* ekyc-card-places-spelling.h — one spelling for Vietnamese place names, to compare them
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Shared by the engine and the build-time tool that converts the official list
 * (tools/admin-units), so both write a name the same way. */
#pragma once

#include <glib.h>

/* @name in NFC with runs of spaces collapsed and the ends trimmed, and the tone mark of a
 * word-final "oa", "oe" or "uy" (not "qua", "quy") on its first vowel, the placement most
 * texts use: "Hoà" → "Hòa", "Thuỷ" → "Thủy", "Khoẻ" → "Khỏe". Case is kept. (transfer full) */
char *_ekyc_place_spelling (const char *name);
