/* ekyc-server-evidence.c — the evidence policy per customer, image uploads and their routes
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-server"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ekyc-server-evidence.h"
#include "ekyc-server-evidence-store.h"
#include "ekyc-server-json.h"

G_DEFINE_QUARK (ekyc-evidence-error-quark, ekyc_evidence_error)

/* The kinds a case holds in the branch (app/case: EkycEvidenceKind), and the chip's photo. */
static const char *const evidence_kinds[] = {
  "card-front", "card-back", "card-portrait", "selfie", "chip-portrait", NULL
};

void
ekyc_evidence_register_migrations (void)
{
  ekyc_storage_register_migration ("evidence", 1,
    "CREATE TABLE evidence_policies ("
    " customer_id TEXT PRIMARY KEY REFERENCES customers (id),"
    " upload INTEGER NOT NULL,"
    " updated_at BIGINT NOT NULL);"
    "CREATE TABLE evidence ("
    " case_id TEXT NOT NULL,"
    " kind TEXT NOT NULL,"
    " customer_id TEXT NOT NULL,"
    " device_id TEXT NOT NULL,"
    " content_type TEXT NOT NULL,"
    " size BIGINT NOT NULL,"
    " sha256 TEXT NOT NULL,"
    " data TEXT NOT NULL,"
    " received_at BIGINT NOT NULL,"
    " PRIMARY KEY (case_id, kind));"
    "CREATE INDEX evidence_customer ON evidence (customer_id, received_at)", NULL);
}

gboolean
ekyc_evidence_get_policy (EkycStorage *storage, const char *customer_id, gboolean *upload,
                          gint64 *updated_at, GError **error)
{
  g_autoptr(EkycStorageRows) rows = NULL;

  g_return_val_if_fail (storage != NULL && customer_id != NULL && upload != NULL, FALSE);

  rows = ekyc_storage_query (storage, "SELECT upload, updated_at FROM evidence_policies "
                             "WHERE customer_id = ?", EKYC_SQL_PARAMS (customer_id), error);
  if (rows == NULL)
    return FALSE;
  *upload = ekyc_storage_rows_get_count (rows) == 1 &&
            ekyc_storage_rows_get_int (rows, 0, 0, 0) != 0;
  if (updated_at)
    *updated_at = ekyc_storage_rows_get_count (rows) == 1
                  ? ekyc_storage_rows_get_int (rows, 0, 1, 0) : 0;
  return TRUE;
}

gboolean
ekyc_evidence_set_policy (EkycStorage *storage, const char *customer_id, gboolean upload,
                          gint64 now, GError **error)
{
  g_autofree char *now_text = g_strdup_printf ("%" G_GINT64_FORMAT, now);
  g_autoptr(EkycStorageRows) rows = NULL;

  g_return_val_if_fail (storage != NULL && customer_id != NULL, FALSE);

  rows = ekyc_storage_query (storage, "SELECT 1 FROM customers WHERE id = ?",
                             EKYC_SQL_PARAMS (customer_id), error);
  if (rows == NULL)
    return FALSE;
  if (ekyc_storage_rows_get_count (rows) == 0)
    {
      g_set_error (error, EKYC_EVIDENCE_ERROR, EKYC_EVIDENCE_ERROR_UNKNOWN_CUSTOMER,
                   _("There is no customer “%s”."), customer_id);
      return FALSE;
    }
  return ekyc_storage_exec (storage, "INSERT INTO evidence_policies (customer_id, upload, "
                            "updated_at) VALUES (?, ?, ?) ON CONFLICT (customer_id) DO UPDATE "
                            "SET upload = excluded.upload, updated_at = excluded.updated_at",
                            EKYC_SQL_PARAMS (customer_id, upload ? "1" : "0", now_text), NULL,
                            error);
}

/* --- routes --- */

