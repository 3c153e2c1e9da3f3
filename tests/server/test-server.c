/* test-server.c — ekyc-server on loopback: health, metrics, enrolment, sync, bad input, TLS
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ekyc-server.h"
#include "server-fixture.h"
#include "test-utils.h"

#define CASE_A  "0a000000-0000-4000-8000-000000000001"
#define CASE_B  "0a000000-0000-4000-8000-000000000002"
#define EVENT_A "0e000000-0000-4000-8000-000000000001"
#define EVENT_B "0e000000-0000-4000-8000-000000000002"
#define EVENT_C "0e000000-0000-4000-8000-000000000003"
#define FAR_FUTURE 4102444800   /* 2100-01-01 */

typedef struct {
  ServerFixture *server;
  char *token;
  char *device;
  gint64 now;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->server = server_fixture_start (NULL);
  server_fixture_add_customer (f->server, "bank-a", "active", FAR_FUTURE);
  server_fixture_add_customer (f->server, "bank-b", "active", FAR_FUTURE);
  f->token = server_fixture_enrol (f->server, "bank-a", &f->device);
  f->now = g_get_real_time () / G_USEC_PER_SEC;
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  server_fixture_free (f->server);
  g_free (f->token);
  g_free (f->device);
}

static char *
one_case_batch (gint64 now, const char *case_id, const char *event_id, const char *decision)
{
  return g_strdup_printf ("{\"cases\": [{\"id\": \"%s\", \"captured_at\": %" G_GINT64_FORMAT ", "
                          "\"decision\": \"%s\", \"result\": {\"face_similarity\": 0.81}}],"
                          " \"events\": [{\"id\": \"%s\", \"kind\": \"decided\", \"case\": \"%s\","
                          " \"at\": %" G_GINT64_FORMAT "}]}",
                          case_id, now, decision, event_id, case_id, now);
}

static gint64
billable (Fixture *f, const char *customer)
{
  return server_fixture_count (f->server, "billable_requests", "customer_id", customer);
}

static void
assert_nothing_stored (Fixture *f)
{
  g_assert_cmpint (server_fixture_count (f->server, "cases", "device_id", f->device), ==, 0);
  g_assert_cmpint (server_fixture_count (f->server, "usage_events", "device_id", f->device), ==, 0);
  g_assert_cmpint (billable (f, "bank-a"), ==, 0);
  g_assert_cmpint (billable (f, "bank-b"), ==, 0);
}

static void
assert_error (JsonObject *reply, guint status, guint want_status, const char *want_code)
{
  JsonObject *error;

  g_assert_cmpuint (status, ==, want_status);
  g_assert_nonnull (reply);
  error = json_object_get_object_member (reply, "error");
  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, want_code);
  g_assert_cmpuint (strlen (json_object_get_string_member (error, "message")), >, 10);
}

