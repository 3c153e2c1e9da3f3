/* test-ui-privacy.c — the app's privacy duties on a real store file: evidence past the
 * retention period is purged when the app starts, and a supervisor (only) exports cases
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <glib/gstdio.h>
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

static char *old_case_id;
static char *new_case_id;

static EkycCase *
make_case (const char *teller, const char *name, const char *id_number)
{
  EkycCase *kase = ekyc_case_new (teller);
  g_autofree char *photo = ekyc_test_shared_path ("faces", "lfw", "Phil_Jackson",
                                                  "Phil_Jackson_0001.jpg", NULL);
  g_autofree char *data = NULL;
  gsize length = 0;
  g_autoptr(GBytes) selfie = NULL;
  const char *reasons[] = { "all-passed", NULL };

  g_assert_true (g_file_get_contents (photo, &data, &length, NULL));
  selfie = g_bytes_new_take (g_steal_pointer (&data), length);
  ekyc_case_set_field (kase, EKYC_FIELD_FULL_NAME, name, EKYC_FIELD_SOURCE_QR);
  ekyc_case_set_field (kase, EKYC_FIELD_ID_NUMBER, id_number, EKYC_FIELD_SOURCE_QR);
  ekyc_case_set_evidence (kase, EKYC_EVIDENCE_SELFIE, "image/jpeg", selfie);
  ekyc_case_set_similarity (kase, 0.7);
  ekyc_case_set_passive_liveness (kase, 0.95);
  ekyc_case_set_decision (kase, EKYC_DECISION_PASS, reasons);
  return kase;
}

/* Before the app starts: a supervisor and a teller, a 30-day retention, one case 40 days old and
 * one from today. */
static void
prepare_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycStore) store = ekyc_store_open (path, EKYC_STORE_FLAGS_NO_KEYRING, NULL, &error);
  g_autoptr(EkycSession) supervisor = NULL;
  g_autoptr(EkycCase) old_case = make_case (TELLER, "Trần Thị Cũ", "001190000011");
  g_autoptr(EkycCase) new_case = make_case (TELLER, "Lê Văn Mới", "001090000012");
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  g_assert_true (ekyc_store_create_user (store, NULL, SUPERVISOR, "Giám sát", PASSWORD,
                                         EKYC_ROLE_SUPERVISOR, NULL, &error));
  g_assert_no_error (error);
  supervisor = ekyc_store_sign_in (store, SUPERVISOR, PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ekyc_store_create_user (store, supervisor, TELLER, "Giao dịch viên", PASSWORD,
                                         EKYC_ROLE_TELLER, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ekyc_store_set_retention_days (store, supervisor, 30, &error));
  g_assert_no_error (error);
  g_assert_true (ekyc_store_save_case (store, supervisor, old_case, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ekyc_store_save_case (store, supervisor, new_case, NULL, &error));
  g_assert_no_error (error);
  old_case_id = g_strdup (ekyc_case_get_id (old_case));
  new_case_id = g_strdup (ekyc_case_get_id (new_case));
  g_clear_object (&store);

  /* Age the first case by 40 days, as the calendar would have. */
  sql = g_strdup_printf ("UPDATE cases SET created_at = created_at - %" G_GINT64_FORMAT
                         " WHERE id = '%s'", (gint64) 40 * G_TIME_SPAN_DAY, old_case_id);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);
}

static gboolean
purge_finished (gpointer data)
{
  return !ekyc_application_get_purging (data);
}

static EkycCase *
load (EkycApplication *app, const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cases = ekyc_application_query_cases (app, NULL, -1, -1, -1, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(GObject) kase = g_list_model_get_item (cases, i);

      if (g_str_equal (ekyc_case_get_id (EKYC_CASE (kase)), id))
        {
          GObject *full = ekyc_application_load_case (app, kase, &error);

          g_assert_no_error (error);
          return EKYC_CASE (full);
        }
    }
  g_assert_not_reached ();
}

static gboolean
audit_has (EkycApplication *app, const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) audit = ekyc_application_list_audit (app, NULL, &error);
  gboolean found = FALSE;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (audit) && !found; i++)
    {
      g_autoptr(GObject) entry = g_list_model_get_item (audit, i);
      g_autofree char *name = NULL;

      g_object_get (entry, "action", &name, NULL);
      found = g_strcmp0 (name, action) == 0;
    }
  return found;
}