static JsonNode *
policy_to_json (const char *customer_id, gboolean upload, gint64 updated_at)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "customer");
  json_builder_add_string_value (builder, customer_id);
  json_builder_set_member_name (builder, "upload");
  json_builder_add_boolean_value (builder, upload);
  json_builder_set_member_name (builder, "updated_at");
  if (updated_at > 0)
    json_builder_add_int_value (builder, updated_at);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "max_bytes");
  json_builder_add_int_value (builder, EKYC_EVIDENCE_MAX_BYTES);
  json_builder_set_member_name (builder, "kinds");
  json_builder_begin_array (builder);
  for (guint i = 0; evidence_kinds[i]; i++)
    json_builder_add_string_value (builder, evidence_kinds[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
reply_policy (EkycRequest *request, const char *customer_id, guint status)
{
  g_autoptr(GError) error = NULL;
  gboolean upload = FALSE;
  gint64 updated_at = 0;

  if (!ekyc_evidence_get_policy (ekyc_request_get_storage (request), customer_id, &upload,
                                 &updated_at, &error))
    {
      ekyc_request_reply_storage_error (request, error);
      return;
    }
  ekyc_request_reply_json (request, status, policy_to_json (customer_id, upload, updated_at));
}

static void
handle_device_policy (EkycRequest *request, gpointer user_data)
{
  reply_policy (request, ekyc_request_get_customer_id (request), SOUP_STATUS_OK);
}

/* The case and kind of the path, checked; the case id lower-cased as the sync stores it, the kind
 * a static string. */
static gboolean
read_target (EkycRequest *request, char case_id[37], const char **kind)
{
  const char *id = ekyc_request_get_param (request, "case");

  *kind = ekyc_request_get_param (request, "kind");
  if (!ekyc_is_uuid (id))
    {
      ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "bad_uuid",
                                _("The case id must be a UUID "
                                  "(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)."));
      return FALSE;
    }
  if (!g_strv_contains (evidence_kinds, *kind))
    {
      g_autofree char *kinds = g_strjoinv (", ", (char **) evidence_kinds);
      ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "bad_kind",
                                _("The evidence kind must be one of %s, not “%s”."), kinds,
                                *kind);
      return FALSE;
    }
  for (guint i = 0; evidence_kinds[i]; i++)
    if (g_str_equal (*kind, evidence_kinds[i]))
      *kind = evidence_kinds[i];  /* static: it outlives the request */
  for (int i = 0; i < 37; i++)
    case_id[i] = g_ascii_tolower (id[i]);
  return TRUE;
}

/* JPEG files start with an SOI marker, JPEG 2000 (a chip's photo) with its signature box or
 * its codestream marker. */
static gboolean
looks_like (const char *content_type, const guchar *data, gsize size)
{
  static const guchar jp2_box[] = { 0, 0, 0, 0x0c, 'j', 'P', ' ', ' ' };

  if (g_str_equal (content_type, "image/jpeg"))
    return size >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff;
  return (size >= sizeof jp2_box && memcmp (data, jp2_box, sizeof jp2_box) == 0) ||
         (size >= 4 && data[0] == 0xff && data[1] == 0x4f && data[2] == 0xff && data[3] == 0x51);
}

/* Does the device's customer hold this case? Another customer's case answers as unknown. */
static gboolean
check_case (EkycRequest *request, const char *case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycStorageRows) rows =
    ekyc_storage_query (ekyc_request_get_storage (request),
                        "SELECT customer_id FROM cases WHERE id = ?",
                        EKYC_SQL_PARAMS (case_id), &error);

  if (rows == NULL)
    {
      ekyc_request_reply_storage_error (request, error);
      return FALSE;
    }
  if (ekyc_storage_rows_get_count (rows) == 0 ||
      g_strcmp0 (ekyc_storage_rows_get (rows, 0, 0),
                 ekyc_request_get_customer_id (request)) != 0)
    {
      ekyc_request_reply_error (request, SOUP_STATUS_NOT_FOUND, "unknown_case",
                                _("The case %s was not synced by this customer's devices; sync "
                                  "its result before its evidence."), case_id);
      return FALSE;
    }
  return TRUE;
}

