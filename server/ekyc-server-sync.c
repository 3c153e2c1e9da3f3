/* ekyc-server-sync.c — sync ingest: case results and usage events from devices, exactly once
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-server"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ekyc-server-core.h"
#include "ekyc-server-json.h"
#include "ekyc-server-metrics.h"
#include "ekyc-server-sync.h"
#include "ekyc-server-sync-writer.h"

#define EARLIEST_TIME 1577836800          /* 2020-01-01: older clocks are wrong */
#define MAX_CLOCK_AHEAD (24 * 3600)
#define MAX_RESULT_BYTES (64 * 1024)

void
ekyc_sync_register_migrations (void)
{
  ekyc_storage_register_migration ("sync", 1,
    "CREATE TABLE cases ("
    " id TEXT PRIMARY KEY,"
    " customer_id TEXT NOT NULL,"
    " device_id TEXT NOT NULL,"
    " captured_at BIGINT NOT NULL,"
    " decision TEXT,"
    " decided_at BIGINT,"
    " result TEXT,"
    " received_at BIGINT NOT NULL);"
    "CREATE INDEX cases_customer ON cases (customer_id, captured_at);"
    "CREATE TABLE usage_events ("
    " id TEXT PRIMARY KEY,"
    " customer_id TEXT NOT NULL,"
    " device_id TEXT NOT NULL,"
    " case_id TEXT,"
    " kind TEXT NOT NULL,"
    " occurred_at BIGINT NOT NULL,"
    " received_at BIGINT NOT NULL);"
    "CREATE INDEX usage_events_device ON usage_events (device_id);"
    "CREATE INDEX usage_events_customer ON usage_events (customer_id, occurred_at);"
    "CREATE TABLE billable_requests ("
    " case_id TEXT PRIMARY KEY,"
    " customer_id TEXT NOT NULL,"
    " device_id TEXT NOT NULL,"
    " decided_at BIGINT NOT NULL,"
    " received_at BIGINT NOT NULL);"
    "CREATE INDEX billable_requests_customer ON billable_requests (customer_id, decided_at)",
    NULL);
}

static const char *const decisions[] = { "pass", "review", "fail", NULL };
static const char *const event_kinds[] = { "started", "decided", "abandoned", NULL };

static const char *
one_of (const char *value, const char *const *allowed)
{
  for (guint i = 0; allowed[i]; i++)
    if (g_str_equal (value, allowed[i]))
      return allowed[i];
  return NULL;
}

static gboolean
read_uuid (EkycRequest *request, JsonObject *object, const char *what, const char *name,
           gboolean required, char out[37])
{
  const char *value = NULL;

  if (!ekyc_json_get_string (request, object, what, name, required, 36, &value))
    return FALSE;
  if (value == NULL)
    {
      out[0] = '\0';
      return TRUE;
    }
  if (!ekyc_is_uuid (value))
    {
      ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "bad_uuid",
                                _("%s: the field “%s” must be a UUID "
                                  "(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)."), what, name);
      return FALSE;
    }
  for (int i = 0; i < 37; i++)
    out[i] = g_ascii_tolower (value[i]);
  return TRUE;
}

static gboolean
check_customer (EkycRequest *request, JsonObject *object, const char *what)
{
  const char *customer = NULL;

  if (!ekyc_json_get_string (request, object, what, "customer", FALSE, 200, &customer))
    return FALSE;
  if (customer && !g_str_equal (customer, ekyc_request_get_customer_id (request)))
    {
      ekyc_request_reply_error (request, SOUP_STATUS_FORBIDDEN, "wrong_customer",
                                _("%s: this device belongs to customer “%s” and cannot write "
                                  "for customer “%s”; nothing was stored."),
                                what, ekyc_request_get_customer_id (request), customer);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_case (EkycRequest *request, JsonObject *object, const char *what, gint64 latest,
           EkycSyncCase *item)
{
  const char *decision = NULL;
  JsonObject *result = NULL;

  if (!check_customer (request, object, what) ||
      !read_uuid (request, object, what, "id", TRUE, item->id) ||
      !ekyc_json_get_int (request, object, what, "captured_at", TRUE, EARLIEST_TIME, latest,
                          &item->captured_at) ||
      !ekyc_json_get_string (request, object, what, "decision", FALSE, 16, &decision) ||
      !ekyc_json_get_object (request, object, what, "result", FALSE, &result))
    return FALSE;
  item->decided_at = item->captured_at;
  if (!ekyc_json_get_int (request, object, what, "decided_at", FALSE, EARLIEST_TIME, latest,
                          &item->decided_at))
    return FALSE;
  if (decision && (item->decision = one_of (decision, decisions)) == NULL)
    {
      ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "out_of_range",
                                _("%s: the decision must be pass, review or fail (or absent for "
                                  "an abandoned case), not “%s”."), what, decision);
      return FALSE;
    }
  if (result)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), result);
      item->result = json_to_string (node, FALSE);
      if (strlen (item->result) > MAX_RESULT_BYTES)
        {
          ekyc_request_reply_error (request, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                                    "result_too_large",
                                    _("%s: the result is larger than %d bytes; evidence images "
                                      "stay in the branch."), what, MAX_RESULT_BYTES);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
read_event (EkycRequest *request, JsonObject *object, const char *what, gint64 latest,
            EkycSyncEvent *item)
{
  const char *kind = NULL;

  if (!check_customer (request, object, what) ||
      !read_uuid (request, object, what, "id", TRUE, item->id) ||
      !ekyc_json_get_string (request, object, what, "kind", TRUE, 32, &kind) ||
      !ekyc_json_get_int (request, object, what, "at", TRUE, EARLIEST_TIME, latest, &item->at))
    return FALSE;
  if ((item->kind = one_of (kind, event_kinds)) == NULL)
    {
      ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "out_of_range",
                                _("%s: the kind must be started, decided or abandoned, not “%s”."),
                                what, kind);
      return FALSE;
    }
  /* Billing counts cases: a decision without its case cannot be deduplicated. */
  return read_uuid (request, object, what, "case", g_str_equal (item->kind, "decided"),
                    item->case_id);
}

