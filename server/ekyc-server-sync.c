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

typedef struct {
  char id[37];
  gint64 captured_at;
  const char *decision;      /* NULL: no decision (abandoned) */
  gint64 decided_at;
  char *result;              /* JSON text or NULL */
} CaseItem;

typedef struct {
  char id[37];
  char case_id[37];
  const char *kind;
  gint64 at;
} EventItem;

typedef struct {
  guint cases_stored, cases_duplicate;
  guint events_stored, events_duplicate;
  guint billable_new;
} Counts;

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
           CaseItem *item)
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
            EventItem *item)
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

/* After an INSERT that changed nothing: the id exists; it must be this customer's. */
static gboolean
owned_by_customer (EkycStorage *storage, const char *sql, const char *id, const char *customer,
                   gboolean *owned, GError **error)
{
  g_autoptr(EkycStorageRows) rows = ekyc_storage_query (storage, sql, EKYC_SQL_PARAMS (id), error);

  if (rows == NULL)
    return FALSE;
  *owned = ekyc_storage_rows_get_count (rows) == 1 &&
           g_strcmp0 (ekyc_storage_rows_get (rows, 0, 0), customer) == 0;
  return TRUE;
}

typedef enum { STORE_OK, STORE_FOREIGN, STORE_ERROR } StoreResult;

static StoreResult
store_billable (EkycStorage *storage, const char *case_id, const char *customer,
                const char *device, gint64 decided_at, const char *now, Counts *counts,
                GError **error)
{
  char decided[24];
  gint64 changes = 0;
  gboolean owned = FALSE;

  g_snprintf (decided, sizeof decided, "%" G_GINT64_FORMAT, decided_at);
  if (!ekyc_storage_exec (storage, "INSERT INTO billable_requests (case_id, customer_id, "
                          "device_id, decided_at, received_at) VALUES (?, ?, ?, ?, ?) "
                          "ON CONFLICT (case_id) DO NOTHING",
                          EKYC_SQL_PARAMS (case_id, customer, device, decided, now), &changes,
                          error))
    return STORE_ERROR;
  if (changes == 1)
    {
      counts->billable_new++;
      return STORE_OK;
    }
  if (!owned_by_customer (storage, "SELECT customer_id FROM billable_requests WHERE case_id = ?",
                          case_id, customer, &owned, error))
    return STORE_ERROR;
  return owned ? STORE_OK : STORE_FOREIGN;
}

static StoreResult
store_case (EkycStorage *storage, const CaseItem *item, const char *customer, const char *device,
            const char *now, Counts *counts, GError **error)
{
  char captured[24], decided[24];
  gint64 changes = 0;
  gboolean owned = FALSE;

  g_snprintf (captured, sizeof captured, "%" G_GINT64_FORMAT, item->captured_at);
  g_snprintf (decided, sizeof decided, "%" G_GINT64_FORMAT, item->decided_at);
  if (!ekyc_storage_exec (storage, "INSERT INTO cases (id, customer_id, device_id, captured_at, "
                          "decision, decided_at, result, received_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                          EKYC_SQL_PARAMS (item->id, customer, device, captured, item->decision,
                                           item->decision ? decided : NULL, item->result, now),
                          &changes, error))
    return STORE_ERROR;
  if (changes == 1)
    counts->cases_stored++;
  else
    {
      if (!owned_by_customer (storage, "SELECT customer_id FROM cases WHERE id = ?", item->id,
                              customer, &owned, error))
        return STORE_ERROR;
      if (!owned)
        return STORE_FOREIGN;
      counts->cases_duplicate++;
    }
  if (item->decision == NULL)
    return STORE_OK;
  return store_billable (storage, item->id, customer, device, item->decided_at, now, counts,
                         error);
}

