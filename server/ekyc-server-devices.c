/* ekyc-server-devices.c — device enrolment: one-time codes, revocable tokens, their routes
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-server"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <sys/random.h>

#include "ekyc-server-core.h"
#include "ekyc-server-devices.h"
#include "ekyc-server-json.h"
#include "ekyc-server-metrics.h"

#define DEFAULT_CODE_TTL (72 * 3600)
#define MAX_CODE_TTL (30 * 24 * 3600)

G_DEFINE_QUARK (ekyc-devices-error-quark, ekyc_devices_error)

void
ekyc_devices_register_migrations (void)
{
  ekyc_storage_register_migration ("devices", 1,
    "CREATE TABLE enrolment_codes ("
    " code_hash TEXT PRIMARY KEY,"
    " customer_id TEXT NOT NULL REFERENCES customers (id),"
    " branch TEXT,"
    " created_at BIGINT NOT NULL,"
    " expires_at BIGINT NOT NULL,"
    " used_at BIGINT,"
    " device_id TEXT);"
    "CREATE TABLE devices ("
    " id TEXT PRIMARY KEY,"
    " customer_id TEXT NOT NULL REFERENCES customers (id),"
    " branch TEXT,"
    " name TEXT NOT NULL,"
    " token_hash TEXT NOT NULL UNIQUE,"
    " enrolled_at BIGINT NOT NULL,"
    " revoked_at BIGINT,"
    " last_seen_at BIGINT);"
    "CREATE INDEX devices_customer ON devices (customer_id)", NULL);
}

static void
random_bytes (guchar *buffer, gsize size)
{
  gsize done = 0;

  while (done < size)
    {
      ssize_t n = getrandom (buffer + done, size - done, 0);
      g_assert (n > 0);  /* the kernel's generator does not fail once seeded */
      done += n;
    }
}

