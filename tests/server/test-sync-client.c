/* test-sync-client.c — the app's outbox and sync client against a real ekyc-server
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "ekyc-sync-client.h"
#include "ekyc-sync-outbox.h"
#include "server-fixture.h"
#include "test-utils.h"

#define CASE_A "0a000000-0000-4000-8000-00000000000a"
#define CASE_B "0a000000-0000-4000-8000-00000000000b"

typedef struct {
  ServerFixture *server;
  char *token;
  char *device;
  char *outbox_path;
  EkycSyncOutbox *outbox;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->server = server_fixture_start (NULL);
  server_fixture_add_customer (f->server, "bank-a", "active", 4102444800);
  f->token = server_fixture_enrol (f->server, "bank-a", &f->device);
  f->outbox_path = g_build_filename (f->server->dir, "outbox.sqlite", NULL);
  f->outbox = ekyc_sync_outbox_open (f->outbox_path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->outbox);
  server_fixture_free (f->server);
  g_free (f->token);
  g_free (f->device);
  g_free (f->outbox_path);
}

static void
queue_verification (Fixture *f, const char *case_id, const char *decision)
{
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(JsonObject) result = json_object_new ();

  json_object_set_double_member (result, "face_similarity", 0.77);
  g_assert_true (ekyc_sync_outbox_add_event (f->outbox, NULL, "started", case_id, now, &error));
  g_assert_true (ekyc_sync_outbox_add_case (f->outbox, case_id, now, decision, now, result,
                                            &error));
  g_assert_true (ekyc_sync_outbox_add_event (f->outbox, NULL, decision ? "decided" : "abandoned",
                                             case_id, now, &error));
  g_assert_no_error (error);
}

static void
test_backoff (void)
{
  for (guint attempt = 0; attempt < 40; attempt++)
    {
      guint64 full = MIN ((guint64) 1000 << MIN (attempt, 30), 300000);
      guint low = ekyc_sync_backoff_delay_ms (attempt, 1000, 300000, 0);
      guint high = ekyc_sync_backoff_delay_ms (attempt, 1000, 300000, G_MAXUINT32);
      guint mid = ekyc_sync_backoff_delay_ms (attempt, 1000, 300000, 123457);

      g_assert_cmpuint (low, ==, full / 2);
      g_assert_cmpuint (mid, >=, full / 2);
      g_assert_cmpuint (mid, <=, full);
      g_assert_cmpuint (high, <=, full);
    }
  /* the jitter spreads: different random numbers, different delays */
  g_assert_cmpuint (ekyc_sync_backoff_delay_ms (3, 1000, 300000, 1),
                    !=, ekyc_sync_backoff_delay_ms (3, 1000, 300000, 2000));
}