static StoreResult
store_event (EkycStorage *storage, const EventItem *item, const char *customer,
             const char *device, const char *now, Counts *counts, GError **error)
{
  char at[24];
  gint64 changes = 0;
  gboolean owned = FALSE;

  g_snprintf (at, sizeof at, "%" G_GINT64_FORMAT, item->at);
  if (!ekyc_storage_exec (storage, "INSERT INTO usage_events (id, customer_id, device_id, "
                          "case_id, kind, occurred_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                          "ON CONFLICT (id) DO NOTHING",
                          EKYC_SQL_PARAMS (item->id, customer, device,
                                           item->case_id[0] ? item->case_id : NULL, item->kind, at,
                                           now), &changes, error))
    return STORE_ERROR;
  if (changes == 1)
    counts->events_stored++;
  else
    {
      if (!owned_by_customer (storage, "SELECT customer_id FROM usage_events WHERE id = ?",
                              item->id, customer, &owned, error))
        return STORE_ERROR;
      if (!owned)
        return STORE_FOREIGN;
      counts->events_duplicate++;
    }
  if (!g_str_equal (item->kind, "decided"))
    return STORE_OK;
  return store_billable (storage, item->case_id, customer, device, item->at, now, counts, error);
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
count_metrics (EkycMetrics *metrics, const Counts *counts)
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

static void
handle_sync (EkycRequest *request, gpointer user_data)
{
  EkycStorage *storage = ekyc_request_get_storage (request);
  const char *customer = ekyc_request_get_customer_id (request);
  const char *device = ekyc_request_get_device_id (request);
  gint64 latest = ekyc_request_get_now (request) + MAX_CLOCK_AHEAD;
  g_autoptr(JsonObject) body = ekyc_request_parse_object (request);
  g_autoptr(GArray) cases = NULL;
  g_autoptr(GArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  JsonArray *case_array = NULL, *event_array = NULL;
  char now[24];
  Counts counts = { 0 };
  StoreResult result = STORE_OK;
  const char *foreign = NULL;
  EkycContractState contract;

  if (body == NULL ||
      !check_customer (request, body, _("batch")) ||
      !ekyc_json_get_array (request, body, NULL, "cases", FALSE, EKYC_SYNC_MAX_CASES,
                            &case_array) ||
      !ekyc_json_get_array (request, body, NULL, "events", FALSE, EKYC_SYNC_MAX_EVENTS,
                            &event_array))
    return;

  /* Read and check everything before touching the database. */
  cases = g_array_new (FALSE, TRUE, sizeof (CaseItem));
  events = g_array_new (FALSE, TRUE, sizeof (EventItem));
  for (guint i = 0; case_array && i < json_array_get_length (case_array); i++)
    {
      JsonNode *node = json_array_get_element (case_array, i);
      g_autofree char *what = g_strdup_printf (_("case %u"), i);
      CaseItem item = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "wrong_type",
                                    _("%s must be an object."), what);
          goto out;
        }
      if (!read_case (request, json_node_get_object (node), what, latest, &item))
        {
          g_free (item.result);
          goto out;
        }
      g_array_append_val (cases, item);
    }
  for (guint i = 0; event_array && i < json_array_get_length (event_array); i++)
    {
      JsonNode *node = json_array_get_element (event_array, i);
      EventItem item = { 0 };
      char what[32];

      g_snprintf (what, sizeof what, _("event %u"), i);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "wrong_type",
                                    _("%s must be an object."), what);
          goto out;
        }
      if (!read_event (request, json_node_get_object (node), what, latest, &item))
        goto out;
      g_array_append_val (events, item);
    }

  g_snprintf (now, sizeof now, "%" G_GINT64_FORMAT, ekyc_request_get_now (request));
  if (!ekyc_storage_begin (storage, &error))
    goto storage_error;
  for (guint i = 0; result == STORE_OK && i < cases->len; i++)
    {
      const CaseItem *item = &g_array_index (cases, CaseItem, i);
      result = store_case (storage, item, customer, device, now, &counts, &error);
      foreign = item->id;
    }
  for (guint i = 0; result == STORE_OK && i < events->len; i++)
    {
      const EventItem *item = &g_array_index (events, EventItem, i);
      result = store_event (storage, item, customer, device, now, &counts, &error);
      foreign = item->id;
    }
  if (result == STORE_ERROR)
    goto storage_error;
  if (result == STORE_FOREIGN)
    {
      ekyc_storage_rollback (storage);
      ekyc_request_reply_error (request, SOUP_STATUS_CONFLICT, "foreign_id",
                                _("The id %s (or its case) belongs to another customer; the "
                                  "batch was not stored."), foreign);
      goto out;
    }
  if (!ekyc_storage_exec (storage, "UPDATE devices SET last_seen_at = ? WHERE id = ?",
                          EKYC_SQL_PARAMS (now, device), NULL, &error) ||
      !ekyc_storage_commit (storage, &error))
    goto storage_error;
  count_metrics (ekyc_server_get_metrics (ekyc_request_get_server (request)), &counts);

  if (!ekyc_contract_lookup (storage, customer, ekyc_request_get_now (request), &contract,
                             &error))
    goto storage_error;
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_counts (builder, "cases", counts.cases_stored, counts.cases_duplicate);
  add_counts (builder, "events", counts.events_stored, counts.events_duplicate);
  json_builder_set_member_name (builder, "billable_new");
  json_builder_add_int_value (builder, counts.billable_new);
  json_builder_set_member_name (builder, "contract");
  json_builder_add_value (builder, ekyc_contract_state_to_json (&contract));
  json_builder_set_member_name (builder, "server_time");
  json_builder_add_int_value (builder, ekyc_request_get_now (request));
  json_builder_end_object (builder);
  ekyc_contract_state_clear (&contract);
  ekyc_request_reply_json (request, SOUP_STATUS_OK, json_builder_get_root (builder));
  goto out;

storage_error:
  ekyc_storage_rollback (storage);
  ekyc_request_reply_storage_error (request, error);
out:
  for (guint i = 0; i < cases->len; i++)
    g_free (g_array_index (cases, CaseItem, i).result);
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
  ekyc_server_add_route (server, "POST", "/v1/sync", EKYC_ROUTE_DEVICE, handle_sync, NULL);
  ekyc_server_add_route (server, "GET", "/v1/admin/usage", EKYC_ROUTE_ADMIN, handle_usage, NULL);
}
