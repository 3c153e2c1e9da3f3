/* test-ui-no-server.c — without a central server the app says plainly that results stay on this
 * computer (the header, the review page), instead of counting items "to send" that never leave;
 * enrolled with a real ekyc-server on loopback that then stops, it counts them again
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <string.h>

#include "ekyc-case.h"
#include "ekyc-case-row.h"
#include "ekyc-case-sync-status.h"
#include "ekyc-preferences-window.h"
#include "ekyc-review-page.h"
#include "ekyc-sync-indicator.h"
#include "server-fixture.h"
#include "test-utils.h"
#include "ui-test-utils.h"

/* One app and window for the program; the tests run in order: first alone, then enrolled. */
typedef struct {
  EkycApplication *app;
  EkycWindow      *window;
  EkycSyncService *sync;
  ServerFixture   *server;
} World;

static World w;

static void
save_case (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ekyc_application_save_verification (w.app,
                                                     ekyc_window_get_verification (w.window),
                                                     NULL, &error));
  g_assert_no_error (error);
}

static const char *
header_text (void)
{
  GtkWidget *indicator = ui_test_find_child (GTK_WIDGET (w.window), EKYC_TYPE_SYNC_INDICATOR);

  g_assert_nonnull (indicator);
  g_assert_true (gtk_widget_get_visible (indicator));
  return ekyc_sync_indicator_get_text (EKYC_SYNC_INDICATOR (indicator));
}

/* The review page shows the newest case, as loaded from the store (with its sync state). */
static EkycReviewPage *
review_newest_case (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cases = ekyc_application_query_cases (w.app, NULL, -1, -1, -1, &error);
  g_autoptr(GObject) newest = NULL;
  g_autoptr(GObject) full = NULL;
  EkycReviewPage *review = ekyc_window_get_review_page (w.window);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cases), >, 0);
  newest = g_list_model_get_item (cases, 0);
  full = ekyc_application_load_case (w.app, newest, &error);
  g_assert_no_error (error);
  ekyc_review_page_show_case (review, full, NULL, NULL, NULL);
  g_test_message ("review page: %s / %s", ekyc_review_page_get_sync_text (review, FALSE),
                  ekyc_review_page_get_sync_text (review, TRUE));
  return review;
}

static gboolean
contains (const char *text, const char *part)
{
  return text != NULL && strstr (text, part) != NULL;
}

/* The case list's row of the newest case: its subtitle. */
static char *
dup_newest_row_subtitle (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cases = ekyc_application_query_cases (w.app, NULL, -1, -1, -1, &error);
  g_autoptr(GObject) newest = NULL;
  GtkWidget *row;
  char *subtitle;

  g_assert_no_error (error);
  newest = g_list_model_get_item (cases, 0);
  row = g_object_ref_sink (ekyc_case_row_new (newest, NULL));
  subtitle = g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  g_object_unref (row);
  g_test_message ("case row: %s", subtitle);
  return subtitle;
}

/* Never set up: the outbox keeps the cases, and every word says they stay here. */
static void
test_without_server_results_stay_here (void)
{
  g_autofree char *row = NULL;
  EkycReviewPage *review;
  const char *text;

  g_assert_null (ekyc_sync_service_get_server_url (w.sync));
  g_assert_false (ekyc_case_sync_has_server (w.sync));
  save_case ();
  save_case ();
  g_assert_cmpuint (ekyc_sync_service_get_pending (w.sync), >=, 2);
  ui_test_settle (100);

  text = header_text ();
  g_test_message ("header: %s", text);
  g_assert_cmpstr (text, ==, "Not connected to a central server");
  g_assert_false (contains (text, "to send"));

  review = review_newest_case ();
  g_assert_true (contains (ekyc_review_page_get_sync_text (review, FALSE),
                           "stays on this computer"));
  g_assert_true (contains (ekyc_review_page_get_sync_text (review, FALSE), "not connected"));
  g_assert_false (contains (ekyc_review_page_get_sync_text (review, FALSE), "waiting"));
  g_assert_true (contains (ekyc_review_page_get_sync_text (review, TRUE), "not connected"));
  g_assert_false (contains (ekyc_review_page_get_sync_text (review, TRUE), "once the result"));

  /* The case list's row too: kept here, not "Not sent". */
  row = dup_newest_row_subtitle ();
  g_assert_true (contains (row, "Kept on this computer"));
  g_assert_false (contains (row, "Not sent"));
}