static char *
sha256_hex (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

/* Codes are typed by people: no 0/O/1/I/L, upper case, dashes ignored. */
static const char code_alphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

static char *
normalise_code (const char *code)
{
  GString *out = g_string_new (NULL);

  for (const char *p = code; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_toupper (*p));
  return g_string_free (out, FALSE);
}

char *
ekyc_devices_create_code (EkycStorage *storage, const char *customer_id, const char *branch,
                          gint64 now, gint64 ttl_seconds, GError **error)
{
  guchar random[12];
  char code[15];
  g_autofree char *plain = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *created = NULL;
  g_autofree char *expires = NULL;
  g_autoptr(EkycStorageRows) rows = NULL;

  g_return_val_if_fail (storage != NULL && customer_id != NULL, NULL);

  rows = ekyc_storage_query (storage, "SELECT 1 FROM customers WHERE id = ?",
                             EKYC_SQL_PARAMS (customer_id), error);
  if (rows == NULL)
    return NULL;
  if (ekyc_storage_rows_get_count (rows) == 0)
    {
      g_set_error (error, EKYC_DEVICES_ERROR, EKYC_DEVICES_ERROR_UNKNOWN_CUSTOMER,
                   _("There is no customer “%s”."), customer_id);
      return NULL;
    }
  random_bytes (random, sizeof random);
  for (int i = 0, j = 0; i < 12; i++)
    {
      if (i == 4 || i == 8)
        code[j++] = '-';
      code[j++] = code_alphabet[random[i] % (sizeof code_alphabet - 1)];
      code[j] = '\0';
    }
  plain = normalise_code (code);
  hash = sha256_hex (plain);
  created = g_strdup_printf ("%" G_GINT64_FORMAT, now);
  expires = g_strdup_printf ("%" G_GINT64_FORMAT, now + ttl_seconds);
  if (!ekyc_storage_exec (storage, "INSERT INTO enrolment_codes (code_hash, customer_id, branch, "
                          "created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                          EKYC_SQL_PARAMS (hash, customer_id, branch, created, expires), NULL,
                          error))
    return NULL;
  return g_strdup (code);
}

static char *
make_token (void)
{
  guchar random[32];

  random_bytes (random, sizeof random);
  return g_base64_encode (random, sizeof random);
}

gboolean
ekyc_devices_enrol (EkycStorage *storage, const char *code, const char *name, gint64 now,
                    char **device_id, char **customer_id, char **token, GError **error)
{
  g_autofree char *plain = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *now_text = g_strdup_printf ("%" G_GINT64_FORMAT, now);
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *new_token = NULL;
  g_autofree char *token_hash = NULL;
  g_autoptr(EkycStorageRows) rows = NULL;
  gint64 changes = 0;

  g_return_val_if_fail (storage != NULL && code != NULL && name != NULL, FALSE);

  plain = normalise_code (code);
  hash = sha256_hex (plain);
  new_token = make_token ();
  /* base64 of random bytes, made URL- and header-safe */
  g_strdelimit (new_token, "+", '-');
  g_strdelimit (new_token, "/", '_');
  g_strdelimit (new_token, "=", '\0');
  token_hash = sha256_hex (new_token);

  if (!ekyc_storage_begin (storage, error))
    return FALSE;
  /* The UPDATE claims the code atomically: two devices racing for one code, one wins. */
  if (!ekyc_storage_exec (storage, "UPDATE enrolment_codes SET used_at = ?, device_id = ? "
                          "WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?",
                          EKYC_SQL_PARAMS (now_text, id, hash, now_text), &changes, error))
    goto fail;
  if (changes != 1)
    {
      ekyc_storage_rollback (storage);
      g_set_error_literal (error, EKYC_DEVICES_ERROR, EKYC_DEVICES_ERROR_BAD_CODE,
                           _("This enrolment code is unknown, already used or expired; ask the "
                             "operator for a new one."));
      return FALSE;
    }
  rows = ekyc_storage_query (storage, "SELECT customer_id, branch FROM enrolment_codes "
                             "WHERE code_hash = ?", EKYC_SQL_PARAMS (hash), error);
  if (rows == NULL || ekyc_storage_rows_get_count (rows) != 1)
    goto fail;
  if (!ekyc_storage_exec (storage, "INSERT INTO devices (id, customer_id, branch, name, "
                          "token_hash, enrolled_at) VALUES (?, ?, ?, ?, ?, ?)",
                          EKYC_SQL_PARAMS (id, ekyc_storage_rows_get (rows, 0, 0),
                                           ekyc_storage_rows_get (rows, 0, 1), name, token_hash,
                                           now_text), NULL, error))
    goto fail;
  if (!ekyc_storage_commit (storage, error))
    return FALSE;
  *device_id = g_steal_pointer (&id);
  *customer_id = g_strdup (ekyc_storage_rows_get (rows, 0, 0));
  *token = g_steal_pointer (&new_token);
  return TRUE;

fail:
  ekyc_storage_rollback (storage);
  if (error && *error == NULL)
    g_set_error_literal (error, EKYC_STORAGE_ERROR, EKYC_STORAGE_ERROR_QUERY,
                         "the enrolment code vanished during enrolment");
  return FALSE;
}

gboolean
ekyc_devices_revoke (EkycStorage *storage, const char *device_id, gint64 now, GError **error)
{
  g_autofree char *now_text = g_strdup_printf ("%" G_GINT64_FORMAT, now);
  gint64 changes = 0;

  g_return_val_if_fail (storage != NULL && device_id != NULL, FALSE);

  if (!ekyc_storage_exec (storage, "UPDATE devices SET revoked_at = COALESCE (revoked_at, ?) "
                          "WHERE id = ?", EKYC_SQL_PARAMS (now_text, device_id), &changes, error))
    return FALSE;
  if (changes == 0)
    {
      g_set_error (error, EKYC_DEVICES_ERROR, EKYC_DEVICES_ERROR_NOT_FOUND,
                   _("There is no device “%s”."), device_id);
      return FALSE;
    }
  return TRUE;
}

EkycDeviceAuth
ekyc_devices_authenticate (EkycStorage *storage, const char *token, char **device_id,
                           char **customer_id, GError **error)
{
  g_autofree char *hash = NULL;
  g_autoptr(EkycStorageRows) rows = NULL;

  g_return_val_if_fail (storage != NULL && token != NULL, EKYC_DEVICE_AUTH_ERROR);

  hash = sha256_hex (token);
  rows = ekyc_storage_query (storage, "SELECT id, customer_id, revoked_at FROM devices "
                             "WHERE token_hash = ?", EKYC_SQL_PARAMS (hash), error);
  if (rows == NULL)
    return EKYC_DEVICE_AUTH_ERROR;
  if (ekyc_storage_rows_get_count (rows) == 0)
    return EKYC_DEVICE_AUTH_UNKNOWN;
  if (ekyc_storage_rows_get (rows, 0, 2) != NULL)
    return EKYC_DEVICE_AUTH_REVOKED;
  *device_id = g_strdup (ekyc_storage_rows_get (rows, 0, 0));
  *customer_id = g_strdup (ekyc_storage_rows_get (rows, 0, 1));
  return EKYC_DEVICE_AUTH_OK;
}

/* --- routes --- */

static void
handle_enrol (EkycRequest *request, gpointer user_data)
{
  g_autoptr(JsonObject) body = ekyc_request_parse_object (request);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *device_id = NULL;
  g_autofree char *customer_id = NULL;
  g_autofree char *token = NULL;
  const char *code = NULL, *name = NULL;

  if (body == NULL ||
      !ekyc_json_get_string (request, body, NULL, "code", TRUE, 64, &code) ||
      !ekyc_json_get_string (request, body, NULL, "name", TRUE, 200, &name))
    return;
  if (!ekyc_devices_enrol (ekyc_request_get_storage (request), code, name,
                           ekyc_request_get_now (request), &device_id, &customer_id, &token,
                           &error))
    {
      if (g_error_matches (error, EKYC_DEVICES_ERROR, EKYC_DEVICES_ERROR_BAD_CODE))
        ekyc_request_reply_error (request, SOUP_STATUS_FORBIDDEN, "bad_code", "%s",
                                  error->message);
      else
        ekyc_request_reply_storage_error (request, error);
      return;
    }
  ekyc_metrics_count (ekyc_server_get_metrics (ekyc_request_get_server (request)),
                      "ekyc_devices_enrolled_total", "Devices enrolled", NULL, 1);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "device");
  json_builder_add_string_value (builder, device_id);
  json_builder_set_member_name (builder, "customer");
  json_builder_add_string_value (builder, customer_id);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_end_object (builder);
  ekyc_request_reply_json (request, SOUP_STATUS_CREATED, json_builder_get_root (builder));
}

