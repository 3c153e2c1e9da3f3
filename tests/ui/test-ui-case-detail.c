/* test-ui-case-detail.c — a case opened from the case list on a real store file: the right case
 * with its decision, the teller's edit with both values, purged evidence said as such, the
 * viewing audited, Escape back to the list with its search, a supervisor sent to the review
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "ekyc-case.h"
#include "ekyc-store.h"
#include "ekyc-window-private.h"
#include "test-utils.h"
#include "ui-test-utils.h"

#define SUPERVISOR "giamsat"
#define TELLER     "giaodichvien"
#define PASSWORD   "mat-khau-dai-1"

#define LAN_NAME   "Nguyễn Thị Lan"
#define LAN_NUMBER "001190000011"
#define BINH_READ  "TRAN VAN BINH"
#define BINH_NAME  "Trần Văn Bình"
#define BINH_NUMBER "079090000013"
#define OLD_NAME   "Lê Văn Cũ"
#define OLD_NUMBER "001090000012"

static char *lan_id, *binh_id, *old_id;

static GBytes *
shared_photo (const char *person, const char *file)
{
  g_autofree char *path = ekyc_test_shared_path ("faces", "lfw", person, file, NULL);
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  return g_bytes_new_take (g_steal_pointer (&data), length);
}

static EkycCase *
make_case (const char *name, const char *number, const char *person, const char *card_photo,
           const char *selfie_photo, EkycDecision decision, const char *reason)
{
  EkycCase *kase = ekyc_case_new (TELLER);
  g_autoptr(GBytes) card = shared_photo (person, card_photo);
  g_autoptr(GBytes) selfie = shared_photo (person, selfie_photo);
  const char *reasons[] = { reason, NULL };

  ekyc_case_set_field (kase, EKYC_FIELD_FULL_NAME, name, EKYC_FIELD_SOURCE_QR);
  ekyc_case_set_field (kase, EKYC_FIELD_ID_NUMBER, number, EKYC_FIELD_SOURCE_QR);
  ekyc_case_set_field (kase, EKYC_FIELD_BIRTH_DATE, "1990-04-12", EKYC_FIELD_SOURCE_QR);
  ekyc_case_set_evidence (kase, EKYC_EVIDENCE_CARD_PORTRAIT, "image/jpeg", card);
  ekyc_case_set_evidence (kase, EKYC_EVIDENCE_SELFIE, "image/jpeg", selfie);
  ekyc_case_set_similarity (kase, decision == EKYC_DECISION_PASS ? 0.71 : 0.52);
  ekyc_case_set_passive_liveness (kase, 0.93);
  ekyc_case_set_check (kase, "face-match", EKYC_CHECK_OUTCOME_PASSED, "Similarity 0.71.");
  ekyc_case_set_decision (kase, decision, reasons);
  return kase;
}

static void
save (EkycStore *store, EkycSession *session, EkycCase *kase, char **id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ekyc_store_save_case (store, session, kase, NULL, &error));
  g_assert_no_error (error);
  *id = g_strdup (ekyc_case_get_id (kase));
}

/* Before the app starts: a PASS case; a case whose name the teller corrected, sent to review;
 * a case 40 days old under a 30-day retention, whose evidence the app purges when it starts. */