static gboolean
enrolled_and_sent (gpointer data)
{
  return ekyc_sync_service_get_enrolled (w.sync) && ekyc_sync_service_get_pending (w.sync) == 0;
}

static gboolean
sync_failed (gpointer data)
{
  return ekyc_sync_service_get_pending (w.sync) > 0
         && ekyc_sync_service_get_last_error (w.sync) != NULL;
}

static void
enrol (void)
{
  g_autoptr(JsonObject) code = NULL;
  EkycPreferencesWindow *prefs;

  w.server = server_fixture_start (NULL);
  server_fixture_add_active_contract (w.server);
  code = server_fixture_admin (w.server, "POST", "/v1/admin/enrolment-codes",
                               "{\"customer\": \"bank-a\"}");
  prefs = ekyc_preferences_window_new (w.app);
  ekyc_preferences_window_enrol (prefs, w.server->base_uri,
                                 json_object_get_string_member (code, "code"));
  /* The two cases kept so far go out as soon as the computer is enrolled. */
  g_assert_true (ui_test_wait (enrolled_and_sent, NULL, 120));
  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* Enrolled, then the server stops answering: the items wait "to send", as they will be. */
static void
test_unreachable_server_counts_items_to_send (void)
{
  g_autofree char *row = NULL;
  EkycReviewPage *review;
  const char *text;

  enrol ();
  g_assert_true (ekyc_case_sync_has_server (w.sync));
  ui_test_settle (100);
  text = header_text ();
  g_test_message ("header once sent: %s", text);
  g_assert_false (contains (text, "Not connected"));
  g_assert_true (g_str_has_prefix (text, "Sent"));

  g_clear_pointer (&w.server, server_fixture_free);
  save_case ();
  g_assert_true (ui_test_wait (sync_failed, NULL, 120));
  ui_test_settle (100);
  text = header_text ();
  g_test_message ("header, server down: %s (%s)", text,
                  ekyc_sync_service_get_last_error (w.sync));
  /* (a case is more than one item of the outbox) */
  g_assert_true (contains (text, " to send"));
  g_assert_true (g_ascii_isdigit (text[0]));

  review = review_newest_case ();
  g_assert_cmpstr (ekyc_review_page_get_sync_text (review, FALSE), ==,
                   "Result: waiting to be sent.");
  g_assert_true (contains (ekyc_review_page_get_sync_text (review, TRUE),
                           "decided once the result is sent"));
  row = dup_newest_row_subtitle ();
  g_assert_true (contains (row, "Not sent"));
  g_assert_false (contains (row, "on this computer"));
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  ui_test_init (&argc, &argv);
  w.window = ui_test_start (&w.app, 1000, 760);
  g_assert_true (ekyc_application_sign_in (w.app, "giamsat", "mat-khau-dai-1", &error));
  g_assert_no_error (error);
  w.sync = ekyc_application_get_sync (w.app);
  g_assert_nonnull (w.sync);

  g_test_add_func ("/ui/no-server/without-server-results-stay-here",
                   test_without_server_results_stay_here);
  g_test_add_func ("/ui/no-server/unreachable-server-counts-items-to-send",
                   test_unreachable_server_counts_items_to_send);
  status = g_test_run ();
  ui_test_finish (g_steal_pointer (&w.app));
  g_clear_pointer (&w.server, server_fixture_free);
  return status;
}
