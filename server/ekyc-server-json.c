/* ekyc-server-json.c — reading request fields with a 400 that names the field on bad input;
 * answering database rows as JSON
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-server"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ekyc-server-json.h"

static JsonNode *
member (EkycRequest *request, JsonObject *object, const char *what, const char *name,
        gboolean required, gboolean *ok)
{
  JsonNode *node = json_object_get_member (object, name);

  *ok = TRUE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          if (what)
            ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "missing_field",
                                      _("%s: the field “%s” is missing."), what, name);
          else
            ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "missing_field",
                                      _("The field “%s” is missing."), name);
          *ok = FALSE;
        }
      return NULL;
    }
  return node;
}

static gboolean
wrong_type (EkycRequest *request, const char *what, const char *name, const char *expected)
{
  if (what)
    ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "wrong_type",
                              _("%s: the field “%s” must be %s."), what, name, expected);
  else
    ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "wrong_type",
                              _("The field “%s” must be %s."), name, expected);
  return FALSE;
}

gboolean
ekyc_json_get_string (EkycRequest *request, JsonObject *object, const char *what,
                      const char *name, gboolean required, gsize max_length, const char **out)
{
  gboolean ok;
  JsonNode *node = member (request, object, what, name, required, &ok);
  const char *value;

  if (node == NULL)
    return ok;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return wrong_type (request, what, name, _("a string"));
  value = json_node_get_string (node);
  if (strlen (value) > max_length || (required && *value == '\0'))
    {
      ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "out_of_range",
                                _("%s: the field “%s” must have 1 to %zu characters."),
                                what ? what : _("body"), name, max_length);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

gboolean
ekyc_json_get_int (EkycRequest *request, JsonObject *object, const char *what, const char *name,
                   gboolean required, gint64 min, gint64 max, gint64 *out)
{
  gboolean ok;
  JsonNode *node = member (request, object, what, name, required, &ok);
  gint64 value;

  if (node == NULL)
    return ok;
  if (json_node_get_value_type (node) != G_TYPE_INT64)
    return wrong_type (request, what, name, _("an integer"));
  value = json_node_get_int (node);
  if (value < min || value > max)
    {
      char v[24], lo[24], hi[24];

      g_snprintf (v, sizeof v, "%" G_GINT64_FORMAT, value);
      g_snprintf (lo, sizeof lo, "%" G_GINT64_FORMAT, min);
      g_snprintf (hi, sizeof hi, "%" G_GINT64_FORMAT, max);
      ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "out_of_range",
                                _("%s: the field “%s” is %s, outside %s–%s."),
                                what ? what : _("body"), name, v, lo, hi);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

gboolean
ekyc_json_get_array (EkycRequest *request, JsonObject *object, const char *what,
                     const char *name, gboolean required, guint max_length, JsonArray **out)
{
  gboolean ok;
  JsonNode *node = member (request, object, what, name, required, &ok);

  if (node == NULL)
    return ok;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (request, what, name, _("an array"));
  if (json_array_get_length (json_node_get_array (node)) > max_length)
    {
      ekyc_request_reply_error (request, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "batch_too_large",
                                _("The field “%s” holds more than %u items; send smaller "
                                  "batches."), name, max_length);
      return FALSE;
    }
  *out = json_node_get_array (node);
  return TRUE;
}

gboolean
ekyc_json_get_object (EkycRequest *request, JsonObject *object, const char *what,
                      const char *name, gboolean required, JsonObject **out)
{
  gboolean ok;
  JsonNode *node = member (request, object, what, name, required, &ok);

  if (node == NULL)
    return ok;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (request, what, name, _("an object"));
  *out = json_node_get_object (node);
  return TRUE;
}

gboolean
ekyc_is_uuid (const char *text)
{
  static const int dashes[] = { 8, 13, 18, 23 };

  if (text == NULL || strlen (text) != 36)
    return FALSE;
  for (int i = 0, d = 0; i < 36; i++)
    {
      if (d < 4 && i == dashes[d])
        {
          if (text[i] != '-')
            return FALSE;
          d++;
        }
      else if (!g_ascii_isxdigit (text[i]))
        return FALSE;
    }
  return TRUE;
}

void
ekyc_request_reply_rows (EkycRequest *request, const char *member, EkycStorageRows *rows,
                         const EkycJsonColumn *columns, guint n_columns)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_if_fail (request != NULL && member != NULL && rows != NULL && columns != NULL);
  g_return_if_fail (ekyc_storage_rows_get_columns (rows) == n_columns);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint r = 0; r < ekyc_storage_rows_get_count (rows); r++)
    {
      json_builder_begin_object (builder);
      for (guint c = 0; c < n_columns; c++)
        {
          const char *value = ekyc_storage_rows_get (rows, r, c);

          json_builder_set_member_name (builder, columns[c].name);
          if (value == NULL)
            json_builder_add_null_value (builder);
          else if (columns[c].integer)
            json_builder_add_int_value (builder, ekyc_storage_rows_get_int (rows, r, c, 0));
          else
            json_builder_add_string_value (builder, value);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  ekyc_request_reply_json (request, SOUP_STATUS_OK, json_builder_get_root (builder));
}