static gboolean
exported_and_audited (gpointer app)
{
  return audit_has (app, "cases-exported");
}

typedef struct {
  gboolean done;
  gboolean ok;
  GError  *error;
} ExportResult;

static void
export_done (GObject *source, GAsyncResult *result, gpointer data)
{
  ExportResult *r = data;

  r->ok = ekyc_application_export_cases_finish (EKYC_APPLICATION (source), result, &r->error);
  r->done = TRUE;
}

static gboolean
export_finished (gpointer data)
{
  return ((ExportResult *) data)->done;
}

static void
test_purge_and_export (void)
{
  const char *path = g_getenv ("EKYC_STORE_PATH");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL, *export_path = NULL, *teller_path = NULL;
  g_autoptr(GFile) export_file = NULL, teller_file = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(EkycCase) old_case = NULL, new_case = NULL;
  ExportResult teller_export = { 0 };
  EkycApplication *app;
  EkycWindow *window;
  JsonArray *exported;

  if (path == NULL)
    {
      g_test_skip ("needs EKYC_STORE_PATH (run through xvfb-wrapper.sh)");
      return;
    }
  prepare_store (path);

  /* Starting the app purges what is past the retention period, on the store's thread. */
  window = ui_test_start (&app, 1000, 700);
  g_assert_true (ui_test_wait (purge_finished, app, 60));
  g_assert_true (ekyc_application_sign_in (app, SUPERVISOR, PASSWORD, &error));
  g_assert_no_error (error);
  old_case = load (app, old_case_id);
  new_case = load (app, new_case_id);
  g_assert_true (ekyc_case_get_evidence_purged (old_case));
  g_assert_null (ekyc_case_get_evidence (old_case, EKYC_EVIDENCE_SELFIE, NULL));
  /* The case itself (name, decision) stays; the evidence of today's case stays too. */
  g_assert_cmpstr (ekyc_case_get_full_name (old_case), ==, "Trần Thị Cũ");
  g_assert_false (ekyc_case_get_evidence_purged (new_case));
  g_assert_nonnull (ekyc_case_get_evidence (new_case, EKYC_EVIDENCE_SELFIE, NULL));
  g_assert_true (audit_has (app, "evidence-purged"));

  /* The supervisor exports the case list (no filter: both cases) from the window. */
  dir = g_dir_make_tmp ("ekyc-ui-export-XXXXXX", &error);
  g_assert_no_error (error);
  export_path = g_build_filename (dir, "cases.json", NULL);
  export_file = g_file_new_for_path (export_path);
  _ekyc_window_export_to (window, export_file);
  /* The export writes the file, then appends its audit entry: the entry is the end. */
  g_assert_true (ui_test_wait (exported_and_audited, app, 30));
  g_assert_true (g_file_test (export_path, G_FILE_TEST_EXISTS));
  g_assert_true (json_parser_load_from_file (parser, export_path, &error));
  g_assert_no_error (error);
  exported = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (exported), ==, 2);

  /* A teller may not export: a clear refusal, and no file. */
  ekyc_application_sign_out (app);
  g_assert_true (ekyc_application_sign_in (app, TELLER, PASSWORD, &error));
  g_assert_no_error (error);
  teller_path = g_build_filename (dir, "teller.json", NULL);
  teller_file = g_file_new_for_path (teller_path);
  ekyc_application_export_cases_async (app, NULL, -1, -1, -1, teller_file, NULL, export_done,
                                       &teller_export);
  g_assert_true (ui_test_wait (export_finished, &teller_export, 30));
  g_assert_false (teller_export.ok);
  g_assert_error (teller_export.error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_NOT_ALLOWED);
  g_assert_false (g_file_test (teller_path, G_FILE_TEST_EXISTS));
  g_clear_error (&teller_export.error);

  /* The models load in the background since the start: let them finish before letting go. */
  ui_test_wait_engine (app, 120);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (app);
  g_unlink (export_path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  ui_test_init (&argc, &argv);
  g_test_add_func ("/ui/privacy/purge-and-export", test_purge_and_export);
  return g_test_run ();
}
