/* ekyc-server-routes-parties.c — customers, contracting units, account managers and holidays
 * (operator routes)
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-business"
#include "config.h"

#include <glib/gi18n.h>

#include "ekyc-business-error.h"
#include "ekyc-commission.h"
#include "ekyc-server-business.h"
#include "ekyc-server-core.h"
#include "ekyc-server-json.h"

#define MAX_ID 64
#define MAX_NAME 200

/* Identifiers are typed by operators and end up in paths: letters, digits, '-', '_', '.'. */
static gboolean
check_id (EkycRequest *request, const char *field, const char *id)
{
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      {
        ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "invalid_input",
                                  _("“%s” may hold only letters, digits, “-”, “_” and “.”."),
                                  field);
        return FALSE;
      }
  if (*id == '\0')
    {
      ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "invalid_input",
                                _("“%s” must not be empty."), field);
      return FALSE;
    }
  return TRUE;
}

static void
reply_rows (EkycRequest *request, const char *member, EkycStorageRows *rows,
            const char *const *names, const gboolean *is_int)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint r = 0; r < ekyc_storage_rows_get_count (rows); r++)
    {
      json_builder_begin_object (b);
      for (guint c = 0; names[c] != NULL; c++)
        {
          json_builder_set_member_name (b, names[c]);
          if (ekyc_storage_rows_get (rows, r, c) == NULL)
            json_builder_add_null_value (b);
          else if (is_int[c])
            json_builder_add_int_value (b, ekyc_storage_rows_get_int (rows, r, c, 0));
          else
            json_builder_add_string_value (b, ekyc_storage_rows_get (rows, r, c));
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  ekyc_request_reply_json (request, SOUP_STATUS_OK, json_builder_get_root (b));
}

static void
reply_created (EkycRequest *request, const char *id)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_end_object (b);
  ekyc_request_reply_json (request, SOUP_STATUS_CREATED, json_builder_get_root (b));
}

static void
handle_create_customer (EkycRequest *request, gpointer user_data)
{
  g_autoptr(JsonObject) body = ekyc_request_parse_object (request);
  g_autofree char *now = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = NULL, *name = NULL;
  gint64 changes = 0;

  if (body == NULL
      || !ekyc_json_get_string (request, body, NULL, "id", TRUE, MAX_ID, &id)
      || !ekyc_json_get_string (request, body, NULL, "name", TRUE, MAX_NAME, &name)
      || !check_id (request, "id", id))
    return;
  now = g_strdup_printf ("%" G_GINT64_FORMAT, ekyc_request_get_now (request));
  if (!ekyc_storage_exec (ekyc_request_get_storage (request),
                          "INSERT INTO customers (id, name, created_at) VALUES (?, ?, ?) "
                          "ON CONFLICT DO NOTHING", EKYC_SQL_PARAMS (id, name, now), &changes,
                          &error))
    return _ekyc_business_reply_error (request, error);
  if (changes == 0)
    return ekyc_request_reply_error (request, SOUP_STATUS_CONFLICT, "exists",
                                     _("A customer “%s” already exists."), id);
  reply_created (request, id);
}

static void
handle_list_customers (EkycRequest *request, gpointer user_data)
{
  EkycStorage *storage = ekyc_request_get_storage (request);
  g_autoptr(EkycStorageRows) rows = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GError) error = NULL;

  rows = ekyc_storage_query (storage, "SELECT id, name, created_at FROM customers ORDER BY id",
                             EKYC_SQL_NO_PARAMS, &error);
  if (rows == NULL)
    return _ekyc_business_reply_error (request, error);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "customers");
  json_builder_begin_array (b);
  for (guint r = 0; r < ekyc_storage_rows_get_count (rows); r++)
    {
      EkycContractState state;
      const char *id = ekyc_storage_rows_get (rows, r, 0);

      if (!ekyc_contract_lookup (storage, id, ekyc_request_get_now (request), &state, &error))
        return _ekyc_business_reply_error (request, error);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, id);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, ekyc_storage_rows_get (rows, r, 1));
      json_builder_set_member_name (b, "contract_status");
      json_builder_add_string_value (b, state.status);
      json_builder_end_object (b);
      ekyc_contract_state_clear (&state);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  ekyc_request_reply_json (request, SOUP_STATUS_OK, json_builder_get_root (b));
}