static void
test_healthz (Fixture *f, gconstpointer data)
{
  guint status = 0;
  g_autoptr(JsonObject) reply = server_fixture_json (f->server, "GET", "/healthz", NULL, NULL,
                                                     &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (reply, "status"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (reply, "database"), ==,
                   ekyc_storage_get_backend_name (f->server->storage));
}

static void
test_sync_dedups_and_bills_once (Fixture *f, gconstpointer data)
{
  g_autofree char *batch = one_case_batch (f->now, CASE_A, EVENT_A, "pass");
  g_autofree char *again = one_case_batch (f->now, CASE_A, EVENT_B, "pass");
  g_autofree char *abandoned = g_strdup_printf (
    "{\"events\": [{\"id\": \"%s\", \"kind\": \"abandoned\", \"case\": \"%s\", \"at\": %"
    G_GINT64_FORMAT "}]}", EVENT_C, CASE_B, f->now);
  g_autoptr(JsonObject) first = NULL, second = NULL, third = NULL, fourth = NULL;
  guint status = 0;

  first = server_fixture_json (f->server, "POST", "/v1/sync", f->token, batch, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (first, "billable_new"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (first, "cases"),
                                               "stored"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (first, "contract"), "status"), ==, "active");

  /* The same batch again: all duplicates, nothing billed. */
  second = server_fixture_json (f->server, "POST", "/v1/sync", f->token, batch, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (second, "billable_new"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (second, "events"),
                                               "duplicates"), ==, 1);

  /* The same case uploaded again with a new event id: a new event, still one bill. */
  third = server_fixture_json (f->server, "POST", "/v1/sync", f->token, again, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (third, "billable_new"), ==, 0);

  /* An abandoned attempt is recorded but not billed. */
  fourth = server_fixture_json (f->server, "POST", "/v1/sync", f->token, abandoned, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (fourth, "billable_new"), ==, 0);

  g_assert_cmpint (server_fixture_count (f->server, "cases", "device_id", f->device), ==, 1);
  g_assert_cmpint (server_fixture_count (f->server, "usage_events", "device_id", f->device), ==, 3);
  g_assert_cmpint (billable (f, "bank-a"), ==, 1);
}

static void
test_enrolment_code_is_one_time (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonObject) code = NULL, first = NULL, second = NULL, unknown = NULL;
  g_autofree char *enrol = NULL;
  guint status = 0;

  code = server_fixture_json (f->server, "POST", "/v1/admin/enrolment-codes",
                              f->server->admin_token, "{\"customer\": \"bank-b\"}", &status);
  g_assert_cmpuint (status, ==, 201);
  enrol = g_strdup_printf ("{\"code\": \"%s\", \"name\": \"counter 2\"}",
                           json_object_get_string_member (code, "code"));
  first = server_fixture_json (f->server, "POST", "/v1/devices/enrol", NULL, enrol, &status);
  g_assert_cmpuint (status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (first, "customer"), ==, "bank-b");
  second = server_fixture_json (f->server, "POST", "/v1/devices/enrol", NULL, enrol, &status);
  assert_error (second, status, 403, "bad_code");

  unknown = server_fixture_json (f->server, "POST", "/v1/admin/enrolment-codes",
                                 f->server->admin_token, "{\"customer\": \"nobody\"}", &status);
  assert_error (unknown, status, 404, "unknown_customer");
}

static void
test_admin_needs_token (Fixture *f, gconstpointer data)
{
  guint status = 0;
  g_autoptr(JsonObject) none = server_fixture_json (f->server, "POST", "/v1/admin/enrolment-codes",
                                                    NULL, "{\"customer\": \"bank-a\"}", &status);
  g_autoptr(JsonObject) device = NULL;

  assert_error (none, status, 401, "bad_admin_token");
  /* A device token is not the operator's. */
  device = server_fixture_json (f->server, "POST", "/v1/admin/enrolment-codes", f->token,
                                "{\"customer\": \"bank-a\"}", &status);
  assert_error (device, status, 401, "bad_admin_token");
}

