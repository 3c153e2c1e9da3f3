/* test-ui-privacy.c — the app's privacy duties on a real store file: evidence past the
 * retention period is purged when the app starts and when a supervisor shortens the period in
 * Preferences, a supervisor (only) exports cases, and settings written before keys were removed
 * from the schema still load
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "ekyc-case.h"
#include "ekyc-preferences-window.h"
#include "ekyc-store.h"
#include "ekyc-window-private.h"
#include "test-utils.h"
#include "ui-test-utils.h"

#define SUPERVISOR "giamsat"
#define TELLER     "giaodichvien"
#define PASSWORD   "mat-khau-dai-1"

static char *old_case_id;
static char *mid_case_id;
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

/* Moves a case @days back in time, as the calendar would have. */
static void
age_case (const char *path, const char *id, int days)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE cases SET created_at = created_at - %"
                                          G_GINT64_FORMAT " WHERE id = '%s'",
                                          (gint64) days * G_TIME_SPAN_DAY, id);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);
}

/* Before the app starts: a supervisor and a teller, a 30-day retention, one case 40 days old,
 * one 20 days old and one from today. */
static void
prepare_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycStore) store = ekyc_store_open (path, EKYC_STORE_FLAGS_NO_KEYRING, NULL, &error);
  g_autoptr(EkycSession) supervisor = NULL;
  g_autoptr(EkycCase) old_case = make_case (TELLER, "Trần Thị Cũ", "001190000011");
  g_autoptr(EkycCase) mid_case = make_case (TELLER, "Phạm Văn Giữa", "001090000013");
  g_autoptr(EkycCase) new_case = make_case (TELLER, "Lê Văn Mới", "001090000012");

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
  g_assert_true (ekyc_store_save_case (store, supervisor, mid_case, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ekyc_store_save_case (store, supervisor, new_case, NULL, &error));
  g_assert_no_error (error);
  old_case_id = g_strdup (ekyc_case_get_id (old_case));
  mid_case_id = g_strdup (ekyc_case_get_id (mid_case));
  new_case_id = g_strdup (ekyc_case_get_id (new_case));
  g_clear_object (&store);

  age_case (path, old_case_id, 40);
  age_case (path, mid_case_id, 20);
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
  return ui_test_audit_has (app, action, NULL);
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

static gboolean
evidence_purged (gpointer app)
{
  g_autoptr(EkycCase) kase = load (app, mid_case_id);

  return !ekyc_application_get_purging (app) && ekyc_case_get_evidence_purged (kase);
}

/* The supervisor shortens the retention from 30 to 10 days in Preferences: the store's setting
 * (the one the purge uses) changes, audited, and the 20-day-old case loses its evidence at once
 * while today's keeps it. */
static void
shorten_retention_in_preferences (EkycApplication *app)
{
  EkycPreferencesWindow *prefs = ekyc_preferences_window_new (app);
  GtkWidget *spin = ekyc_preferences_window_get_policy_control (prefs, "retention-days");
  g_autoptr(EkycCase) mid_case = NULL, new_case = NULL;

  gtk_window_present (GTK_WINDOW (prefs));
  g_assert_true (gtk_widget_is_sensitive (spin));
  /* The page shows the store's period, not a default of its own. */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 30);
  mid_case = load (app, mid_case_id);
  g_assert_false (ekyc_case_get_evidence_purged (mid_case));

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 10);
  /* Closing the window saves the change made just before (as the 0.6 s pause would). */
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_assert_cmpuint (ekyc_application_get_retention_days (app), ==, 10);
  g_assert_true (ui_test_audit_has (app, "settings-changed", "retention-days=10"));
  g_assert_true (ui_test_wait (evidence_purged, app, 60));
  new_case = load (app, new_case_id);
  g_assert_false (ekyc_case_get_evidence_purged (new_case));
  g_assert_nonnull (ekyc_case_get_evidence (new_case, EKYC_EVIDENCE_SELFIE, NULL));
}