static void
prepare_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycStore) store = ekyc_store_open (path, EKYC_STORE_FLAGS_NO_KEYRING, NULL, &error);
  g_autoptr(EkycSession) supervisor = NULL;
  g_autoptr(EkycCase) lan = NULL, binh = NULL, old = NULL;
  g_autofree char *age = NULL;
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  g_assert_true (ekyc_store_create_user (store, NULL, SUPERVISOR, "Giám sát", PASSWORD,
                                         EKYC_ROLE_SUPERVISOR, NULL, &error));
  supervisor = ekyc_store_sign_in (store, SUPERVISOR, PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ekyc_store_create_user (store, supervisor, TELLER, "Giao dịch viên", PASSWORD,
                                         EKYC_ROLE_TELLER, NULL, &error));
  g_assert_true (ekyc_store_set_retention_days (store, supervisor, 30, &error));
  g_assert_no_error (error);

  old = make_case (OLD_NAME, OLD_NUMBER, "Colin_Powell", "Colin_Powell_0040.jpg",
                   "Colin_Powell_0049.jpg", EKYC_DECISION_PASS, "all-passed");
  save (store, supervisor, old, &old_id);
  lan = make_case (LAN_NAME, LAN_NUMBER, "Aicha_El_Ouafi", "Aicha_El_Ouafi_0001.jpg",
                   "Aicha_El_Ouafi_0002.jpg", EKYC_DECISION_PASS, "all-passed");
  save (store, supervisor, lan, &lan_id);
  binh = make_case (BINH_READ, BINH_NUMBER, "Colin_Powell", "Colin_Powell_0071.jpg",
                    "Colin_Powell_0095.jpg", EKYC_DECISION_REVIEW, "field-edits");
  g_assert_true (ekyc_case_edit_field (binh, EKYC_FIELD_FULL_NAME, BINH_NAME, TELLER, &error));
  ekyc_case_set_check (binh, "field-edits", EKYC_CHECK_OUTCOME_REVIEW,
                       "Changed from what the card says: Full name.");
  save (store, supervisor, binh, &binh_id);
  g_clear_object (&store);

  age = g_strdup_printf ("UPDATE cases SET created_at = created_at - %" G_GINT64_FORMAT
                         " WHERE id = '%s'", (gint64) 40 * G_TIME_SPAN_DAY, old_id);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, age, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static gboolean
purge_finished (gpointer app)
{
  return !ekyc_application_get_purging (app);
}

static gboolean
page_opened (gpointer page)
{
  return !ekyc_case_detail_page_get_loading (page)
         && (ekyc_case_detail_page_get_case (page) != NULL
             || ekyc_case_detail_page_get_error (page) != NULL);
}

typedef struct {
  EkycWindow *window;
  guint       n_cases;
} ListWait;

static gboolean
list_shows (gpointer data)
{
  ListWait *w = data;
  EkycCaseListPage *list = ekyc_window_get_case_list_page (w->window);

  return !ekyc_window_get_busy (w->window) && !ekyc_case_list_page_get_loading (list)
         && ekyc_case_list_page_get_n_cases (list) == w->n_cases;
}

static void
wait_for_list (EkycWindow *window, guint n_cases)
{
  ListWait w = { window, n_cases };

  g_assert_true (ui_test_wait (list_shows, &w, 30));
}

/* Activates (as Enter on it does) the row of the case of @name. */
static void
open_case (EkycWindow *window, const char *name)
{
  EkycCaseListPage *list = ekyc_window_get_case_list_page (window);
  GtkListBox *box = GTK_LIST_BOX (ui_test_find_child (GTK_WIDGET (list), GTK_TYPE_LIST_BOX));
  EkycCaseDetailPage *page = ekyc_window_get_case_detail_page (window);
  int found = -1;

  for (guint i = 0; i < ekyc_case_list_page_get_n_cases (list) && found < 0; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (box, (int) i);

      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), name) == 0)
        found = (int) i;
    }
  g_assert_cmpint (found, >=, 0);
  /* Enter on a focused row is the row's "activate" signal, as a click is. */
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (box, found)));
  g_assert_true (gtk_widget_activate (GTK_WIDGET (gtk_list_box_get_row_at_index (box, found))));
  g_assert_cmpstr (ekyc_window_get_page_name (window), ==, "case");
  g_assert_true (ui_test_wait (page_opened, page, 30));
  g_assert_null (ekyc_case_detail_page_get_error (page));
  g_assert_true (ui_test_wait_idle (window, 30));
}

/* Presses Escape on the page: its shortcut controller's binding for the key, run as the
 * controller runs it. */
static void
press_escape (EkycCaseDetailPage *page)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (page));
  gboolean pressed = FALSE;

  for (guint c = 0; c < g_list_model_get_n_items (controllers) && !pressed; c++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, c);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !pressed; i++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), i);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (!GTK_IS_KEYVAL_TRIGGER (trigger)
              || gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) != GDK_KEY_Escape
              || gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) != 0)
            continue;
          pressed = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                  GTK_WIDGET (page), NULL);
        }
    }
  g_assert_true (pressed);
}

