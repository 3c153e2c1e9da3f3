/* test-ui-sync-evidence.c — per case, the app says whether the result synced and where the
 * evidence images are: uploaded (the customer's policy asks for them), kept in the branch (it
 * does not), failed with the server's reason (a damaged image). Against a real ekyc-server on
 * loopback; checked in app/sync's getter, in the review page and in the case list (its row and
 * its evidence filter)
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "ekyc-case-list-page.h"
#include "ekyc-case.h"
#include "ekyc-preferences-window.h"
#include "ekyc-result-page.h"
#include "ekyc-review-page.h"
#include "ekyc-store.h"
#include "ekyc-window-private.h"
#include "server-fixture.h"
#include "test-utils.h"
#include "ui-test-utils.h"

#define SUPERVISOR "giamsat"
#define PASSWORD   "mat-khau-dai-1"

/* One server, app and window for the program; the tests run in order, as a branch's day. */
typedef struct {
  ServerFixture   *server;
  EkycApplication *app;
  EkycWindow      *window;
  EkycSyncService *sync;
  UiTestCard       card;
  gboolean         have_card;
  char            *uploaded_id;   /* the case of the first test */
} World;

static World w;

static void
admin (const char *method, const char *path, const char *json)
{
  g_autoptr(JsonObject) reply = server_fixture_admin (w.server, method, path, json);
}

static gboolean
enrolled (gpointer data)
{
  return ekyc_sync_service_get_enrolled (w.sync);
}

static void
set_evidence_policy (gboolean upload)
{
  admin ("PUT", "/v1/admin/customers/bank-a/evidence-policy",
         upload ? "{\"upload\": true}" : "{\"upload\": false}");
}

static gboolean
all_sent (gpointer data)
{
  EkycSyncEvidence *evidence = ekyc_sync_service_get_evidence (w.sync);

  return ekyc_sync_service_get_pending (w.sync) == 0
         && ekyc_sync_evidence_get_pending (evidence) == 0
         && !ekyc_sync_evidence_get_busy (evidence);
}

/* Waits until the case's result is on the server and its images' fate is decided. */
static EkycSyncEvidenceState
wait_for_evidence (const char *case_id, guint *n_uploaded, char **reason)
{
  EkycSyncEvidenceState state = EKYC_SYNC_EVIDENCE_STATE_NONE;
  gint64 end = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      state = ekyc_sync_service_get_case_evidence (w.sync, case_id, NULL, NULL);
      if (state != EKYC_SYNC_EVIDENCE_STATE_NONE && state != EKYC_SYNC_EVIDENCE_STATE_PENDING
          && all_sent (NULL))
        break;
      ui_test_settle (50);
    }
  return ekyc_sync_service_get_case_evidence (w.sync, case_id, n_uploaded, reason);
}

/* (transfer full): the id of the newest case. */
static char *
newest_case_id (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cases = ekyc_application_query_cases (w.app, NULL, -1, -1, -1, &error);
  g_autoptr(GObject) newest = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cases), >, 0);
  newest = g_list_model_get_item (cases, 0);
  return g_strdup (ekyc_case_get_id (EKYC_CASE (newest)));
}

/* The window's case list, refreshed, shows @case_id's row with @label; the evidence filter
 * @filter finds it and the filter @other does not. */
static gboolean
list_idle (gpointer data)
{
  return !ekyc_case_list_page_get_loading (data) && !ekyc_window_get_busy (w.window);
}