static void
test_bad_json (Fixture *f, gconstpointer data)
{
  static const struct { const char *body; guint status; const char *code; } cases[] = {
    { "{\"cases\": [", 400, "malformed_json" },
    { "[1, 2, 3]", 400, "wrong_type" },
    { "{\"events\": {}}", 400, "wrong_type" },
    { "{\"events\": [42]}", 400, "wrong_type" },
    { "{\"events\": [{\"id\": 7, \"kind\": \"decided\", \"at\": 1764000000}]}", 400,
      "wrong_type" },
    { "{\"events\": [{\"id\": \"not-a-uuid\", \"kind\": \"decided\", \"at\": 1764000000}]}", 400,
      "bad_uuid" },
    { "{\"events\": [{\"id\": \"" EVENT_A "\", \"kind\": \"teleported\", \"at\": 1764000000}]}",
      400, "out_of_range" },
    { "{\"events\": [{\"id\": \"" EVENT_A "\", \"kind\": \"decided\", \"at\": \"yesterday\","
      " \"case\": \"" CASE_A "\"}]}", 400, "wrong_type" },
    { "{\"events\": [{\"id\": \"" EVENT_A "\", \"kind\": \"decided\", \"at\": 1764000000}]}", 400,
      "missing_field" },
    { "{\"events\": [{\"id\": \"" EVENT_A "\", \"kind\": \"decided\", \"at\": 100,"
      " \"case\": \"" CASE_A "\"}]}", 400, "out_of_range" },
    { "{\"cases\": [{\"id\": \"" CASE_A "\", \"captured_at\": 1764000000, \"decision\": \"maybe\"}]}",
      400, "out_of_range" },
    /* A valid item followed by a bad one: the valid one is not stored either. */
    { "{\"cases\": [{\"id\": \"" CASE_A "\", \"captured_at\": 1764000000, \"decision\": \"pass\"},"
      " {\"id\": \"" CASE_B "\"}]}", 400, "missing_field" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint status = 0;
      g_autoptr(JsonObject) reply = server_fixture_json (f->server, "POST", "/v1/sync", f->token,
                                                         cases[i].body, &status);
      g_test_message ("body %u: %s", i, cases[i].body);
      assert_error (reply, status, cases[i].status, cases[i].code);
    }
  assert_nothing_stored (f);
}

static void
test_wrong_content_type (Fixture *f, gconstpointer data)
{
  g_autofree char *batch = one_case_batch (f->now, CASE_A, EVENT_A, "pass");
  g_autofree char *body = NULL;
  guint status = server_fixture_send (f->server, "POST", "/v1/sync", f->token, "text/plain",
                                      batch, -1, &body);

  g_assert_cmpuint (status, ==, 415);
  g_assert_nonnull (strstr (body, "content_type"));
  assert_nothing_stored (f);
}

static void
test_oversized_body (Fixture *f, gconstpointer data)
{
  gsize size = 5 * 1024 * 1024;
  g_autofree char *big = g_malloc (size);
  g_autofree char *body = NULL;
  guint status;

  memset (big, ' ', size);
  big[0] = '{';
  big[size - 1] = '}';
  status = server_fixture_send (f->server, "POST", "/v1/sync", f->token, "application/json", big,
                                size, &body);
  g_assert_cmpuint (status, ==, 413);
  g_assert_nonnull (strstr (body, "body_too_large"));
  assert_nothing_stored (f);
}

static void
test_too_many_items (Fixture *f, gconstpointer data)
{
  GString *batch = g_string_new ("{\"events\": [");
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) reply = NULL;
  guint status = 0;

  for (guint i = 0; i < 5001; i++)
    g_string_append_printf (batch, "%s{\"id\": \"0e000000-0000-4000-8000-%012u\", \"kind\": "
                            "\"started\", \"at\": %" G_GINT64_FORMAT "}", i ? "," : "", i,
                            f->now);
  g_string_append (batch, "]}");
  text = g_string_free (batch, FALSE);
  reply = server_fixture_json (f->server, "POST", "/v1/sync", f->token, text, &status);
  assert_error (reply, status, 413, "batch_too_large");
  assert_nothing_stored (f);
}

static void
test_unknown_and_revoked_tokens (Fixture *f, gconstpointer data)
{
  g_autofree char *batch = one_case_batch (f->now, CASE_A, EVENT_A, "pass");
  g_autofree char *revoke = g_strdup_printf ("/v1/admin/devices/%s/revoke", f->device);
  g_autoptr(JsonObject) none = NULL, unknown = NULL, revoked = NULL, done = NULL, missing = NULL;
  guint status = 0;

  none = server_fixture_json (f->server, "POST", "/v1/sync", NULL, batch, &status);
  assert_error (none, status, 401, "no_token");
  unknown = server_fixture_json (f->server, "POST", "/v1/sync", "not-a-token", batch, &status);
  assert_error (unknown, status, 401, "unknown_token");

  done = server_fixture_json (f->server, "POST", revoke, f->server->admin_token, "{}", &status);
  g_assert_cmpuint (status, ==, 200);
  revoked = server_fixture_json (f->server, "POST", "/v1/sync", f->token, batch, &status);
  assert_error (revoked, status, 401, "revoked_token");
  missing = server_fixture_json (f->server, "POST", "/v1/admin/devices/nope/revoke",
                                 f->server->admin_token, "{}", &status);
  assert_error (missing, status, 404, "unknown_device");
  assert_nothing_stored (f);
}