static gboolean
audit_of_case_has (EkycApplication *app, const char *case_id, const char *action,
                   const char *actor)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) audit = ekyc_application_list_audit (app, case_id, &error);
  gboolean found = FALSE;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (audit) && !found; i++)
    {
      g_autoptr(GObject) entry = g_list_model_get_item (audit, i);
      g_autofree char *name = NULL, *who = NULL;

      g_object_get (entry, "action", &name, "actor", &who, NULL);
      found = g_strcmp0 (name, action) == 0 && g_strcmp0 (who, actor) == 0;
    }
  return found;
}

static gboolean
review_shows_case (gpointer data)
{
  EkycWindow *window = data;
  GObject *kase = ekyc_review_page_get_case (ekyc_window_get_review_page (window));
  g_autofree char *id = NULL;

  if (kase == NULL || ekyc_window_get_busy (window))
    return FALSE;
  g_object_get (kase, "id", &id, NULL);
  return g_strcmp0 (id, binh_id) == 0;
}

/* The page shows BINH's case, read again since it was approved. */
static gboolean
page_shows_approved (gpointer data)
{
  EkycCaseDetailPage *page = data;
  GObject *kase = ekyc_case_detail_page_get_case (page);
  EkycReviewState state = EKYC_REVIEW_STATE_NONE;
  g_autofree char *id = NULL;

  if (kase == NULL || ekyc_case_detail_page_get_loading (page))
    return FALSE;
  g_object_get (kase, "id", &id, "review-state", &state, NULL);
  return g_strcmp0 (id, binh_id) == 0 && state == EKYC_REVIEW_STATE_APPROVED;
}

static EkycApplication *app;
static EkycWindow *window;

/* The store prepared, the app started on it (which purges the old case), a supervisor signed in
 * and the case list shown: once for the program. */
static gboolean
start_app (void)
{
  const char *path = g_getenv ("EKYC_STORE_PATH");

  if (path == NULL)
    {
      g_test_skip ("needs EKYC_STORE_PATH (run through xvfb-wrapper.sh)");
      return FALSE;
    }
  if (window != NULL)
    return TRUE;
  prepare_store (path);
  window = ui_test_start (&app, 1000, 700);
  g_assert_true (ui_test_wait (purge_finished, app, 60));
  ui_test_sign_in (window, app);
  return TRUE;
}