static gboolean
row_says (EkycCaseListPage *list, const char *label)
{
  for (guint i = 0; i < ekyc_case_list_page_get_n_cases (list); i++)
    {
      g_autofree char *subtitle = ekyc_case_list_page_dup_row_subtitle (list, i);

      if (subtitle != NULL && strstr (subtitle, label) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
assert_case_list (const char *label, guint filter, guint other)
{
  EkycCaseListPage *list = ekyc_window_get_case_list_page (w.window);

  ekyc_window_show_page (w.window, "cases");
  ekyc_case_list_page_set_evidence_filter (list, 0);
  _ekyc_window_refresh_cases (w.window);
  g_assert_true (ui_test_wait (list_idle, list, 60));
  ui_test_settle (50);
  g_test_message ("case list row: %s", label);
  g_assert_true (row_says (list, label));
  ekyc_case_list_page_set_evidence_filter (list, filter);
  ui_test_settle (50);
  g_assert_cmpuint (ekyc_case_list_page_get_n_cases (list), >=, 1);
  g_assert_true (row_says (list, label));
  ekyc_case_list_page_set_evidence_filter (list, other);
  ui_test_settle (50);
  g_assert_false (row_says (list, label));
  ekyc_case_list_page_set_evidence_filter (list, 0);
}

/* A teller's verification with the factory card, a name corrected by hand (so REVIEW), saved;
 * the policy asks for images: the result syncs, every image is uploaded once, and the review
 * page and the case list say so. */
static void
test_uploaded_case_shows_uploaded (void)
{
  EkycResultPage *result;
  EkycReviewPage *review = ekyc_window_get_review_page (w.window);
  g_autofree char *reason = NULL;
  const char *text;
  guint n = 0;

  if (!w.have_card)
    {
      g_test_skip ("no factory card (shared faces missing)");
      return;
    }
  set_evidence_policy (TRUE);
  gtk_widget_activate_action (GTK_WIDGET (w.window), "flow.restart", NULL);
  ui_test_settle (50);
  g_assert_cmpuint (ui_test_import (w.window, w.card.front), ==, 1);
  g_assert_cmpuint (ui_test_import (w.window, w.card.back), ==, 2);
  g_assert_cmpuint (ui_test_import (w.window, w.card.other_photo), ==, 3);
  result = ekyc_window_get_result_page (w.window);
  gtk_editable_set_text (ekyc_result_page_get_field_editable (result, EKYC_CARD_FIELD_FULL_NAME),
                         "NGUYỄN VĂN SỬA");
  g_assert_cmpstr (ekyc_result_page_get_decision_name (result), ==, "review");
  ui_test_save (w.window);
  w.uploaded_id = newest_case_id ();

  g_assert_cmpint (wait_for_evidence (w.uploaded_id, &n, &reason), ==,
                   EKYC_SYNC_EVIDENCE_STATE_UPLOADED);
  g_assert_null (reason);
  g_assert_cmpuint (n, >=, 2);
  /* What the app counts is what the server holds. */
  g_assert_cmpint (server_fixture_count (w.server, "evidence", "case_id", w.uploaded_id), ==, n);

  /* The supervisor opens it in the review queue. */
  ekyc_window_show_page (w.window, "review");
  _ekyc_window_refresh_cases (w.window);
  g_assert_true (ui_test_wait_idle (w.window, 60));
  ekyc_review_page_select_first (review);
  g_assert_true (ui_test_wait_idle (w.window, 60));
  text = ekyc_review_page_get_sync_text (review, FALSE);
  g_test_message ("review page: %s / %s", text, ekyc_review_page_get_sync_text (review, TRUE));
  g_assert_nonnull (strstr (text, "sent to the central server"));
  g_assert_nonnull (strstr (ekyc_review_page_get_sync_text (review, TRUE), "uploaded"));

  assert_case_list ("Images uploaded", 2, 1);
}

/* The customer turns uploads off: the next case's images stay in the branch, and say so. */
static void
test_policy_off_shows_kept (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL, *reason = NULL;
  guint n = 99;

  set_evidence_policy (FALSE);
  g_assert_true (ekyc_application_save_verification (w.app,
                                                     ekyc_window_get_verification (w.window),
                                                     &id, &error));
  g_assert_no_error (error);
  ekyc_sync_service_sync_now (w.sync);
  g_assert_cmpint (wait_for_evidence (id, &n, &reason), ==, EKYC_SYNC_EVIDENCE_STATE_KEPT);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (server_fixture_count (w.server, "evidence", "case_id", id), ==, 0);
  assert_case_list ("Images kept in the branch", 1, 2);
}

/* A case whose selfie in the store is damaged (not a JPEG): the server refuses it for good; the
 * case says the upload failed, with the server's reason in the user's words, and the first
 * case's state is untouched. */
static void
test_refused_image_shows_failed_with_reason (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycStore) store = NULL;
  g_autoptr(EkycSession) session = NULL;
  g_autoptr(EkycCase) kase = ekyc_case_new (SUPERVISOR);
  g_autoptr(GBytes) damaged = g_bytes_new_static ("this is not a JPEG picture", 26);
  g_autofree char *reason = NULL;
  g_autofree char *detail = NULL;
  const char *reasons[] = { "field-edited", NULL };
  EkycReviewPage *review = ekyc_window_get_review_page (w.window);
  g_autoptr(GListModel) queue = NULL;

  set_evidence_policy (TRUE);
  /* The damaged image is saved through a second connection to the same case store. */
  store = ekyc_store_open (g_getenv ("EKYC_STORE_PATH"), EKYC_STORE_FLAGS_NO_KEYRING, NULL,
                           &error);
  g_assert_no_error (error);
  session = ekyc_store_sign_in (store, SUPERVISOR, PASSWORD, NULL, &error);
  g_assert_no_error (error);
  ekyc_case_set_field (kase, EKYC_FIELD_FULL_NAME, "Trần Văn Hỏng", EKYC_FIELD_SOURCE_QR);
  ekyc_case_set_evidence (kase, EKYC_EVIDENCE_SELFIE, "image/jpeg", damaged);
  ekyc_case_set_similarity (kase, 0.5);
  ekyc_case_set_decision (kase, EKYC_DECISION_REVIEW, reasons);
  g_assert_true (ekyc_store_save_case (store, session, kase, NULL, &error));
  g_assert_no_error (error);
  ekyc_sync_service_sync_now (w.sync);

  g_assert_cmpint (wait_for_evidence (ekyc_case_get_id (kase), NULL, &reason), ==,
                   EKYC_SYNC_EVIDENCE_STATE_FAILED);
  g_test_message ("refused: %s", reason);
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, "not a JPEG"));
  g_assert_cmpint (ekyc_sync_service_get_case_evidence (w.sync, w.uploaded_id ? w.uploaded_id
                                                        : ekyc_case_get_id (kase), NULL, NULL),
                   ==, w.uploaded_id ? EKYC_SYNC_EVIDENCE_STATE_UPLOADED
                                     : EKYC_SYNC_EVIDENCE_STATE_FAILED);

  /* The review page shows the reason beside the case (it is in the queue: REVIEW). */
  ekyc_window_show_page (w.window, "review");
  _ekyc_window_refresh_cases (w.window);
  g_assert_true (ui_test_wait_idle (w.window, 60));
  queue = ekyc_application_query_cases (w.app, "Trần Văn Hỏng", -1, 1, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (queue), ==, 1);
  ekyc_review_page_select_first (review);
  g_assert_true (ui_test_wait_idle (w.window, 60));
  detail = g_strdup (ekyc_review_page_get_sync_text (review, TRUE));
  if (strstr (detail, "not a JPEG") == NULL)
    {
      /* The first row is another case: open this one by name. */
      g_autoptr(GObject) item = g_list_model_get_item (queue, 0);
      g_autoptr(GObject) full = ekyc_application_load_case (w.app, item, &error);

      g_assert_no_error (error);
      ekyc_review_page_show_case (review, full, NULL, NULL, NULL);
      g_free (detail);
      detail = g_strdup (ekyc_review_page_get_sync_text (review, TRUE));
    }
  g_test_message ("review page: %s", detail);
  g_assert_nonnull (strstr (detail, "upload failed"));
  g_assert_nonnull (strstr (detail, "not a JPEG"));

  assert_case_list ("Image upload failed", 4, 2);
}