static void
add_counts (JsonBuilder *builder, const char *name, guint stored, guint duplicate)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "stored");
  json_builder_add_int_value (builder, stored);
  json_builder_set_member_name (builder, "duplicates");
  json_builder_add_int_value (builder, duplicate);
  json_builder_end_object (builder);
}

static void
count_metrics (EkycMetrics *metrics, const EkycSyncBatch *counts)
{
  static const char help[] = "Synced items by kind and whether they were new";

  ekyc_metrics_count (metrics, "ekyc_sync_items_total", help, "kind=\"case\",result=\"stored\"",
                      counts->cases_stored);
  ekyc_metrics_count (metrics, "ekyc_sync_items_total", help,
                      "kind=\"case\",result=\"duplicate\"", counts->cases_duplicate);
  ekyc_metrics_count (metrics, "ekyc_sync_items_total", help,
                      "kind=\"event\",result=\"stored\"", counts->events_stored);
  ekyc_metrics_count (metrics, "ekyc_sync_items_total", help,
                      "kind=\"event\",result=\"duplicate\"", counts->events_duplicate);
  ekyc_metrics_count (metrics, "ekyc_billable_requests_total",
                      "Cases that reached a decision, counted once each", NULL,
                      counts->billable_new);
}

/* On the request's HTTP thread, once the writer has stored (or not) the batch. */
static void
on_batch_done (EkycSyncBatch *batch)
{
  g_autoptr(EkycSyncBatch) owned = batch;
  EkycDeferredReply *reply = batch->user_data;
  g_autoptr(JsonBuilder) builder = NULL;

  ekyc_deferred_reply_set_work_done (reply, batch->done_at, batch->group_size);
  switch (batch->outcome)
    {
    case EKYC_SYNC_FAILED:
      ekyc_deferred_reply_storage_error (reply, batch->error);
      return;
    case EKYC_SYNC_FOREIGN:
      ekyc_deferred_reply_error (reply, SOUP_STATUS_CONFLICT, "foreign_id",
                                 _("The id %s (or its case) belongs to another customer; the "
                                   "batch was not stored."), batch->foreign_id);
      return;
    case EKYC_SYNC_STORED:
    default:
      break;
    }
  count_metrics (ekyc_server_get_metrics (ekyc_deferred_reply_get_server (reply)), batch);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_counts (builder, "cases", batch->cases_stored, batch->cases_duplicate);
  add_counts (builder, "events", batch->events_stored, batch->events_duplicate);
  json_builder_set_member_name (builder, "billable_new");
  json_builder_add_int_value (builder, batch->billable_new);
  json_builder_set_member_name (builder, "contract");
  json_builder_add_value (builder, ekyc_contract_state_to_json (&batch->contract));
  json_builder_set_member_name (builder, "server_time");
  json_builder_add_int_value (builder, batch->now);
  json_builder_end_object (builder);
  ekyc_deferred_reply_json (reply, SOUP_STATUS_OK, json_builder_get_root (builder));
}

/* Checks the whole batch on the HTTP thread (a 4xx touches nothing), then hands it to the
 * writer thread and answers when it is stored. */