static void
test_open_cases_from_the_list (void)
{
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autofree char *today_text = g_date_time_format (today, "%d/%m/%Y");
  g_autofree char *field = NULL, *history = NULL;
  EkycCaseDetailPage *page;
  EkycCaseListPage *list;
  EkycReviewPage *review;
  const char *subtitle, *note;
  GtkWidget *focus;

  if (!start_app ())
    return;
  page = ekyc_window_get_case_detail_page (window);
  list = ekyc_window_get_case_list_page (window);
  ekyc_window_show_page (window, "cases");
  wait_for_list (window, 3);

  /* Two cases with different data: each row opens its own. */
  g_assert_false (audit_of_case_has (app, lan_id, "case-viewed", SUPERVISOR));
  open_case (window, LAN_NAME);
  g_assert_cmpstr (ekyc_case_detail_page_get_title (page), ==, LAN_NAME);
  subtitle = ekyc_case_detail_page_get_subtitle (page);
  g_assert_nonnull (strstr (subtitle, LAN_NUMBER));
  g_assert_nonnull (strstr (subtitle, lan_id));
  g_assert_cmpstr (ekyc_case_detail_page_get_decision (page), ==,
                   ekyc_decision_to_label (EKYC_DECISION_PASS));
  g_assert_null (ekyc_case_detail_page_get_evidence_note (page));
  g_assert_false (ekyc_case_detail_page_get_can_review (page));
  /* Seeing the case is recorded, by whom, and the page's history ends with it. */
  g_assert_true (audit_of_case_has (app, lan_id, "case-viewed", SUPERVISOR));
  g_assert_false (audit_of_case_has (app, binh_id, "case-viewed", SUPERVISOR));
  history = ekyc_case_detail_page_dup_history (page);
  g_assert_nonnull (strstr (history, "Case created"));
  /* What the store wrote on saving ("decision=pass fields=3 edits=0 checks=1"), in words. */
  g_test_message ("history: %s", history);
  g_assert_null (strstr (history, "decision="));
  g_assert_nonnull (strstr (history, "Decision: PASS · 3 fields, 0 edited · 1 check"));
  g_strstrip (history);
  g_assert_nonnull (strrchr (history, '\n'));
  g_assert_true (g_str_has_prefix (strrchr (history, '\n') + 1, "Case viewed"));
  g_assert_true (g_str_has_suffix (history, SUPERVISOR));

  press_escape (page);
  g_assert_cmpstr (ekyc_window_get_page_name (window), ==, "cases");
  g_assert_null (ekyc_case_detail_page_get_case (page));
  /* The keyboard goes on from the row of the case just seen. */
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (ADW_IS_ACTION_ROW (focus));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (focus)), ==, LAN_NAME);

  /* A search, then the corrected case: both values and who changed it. */
  ekyc_case_list_page_set_search (list, "tran van");
  wait_for_list (window, 1);
  open_case (window, BINH_NAME);
  g_assert_cmpstr (ekyc_case_detail_page_get_title (page), ==, BINH_NAME);
  g_assert_nonnull (strstr (ekyc_case_detail_page_get_subtitle (page), BINH_NUMBER));
  g_assert_cmpstr (ekyc_case_detail_page_get_decision (page), ==,
                   ekyc_decision_to_label (EKYC_DECISION_REVIEW));
  field = ekyc_case_detail_page_dup_field_text (page, EKYC_FIELD_FULL_NAME);
  g_assert_nonnull (field);
  g_assert_nonnull (strstr (field, BINH_READ));
  g_assert_nonnull (strstr (field, BINH_NAME));
  g_assert_true (strstr (field, BINH_READ) < strstr (field, BINH_NAME));
  g_assert_nonnull (strstr (field, TELLER));
  g_clear_pointer (&field, g_free);
  field = ekyc_case_detail_page_dup_field_text (page, EKYC_FIELD_BIRTH_DATE);
  g_assert_nonnull (strstr (field, "1990-04-12"));
  g_assert_null (strstr (field, "→"));
  g_assert_true (audit_of_case_has (app, binh_id, "case-viewed", SUPERVISOR));
  g_clear_pointer (&history, g_free);
  history = ekyc_case_detail_page_dup_history (page);
  g_assert_nonnull (strstr (history, "Decision: REVIEW · 3 fields, 1 edited · 2 checks"));

  /* Escape: the list as it was, search included. */
  press_escape (page);
  g_assert_cmpstr (ekyc_window_get_page_name (window), ==, "cases");
  g_assert_cmpstr (ekyc_case_list_page_get_search (list), ==, "tran van");
  g_assert_cmpuint (ekyc_case_list_page_get_n_cases (list), ==, 1);

  /* The purged case says when its pictures went, and why. */
  ekyc_case_list_page_set_search (list, "");
  wait_for_list (window, 3);
  open_case (window, OLD_NAME);
  g_assert_cmpstr (ekyc_case_detail_page_get_title (page), ==, OLD_NAME);
  note = ekyc_case_detail_page_get_evidence_note (page);
  g_assert_nonnull (note);
  g_assert_nonnull (strstr (note, "retention"));
  g_assert_nonnull (strstr (note, today_text));
  press_escape (page);

  /* A supervisor on a case waiting for review goes to the review page, to that case. */
  open_case (window, BINH_NAME);
  g_assert_true (ekyc_case_detail_page_get_can_review (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.review", NULL));
  g_assert_cmpstr (ekyc_window_get_page_name (window), ==, "review");
  g_assert_true (ui_test_wait (review_shows_case, window, 30));

  /* Approved there: back on Cases, the page shows the case as it now is, not as it was. */
  review = ekyc_window_get_review_page (window);
  ekyc_review_page_set_note (review, "Đã đối chiếu giấy tờ gốc tại quầy.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.approve", NULL));
  g_assert_true (ui_test_wait_idle (window, 60));
  g_assert_null (ekyc_review_page_get_error (review));
  ekyc_window_show_page (window, "cases");
  g_assert_cmpstr (ekyc_window_get_page_name (window), ==, "case");
  g_assert_true (ui_test_wait (page_shows_approved, page, 30));
  g_assert_cmpstr (ekyc_case_detail_page_get_title (page), ==, BINH_NAME);
  g_assert_false (ekyc_case_detail_page_get_can_review (page));
  g_clear_pointer (&history, g_free);
  history = ekyc_case_detail_page_dup_history (page);
  g_test_message ("history after the review: %s", history);
  g_assert_nonnull (strstr (history, SUPERVISOR));
  press_escape (page);
}

