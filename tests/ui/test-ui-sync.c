/* test-ui-sync.c — the app against a real ekyc-server on loopback: enrolment from Preferences,
 * saved cases reaching the server exactly once (also across a server killed mid-sync and a
 * revoked token), the Account page, and a cancelled contract blocking new verifications
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "ekyc-preferences-window.h"
#include "server-fixture.h"
#include "test-utils.h"
#include "ui-test-utils.h"

/* One server, one app and one window for the whole program: the tests run in order, each
 * building on the last (as a branch's day does). */
typedef struct {
  ServerFixture   *server;
  EkycApplication *app;
  EkycWindow      *window;
  EkycSyncService *sync;
  char            *dir;
  char            *front, *back, *selfie;
  guint            saved;      /* cases the app saved */
} World;

static World w;

static JsonObject *
admin (const char *method, const char *path, const char *json)
{
  return server_fixture_admin (w.server, method, path, json);
}

/* The operator's program: `ekyc-admin ARGS… --json` against the test server. */
static JsonObject *
ekyc_admin (const char *first, ...) G_GNUC_NULL_TERMINATED;

static JsonObject *
ekyc_admin (const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *token_file = g_build_filename (w.server->dir, "admin-token", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("EKYC_ADMIN"));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, (gpointer) "--json");
  g_ptr_array_add (argv, NULL);
  envp = g_environ_setenv (envp, "EKYC_SERVER_URL", w.server->base_uri, TRUE);
  envp = g_environ_setenv (envp, "EKYC_ADMIN_TOKEN_FILE", token_file, TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("ekyc-admin %s: %s", first, err);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static char *
enrolment_code (void)
{
  g_autoptr(JsonObject) code = admin ("POST", "/v1/admin/enrolment-codes",
                                      "{\"customer\": \"bank-a\"}");
  return g_strdup (json_object_get_string_member (code, "code"));
}

static gint64
server_count (const char *table)
{
  return server_fixture_count (w.server, table, "customer_id", "bank-a");
}

static guint
app_count (int sync_state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cases = ekyc_application_query_cases (w.app, NULL, -1, -1, sync_state,
                                                              &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (cases);
}

static gboolean
enrolled (gpointer data)
{
  return ekyc_sync_service_get_enrolled (w.sync)
         && ekyc_sync_service_get_server_url (w.sync) != NULL;
}

static gboolean
nothing_pending (gpointer data)
{
  return ekyc_sync_service_get_pending (w.sync) == 0;
}

/* The last sync ended with an error that says @data. Not just "an error": the one left by an
 * earlier test may still be shown until the sync under way reports. */
static gboolean
error_says (gpointer data)
{
  const char *error = ekyc_sync_service_get_last_error (w.sync);

  return error != NULL && strstr (error, data) != NULL;
}

static gboolean
no_error (gpointer data)
{
  return ekyc_sync_service_get_last_error (w.sync) == NULL;
}

static gboolean
account_idle (gpointer data)
{
  return !ekyc_account_page_get_busy (ekyc_window_get_account_page (w.window));
}

static void
save_cases (guint n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (ekyc_application_save_verification (w.app,
                                                         ekyc_window_get_verification (w.window),
                                                         NULL, &error));
      g_assert_no_error (error);
      w.saved++;
    }
}

/* Exactly once: the server holds one case and one billable request per case the app saved,
 * and the app shows every case as sent, with no error (the outbox empties before the sync
 * that emptied it reports: the next test starts from that report, not an older error). */
static void
assert_counts_equal (void)
{
  if (!ui_test_wait (nothing_pending, NULL, 120) || !ui_test_wait (no_error, NULL, 60))
    g_error ("still pending: %u (%s)", ekyc_sync_service_get_pending (w.sync),
             ekyc_sync_service_get_last_error (w.sync));
  g_assert_cmpint (server_count ("cases"), ==, w.saved);
  g_assert_cmpint (server_count ("billable_requests"), ==, w.saved);
  g_assert_cmpint (server_count ("usage_events"), ==, w.saved);
  ui_test_settle (200);
  g_assert_cmpuint (app_count (1), ==, w.saved);   /* synced */
  g_assert_cmpuint (app_count (0), ==, 0);         /* pending */
}

static gboolean
enrolment_answered (gpointer data)
{
  const char *detail = ekyc_preferences_window_get_enrolment_detail (data);

  return detail != NULL && !g_str_has_prefix (detail, "Enrolling");
}

static void
test_enrol_from_preferences (void)
{
  g_autofree char *code = enrolment_code ();
  g_autofree char *token_file = g_strconcat (g_getenv ("EKYC_STORE_PATH"), ".device-token", NULL);
  g_autofree char *url = NULL;
  EkycPreferencesWindow *prefs = ekyc_preferences_window_new (w.app);
  GStatBuf st;

  gtk_window_present (GTK_WINDOW (prefs));
  /* A wrong code: the server's refusal, in the app's words; nothing is kept. */
  ekyc_preferences_window_enrol (prefs, w.server->base_uri, "AAAA-BBBB-CCCC");
  g_assert_true (ui_test_wait (enrolment_answered, prefs, 30));
  g_test_message ("wrong code: %s", ekyc_preferences_window_get_enrolment_detail (prefs));
  g_assert_false (ekyc_sync_service_get_enrolled (w.sync));
  g_assert_cmpstr (ekyc_preferences_window_get_enrolment_status (prefs), ==, "Not enrolled");
  g_assert_nonnull (strstr (ekyc_preferences_window_get_enrolment_detail (prefs),
                            "enrolment code is unknown"));

  ekyc_preferences_window_enrol (prefs, w.server->base_uri, code);
  g_assert_true (ui_test_wait (enrolled, NULL, 30));
  ui_test_settle (100);
  g_assert_cmpstr (ekyc_preferences_window_get_enrolment_status (prefs), ==, "Enrolled");
  /* The address is a setting; the token is a secret in a 0600 file (no keyring here). */
  url = g_settings_get_string (ekyc_application_get_settings (w.app), "sync-server-url");
  g_assert_cmpstr (url, ==, w.server->base_uri);
  g_assert_cmpint (g_stat (token_file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  gtk_window_destroy (GTK_WINDOW (prefs));
}

static void
test_saved_cases_reach_the_server_once (void)
{
  /* One verification through the window, saved as the teller does, then saved again as more
   * cases (each save is a new case with its own id). */
  if (w.front != NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (w.window), "flow.restart", NULL);
      ui_test_settle (50);
      g_assert_cmpuint (ui_test_import (w.window, w.front), ==, 1);
      g_assert_cmpuint (ui_test_import (w.window, w.back), ==, 2);
      g_assert_cmpuint (ui_test_import (w.window, w.selfie), ==, 3);
      ui_test_save (w.window);
      w.saved++;
    }
  save_cases (9);
  assert_counts_equal ();
}

/* Kills the server (kill -9) from a thread as soon as its database holds more than @from and
 * fewer than @to cases of the branch: in the middle of a sync, whatever the main loop does. */
typedef struct {
  char        *database;
  GSubprocess *process;
  gint64       from, to;
  gint64       killed_at;   /* the server's count when killed; 0: never */
} KillWatch;

static gpointer
kill_mid_sync (gpointer data)
{
  KillWatch *kw = data;
  sqlite3 *db = NULL;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  g_assert_cmpint (sqlite3_open_v2 (kw->database, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  sqlite3_busy_timeout (db, 1000);
  while (g_get_monotonic_time () < deadline)
    {
      sqlite3_stmt *stmt = NULL;
      gint64 n = -1;

      if (sqlite3_prepare_v2 (db, "SELECT COUNT(*) FROM cases WHERE customer_id = 'bank-a'", -1,
                              &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
        n = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      if (n > kw->from && n < kw->to)
        {
          g_subprocess_send_signal (kw->process, SIGKILL);
          kw->killed_at = n;
          break;
        }
      if (n >= kw->to)
        break;
      g_usleep (500);
    }
  sqlite3_close (db);
  return NULL;
}

static void
test_server_killed_mid_sync_loses_nothing (void)
{
  KillWatch kw = { 0 };
  GThread *watcher;
  guint queued;

  /* Offline: cases wait in the outbox; the header says why. */
  server_fixture_kill (w.server);
  save_cases (100);
  queued = ekyc_sync_service_get_pending (w.sync);
  g_assert_cmpuint (queued, ==, 200);
  g_assert_true (ui_test_wait (error_says, (gpointer) "cannot be reached", 30));

  /* Back online, and killed again in the middle of the upload. */
  server_fixture_restart (w.server);
  kw.database = w.server->database;
  kw.process = w.server->process;
  kw.from = w.saved - 100;
  kw.to = w.saved;
  watcher = g_thread_new ("kill-mid-sync", kill_mid_sync, &kw);
  ekyc_sync_service_sync_now (w.sync);
  g_thread_join (watcher);
  g_test_message ("killed with %" G_GINT64_FORMAT " of %u cases on the server",
                  kw.killed_at - kw.from, 100);
  g_assert_cmpint (kw.killed_at, >, kw.from);
  g_assert_cmpuint (ekyc_sync_service_get_pending (w.sync), >, 0);
  server_fixture_kill (w.server);
  server_fixture_restart (w.server);
  g_test_message ("restarted; pending %u, error %s", ekyc_sync_service_get_pending (w.sync),
                  ekyc_sync_service_get_last_error (w.sync));
  ekyc_sync_service_sync_now (w.sync);
  assert_counts_equal ();
}

static void
test_revoked_token_keeps_items (void)
{
  g_autofree char *device = NULL;
  g_autofree char *revoke = NULL;
  g_autofree char *code = NULL;
  g_autoptr(JsonObject) devices = admin ("GET", "/v1/admin/devices?customer=bank-a", NULL);
  JsonArray *list = json_object_get_array_member (devices, "devices");
  EkycPreferencesWindow *prefs;

  g_test_message ("revoked: start %" G_GINT64_FORMAT, g_get_monotonic_time () / 1000);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  device = g_strdup (json_object_get_string_member (json_array_get_object_element (list, 0),
                                                    "id"));
  revoke = g_strdup_printf ("/v1/admin/devices/%s/revoke", device);
  json_object_unref (admin ("POST", revoke, "{}"));
  save_cases (2);
  ekyc_sync_service_sync_now (w.sync);
  g_assert_true (ui_test_wait (error_says, (gpointer) "revoked", 30));
  /* …and it stays so: no retry hides it. */
  ui_test_settle (500);
  g_assert_true (error_says ("revoked"));
  g_assert_cmpuint (ekyc_sync_service_get_pending (w.sync), ==, 4);

  /* A new code: the same items go out, once. */
  code = enrolment_code ();
  prefs = ekyc_preferences_window_new (w.app);
  ekyc_preferences_window_enrol (prefs, w.server->base_uri, code);
  assert_counts_equal ();
  gtk_window_destroy (GTK_WINDOW (prefs));
}

static void
test_account_page_shows_contract_and_month (void)
{
  EkycAccountPage *page = ekyc_window_get_account_page (w.window);
  g_autofree char *requests = g_strdup_printf ("%u", w.saved);

  ekyc_window_show_page (w.window, "account");
  ui_test_settle (50);
  g_assert_true (ui_test_wait (account_idle, NULL, 30));
  g_assert_cmpstr (ekyc_account_page_get_status_text (page), ==, "Active");
  g_assert_cmpstr (ekyc_account_page_get_requests_text (page), ==, requests);
  g_assert_true (g_str_has_suffix (ekyc_account_page_get_bill_text (page), " VND"));
  g_assert_true (g_str_has_prefix (ekyc_account_page_get_as_of_text (page), "As of "));
  g_assert_null (ekyc_account_page_get_warning_text (page));
  g_assert_cmpuint (ekyc_account_page_get_n_tickets (page), ==, 0);

  /* A ticket from the branch: it is listed with its state. */
  ekyc_account_page_open_ticket (page, "technical", "Máy quét không nhận thẻ", "Quầy 1");
  g_assert_true (ui_test_wait (account_idle, NULL, 30));
  g_assert_cmpuint (ekyc_account_page_get_n_tickets (page), ==, 1);
  g_assert_cmpint (server_count ("tickets"), ==, 1);
  if (g_getenv ("EKYC_ACCOUNT_PNG") != NULL)
    ui_test_save_png (GTK_WIDGET (w.window), g_getenv ("EKYC_ACCOUNT_PNG"), NULL);
}

#define REVIEW_SUBJECT "Gia hạn hợp đồng thế nào?"

/* A field of the app's copy of the ticket about REVIEW_SUBJECT. */
static const char *
review_ticket (const char *field)
{
  JsonArray *tickets = ekyc_sync_service_get_tickets (w.sync);

  g_assert_nonnull (tickets);
  for (guint i = 0; i < json_array_get_length (tickets); i++)
    {
      JsonObject *ticket = json_array_get_object_element (tickets, i);

      if (g_str_equal (json_object_get_string_member (ticket, "subject"), REVIEW_SUBJECT))
        return json_object_get_string_member (ticket, field);
    }
  g_error ("the app has no ticket “%s”", REVIEW_SUBJECT);
}

/* The call centre resolves the branch's tickets with ekyc-admin; the branch answers from the
 * Account page: not satisfied reopens, satisfied closes. */
/* A refresh after any other (one after a sync) has finished, so it reads the server now. */
static void
refresh_account (EkycAccountPage *page)
{
  g_assert_true (ui_test_wait (account_idle, NULL, 30));
  ekyc_account_page_refresh (page);
  g_assert_true (ui_test_wait (account_idle, NULL, 30));
}

static void
test_account_page_ticket_review (void)
{
  EkycAccountPage *page = ekyc_window_get_account_page (w.window);
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) resolved = NULL, again = NULL, shown = NULL;
  JsonArray *events;
  guint device_answers = 0;

  ekyc_account_page_open_ticket (page, "consulting", REVIEW_SUBJECT, NULL);
  g_assert_true (ui_test_wait (account_idle, NULL, 30));
  g_assert_cmpuint (ekyc_account_page_get_n_tickets (page), ==, 2);
  g_assert_cmpstr (review_ticket ("state"), ==, "received");
  g_assert_cmpuint (ekyc_account_page_get_n_to_confirm (page), ==, 0);
  id = g_strdup (review_ticket ("id"));

  resolved = ekyc_admin ("ticket", "resolve", "--id", id, "--answer",
                         "Ký phụ lục gia hạn với đơn vị trước ngày hết hạn.", NULL);
  g_assert_cmpstr (json_object_get_string_member (resolved, "state"), ==, "resolved");
  refresh_account (page);
  g_assert_cmpstr (review_ticket ("state"), ==, "resolved");
  g_assert_cmpuint (ekyc_account_page_get_n_to_confirm (page), ==, 1);

  /* Not satisfied: reopened on the server, no longer waiting for the branch. */
  ekyc_account_page_review_ticket (page, id, FALSE);
  g_assert_true (ui_test_wait (account_idle, NULL, 30));
  g_assert_cmpstr (review_ticket ("state"), ==, "reopened");
  g_assert_cmpuint (ekyc_account_page_get_n_to_confirm (page), ==, 0);

  /* Resolved again; satisfied this time: closed, by the device. */
  again = ekyc_admin ("ticket", "resolve", "--id", id, "--answer", "Đã gửi mẫu phụ lục.", NULL);
  g_assert_cmpstr (json_object_get_string_member (again, "state"), ==, "resolved");
  refresh_account (page);
  g_assert_cmpuint (ekyc_account_page_get_n_to_confirm (page), ==, 1);
  ekyc_account_page_review_ticket (page, id, TRUE);
  g_assert_true (ui_test_wait (account_idle, NULL, 30));
  g_assert_cmpstr (review_ticket ("state"), ==, "closed");
  g_assert_cmpuint (ekyc_account_page_get_n_to_confirm (page), ==, 0);

  shown = ekyc_admin ("ticket", "show", "--id", id, NULL);
  g_assert_cmpstr (json_object_get_string_member (shown, "state"), ==, "closed");
  g_assert_cmpint (json_object_get_int_member (shown, "reopen_count"), ==, 1);
  /* receive, resolve, reopen, resolve, close; the branch's answers are the device's. */
  events = json_object_get_array_member (shown, "events");
  g_assert_cmpuint (json_array_get_length (events), ==, 5);
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      const char *action = json_object_get_string_member (event, "action");

      if (g_str_equal (action, "close") || g_str_equal (action, "reopen"))
        {
          g_assert_true (g_str_has_prefix (json_object_get_string_member (event, "actor"),
                                           "device:"));
          device_answers++;
        }
    }
  g_assert_cmpuint (device_answers, ==, 2);
}

static gboolean
blocked (gpointer data)
{
  return ekyc_sync_service_get_blocks_new_verifications (w.sync);
}

static void
test_cancelled_contract_blocks_new_verifications (void)
{
  EkycCapturePage *front;
  const char *problem;

  json_object_unref (admin ("POST", "/v1/admin/contracts/hd-1/cancel", "{}"));
  json_object_unref (admin ("POST", "/v1/admin/contracts/hd-1/apply", "{}"));
  ekyc_account_page_refresh (ekyc_window_get_account_page (w.window));
  g_assert_true (ui_test_wait (blocked, NULL, 30));
  g_assert_true (ui_test_wait (account_idle, NULL, 30));
  g_assert_cmpstr (ekyc_sync_service_get_contract_status (w.sync), ==, "cancelled");
  g_assert_nonnull (ekyc_account_page_get_warning_text (ekyc_window_get_account_page (w.window)));

  /* The start of the flow refuses, naming the hotline; a card does not get past it. */
  gtk_widget_activate_action (GTK_WIDGET (w.window), "flow.restart", NULL);
  ui_test_settle (100);
  front = EKYC_CAPTURE_PAGE (ekyc_window_get_step_page (w.window, EKYC_STEP_FRONT));
  problem = ekyc_capture_page_get_problem (front);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "0936 110 116"));
  if (w.front != NULL)
    g_assert_cmpuint (ui_test_import (w.window, w.front), ==, 0);

  /* A case captured before still goes out. */
  save_cases (1);
  assert_counts_equal ();
}

static void setup_cards (void);

static void
setup_world (void)
{
  g_autoptr(GError) error = NULL;

  /* Small batches, so that a kill lands between two of them. */
  g_setenv ("EKYC_SYNC_BATCH_SIZE", "20", TRUE);
  w.server = server_fixture_start (NULL);
  server_fixture_add_active_contract (w.server);
  json_object_unref (admin ("POST", "/v1/admin/contracts/hd-1/inform", "{}"));

  w.dir = g_dir_make_tmp ("ekyc-ui-sync-XXXXXX", &error);
  g_assert_no_error (error);
  if (ekyc_test_make_cards (w.dir, 1, "clean", "21"))
    setup_cards ();

  w.window = ui_test_start (&w.app, 1000, 760);
  g_assert_true (ui_test_wait_engine (w.app, 120));
  g_assert_true (ekyc_application_sign_in (w.app, "giamsat", "mat-khau-dai-1", &error));
  g_assert_no_error (error);
  w.sync = ekyc_application_get_sync (w.app);
  g_assert_nonnull (w.sync);
}

static void
setup_cards (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *card;

  w.front = g_build_filename (w.dir, "0000-front.jpg", NULL);
  w.back = g_build_filename (w.dir, "0000-back.jpg", NULL);
  json = g_build_filename (w.dir, "0000.json", NULL);
  json_parser_load_from_file (parser, json, &error);
  g_assert_no_error (error);
  card = json_node_get_object (json_parser_get_root (parser));
  w.selfie = ekyc_test_shared_path ("faces", "lfw",
                                    json_object_get_string_member (card, "portrait_source"),
                                    NULL);
}

int
main (int argc, char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);
  setup_world ();
  g_test_add_func ("/ui/sync/enrol-from-preferences", test_enrol_from_preferences);
  g_test_add_func ("/ui/sync/saved-cases-reach-the-server-once",
                   test_saved_cases_reach_the_server_once);
  g_test_add_func ("/ui/sync/server-killed-mid-sync-loses-nothing",
                   test_server_killed_mid_sync_loses_nothing);
  g_test_add_func ("/ui/sync/revoked-token-keeps-items", test_revoked_token_keeps_items);
  g_test_add_func ("/ui/sync/account-page-shows-contract-and-month",
                   test_account_page_shows_contract_and_month);
  g_test_add_func ("/ui/sync/account-page-ticket-review", test_account_page_ticket_review);
  g_test_add_func ("/ui/sync/cancelled-contract-blocks-new-verifications",
                   test_cancelled_contract_blocks_new_verifications);
  status = g_test_run ();
  ui_test_finish (g_steal_pointer (&w.app));
  server_fixture_free (w.server);
  return status;
}