static void
handle_sync (EkycRequest *request, gpointer user_data)
{
  EkycSyncWriter *writer = user_data;
  gint64 latest = ekyc_request_get_now (request) + MAX_CLOCK_AHEAD;
  g_autoptr(JsonObject) body = ekyc_request_parse_object (request);
  g_autoptr(EkycSyncBatch) batch = NULL;
  JsonArray *case_array = NULL, *event_array = NULL;

  if (body == NULL ||
      !check_customer (request, body, _("batch")) ||
      !ekyc_json_get_array (request, body, NULL, "cases", FALSE, EKYC_SYNC_MAX_CASES,
                            &case_array) ||
      !ekyc_json_get_array (request, body, NULL, "events", FALSE, EKYC_SYNC_MAX_EVENTS,
                            &event_array))
    return;

  batch = ekyc_sync_batch_new (ekyc_request_get_customer_id (request),
                               ekyc_request_get_device_id (request),
                               ekyc_request_get_now (request));
  for (guint i = 0; case_array && i < json_array_get_length (case_array); i++)
    {
      JsonNode *node = json_array_get_element (case_array, i);
      g_autofree char *what = g_strdup_printf (_("case %u"), i);
      EkycSyncCase item = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "wrong_type",
                                    _("%s must be an object."), what);
          return;
        }
      if (!read_case (request, json_node_get_object (node), what, latest, &item))
        {
          g_free (item.result);
          return;
        }
      g_array_append_val (batch->cases, item);
    }
  for (guint i = 0; event_array && i < json_array_get_length (event_array); i++)
    {
      JsonNode *node = json_array_get_element (event_array, i);
      EkycSyncEvent item = { 0 };
      char what[32];

      g_snprintf (what, sizeof what, _("event %u"), i);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "wrong_type",
                                    _("%s must be an object."), what);
          return;
        }
      if (!read_event (request, json_node_get_object (node), what, latest, &item))
        return;
      g_array_append_val (batch->events, item);
    }

  batch->user_data = ekyc_request_defer (request);
  batch->context = g_main_context_ref (ekyc_deferred_reply_get_context (batch->user_data));
  ekyc_sync_writer_submit (writer, g_steal_pointer (&batch));
}

/* Counts for the operator (and the reliability tests): per device or per customer. */
static void
handle_usage (EkycRequest *request, gpointer user_data)
{
  EkycStorage *storage = ekyc_request_get_storage (request);
  const char *device = ekyc_request_get_query (request, "device");
  const char *customer = ekyc_request_get_query (request, "customer");
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycStorageRows) rows = NULL;
  const char *key = device ? device : customer;

  if ((device == NULL) == (customer == NULL))
    {
      ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "missing_field",
                                _("Give exactly one of ?device= or ?customer=."));
      return;
    }
  rows = device
    ? ekyc_storage_query (storage,
                          "SELECT (SELECT COUNT(*) FROM cases WHERE device_id = ?),"
                          " (SELECT COUNT(*) FROM usage_events WHERE device_id = ?),"
                          " (SELECT COUNT(*) FROM billable_requests WHERE device_id = ?)",
                          EKYC_SQL_PARAMS (key, key, key), &error)
    : ekyc_storage_query (storage,
                          "SELECT (SELECT COUNT(*) FROM cases WHERE customer_id = ?),"
                          " (SELECT COUNT(*) FROM usage_events WHERE customer_id = ?),"
                          " (SELECT COUNT(*) FROM billable_requests WHERE customer_id = ?)",
                          EKYC_SQL_PARAMS (key, key, key), &error);
  if (rows == NULL)
    {
      ekyc_request_reply_storage_error (request, error);
      return;
    }
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "cases");
  json_builder_add_int_value (builder, ekyc_storage_rows_get_int (rows, 0, 0, 0));
  json_builder_set_member_name (builder, "events");
  json_builder_add_int_value (builder, ekyc_storage_rows_get_int (rows, 0, 1, 0));
  json_builder_set_member_name (builder, "billable");
  json_builder_add_int_value (builder, ekyc_storage_rows_get_int (rows, 0, 2, 0));
  json_builder_end_object (builder);
  ekyc_request_reply_json (request, SOUP_STATUS_OK, json_builder_get_root (builder));
}

void
ekyc_sync_register_routes (EkycServer *server)
{
  EkycSyncWriter *writer = ekyc_sync_writer_new (ekyc_server_get_database (server),
                                                 on_batch_done);

  ekyc_server_add_cleanup (server, (GDestroyNotify) ekyc_sync_writer_free, writer);
  ekyc_server_add_route (server, "POST", "/v1/sync", EKYC_ROUTE_DEVICE, handle_sync, writer);
  ekyc_server_add_route (server, "GET", "/v1/admin/usage", EKYC_ROUTE_ADMIN, handle_usage, NULL);
}