static gboolean
exported (gpointer data)
{
  return ui_test_audit_has (app, "cases-exported", NULL);
}

/* The export takes every filter the list shows, the evidence upload state's too (it runs on
 * the page, on app/sync's states, not in the store). */
static void
test_export_applies_the_evidence_filter (void)
{
  EkycCaseListPage *list;
  g_autoptr(GHashTable) states = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *dir = NULL, *export_path = NULL;
  g_autoptr(GFile) export_file = NULL;
  JsonArray *cases;

  if (!start_app ())
    return;
  list = ekyc_window_get_case_list_page (window);
  ekyc_window_show_page (window, "cases");
  ekyc_case_list_page_set_search (list, "");
  wait_for_list (window, 3);
  /* Where the images are, as app/sync tells the list: only Lan's are kept in the branch. */
  states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert (states, g_strdup (lan_id),
                       GUINT_TO_POINTER (EKYC_SYNC_EVIDENCE_STATE_KEPT));
  g_hash_table_insert (states, g_strdup (binh_id),
                       GUINT_TO_POINTER (EKYC_SYNC_EVIDENCE_STATE_UPLOADED));
  ekyc_case_list_page_set_evidence_states (list, states);
  ekyc_case_list_page_set_evidence_filter (list, 1);
  g_assert_cmpuint (ekyc_case_list_page_get_n_cases (list), ==, 1);

  dir = g_dir_make_tmp ("ekyc-ui-case-export-XXXXXX", &error);
  g_assert_no_error (error);
  export_path = g_build_filename (dir, "cases.json", NULL);
  export_file = g_file_new_for_path (export_path);
  g_assert_false (ui_test_audit_has (app, "cases-exported", NULL));
  _ekyc_window_export_to (window, export_file);
  g_assert_true (ui_test_wait (exported, NULL, 30));
  g_assert_true (json_parser_load_from_file (parser, export_path, &error));
  g_assert_no_error (error);
  cases = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (cases), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (cases, 0), "id"),
                   ==, lan_id);
  ekyc_case_list_page_set_evidence_filter (list, 0);
  ekyc_test_remove_tree (dir);
}

/* Signing out leaves no customer on the page. */
static void
test_sign_out_empties_the_page (void)
{
  EkycCaseDetailPage *page;

  if (!start_app ())
    return;
  page = ekyc_window_get_case_detail_page (window);
  ekyc_window_show_page (window, "cases");
  wait_for_list (window, 3);
  open_case (window, LAN_NAME);
  g_assert_nonnull (ekyc_case_detail_page_get_case (page));
  ekyc_application_sign_out (app);
  ui_test_settle (50);
  g_assert_null (ekyc_case_detail_page_get_case (page));
  g_assert_cmpstr (ekyc_case_detail_page_get_title (page), ==, "");
}

int
main (int argc, char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);
  g_test_add_func ("/ui/case-detail/open-cases-from-the-list", test_open_cases_from_the_list);
  g_test_add_func ("/ui/case-detail/export-applies-the-evidence-filter",
                   test_export_applies_the_evidence_filter);
  g_test_add_func ("/ui/case-detail/sign-out-empties-the-page", test_sign_out_empties_the_page);
  status = g_test_run ();
  if (app != NULL)
    {
      window = NULL;
      ui_test_finish (g_steal_pointer (&app));
    }
  return status;
}