static void
setup_world (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = NULL;
  EkycPreferencesWindow *prefs;

  w.server = server_fixture_start (NULL);
  server_fixture_add_active_contract (w.server);
  admin ("POST", "/v1/admin/contracts/hd-1/inform", "{}");

  w.have_card = ui_test_card_make (&w.card, "ekyc-ui-evidence", "31");
  w.window = ui_test_start (&w.app, 1000, 760);
  g_assert_true (ui_test_wait_engine (w.app, 120));
  g_assert_true (ekyc_application_sign_in (w.app, SUPERVISOR, PASSWORD, &error));
  g_assert_no_error (error);
  w.sync = ekyc_application_get_sync (w.app);
  g_assert_nonnull (w.sync);

  /* A supervisor enrols this computer in Preferences with the operator's code. */
  reply = server_fixture_admin (w.server, "POST", "/v1/admin/enrolment-codes",
                                "{\"customer\": \"bank-a\"}");
  prefs = ekyc_preferences_window_new (w.app);
  ekyc_preferences_window_enrol (prefs, w.server->base_uri,
                                 json_object_get_string_member (reply, "code"));
  g_assert_true (ui_test_wait (enrolled, NULL, 30));
  gtk_window_destroy (GTK_WINDOW (prefs));
}

int
main (int argc, char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);
  setup_world ();
  g_test_add_func ("/ui/sync-evidence/uploaded-case-shows-uploaded",
                   test_uploaded_case_shows_uploaded);
  g_test_add_func ("/ui/sync-evidence/policy-off-shows-kept", test_policy_off_shows_kept);
  g_test_add_func ("/ui/sync-evidence/refused-image-shows-failed-with-reason",
                   test_refused_image_shows_failed_with_reason);
  status = g_test_run ();
  ui_test_finish (g_steal_pointer (&w.app));
  server_fixture_free (w.server);
  if (w.have_card)
    ui_test_card_clear (&w.card);
  g_free (w.uploaded_id);
  return status;
}