/* A teller sees the retention but cannot change it. */
static void
teller_sees_retention_read_only (EkycApplication *app)
{
  EkycPreferencesWindow *prefs = ekyc_preferences_window_new (app);
  GtkWidget *spin = ekyc_preferences_window_get_policy_control (prefs, "retention-days");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 10);
  g_assert_false (gtk_widget_is_sensitive (spin));
  g_assert_false (ekyc_application_set_retention_days (app, 400, &error));
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_NOT_ALLOWED);
  g_assert_cmpuint (ekyc_application_get_retention_days (app), ==, 10);
  gtk_window_destroy (GTK_WINDOW (prefs));
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
  /* The case itself (name, decision) stays; the evidence of younger cases stays too. */
  g_assert_cmpstr (ekyc_case_get_full_name (old_case), ==, "Trần Thị Cũ");
  g_assert_false (ekyc_case_get_evidence_purged (new_case));
  g_assert_nonnull (ekyc_case_get_evidence (new_case, EKYC_EVIDENCE_SELFIE, NULL));
  g_assert_true (audit_has (app, "evidence-purged"));

  /* The supervisor exports the case list (no filter: all three cases) from the window. */
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
  g_assert_cmpuint (json_array_get_length (exported), ==, 3);

  shorten_retention_in_preferences (app);

  /* A teller may not export: a clear refusal, and no file. */
  ekyc_application_sign_out (app);
  g_assert_true (ekyc_application_sign_in (app, TELLER, PASSWORD, &error));
  g_assert_no_error (error);
  teller_sees_retention_read_only (app);
  teller_path = g_build_filename (dir, "teller.json", NULL);
  teller_file = g_file_new_for_path (teller_path);
  ekyc_application_export_cases_async (app, NULL, -1, -1, -1, NULL, teller_file, NULL,
                                       export_done, &teller_export);
  g_assert_true (ui_test_wait (export_finished, &teller_export, 30));
  g_assert_false (teller_export.ok);
  g_assert_error (teller_export.error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_NOT_ALLOWED);
  g_assert_false (g_file_test (teller_path, G_FILE_TEST_EXISTS));
  g_clear_error (&teller_export.error);

  ui_test_finish (app);
  g_unlink (export_path);
  g_rmdir (dir);
}

/* Settings saved by an older version, with keys since moved into the case store, still load:
 * the removed keys are ignored and the others keep their values. */
static void
test_settings_from_before_load (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ekyc-ui-settings-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "keyfile", NULL);
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *source = NULL;
  const char *old =
    "[vn/ekyc/Ekyc]\n"
    "source='/srv/demo/card.mp4'\n"
    "retention-days=uint32 30\n"
    "match-fmr=0.0001\n"
    "require-chip=true\n"
    "inactivity-lock-minutes=uint32 7\n";
  const char *removed[] = { "retention-days", "match-fmr", "match-review-margin",
                            "liveness-threshold", "require-active-liveness", "require-card-back",
                            "require-chip", "inactivity-lock-minutes" };

  g_assert_nonnull (dir);
  g_assert_true (g_file_set_contents (path, old, -1, NULL));
  backend = g_keyfile_settings_backend_new (path, "/", NULL);
  settings = g_settings_new_with_backend ("vn.ekyc.Ekyc", backend);
  source = g_settings_get_string (settings, "source");
  g_assert_cmpstr (source, ==, "/srv/demo/card.mp4");
  g_object_get (settings, "settings-schema", &schema, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (removed); i++)
    g_assert_false (g_settings_schema_has_key (schema, removed[i]));
  g_clear_object (&settings);
  g_clear_object (&backend);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  ui_test_init (&argc, &argv);
  g_test_add_func ("/ui/privacy/purge-and-export", test_purge_and_export);
  g_test_add_func ("/ui/privacy/settings-from-before-load", test_settings_from_before_load);
  return g_test_run ();
}