static void
test_device_cannot_write_for_another_customer (Fixture *f, gconstpointer data)
{
  g_autofree char *token_b = server_fixture_enrol (f->server, "bank-b", NULL);
  g_autofree char *batch = g_strdup_printf (
    "{\"customer\": \"bank-b\", \"events\": [{\"id\": \"%s\", \"kind\": \"decided\", \"case\":"
    " \"%s\", \"at\": %" G_GINT64_FORMAT "}]}", EVENT_A, CASE_A, f->now);
  g_autofree char *per_item = g_strdup_printf (
    "{\"events\": [{\"id\": \"%s\", \"customer\": \"bank-b\", \"kind\": \"decided\", \"case\":"
    " \"%s\", \"at\": %" G_GINT64_FORMAT "}]}", EVENT_A, CASE_A, f->now);
  g_autofree char *b_case = one_case_batch (f->now, CASE_B, EVENT_B, "review");
  g_autofree char *steal = one_case_batch (f->now, CASE_B, EVENT_C, "review");
  g_autoptr(JsonObject) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL;
  guint status = 0;

  r1 = server_fixture_json (f->server, "POST", "/v1/sync", f->token, batch, &status);
  assert_error (r1, status, 403, "wrong_customer");
  r2 = server_fixture_json (f->server, "POST", "/v1/sync", f->token, per_item, &status);
  assert_error (r2, status, 403, "wrong_customer");
  assert_nothing_stored (f);

  /* bank-b stores a case; bank-a's device sending the same case id is refused whole. */
  r3 = server_fixture_json (f->server, "POST", "/v1/sync", token_b, b_case, &status);
  g_assert_cmpuint (status, ==, 200);
  r4 = server_fixture_json (f->server, "POST", "/v1/sync", f->token, steal, &status);
  assert_error (r4, status, 409, "foreign_id");
  g_assert_cmpint (billable (f, "bank-a"), ==, 0);
  g_assert_cmpint (billable (f, "bank-b"), ==, 1);
  g_assert_cmpint (server_fixture_count (f->server, "usage_events", "device_id", f->device), ==, 0);
}

/* Many batches at once (the server stores what arrives together in one transaction): each
 * answer is exact as if the batches had been stored one after another, a batch with another
 * customer's case is refused alone, and the database holds every item once. */
#define N_DEVICES 4
#define N_DISTINCT 24          /* batches with their own items; each is also sent twice more */
#define EVENTS_PER_BATCH 6

static char *
concurrent_batch (gint64 now, guint batch)
{
  GString *body = g_string_new ("{\"events\": [");

  /* Odd events decide their case: EVENTS_PER_BATCH / 2 billable cases per batch. */
  for (guint e = 0; e < EVENTS_PER_BATCH; e++)
    g_string_append_printf (body, "%s{\"id\": \"0d000000-0000-4000-8000-%06u%06u\", \"kind\": "
                            "\"%s\", \"case\": \"0c000000-0000-4000-8000-%06u%06u\", \"at\": %"
                            G_GINT64_FORMAT "}", e ? ", " : "", batch, e,
                            e % 2 ? "decided" : "started", batch, e / 2, now);
  g_string_append (body, "]}");
  return g_string_free (body, FALSE);
}