static void
test_sync_empties_outbox (Fixture *f, gconstpointer data)
{
  g_autoptr(EkycSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;

  queue_verification (f, CASE_A, "pass");
  queue_verification (f, CASE_B, NULL);
  queue_verification (f, CASE_A, "pass");  /* the same case again: queued once */
  g_assert_cmpuint (ekyc_sync_outbox_count_pending (f->outbox), ==, 8);

  client = g_object_new (EKYC_TYPE_SYNC_CLIENT, "outbox", f->outbox,
                         "server-uri", f->server->base_uri, "token", f->token,
                         "batch-size", 3, NULL);
  g_assert_true (ekyc_sync_client_sync (client, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ekyc_sync_outbox_count_pending (f->outbox), ==, 0);
  g_assert_cmpstr (ekyc_sync_client_get_contract_status (client), ==, "active");
  g_assert_cmpint (ekyc_sync_client_get_last_sync (client), >, 0);

  g_assert_cmpint (server_fixture_count (f->server, "cases", "device_id", f->device), ==, 2);
  g_assert_cmpint (server_fixture_count (f->server, "usage_events", "device_id", f->device), ==, 6);
  g_assert_cmpint (server_fixture_count (f->server, "billable_requests", "device_id", f->device),
                   ==, 1);

  /* A new client on the same outbox (the app restarted) knows the last state. */
  g_clear_object (&client);
  client = ekyc_sync_client_new (f->outbox, f->server->base_uri, f->token);
  g_assert_cmpstr (ekyc_sync_client_get_contract_status (client), ==, "active");
}

static void
test_server_down_keeps_items (Fixture *f, gconstpointer data)
{
  g_autoptr(EkycSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;

  queue_verification (f, CASE_A, "review");
  client = ekyc_sync_client_new (f->outbox, f->server->base_uri, f->token);
  server_fixture_kill (f->server);
  g_assert_false (ekyc_sync_client_sync (client, NULL, &error));
  g_assert_error (error, EKYC_SYNC_ERROR, EKYC_SYNC_ERROR_NETWORK);
  g_assert_cmpuint (ekyc_sync_outbox_count_pending (f->outbox), ==, 3);

  g_clear_error (&error);
  server_fixture_restart (f->server);
  g_assert_true (ekyc_sync_client_sync (client, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ekyc_sync_outbox_count_pending (f->outbox), ==, 0);
}

static void
test_revoked_device_keeps_items (Fixture *f, gconstpointer data)
{
  g_autoptr(EkycSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *revoke = g_strdup_printf ("/v1/admin/devices/%s/revoke", f->device);
  g_autoptr(JsonObject) reply = NULL;
  guint status = 0;

  queue_verification (f, CASE_A, "pass");
  reply = server_fixture_json (f->server, "POST", revoke, f->server->admin_token, "{}", &status);
  g_assert_cmpuint (status, ==, 200);
  client = ekyc_sync_client_new (f->outbox, f->server->base_uri, f->token);
  g_assert_false (ekyc_sync_client_sync (client, NULL, &error));
  g_assert_error (error, EKYC_SYNC_ERROR, EKYC_SYNC_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (ekyc_sync_outbox_count_pending (f->outbox), ==, 3);
}

static void
test_refused_batch_is_set_aside (Fixture *f, gconstpointer data)
{
  g_autoptr(EkycSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;

  /* an event kind this server does not know: refused for good, not retried forever */
  g_assert_true (ekyc_sync_outbox_add_event (f->outbox, NULL, "teleported", CASE_A,
                                             g_get_real_time () / G_USEC_PER_SEC, &error));
  client = g_object_new (EKYC_TYPE_SYNC_CLIENT, "outbox", f->outbox,
                         "server-uri", f->server->base_uri, "token", f->token,
                         "batch-size", 1, NULL);
  queue_verification (f, CASE_B, "fail");
  g_assert_false (ekyc_sync_client_sync (client, NULL, &error));
  g_assert_error (error, EKYC_SYNC_ERROR, EKYC_SYNC_ERROR_REJECTED);
  g_assert_cmpuint (ekyc_sync_outbox_count_rejected (f->outbox), ==, 1);
  g_assert_cmpuint (ekyc_sync_outbox_count_pending (f->outbox), ==, 0);
  g_assert_cmpint (server_fixture_count (f->server, "billable_requests", "device_id", f->device),
                   ==, 1);
}

static void
on_pending (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  if (ekyc_sync_client_get_pending (EKYC_SYNC_CLIENT (object)) == 0)
    g_main_loop_quit (user_data);
}

static gboolean
on_timeout (gpointer user_data)
{
  g_error ("the background sync did not finish");
  return G_SOURCE_REMOVE;
}

static void
test_background_retries_until_server_returns (Fixture *f, gconstpointer data)
{
  g_autoptr(EkycSyncClient) client = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  guint timeout;

  queue_verification (f, CASE_A, "pass");
  server_fixture_kill (f->server);
  client = g_object_new (EKYC_TYPE_SYNC_CLIENT, "outbox", f->outbox,
                         "server-uri", f->server->base_uri, "token", f->token,
                         "retry-base-ms", 20, "retry-cap-ms", 200, NULL);
  g_signal_connect (client, "notify::pending", G_CALLBACK (on_pending), loop);
  ekyc_sync_client_start (client);
  /* A few failed attempts while the server is down, then it comes back. */
  g_usleep (300 * 1000);
  server_fixture_restart (f->server);
  timeout = g_timeout_add_seconds (30, on_timeout, NULL);
  g_main_loop_run (loop);
  g_source_remove (timeout);
  ekyc_sync_client_stop (client);
  g_assert_cmpuint (ekyc_sync_outbox_count_pending (f->outbox), ==, 0);
  g_assert_cmpint (server_fixture_count (f->server, "billable_requests", "device_id", f->device),
                   ==, 1);
}

static void
test_enrol (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonObject) code = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *device = NULL, *customer = NULL, *token = NULL;
  guint status = 0;

  code = server_fixture_json (f->server, "POST", "/v1/admin/enrolment-codes",
                              f->server->admin_token, "{\"customer\": \"bank-a\"}", &status);
  g_assert_cmpuint (status, ==, 201);
  g_assert_true (ekyc_sync_enrol (f->server->base_uri, json_object_get_string_member (code, "code"),
                                  "Quầy 3", NULL, &device, &customer, &token, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (customer, ==, "bank-a");
  g_clear_pointer (&token, g_free);
  g_assert_false (ekyc_sync_enrol (f->server->base_uri, json_object_get_string_member (code, "code"),
                                   "Quầy 4", NULL, NULL, NULL, &token, &error));
  g_assert_error (error, EKYC_SYNC_ERROR, EKYC_SYNC_ERROR_REJECTED);
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  g_test_add_func ("/sync/client/backoff-has-jitter-and-a-cap", test_backoff);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/sync/client/sync-empties-the-outbox", test_sync_empties_outbox);
  ADD ("/sync/client/server-down-keeps-items", test_server_down_keeps_items);
  ADD ("/sync/client/revoked-device-keeps-items", test_revoked_device_keeps_items);
  ADD ("/sync/client/refused-batch-is-set-aside", test_refused_batch_is_set_aside);
  ADD ("/sync/client/background-retries-until-the-server-returns",
       test_background_retries_until_server_returns);
  ADD ("/sync/client/enrol", test_enrol);
#undef ADD
  return g_test_run ();
}
