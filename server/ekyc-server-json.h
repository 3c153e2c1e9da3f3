/* ekyc-server-json.h — reading request fields with a 400 that names the field on bad input;
 * answering database rows as JSON
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each getter returns FALSE after replying 400 (missing_field, wrong_type, out_of_range) when the
 * member is absent but @required, has the wrong JSON type, or is out of bounds; an absent
 * optional member leaves *out untouched and returns TRUE. @what names the object in the message
 * ("event 3"), or NULL for the body. */
#pragma once

#include "ekyc-server.h"

G_BEGIN_DECLS

gboolean ekyc_json_get_string (EkycRequest *request, JsonObject *object, const char *what,
                               const char *name, gboolean required, gsize max_length,
                               const char **out);
gboolean ekyc_json_get_int    (EkycRequest *request, JsonObject *object, const char *what,
                               const char *name, gboolean required, gint64 min, gint64 max,
                               gint64 *out);
gboolean ekyc_json_get_array  (EkycRequest *request, JsonObject *object, const char *what,
                               const char *name, gboolean required, guint max_length,
                               JsonArray **out);
gboolean ekyc_json_get_object (EkycRequest *request, JsonObject *object, const char *what,
                               const char *name, gboolean required, JsonObject **out);
/* A client-made UUID: 8-4-4-4-12 hex digits. */
gboolean ekyc_is_uuid (const char *text);

/* A column of a listing: its JSON name and whether it is a number (a string otherwise). */
typedef struct {
  const char *name;
  gboolean integer;
} EkycJsonColumn;

/* Replies 200 {"@member": [{…}, …]}: an object per row of @rows, the columns in order (SQL NULL
 * as null). @rows has @n_columns columns. */
void ekyc_request_reply_rows (EkycRequest *request, const char *member, EkycStorageRows *rows,
                              const EkycJsonColumn *columns, guint n_columns);

G_END_DECLS