static void
handle_create_unit (EkycRequest *request, gpointer user_data)
{
  EkycStorage *storage = ekyc_request_get_storage (request);
  g_autoptr(JsonObject) body = ekyc_request_parse_object (request);
  g_autoptr(EkycStorageRows) parent_rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *now = NULL;
  const char *id = NULL, *name = NULL, *kind_text = NULL, *parent = NULL;
  EkycUnitKind kind;
  gint64 changes = 0;

  if (body == NULL
      || !ekyc_json_get_string (request, body, NULL, "id", TRUE, MAX_ID, &id)
      || !ekyc_json_get_string (request, body, NULL, "name", TRUE, MAX_NAME, &name)
      || !ekyc_json_get_string (request, body, NULL, "kind", TRUE, 32, &kind_text)
      || !ekyc_json_get_string (request, body, NULL, "parent", FALSE, MAX_ID, &parent)
      || !check_id (request, "id", id))
    return;
  if (!ekyc_unit_kind_from_string (kind_text, &kind, &error))
    return _ekyc_business_reply_error (request, error);
  /* §2: agents are the IT Centre's; the other units stand alone. */
  if (kind == EKYC_UNIT_AGENT)
    {
      if (parent == NULL)
        return ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "invalid_input",
                                         _("An agent belongs to the IT Centre: give “parent”, "
                                           "the IT Centre's unit id."));
      parent_rows = ekyc_storage_query (storage, "SELECT kind FROM units WHERE id = ?",
                                        EKYC_SQL_PARAMS (parent), &error);
      if (parent_rows == NULL)
        return _ekyc_business_reply_error (request, error);
      if (ekyc_storage_rows_get_count (parent_rows) == 0
          || g_strcmp0 (ekyc_storage_rows_get (parent_rows, 0, 0), "it-centre") != 0)
        return ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "invalid_input",
                                         _("The parent of an agent must be an IT Centre unit; "
                                           "“%s” is not one."), parent);
    }
  else if (parent != NULL)
    return ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "invalid_input",
                                     _("Only an agent has a parent unit."));
  now = g_strdup_printf ("%" G_GINT64_FORMAT, ekyc_request_get_now (request));
  if (!ekyc_storage_exec (storage, "INSERT INTO units (id, name, kind, parent_id, created_at) "
                          "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                          EKYC_SQL_PARAMS (id, name, kind_text, parent, now), &changes, &error))
    return _ekyc_business_reply_error (request, error);
  if (changes == 0)
    return ekyc_request_reply_error (request, SOUP_STATUS_CONFLICT, "exists",
                                     _("A unit “%s” already exists."), id);
  reply_created (request, id);
}

static void
handle_list_units (EkycRequest *request, gpointer user_data)
{
  static const char *const names[] = { "id", "name", "kind", "parent", "created_at", NULL };
  static const gboolean is_int[] = { FALSE, FALSE, FALSE, FALSE, TRUE };
  g_autoptr(EkycStorageRows) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = ekyc_storage_query (ekyc_request_get_storage (request),
                             "SELECT id, name, kind, parent_id, created_at FROM units ORDER BY id",
                             EKYC_SQL_NO_PARAMS, &error);
  if (rows == NULL)
    return _ekyc_business_reply_error (request, error);
  reply_rows (request, "units", rows, names, is_int);
}

static void
handle_create_manager (EkycRequest *request, gpointer user_data)
{
  EkycStorage *storage = ekyc_request_get_storage (request);
  g_autoptr(JsonObject) body = ekyc_request_parse_object (request);
  g_autoptr(EkycStorageRows) unit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *now = NULL;
  const char *id = NULL, *name = NULL, *role_text = NULL, *unit_id = NULL;
  EkycManagerRole role;
  gint64 changes = 0;

  if (body == NULL
      || !ekyc_json_get_string (request, body, NULL, "id", TRUE, MAX_ID, &id)
      || !ekyc_json_get_string (request, body, NULL, "name", TRUE, MAX_NAME, &name)
      || !ekyc_json_get_string (request, body, NULL, "role", TRUE, 8, &role_text)
      || !ekyc_json_get_string (request, body, NULL, "unit", TRUE, MAX_ID, &unit_id)
      || !check_id (request, "id", id))
    return;
  if (!ekyc_manager_role_from_string (role_text, &role, &error))
    return _ekyc_business_reply_error (request, error);
  unit = ekyc_storage_query (storage, "SELECT id FROM units WHERE id = ?",
                             EKYC_SQL_PARAMS (unit_id), &error);
  if (unit == NULL)
    return _ekyc_business_reply_error (request, error);
  if (ekyc_storage_rows_get_count (unit) == 0)
    return ekyc_request_reply_error (request, SOUP_STATUS_NOT_FOUND, "not_found",
                                     _("There is no unit “%s”."), unit_id);
  now = g_strdup_printf ("%" G_GINT64_FORMAT, ekyc_request_get_now (request));
  if (!ekyc_storage_exec (storage, "INSERT INTO account_managers (id, name, role, unit_id, "
                          "created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                          EKYC_SQL_PARAMS (id, name, ekyc_manager_role_to_string (role), unit_id,
                                           now), &changes, &error))
    return _ekyc_business_reply_error (request, error);
  if (changes == 0)
    return ekyc_request_reply_error (request, SOUP_STATUS_CONFLICT, "exists",
                                     _("An account manager “%s” already exists."), id);
  reply_created (request, id);
}