/* Checks the upload here; the store's thread hashes and stores it and the reply follows. */
static void
handle_upload (EkycRequest *request, gpointer user_data)
{
  EkycEvidenceStore *store = user_data;
  EkycStorage *storage = ekyc_request_get_storage (request);
  const char *customer_id = ekyc_request_get_customer_id (request);
  const char *content_type = ekyc_request_get_content_type (request);
  GBytes *body = ekyc_request_get_body (request);
  gsize size = g_bytes_get_size (body);
  const guchar *data = g_bytes_get_data (body, NULL);
  g_autoptr(GError) error = NULL;
  const char *kind = NULL;
  char case_id[37];
  gboolean upload = FALSE;

  if (!read_target (request, case_id, &kind))
    return;
  if (!ekyc_evidence_get_policy (storage, customer_id, &upload, NULL, &error))
    {
      ekyc_request_reply_storage_error (request, error);
      return;
    }
  if (!upload)
    {
      ekyc_request_reply_error (request, SOUP_STATUS_FORBIDDEN, "evidence_policy_off",
                                _("Customer “%s” keeps evidence in the branch: its policy does "
                                  "not allow uploading images; nothing was stored."),
                                customer_id);
      return;
    }
  if (content_type == NULL || (g_ascii_strcasecmp (content_type, "image/jpeg") != 0 &&
                               g_ascii_strcasecmp (content_type, "image/jp2") != 0))
    {
      ekyc_request_reply_error (request, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "content_type",
                                _("Evidence must be sent as Content-Type: image/jpeg (or "
                                  "image/jp2 for a chip's photo)."));
      return;
    }
  content_type = g_ascii_strcasecmp (content_type, "image/jpeg") == 0 ? "image/jpeg"
                                                                       : "image/jp2";
  if (size > EKYC_EVIDENCE_MAX_BYTES)
    {
      ekyc_request_reply_error (request, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                                "evidence_too_large",
                                _("The image is larger than %d bytes; nothing was stored."),
                                EKYC_EVIDENCE_MAX_BYTES);
      return;
    }
  if (!looks_like (content_type, data, size))
    {
      ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "not_an_image",
                                _("The body is not a %s image; nothing was stored."),
                                content_type);
      return;
    }
  if (!check_case (request, case_id))
    return;
  ekyc_evidence_store_submit (store, request, case_id, kind, content_type, body);
}

/* @customer_id: (nullable): the device's customer, NULL for the operator. */
static void
reply_image (EkycRequest *request, const char *case_id, const char *kind,
             const char *customer_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycStorageRows) rows = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guchar *data;
  gsize size = 0;

  rows = ekyc_storage_query (ekyc_request_get_storage (request),
                             "SELECT content_type, data FROM evidence WHERE case_id = ? "
                             "AND kind = ? AND (CAST (? AS TEXT) IS NULL OR customer_id = ?)",
                             EKYC_SQL_PARAMS (case_id, kind, customer_id, customer_id), &error);
  if (rows == NULL)
    {
      ekyc_request_reply_storage_error (request, error);
      return;
    }
  if (ekyc_storage_rows_get_count (rows) == 0)
    {
      ekyc_request_reply_error (request, SOUP_STATUS_NOT_FOUND, "unknown_evidence",
                                _("The server holds no %s image of case %s."),
                                kind, case_id);
      return;
    }
  data = g_base64_decode (ekyc_storage_rows_get (rows, 0, 1), &size);
  bytes = g_bytes_new_take (data, size);
  ekyc_request_reply_bytes (request, SOUP_STATUS_OK, ekyc_storage_rows_get (rows, 0, 0), bytes);
}

static void
handle_device_image (EkycRequest *request, gpointer user_data)
{
  const char *kind = NULL;
  char case_id[37];

  if (read_target (request, case_id, &kind))
    reply_image (request, case_id, kind, ekyc_request_get_customer_id (request));
}