static void
test_concurrent_batches_answer_exactly (Fixture *f, gconstpointer data)
{
  g_autofree char *token_b = server_fixture_enrol (f->server, "bank-b", NULL);
  g_autofree char *b_case = one_case_batch (f->now, CASE_B, EVENT_B, "review");
  g_autofree char *steal = g_strdup_printf (
    "{\"events\": [{\"id\": \"%s\", \"kind\": \"started\", \"at\": %" G_GINT64_FORMAT "},"
    " {\"id\": \"%s\", \"kind\": \"decided\", \"case\": \"%s\", \"at\": %" G_GINT64_FORMAT "}]}",
    EVENT_A, f->now, EVENT_C, CASE_B, f->now);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree JsonObject **replies = NULL;
  char *tokens[N_DEVICES] = { 0 };
  guint total = 3 * N_DISTINCT + 1;
  guint stored = 0, duplicates = 0, billable_new = 0;
  g_autoptr(JsonObject) first = NULL;
  guint status = 0;

  first = server_fixture_json (f->server, "POST", "/v1/sync", token_b, b_case, &status);
  g_assert_cmpuint (status, ==, 200);
  tokens[0] = g_strdup (f->token);
  for (guint d = 1; d < N_DEVICES; d++)
    tokens[d] = server_fixture_enrol (f->server, "bank-a", NULL);

  /* Batch k of the N_DISTINCT is sent three times, from three devices; the last request steals
   * bank-b's case. All go out before the first answer comes back. */
  for (guint i = 0; i < total; i++)
    {
      g_autofree char *body = i < 3 * N_DISTINCT ? concurrent_batch (f->now, i % N_DISTINCT)
                                                 : g_strdup (steal);
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      g_ptr_array_add (messages, server_fixture_message (f->server, "POST", "/v1/sync",
                                                         tokens[i % N_DEVICES],
                                                         "application/json", bytes));
    }
  replies = server_fixture_send_all (f->server, messages, FALSE);

  for (guint i = 0; i < 3 * N_DISTINCT; i++)
    {
      JsonObject *events;

      g_assert_cmpuint (soup_message_get_status (messages->pdata[i]), ==, 200);
      events = json_object_get_object_member (replies[i], "events");
      stored += json_object_get_int_member (events, "stored");
      duplicates += json_object_get_int_member (events, "duplicates");
      billable_new += json_object_get_int_member (replies[i], "billable_new");
      g_assert_cmpint (json_object_get_int_member (events, "stored") +
                       json_object_get_int_member (events, "duplicates"), ==, EVENTS_PER_BATCH);
    }
  /* Every event stored by exactly one of its three copies, every case billed once. */
  g_assert_cmpuint (stored, ==, N_DISTINCT * EVENTS_PER_BATCH);
  g_assert_cmpuint (duplicates, ==, 2 * N_DISTINCT * EVENTS_PER_BATCH);
  g_assert_cmpuint (billable_new, ==, N_DISTINCT * EVENTS_PER_BATCH / 2);
  assert_error (replies[total - 1], soup_message_get_status (messages->pdata[total - 1]), 409,
                "foreign_id");

  g_assert_cmpint (server_fixture_count (f->server, "usage_events", "customer_id", "bank-a"), ==,
                   N_DISTINCT * EVENTS_PER_BATCH);
  g_assert_cmpint (server_fixture_count (f->server, "usage_events", "id", EVENT_A), ==, 0);
  g_assert_cmpint (billable (f, "bank-a"), ==, N_DISTINCT * EVENTS_PER_BATCH / 2);
  g_assert_cmpint (billable (f, "bank-b"), ==, 1);
  for (guint i = 0; i < total; i++)
    g_clear_pointer (&replies[i], json_object_unref);
  for (guint d = 0; d < N_DEVICES; d++)
    g_free (tokens[d]);
}