static void
handle_list_managers (EkycRequest *request, gpointer user_data)
{
  static const char *const names[] = { "id", "name", "role", "unit", "created_at", NULL };
  static const gboolean is_int[] = { FALSE, FALSE, FALSE, FALSE, TRUE };
  g_autoptr(EkycStorageRows) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = ekyc_storage_query (ekyc_request_get_storage (request),
                             "SELECT id, name, role, unit_id, created_at FROM account_managers "
                             "ORDER BY id", EKYC_SQL_NO_PARAMS, &error);
  if (rows == NULL)
    return _ekyc_business_reply_error (request, error);
  reply_rows (request, "managers", rows, names, is_int);
}

static void
handle_add_holiday (EkycRequest *request, gpointer user_data)
{
  g_autoptr(JsonObject) body = ekyc_request_parse_object (request);
  g_autoptr(GError) error = NULL;
  const char *day = NULL, *name = "";
  GDate date;

  if (body == NULL
      || !ekyc_json_get_string (request, body, NULL, "date", TRUE, 10, &day)
      || !ekyc_json_get_string (request, body, NULL, "name", FALSE, MAX_NAME, &name))
    return;
  if (!ekyc_date_parse (day, &date, &error))
    return _ekyc_business_reply_error (request, error);
  if (!ekyc_storage_exec (ekyc_request_get_storage (request),
                          "INSERT INTO holidays (day, name) VALUES (?, ?) ON CONFLICT DO NOTHING",
                          EKYC_SQL_PARAMS (day, name), NULL, &error))
    return _ekyc_business_reply_error (request, error);
  reply_created (request, day);
}

static void
handle_list_holidays (EkycRequest *request, gpointer user_data)
{
  static const char *const names[] = { "date", "name", NULL };
  static const gboolean is_int[] = { FALSE, FALSE };
  g_autoptr(EkycStorageRows) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = ekyc_storage_query (ekyc_request_get_storage (request),
                             "SELECT day, name FROM holidays ORDER BY day", EKYC_SQL_NO_PARAMS,
                             &error);
  if (rows == NULL)
    return _ekyc_business_reply_error (request, error);
  reply_rows (request, "holidays", rows, names, is_int);
}

void
_ekyc_business_parties_routes (EkycServer *server)
{
  ekyc_server_add_route (server, "POST", "/v1/admin/customers", EKYC_ROUTE_ADMIN,
                         handle_create_customer, NULL);
  ekyc_server_add_route (server, "GET", "/v1/admin/customers", EKYC_ROUTE_ADMIN,
                         handle_list_customers, NULL);
  ekyc_server_add_route (server, "POST", "/v1/admin/units", EKYC_ROUTE_ADMIN,
                         handle_create_unit, NULL);
  ekyc_server_add_route (server, "GET", "/v1/admin/units", EKYC_ROUTE_ADMIN,
                         handle_list_units, NULL);
  ekyc_server_add_route (server, "POST", "/v1/admin/managers", EKYC_ROUTE_ADMIN,
                         handle_create_manager, NULL);
  ekyc_server_add_route (server, "GET", "/v1/admin/managers", EKYC_ROUTE_ADMIN,
                         handle_list_managers, NULL);
  ekyc_server_add_route (server, "POST", "/v1/admin/holidays", EKYC_ROUTE_ADMIN,
                         handle_add_holiday, NULL);
  ekyc_server_add_route (server, "GET", "/v1/admin/holidays", EKYC_ROUTE_ADMIN,
                         handle_list_holidays, NULL);
}