static gboolean
read_admin_customer (EkycRequest *request, const char **customer)
{
  *customer = ekyc_request_get_param (request, "id");
  if (*customer == NULL)
    *customer = ekyc_request_get_query (request, "customer");
  if (*customer == NULL || **customer == '\0')
    {
      ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "missing_field",
                                _("Give the customer (?customer=)."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
customer_exists (EkycRequest *request, const char *customer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycStorageRows) rows =
    ekyc_storage_query (ekyc_request_get_storage (request), "SELECT 1 FROM customers WHERE id = ?",
                        EKYC_SQL_PARAMS (customer), &error);

  if (rows == NULL)
    {
      ekyc_request_reply_storage_error (request, error);
      return FALSE;
    }
  if (ekyc_storage_rows_get_count (rows) == 0)
    {
      ekyc_request_reply_error (request, SOUP_STATUS_NOT_FOUND, "unknown_customer",
                                _("There is no customer “%s”."), customer);
      return FALSE;
    }
  return TRUE;
}

static void
handle_admin_get_policy (EkycRequest *request, gpointer user_data)
{
  const char *customer = NULL;

  if (read_admin_customer (request, &customer) && customer_exists (request, customer))
    reply_policy (request, customer, SOUP_STATUS_OK);
}

static void
handle_admin_set_policy (EkycRequest *request, gpointer user_data)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  const char *customer = NULL;
  JsonNode *upload;

  if (!read_admin_customer (request, &customer))
    return;
  body = ekyc_request_parse_object (request);
  if (body == NULL)
    return;
  upload = json_object_get_member (body, "upload");
  if (upload == NULL)
    {
      ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "missing_field",
                                _("The field “upload” is required (true or false)."));
      return;
    }
  if (!JSON_NODE_HOLDS_VALUE (upload) || json_node_get_value_type (upload) != G_TYPE_BOOLEAN)
    {
      ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "wrong_type",
                                _("The field “upload” must be true or false."));
      return;
    }
  if (!ekyc_evidence_set_policy (ekyc_request_get_storage (request), customer,
                                 json_node_get_boolean (upload), ekyc_request_get_now (request),
                                 &error))
    {
      if (g_error_matches (error, EKYC_EVIDENCE_ERROR, EKYC_EVIDENCE_ERROR_UNKNOWN_CUSTOMER))
        ekyc_request_reply_error (request, SOUP_STATUS_NOT_FOUND, "unknown_customer", "%s",
                                  error->message);
      else
        ekyc_request_reply_storage_error (request, error);
      return;
    }
  reply_policy (request, customer, SOUP_STATUS_OK);
}

/* What the server holds for a customer (optionally one case): no bytes, their digests. */
static void
handle_admin_list (EkycRequest *request, gpointer user_data)
{
  static const EkycJsonColumn columns[] = {
    { "case" }, { "kind" }, { "content_type" }, { "size", TRUE }, { "sha256" }, { "device" },
    { "received_at", TRUE },
  };
  const char *case_id = ekyc_request_get_query (request, "case");
  const char *customer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycStorageRows) rows = NULL;
  g_autofree char *lower_case_id = case_id ? g_ascii_strdown (case_id, -1) : NULL;

  if (!read_admin_customer (request, &customer))
    return;
  rows = ekyc_storage_query (ekyc_request_get_storage (request),
                             "SELECT case_id, kind, content_type, size, sha256, device_id, "
                             "received_at FROM evidence WHERE customer_id = ? "
                             "AND (CAST (? AS TEXT) IS NULL OR case_id = ?) ORDER BY received_at, case_id, kind",
                             EKYC_SQL_PARAMS (customer, lower_case_id, lower_case_id), &error);
  if (rows == NULL)
    {
      ekyc_request_reply_storage_error (request, error);
      return;
    }
  ekyc_request_reply_rows (request, "evidence", rows, columns, G_N_ELEMENTS (columns));
}

static void
handle_admin_image (EkycRequest *request, gpointer user_data)
{
  const char *kind = NULL;
  char case_id[37];

  if (read_target (request, case_id, &kind))
    reply_image (request, case_id, kind, NULL);
}

void
ekyc_evidence_register_routes (EkycServer *server)
{
  EkycEvidenceStore *store = ekyc_evidence_store_new (ekyc_server_get_database (server));

  ekyc_server_add_cleanup (server, (GDestroyNotify) ekyc_evidence_store_free, store);
  ekyc_server_add_route (server, "GET", "/v1/evidence/policy", EKYC_ROUTE_DEVICE,
                         handle_device_policy, NULL);
  ekyc_server_add_route (server, "PUT", "/v1/evidence/{case}/{kind}", EKYC_ROUTE_DEVICE,
                         handle_upload, store);
  ekyc_server_add_route (server, "GET", "/v1/evidence/{case}/{kind}", EKYC_ROUTE_DEVICE,
                         handle_device_image, NULL);
  ekyc_server_add_route (server, "GET", "/v1/admin/customers/{id}/evidence-policy",
                         EKYC_ROUTE_ADMIN, handle_admin_get_policy, NULL);
  ekyc_server_add_route (server, "PUT", "/v1/admin/customers/{id}/evidence-policy",
                         EKYC_ROUTE_ADMIN, handle_admin_set_policy, NULL);
  ekyc_server_add_route (server, "GET", "/v1/admin/evidence", EKYC_ROUTE_ADMIN,
                         handle_admin_list, NULL);
  ekyc_server_add_route (server, "GET", "/v1/admin/evidence/{case}/{kind}", EKYC_ROUTE_ADMIN,
                         handle_admin_image, NULL);
}