static void
test_expired_contract_still_syncs (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *batch = one_case_batch (f->now, CASE_A, EVENT_A, "fail");
  g_autofree char *past = g_strdup_printf ("%" G_GINT64_FORMAT, f->now - 3600);
  g_autofree char *soon = g_strdup_printf ("%" G_GINT64_FORMAT, f->now + 7 * 24 * 3600);
  g_autoptr(JsonObject) reply = NULL, me = NULL;
  JsonObject *contract;
  guint status = 0;

  ekyc_storage_exec (f->server->storage, "UPDATE customers SET contract_ends_at = ? "
                     "WHERE id = 'bank-a'", EKYC_SQL_PARAMS (soon), NULL, &error);
  g_assert_no_error (error);
  me = server_fixture_json (f->server, "GET", "/v1/devices/me", f->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  contract = json_object_get_object_member (me, "contract");
  g_assert_cmpstr (json_object_get_string_member (contract, "status"), ==, "expiring");
  g_assert_true (json_object_get_boolean_member (contract, "renewal_notice"));
  g_assert_false (json_object_get_boolean_member (contract, "blocks_new_verifications"));

  ekyc_storage_exec (f->server->storage, "UPDATE customers SET contract_ends_at = ? "
                     "WHERE id = 'bank-a'", EKYC_SQL_PARAMS (past), NULL, &error);
  g_assert_no_error (error);
  reply = server_fixture_json (f->server, "POST", "/v1/sync", f->token, batch, &status);
  g_assert_cmpuint (status, ==, 200);
  contract = json_object_get_object_member (reply, "contract");
  g_assert_cmpstr (json_object_get_string_member (contract, "status"), ==, "expired");
  g_assert_true (json_object_get_boolean_member (contract, "blocks_new_verifications"));
  g_assert_cmpint (billable (f, "bank-a"), ==, 1);
}

static void
test_not_found_and_method (Fixture *f, gconstpointer data)
{
  guint status = 0;
  g_autoptr(JsonObject) missing = server_fixture_json (f->server, "GET", "/v1/nothing", NULL,
                                                       NULL, &status);
  g_autoptr(JsonObject) method = NULL;

  assert_error (missing, status, 404, "not_found");
  method = server_fixture_json (f->server, "GET", "/v1/sync", f->token, NULL, &status);
  assert_error (method, status, 405, "method_not_allowed");
}

static void
test_metrics_and_log (Fixture *f, gconstpointer data)
{
  g_autofree char *batch = one_case_batch (f->now, CASE_A, EVENT_A, "pass");
  g_autofree char *metrics = NULL;
  g_autofree char *log = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonObject) reply = NULL;
  guint status = 0;
  guint n_lines;

  reply = server_fixture_json (f->server, "POST", "/v1/sync", f->token, batch, &status);
  g_assert_cmpuint (status, ==, 200);
  status = server_fixture_send (f->server, "GET", "/metrics", NULL, NULL, NULL, 0, &metrics);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (metrics, "# TYPE ekyc_http_requests_total counter\n"));
  g_assert_nonnull (strstr (metrics, "ekyc_http_requests_total{route=\"/v1/sync\",status=\"200\"} 1\n"));
  g_assert_nonnull (strstr (metrics, "ekyc_billable_requests_total 1\n"));
  g_assert_nonnull (strstr (metrics, "ekyc_http_request_duration_seconds_bucket{route=\"/v1/sync\",le=\"+Inf\"} 1\n"));

  /* One JSON line per finished request: the admin code, the enrolment, the sync (the
   * /metrics request itself may still be in flight). */
  g_assert_true (g_file_get_contents (f->server->log_path, &log, NULL, NULL));
  lines = g_strsplit (g_strstrip (log), "\n", -1);
  n_lines = g_strv_length (lines);
  g_assert_cmpuint (n_lines, >=, 3);
  for (guint i = 0; i < n_lines; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *line;

      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
      line = json_node_get_object (json_parser_get_root (parser));
      g_assert_true (json_object_has_member (line, "status"));
      g_assert_true (json_object_has_member (line, "us"));
      g_assert_true (json_object_has_member (line, "route"));
    }
  g_assert_nonnull (strstr (lines[2], "\"route\":\"/v1/sync\""));
  g_assert_nonnull (strstr (lines[2], f->device));
}

/* The HTTP threads: connections spread over them (each answers on its own), and the port they
 * share is not shared with another process. */
/* The /healthz lines of the request log, by thread (+1, as set members). */
static guint
count_healthz_lines (ServerFixture *server, GHashTable *threads)
{
  g_autofree char *log = NULL;
  g_auto(GStrv) lines = NULL;
  guint healthz = 0;

  g_assert_true (g_file_get_contents (server->log_path, &log, NULL, NULL));
  lines = g_strsplit (g_strstrip (log), "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *line;
      gint64 thread;

      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
      line = json_node_get_object (json_parser_get_root (parser));
      if (g_strcmp0 (json_object_get_string_member (line, "route"), "/healthz") != 0)
        continue;
      healthz++;
      thread = json_object_get_int_member (line, "thread");
      g_assert_cmpint (thread, >=, 0);
      g_assert_cmpint (thread, <, ekyc_server_default_http_threads ());
      g_hash_table_add (threads, GINT_TO_POINTER (thread + 1));
    }
  return healthz;
}

static void
test_threads_share_the_connections (Fixture *f, gconstpointer data)
{
  g_autoptr(GHashTable) threads = g_hash_table_new (NULL, NULL);
  guint healthz = 0, resets = 0;

  /* A session each: 32 connections, from 32 source ports. */
  for (guint i = 0; i < 32; i++)
    {
      g_autoptr(SoupSession) session = soup_session_new ();
      g_autofree char *uri = g_strconcat (f->server->base_uri, "/healthz", NULL);
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, &error);

      /* A request with no answer at all was seen three times in full suite runs (2026-11-27:
       * status 0, "Connection reset by peer"): the server had crashed taking a connection its
       * client closed from libsoup (fixed, test-server-connections
       * /server/connections/client-closes-after-its-answer). One reset is still tolerated, named
       * in the log, and the request made again, as a device's sync does; a second, or any other
       * error, fails. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) && resets == 0)
        {
          g_test_message ("request %u: %s; made again", i, error->message);
          resets++;
          i--;
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
    }
  /* A line is written once the answer has gone: the last may come a moment after it. */
  for (guint tries = 0; tries < 200 && healthz < 32; tries++)
    {
      if (tries > 0)
        g_usleep (50 * G_TIME_SPAN_MILLISECOND);
      g_hash_table_remove_all (threads);
      healthz = count_healthz_lines (f->server, threads);
    }
  g_assert_cmpuint (healthz, >=, 32);
  g_assert_cmpuint (healthz, <=, 32 + resets);
  /* The kernel hashes each connection to a thread (at least 4): all 32 on one would be chance
   * 4 × 4^-32. */
  g_assert_cmpuint (g_hash_table_size (threads), >, 1);
}