static void
handle_me (EkycRequest *request, gpointer user_data)
{
  EkycStorage *storage = ekyc_request_get_storage (request);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycStorageRows) rows = NULL;
  EkycContractState contract;

  rows = ekyc_storage_query (storage, "SELECT name, branch FROM devices WHERE id = ?",
                             EKYC_SQL_PARAMS (ekyc_request_get_device_id (request)), &error);
  if (rows == NULL || ekyc_storage_rows_get_count (rows) != 1 ||
      !ekyc_contract_lookup (storage, ekyc_request_get_customer_id (request),
                             ekyc_request_get_now (request), &contract, &error))
    {
      if (error == NULL)
        g_set_error_literal (&error, EKYC_STORAGE_ERROR, EKYC_STORAGE_ERROR_QUERY, "no device");
      ekyc_request_reply_storage_error (request, error);
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "device");
  json_builder_add_string_value (builder, ekyc_request_get_device_id (request));
  json_builder_set_member_name (builder, "customer");
  json_builder_add_string_value (builder, ekyc_request_get_customer_id (request));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, ekyc_storage_rows_get (rows, 0, 0));
  json_builder_set_member_name (builder, "branch");
  json_builder_add_string_value (builder, ekyc_storage_rows_get (rows, 0, 1));
  json_builder_set_member_name (builder, "contract");
  json_builder_add_value (builder, ekyc_contract_state_to_json (&contract));
  json_builder_end_object (builder);
  ekyc_contract_state_clear (&contract);
  ekyc_request_reply_json (request, SOUP_STATUS_OK, json_builder_get_root (builder));
}

