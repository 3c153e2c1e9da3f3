/* ekyc-screenshots-account.c — the Account page and Preferences > Server for docs/screenshots,
 * against a real ekyc-server on loopback (a contract ending within the month, a ticket)
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include "ekyc-preferences-window.h"
#include "ekyc-screenshots-account.h"
#include "server-fixture.h"
#include "ui-test-utils.h"

static void
admin (ServerFixture *server, const char *path, const char *json)
{
  guint status = 0;
  g_autoptr(JsonObject) reply = server_fixture_json (server, "POST", path, server->admin_token,
                                                     json, &status);

  if (status < 200 || status >= 300)
    g_printerr ("POST %s: %u\n", path, status);
}

static gboolean
synced (gpointer data)
{
  EkycSyncService *sync = data;

  return ekyc_sync_service_get_enrolled (sync) && ekyc_sync_service_get_pending (sync) == 0;
}

static gboolean
account_idle (gpointer data)
{
  return !ekyc_account_page_get_busy (data);
}

void
screenshots_account (EkycApplication *app, EkycWindow *window, ScreenshotFunc shoot)
{
  g_autoptr(ServerFixture) server = server_fixture_start (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = g_date_time_add_months (now, -11);
  g_autoptr(GDateTime) end = g_date_time_add_days (now, 20);
  g_autofree char *start_text = g_date_time_format (start, "%Y-%m-%d");
  g_autofree char *end_text = g_date_time_format (end, "%Y-%m-%d");
  g_autofree char *contract = NULL;
  g_autoptr(JsonObject) code = NULL;
  EkycSyncService *sync = ekyc_application_get_sync (app);
  EkycAccountPage *page = ekyc_window_get_account_page (window);
  EkycPreferencesWindow *prefs;
  guint status = 0;

  if (sync == NULL)
    return;
  admin (server, "/v1/admin/customers", "{\"id\": \"bank-a\", \"name\": \"Ngân hàng A\"}");
  admin (server, "/v1/admin/units", "{\"id\": \"cty-kv1\", \"name\": \"Công ty khu vực 1\", "
                                    "\"kind\": \"regional-company\"}");
  contract = g_strdup_printf ("{\"id\": \"hd-1\", \"customer\": \"bank-a\", \"unit\": \"cty-kv1\", "
                              "\"start_date\": \"%s\", \"end_date\": \"%s\"}",
                              start_text, end_text);
  admin (server, "/v1/admin/contracts", contract);
  admin (server, "/v1/admin/contracts/hd-1/activate", "{}");
  code = server_fixture_json (server, "POST", "/v1/admin/enrolment-codes", server->admin_token,
                              "{\"customer\": \"bank-a\"}", &status);
  if (code == NULL)
    return;

  prefs = ekyc_preferences_window_new (app);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (prefs));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "server");
  ekyc_preferences_window_enrol (prefs, server->base_uri,
                                 json_object_get_string_member (code, "code"));
  ui_test_wait (synced, sync, 60);
  shoot (GTK_WIDGET (prefs), "10-preferences-server");
  gtk_window_destroy (GTK_WINDOW (prefs));

  ekyc_window_show_page (window, "account");
  ui_test_wait (account_idle, page, 30);
  ekyc_account_page_open_ticket (page, "technical", "Máy quét không nhận thẻ CCCD",
                                 "Quầy 1, từ sáng nay");
  ui_test_wait (account_idle, page, 30);
  shoot (GTK_WIDGET (window), "11-account");
}