static void
test_threads_port_is_not_shared (Fixture *f, gconstpointer data)
{
  g_autofree char *port = g_strdup_printf ("%u", f->server->port);
  g_autofree char *database = g_build_filename (f->server->dir, "other.sqlite", NULL);
  const char *argv[] = { EKYC_SERVER_PATH, "--database", database, "--port", port,
                         "--http-threads", "4", NULL };
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  gint wait_status = 0;
  guint status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                               NULL, NULL, &err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_false (g_spawn_check_wait_status (wait_status, NULL));
  g_assert_nonnull (strstr (err, "in use"));
  /* The first server still answers. */
  status = server_fixture_send (f->server, "GET", "/healthz", NULL, NULL, NULL, 0, NULL);
  g_assert_cmpuint (status, ==, 200);
}

static void
test_tls (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ekyc-tls-XXXXXX", NULL);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autoptr(ServerFixture) server = NULL;
  g_autofree char *body = NULL;
  g_autofree char *plain_uri = NULL;
  g_autoptr(GError) error = NULL;
  gint wait_status = 0;
  guint status;

  if (openssl == NULL)
    {
      g_test_skip ("openssl is not installed: cannot make a test certificate");
      return;
    }
  {
    const char *argv[] = { openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                           "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", cert, NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                  G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &wait_status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  }
  {
    const char *args[] = { "--tls-cert", cert, "--tls-key", key, NULL };
    server = server_fixture_start (args);
  }
  g_assert_true (g_str_has_prefix (server->base_uri, "https://"));
  status = server_fixture_send (server, "GET", "/healthz", NULL, NULL, NULL, 0, &body);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (body, "\"ok\""));

  /* Plain HTTP to the TLS port gets no answer. */
  g_free (server->base_uri);
  server->base_uri = g_strdup_printf ("http://127.0.0.1:%u", server->port);
  server->https = FALSE;
  g_clear_pointer (&body, g_free);
  status = server_fixture_send (server, "GET", "/healthz", NULL, NULL, NULL, 0, &body);
  g_assert_cmpuint (status, !=, 200);
  g_unlink (cert);
  g_unlink (key);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);
  /* The isolated test directories hold no GSettings schemas for the desktop proxy settings. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/server/healthz", test_healthz);
  ADD ("/server/sync/dedups-and-bills-once", test_sync_dedups_and_bills_once);
  ADD ("/server/enrol/code-is-one-time", test_enrolment_code_is_one_time);
  ADD ("/server/admin/needs-the-operator-token", test_admin_needs_token);
  ADD ("/server/bad-input/json-and-types", test_bad_json);
  ADD ("/server/bad-input/content-type", test_wrong_content_type);
  ADD ("/server/bad-input/oversized-body", test_oversized_body);
  ADD ("/server/bad-input/too-many-items", test_too_many_items);
  ADD ("/server/bad-input/unknown-and-revoked-tokens", test_unknown_and_revoked_tokens);
  ADD ("/server/bad-input/other-customer", test_device_cannot_write_for_another_customer);
  ADD ("/server/sync/concurrent-batches-answer-exactly", test_concurrent_batches_answer_exactly);
  ADD ("/server/contract/expired-still-syncs", test_expired_contract_still_syncs);
  ADD ("/server/routes/not-found-and-method", test_not_found_and_method);
  ADD ("/server/metrics-and-request-log", test_metrics_and_log);
  ADD ("/server/threads/share-the-connections", test_threads_share_the_connections);
  ADD ("/server/threads/port-is-not-shared", test_threads_port_is_not_shared);
#undef ADD
  g_test_add_func ("/server/tls", test_tls);
  return g_test_run ();
}