static void
handle_create_code (EkycRequest *request, gpointer user_data)
{
  g_autoptr(JsonObject) body = ekyc_request_parse_object (request);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  const char *customer = NULL, *branch = NULL;
  gint64 ttl = DEFAULT_CODE_TTL;

  if (body == NULL ||
      !ekyc_json_get_string (request, body, NULL, "customer", TRUE, 200, &customer) ||
      !ekyc_json_get_string (request, body, NULL, "branch", FALSE, 200, &branch) ||
      !ekyc_json_get_int (request, body, NULL, "ttl_seconds", FALSE, 60, MAX_CODE_TTL, &ttl))
    return;
  code = ekyc_devices_create_code (ekyc_request_get_storage (request), customer, branch,
                                   ekyc_request_get_now (request), ttl, &error);
  if (code == NULL)
    {
      if (g_error_matches (error, EKYC_DEVICES_ERROR, EKYC_DEVICES_ERROR_UNKNOWN_CUSTOMER))
        ekyc_request_reply_error (request, SOUP_STATUS_NOT_FOUND, "unknown_customer", "%s",
                                  error->message);
      else
        ekyc_request_reply_storage_error (request, error);
      return;
    }
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "customer");
  json_builder_add_string_value (builder, customer);
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_int_value (builder, ekyc_request_get_now (request) + ttl);
  json_builder_end_object (builder);
  ekyc_request_reply_json (request, SOUP_STATUS_CREATED, json_builder_get_root (builder));
}

static void
handle_list (EkycRequest *request, gpointer user_data)
{
  static const EkycJsonColumn columns[] = {
    { "id" }, { "customer" }, { "branch" }, { "name" }, { "enrolled_at", TRUE },
    { "revoked_at", TRUE }, { "last_seen_at", TRUE },
  };
  const char *customer = ekyc_request_get_query (request, "customer");
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycStorageRows) rows = NULL;

  rows = customer
    ? ekyc_storage_query (ekyc_request_get_storage (request),
                          "SELECT id, customer_id, branch, name, enrolled_at, revoked_at, "
                          "last_seen_at FROM devices WHERE customer_id = ? ORDER BY enrolled_at",
                          EKYC_SQL_PARAMS (customer), &error)
    : ekyc_storage_query (ekyc_request_get_storage (request),
                          "SELECT id, customer_id, branch, name, enrolled_at, revoked_at, "
                          "last_seen_at FROM devices ORDER BY enrolled_at", EKYC_SQL_NO_PARAMS,
                          &error);
  if (rows == NULL)
    {
      ekyc_request_reply_storage_error (request, error);
      return;
    }
  ekyc_request_reply_rows (request, "devices", rows, columns, G_N_ELEMENTS (columns));
}

static void
handle_revoke (EkycRequest *request, gpointer user_data)
{
  const char *id = ekyc_request_get_param (request, "id");
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;

  if (!ekyc_devices_revoke (ekyc_request_get_storage (request), id,
                            ekyc_request_get_now (request), &error))
    {
      if (g_error_matches (error, EKYC_DEVICES_ERROR, EKYC_DEVICES_ERROR_NOT_FOUND))
        ekyc_request_reply_error (request, SOUP_STATUS_NOT_FOUND, "unknown_device", "%s",
                                  error->message);
      else
        ekyc_request_reply_storage_error (request, error);
      return;
    }
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "device");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "revoked");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);
  ekyc_request_reply_json (request, SOUP_STATUS_OK, json_builder_get_root (builder));
}

void
ekyc_devices_register_routes (EkycServer *server)
{
  ekyc_server_add_route (server, "POST", "/v1/devices/enrol", EKYC_ROUTE_PUBLIC, handle_enrol,
                         NULL);
  ekyc_server_add_route (server, "GET", "/v1/devices/me", EKYC_ROUTE_DEVICE, handle_me, NULL);
  ekyc_server_add_route (server, "POST", "/v1/admin/enrolment-codes", EKYC_ROUTE_ADMIN,
                         handle_create_code, NULL);
  ekyc_server_add_route (server, "GET", "/v1/admin/devices", EKYC_ROUTE_ADMIN, handle_list, NULL);
  ekyc_server_add_route (server, "POST", "/v1/admin/devices/{id}/revoke", EKYC_ROUTE_ADMIN,
                         handle_revoke, NULL);
}
