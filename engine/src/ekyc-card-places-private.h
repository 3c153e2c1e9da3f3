/* ekyc-card-places-private.h — addresses read from a card against the official list of units
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>

/* The tiers of the official list. */
typedef enum {
  EKYC_PLACE_PROVINCE,
  EKYC_PLACE_DISTRICT,
  EKYC_PLACE_WARD,
} EkycPlaceTier;

/* The index in the table (ekyc-card-places-units.h) of the province named @name as spelt by
 * the law ("Nghệ An", "TP. Hồ Chí Minh", "Huế", "Thanh Hoá"); -1 if none. */
int   _ekyc_place_province_index (const char *name);

/* Puts the units of an address right, in place: @parts are its comma-separated parts, the last
 * of them at @province_at the province (index @province in the table), spelt right already.
 * The part before it is taken for a district of that province and the one before that for a
 * ward of the district (three tiers), or the part before the province for a ward of the
 * province (two tiers): each is replaced by the official name when that name is the only one
 * within a small OCR distance and the part as read is not itself a unit of that tier. Returns
 * the number of parts before the province that the list confirms (0, 1 or 2). @upper: the
 * address is printed in capitals, so names are written in capitals too. */
guint _ekyc_place_snap_units (GPtrArray *parts, guint province_at, int province, gboolean upper);

/* The district (index in the table) of the province @province that @part is, as read or one
 * OCR slip away and the only one so near; -1 if none. */
int   _ekyc_place_district_of (const char *part, int province);

/* The only district in the country that @district_part names, as read, and that has the ward
 * @ward_part (as read or one slip away): "Long Xuyên" with "Mỹ Long"; -1 if none or several. */
int   _ekyc_place_district_for (const char *district_part, const char *ward_part);

/* The province (index in the table) the district @district belongs to. */
int   _ekyc_place_province_of_district (int district);

/* The official name of the province @province. */
const char *_ekyc_place_province_name (int province);
