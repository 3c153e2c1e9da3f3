/* test-store.c — the case store on real sqlite files: saving, encryption, migrations, crashes,
 * the audit log, roles, search, retention, sessions and bad input
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ekyc-case-list.h"
#include "ekyc-store.h"
#include "ekyc-store-private.h"
#include "test-utils.h"

#define ID_NUMBER "001090000001"
#define SUPERVISOR_PASSWORD "supervisor-pass"
#define TELLER_PASSWORD "teller-pass-1"

/* The schema of version 1, as it shipped: every earlier schema must keep migrating. */
static const char schema_v1[] =
  "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
  "CREATE TABLE users (username TEXT PRIMARY KEY, display_name TEXT NOT NULL,"
  "  role TEXT NOT NULL CHECK (role IN ('teller', 'supervisor')),"
  "  password_hash TEXT NOT NULL, created_at INTEGER NOT NULL);"
  "CREATE TABLE cases (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL, teller TEXT NOT NULL, full_name TEXT, id_number_hash BLOB,"
  "  similarity REAL, passive_liveness REAL, decision TEXT NOT NULL, reasons TEXT NOT NULL,"
  "  review_state TEXT NOT NULL, reviewer TEXT, review_note TEXT, reviewed_at INTEGER,"
  "  sync_state TEXT NOT NULL, evidence_purged_at INTEGER);"
  "CREATE INDEX cases_created_at ON cases (created_at);"
  "CREATE INDEX cases_id_number_hash ON cases (id_number_hash);"
  "CREATE INDEX cases_review_state ON cases (review_state);"
  "CREATE TABLE case_fields (case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL, name TEXT NOT NULL, value BLOB NOT NULL, source TEXT NOT NULL,"
  "  original BLOB, original_source TEXT NOT NULL, PRIMARY KEY (case_id, name));"
  "CREATE TABLE case_edits (case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL, field TEXT NOT NULL, old_value BLOB, new_value BLOB NOT NULL,"
  "  user TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (case_id, position));"
  "CREATE TABLE case_checks (case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL, name TEXT NOT NULL, outcome TEXT NOT NULL, detail TEXT,"
  "  PRIMARY KEY (case_id, name));"
  "CREATE TABLE evidence (case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL, mime_type TEXT NOT NULL, data BLOB NOT NULL,"
  "  PRIMARY KEY (case_id, kind));"
  "CREATE TABLE audit (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor TEXT NOT NULL,"
  "  action TEXT NOT NULL, case_id TEXT, detail TEXT, hash BLOB NOT NULL);"
  "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  "PRAGMA user_version = 1;";

typedef struct {
  char        *dir;
  char        *path;
  EkycStore   *store;
  EkycSession *supervisor;
  EkycSession *teller;
} Fixture;

static EkycStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  EkycStore *store = ekyc_store_open (path, EKYC_STORE_FLAGS_NO_KEYRING, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("ekyc-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "cases.db", NULL);
  f->store = open_store (f->path);
  if (data == NULL)
    return;
  g_assert_true (ekyc_store_needs_first_user (f->store));
  g_assert_true (ekyc_store_create_user (f->store, NULL, "sup", "Trần Thị Giám Sát",
                                         SUPERVISOR_PASSWORD, EKYC_ROLE_SUPERVISOR, NULL,
                                         &error));
  g_assert_no_error (error);
  f->supervisor = ekyc_store_sign_in (f->store, "sup", SUPERVISOR_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ekyc_store_create_user (f->store, f->supervisor, "teller1", "Lê Văn Giao Dịch",
                                         TELLER_PASSWORD, EKYC_ROLE_TELLER, NULL, &error));
  g_assert_no_error (error);
  f->teller = ekyc_store_sign_in (f->store, "teller1", TELLER_PASSWORD, NULL, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);
      g_remove (child);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->teller);
  g_clear_object (&f->supervisor);
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* A fake JPEG with a marker that must never appear in the file in clear. */
static GBytes *
make_jpeg (const char *marker)
{
  g_autoptr(GString) data = g_string_new_len ("\xff\xd8\xff\xe0\0\x10JFIF", 11);

  for (int i = 0; i < 200; i++)
    g_string_append (data, marker);
  g_string_append_len (data, "\xff\xd9", 2);
  return g_string_free_to_bytes (g_steal_pointer (&data));
}

static EkycCase *
make_case (const char *teller, const char *name, const char *id_number, EkycDecision decision)
{
  EkycCase *kase = ekyc_case_new (teller);
  g_autoptr(GBytes) selfie = make_jpeg ("SELFIE-PIXELS-");
  const char *reasons[] = { decision == EKYC_DECISION_PASS ? "all-passed" : "face-uncertain",
                            NULL };

  ekyc_case_set_field (kase, EKYC_FIELD_FULL_NAME, name, EKYC_FIELD_SOURCE_QR);
  ekyc_case_set_field (kase, EKYC_FIELD_ID_NUMBER, id_number, EKYC_FIELD_SOURCE_QR);
  ekyc_case_set_field (kase, EKYC_FIELD_BIRTH_DATE, "1990-04-15", EKYC_FIELD_SOURCE_QR);
  ekyc_case_set_evidence (kase, EKYC_EVIDENCE_SELFIE, "image/jpeg", selfie);
  ekyc_case_set_similarity (kase, decision == EKYC_DECISION_PASS ? 0.7 : 0.39);
  ekyc_case_set_passive_liveness (kase, 0.95);
  ekyc_case_set_check (kase, "qr-payload", EKYC_CHECK_OUTCOME_PASSED, NULL);
  ekyc_case_set_decision (kase, decision, reasons);
  return kase;
}

static void
save (Fixture *f, EkycSession *session, EkycCase *kase)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ekyc_store_save_case (f->store, session, kase, NULL, &error));
  g_assert_no_error (error);
}

static guint
count_cases (Fixture *f, const EkycCaseQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cases = ekyc_store_query_cases (f->store, f->supervisor, query, NULL,
                                                        &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (cases);
}

static gboolean
file_contains (const char *path, const void *needle, gsize length)
{
  g_autofree char *contents = NULL;
  gsize size = 0;

  if (!g_file_get_contents (path, &contents, &size, NULL))
    return FALSE;
  return memmem (contents, size, needle, length) != NULL;
}

static char *
raw_query_text (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

static int
raw_exec (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  sqlite3_close (db);
  return rc;
}

static void
test_save_and_load (Fixture *f, gconstpointer data)
{
  g_autoptr(EkycCase) kase = make_case ("teller1", "Nguyễn Văn An", ID_NUMBER,
                                        EKYC_DECISION_PASS);
  g_autoptr(EkycCase) loaded = NULL;
  g_autoptr(GError) error = NULL;
  const char *mime = NULL;
  GBytes *selfie;
  GPtrArray *edits;

  g_assert_true (ekyc_case_edit_field (kase, EKYC_FIELD_BIRTH_DATE, "1990-04-16", "teller1",
                                       &error));
  ekyc_case_set_check (kase, "chip", EKYC_CHECK_OUTCOME_REVIEW, "Passive authentication failed.");
  save (f, f->teller, kase);

  loaded = ekyc_store_load_case (f->store, f->teller, ekyc_case_get_id (kase), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ekyc_case_get_full_name (loaded), ==, "Nguyễn Văn An");
  g_assert_cmpstr (ekyc_case_get_id_number (loaded), ==, ID_NUMBER);
  g_assert_cmpstr (ekyc_case_get_field (loaded, EKYC_FIELD_BIRTH_DATE), ==, "1990-04-16");
  g_assert_cmpint (ekyc_case_get_field_source (loaded, EKYC_FIELD_BIRTH_DATE), ==,
                   EKYC_FIELD_SOURCE_TELLER);
  g_assert_cmpstr (ekyc_case_get_field_original (loaded, EKYC_FIELD_BIRTH_DATE), ==,
                   "1990-04-15");
  edits = ekyc_case_get_edits (loaded);
  g_assert_cmpuint (edits->len, ==, 1);
  g_assert_cmpstr (((EkycFieldEdit *) edits->pdata[0])->user, ==, "teller1");
  g_assert_cmpstr (((EkycFieldEdit *) edits->pdata[0])->old_value, ==, "1990-04-15");
  g_assert_cmpfloat_with_epsilon (ekyc_case_get_similarity (loaded), 0.7, 1e-9);
  g_assert_cmpint (ekyc_case_get_decision (loaded), ==, EKYC_DECISION_PASS);
  g_assert_cmpint (ekyc_case_get_check_outcome (loaded, "qr-payload"), ==,
                   EKYC_CHECK_OUTCOME_PASSED);
  /* a check that asked for review stays that, not "failed" */
  g_assert_cmpint (ekyc_case_get_check_outcome (loaded, "chip"), ==, EKYC_CHECK_OUTCOME_REVIEW);
  selfie = ekyc_case_get_evidence (loaded, EKYC_EVIDENCE_SELFIE, &mime);
  g_assert_nonnull (selfie);
  g_assert_cmpstr (mime, ==, "image/jpeg");
  g_assert_true (g_bytes_equal (selfie, ekyc_case_get_evidence (kase, EKYC_EVIDENCE_SELFIE,
                                                                NULL)));
  g_assert_true (g_date_time_equal (ekyc_case_get_created_at (loaded),
                                    ekyc_case_get_created_at (kase)));
}

static void
test_encryption_at_rest (Fixture *f, gconstpointer data)
{
  g_autoptr(EkycCase) kase = make_case ("teller1", "Nguyễn Văn An", ID_NUMBER,
                                        EKYC_DECISION_PASS);
  g_autoptr(EkycStore) reopened = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *key_path = g_strconcat (f->path, ".key", NULL);
  GStatBuf st;

  save (f, f->teller, kase);
  g_clear_object (&f->teller);
  g_clear_object (&f->supervisor);
  g_clear_object (&f->store);  /* closing checkpoints the WAL into the file */

  g_assert_false (file_contains (f->path, ID_NUMBER, strlen (ID_NUMBER)));
  g_assert_false (file_contains (f->path, "SELFIE-PIXELS-", 14));
  g_assert_false (file_contains (f->path, "\xff\xd8\xff\xe0", 4));
  g_assert_false (file_contains (f->path, "1990-04-15", 10));
  g_assert_false (file_contains (wal, ID_NUMBER, strlen (ID_NUMBER)));
  g_assert_false (file_contains (wal, "SELFIE-PIXELS-", 14));

  /* No Secret Service in the test: the key file is private to the user. */
  g_assert_cmpint (g_stat (key_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* The ID number is still found, by its keyed hash. */
  f->store = open_store (f->path);
  g_assert_cmpint (ekyc_store_get_key_source (f->store), ==, EKYC_STORE_KEY_SOURCE_KEY_FILE);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(EkycCaseQuery) query = ekyc_case_query_new ();
    g_autoptr(GListModel) cases = NULL;
    g_autoptr(EkycCase) found = NULL;

    f->supervisor = ekyc_store_sign_in (f->store, "sup", SUPERVISOR_PASSWORD, NULL, &error);
    g_assert_no_error (error);
    query->text = g_strdup (ID_NUMBER);
    cases = ekyc_store_query_cases (f->store, f->supervisor, query, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 1);
    found = g_list_model_get_item (cases, 0);
    g_assert_cmpstr (ekyc_case_get_id_number (found), ==, ID_NUMBER);
    /* List queries carry no evidence bytes. */
    g_assert_null (ekyc_case_get_evidence (found, EKYC_EVIDENCE_SELFIE, NULL));
  }

  /* Another key cannot read the data. */
  g_clear_object (&f->supervisor);
  g_clear_object (&f->store);
  g_assert_true (g_file_set_contents (key_path, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                                      -1, NULL));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(EkycStore) wrong = ekyc_store_open (f->path, EKYC_STORE_FLAGS_NO_KEYRING, NULL,
                                                  &error);
    g_assert_null (wrong);
    g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_KEY);
  }
}

static void
test_migrate_from_v1 (Fixture *f, gconstpointer data)
{
  g_autofree char *old_path = g_build_filename (f->dir, "v1.db", NULL);
  g_autoptr(EkycStore) store = NULL;
  g_autoptr(EkycSession) session = NULL;
  g_autoptr(EkycCaseQuery) query = ekyc_case_query_new ();
  g_autoptr(GListModel) cases = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  g_autofree char *integrity = NULL;
  EkycCase *kase;

  g_assert_cmpint (raw_exec (old_path, schema_v1), ==, SQLITE_OK);
  g_assert_cmpint (raw_exec (old_path,
                             "INSERT INTO cases (id, created_at, updated_at, teller, full_name,"
                             " decision, reasons, review_state, sync_state) VALUES"
                             " ('old-case', 1700000000000000, 1700000000000000, 'teller1',"
                             " 'Đặng Thị Hồng', 'review', 'face-uncertain', 'pending',"
                             " 'synced')"), ==, SQLITE_OK);

  store = open_store (old_path);
  version = raw_query_text (old_path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, G_STRINGIFY (EKYC_STORE_SCHEMA_VERSION));
  integrity = raw_query_text (old_path, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");

  g_assert_true (ekyc_store_create_user (store, NULL, "sup", NULL, SUPERVISOR_PASSWORD,
                                         EKYC_ROLE_SUPERVISOR, NULL, &error));
  session = ekyc_store_sign_in (store, "sup", SUPERVISOR_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  /* Version 2's accent-insensitive search finds the row version 1 wrote. */
  query->text = g_strdup ("dang thi");
  cases = ekyc_store_query_cases (store, session, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 1);
  kase = g_list_model_get_item (cases, 0);
  g_assert_cmpstr (ekyc_case_get_id (kase), ==, "old-case");
  g_assert_cmpint (ekyc_case_get_review_state (kase), ==, EKYC_REVIEW_STATE_PENDING);
  g_assert_cmpint (ekyc_case_get_sync_state (kase), ==, EKYC_SYNC_STATE_SYNCED);
  g_object_unref (kase);
}

static void
test_newer_schema_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "future.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycStore) store = NULL;

  g_assert_cmpint (raw_exec (path, "CREATE TABLE t (x); PRAGMA user_version = 99;"), ==,
                   SQLITE_OK);
  store = ekyc_store_open (path, EKYC_STORE_FLAGS_NO_KEYRING, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_TOO_NEW);
}

static void
kill_self (const char *step, gpointer data)
{
  if (g_str_equal (step, data))
    kill (getpid (), SIGKILL);
}

static void
test_crash_mid_save (Fixture *f, gconstpointer data)
{
  const char *steps[] = { "case", "fields", "checks", "evidence", "audit" };
  guint before = count_cases (f, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(EkycCase) kase = make_case ("teller1", "Phạm Văn Crash", "079200000002",
                                            EKYC_DECISION_REVIEW);
      g_autoptr(EkycCase) missing = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *integrity = NULL;
      g_autofree char *fields = NULL;
      g_autofree char *sql = NULL;
      guint audit_before = 0, audit_after = 0;
      int status = 0;
      pid_t child;

      g_assert_true (ekyc_store_verify_audit (f->store, &audit_before, NULL, &error));
      child = fork ();
      g_assert_cmpint (child, >=, 0);
      if (child == 0)
        {
          /* A fresh connection and session in the child, as a second app process would. */
          g_autoptr(EkycStore) store = ekyc_store_open (f->path, EKYC_STORE_FLAGS_NO_KEYRING,
                                                        NULL, NULL);
          g_autoptr(EkycSession) teller = ekyc_store_sign_in (store, "teller1", TELLER_PASSWORD,
                                                              NULL, NULL);
          _ekyc_store_set_save_hook (store, kill_self, (gpointer) steps[i]);
          ekyc_store_save_case (store, teller, kase, NULL, NULL);
          _exit (3);  /* the hook should have killed us */
        }
      g_assert_cmpint (waitpid (child, &status, 0), ==, child);
      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

      integrity = raw_query_text (f->path, "PRAGMA integrity_check");
      g_assert_cmpstr (integrity, ==, "ok");
      g_assert_cmpuint (count_cases (f, NULL), ==, before);
      missing = ekyc_store_load_case (f->store, f->supervisor, ekyc_case_get_id (kase), NULL,
                                      &error);
      g_assert_null (missing);
      g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_NOT_FOUND);
      g_clear_error (&error);
      sql = g_strdup_printf ("SELECT count(*) FROM case_fields WHERE case_id = '%s'",
                             ekyc_case_get_id (kase));
      fields = raw_query_text (f->path, sql);
      g_assert_cmpstr (fields, ==, "0");
      g_assert_true (ekyc_store_verify_audit (f->store, &audit_after, NULL, &error));
      g_assert_no_error (error);
      /* The child's sign-in is audited; its half save is not. */
      g_assert_cmpuint (audit_after, ==, audit_before + 1);
    }

  /* And the store still saves normally afterwards. */
  {
    g_autoptr(EkycCase) kase = make_case ("teller1", "Phạm Văn Sau", "079200000003",
                                          EKYC_DECISION_PASS);
    save (f, f->teller, kase);
    g_assert_cmpuint (count_cases (f, NULL), ==, before + 1);
  }
}

static void
test_audit_is_append_only (Fixture *f, gconstpointer data)
{
  g_autoptr(EkycCase) kase = make_case ("teller1", "Võ Thị Kiểm", "001190000004",
                                        EKYC_DECISION_REVIEW);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(EkycAuditEntry) last = NULL;
  guint n = 0;

  save (f, f->teller, kase);
  g_assert_true (ekyc_store_review_case (f->store, f->supervisor, ekyc_case_get_id (kase),
                                         EKYC_REVIEW_STATE_APPROVED, "Giấy tờ hợp lệ", NULL,
                                         &error));
  g_assert_no_error (error);
  entries = ekyc_store_list_audit (f->store, f->supervisor, ekyc_case_get_id (kase), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 2);
  last = g_list_model_get_item (entries, 1);
  g_assert_cmpstr (ekyc_audit_entry_get_action (last), ==, "case-approved");
  g_assert_cmpstr (ekyc_audit_entry_get_actor (last), ==, "sup");
  g_assert_cmpstr (ekyc_audit_entry_get_detail (last), ==, "Giấy tờ hợp lệ");

  g_assert_true (ekyc_store_verify_audit (f->store, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, >=, 6);

  /* The triggers refuse edits from any connection, the app's or another. */
  g_assert_false (_ekyc_store_exec_for_test (f->store, "DELETE FROM audit", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (raw_exec (f->path, "UPDATE audit SET detail = 'ok' WHERE seq = 3"), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (f->path, "DELETE FROM audit WHERE seq = 2"), ==, SQLITE_CONSTRAINT);

  /* Someone drops the triggers from outside and rewrites a note: verify finds it. */
  g_assert_cmpint (raw_exec (f->path,
                             "DROP TRIGGER audit_no_update;"
                             "UPDATE audit SET detail = 'Đã duyệt' WHERE action = 'case-approved'"),
                   ==, SQLITE_OK);
  g_assert_false (ekyc_store_verify_audit (f->store, NULL, NULL, &error));
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_TAMPERED);
}

static void
test_audit_deleted_row_detected (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (raw_exec (f->path,
                             "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 2"),
                   ==, SQLITE_OK);
  g_assert_false (ekyc_store_verify_audit (f->store, NULL, NULL, &error));
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_TAMPERED);
}

static void
test_roles_enforced (Fixture *f, gconstpointer data)
{
  g_autoptr(EkycCase) kase = make_case ("teller1", "Bùi Văn Vai", "001090000005",
                                        EKYC_DECISION_REVIEW);
  g_autoptr(EkycPolicy) policy = ekyc_policy_new ();
  g_autofree char *export_path = g_build_filename (f->dir, "export.json", NULL);
  g_autoptr(GFile) export_file = g_file_new_for_path (export_path);
  g_autoptr(GError) error = NULL;
  const char *id = ekyc_case_get_id (kase);

  save (f, f->teller, kase);

  g_assert_false (ekyc_store_review_case (f->store, f->teller, id, EKYC_REVIEW_STATE_APPROVED,
                                          "ok", NULL, &error));
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (ekyc_store_save_policy (f->store, f->teller, policy, &error));
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (ekyc_store_export_cases (f->store, f->teller, NULL, export_file, NULL, &error));
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (g_file_query_exists (export_file, NULL));
  g_assert_false (ekyc_store_create_user (f->store, f->teller, "x1", NULL, "password123",
                                          EKYC_ROLE_SUPERVISOR, NULL, &error));
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (ekyc_store_set_retention_days (f->store, f->teller, 30, &error));
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  /* Nor lengthen the lock of their own session. */
  g_assert_false (ekyc_store_set_lock_timeout (f->store, f->teller, 3600, &error));
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_cmpuint (ekyc_session_get_lock_timeout (f->teller), ==,
                    EKYC_SESSION_DEFAULT_LOCK_TIMEOUT);

  /* A locked supervisor session cannot act either. */
  ekyc_session_lock (f->supervisor);
  g_assert_false (ekyc_store_review_case (f->store, f->supervisor, id,
                                          EKYC_REVIEW_STATE_APPROVED, "ok", NULL, &error));
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (ekyc_session_unlock (f->supervisor, "wrong-password", NULL, &error));
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_SIGN_IN_FAILED);
  g_clear_error (&error);
  g_assert_true (ekyc_session_unlock (f->supervisor, SUPERVISOR_PASSWORD, NULL, &error));
  g_assert_no_error (error);

  /* A mandatory note. */
  g_assert_false (ekyc_store_review_case (f->store, f->supervisor, id,
                                          EKYC_REVIEW_STATE_REJECTED, "   ", NULL, &error));
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (ekyc_store_review_case (f->store, f->supervisor, id,
                                         EKYC_REVIEW_STATE_REJECTED, "Ảnh không rõ", NULL,
                                         &error));
  g_assert_no_error (error);
  /* Reviewed once: not in the queue any more. */
  g_assert_false (ekyc_store_review_case (f->store, f->supervisor, id,
                                          EKYC_REVIEW_STATE_APPROVED, "again", NULL, &error));
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  ekyc_policy_set_match_threshold (policy, 0.473);
  g_assert_true (ekyc_store_save_policy (f->store, f->supervisor, policy, &error));
  g_assert_no_error (error);
  {
    g_autoptr(EkycPolicy) loaded = ekyc_store_load_policy (f->store, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat_with_epsilon (ekyc_policy_get_match_threshold (loaded), 0.473, 1e-9);
  }
  g_assert_true (ekyc_store_export_cases (f->store, f->supervisor, NULL, export_file, NULL,
                                          &error));
  g_assert_no_error (error);
  g_assert_true (file_contains (export_path, "001090000005", 12));
}

static void
test_sign_in (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycSession) session = NULL;
  g_autofree char *hash = NULL;

  session = ekyc_store_sign_in (f->store, "teller1", "wrong-password", NULL, &error);
  g_assert_null (session);
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_SIGN_IN_FAILED);
  g_clear_error (&error);
  session = ekyc_store_sign_in (f->store, "nobody", "wrong-password", NULL, &error);
  g_assert_null (session);
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_SIGN_IN_FAILED);
  g_clear_error (&error);

  g_assert_false (ekyc_store_create_user (f->store, f->supervisor, "teller1", NULL,
                                          "another-password", EKYC_ROLE_TELLER, NULL, &error));
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_USER_EXISTS);
  g_clear_error (&error);
  g_assert_false (ekyc_store_create_user (f->store, f->supervisor, "short", NULL, "1234",
                                          EKYC_ROLE_TELLER, NULL, &error));
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ekyc_store_create_user (f->store, f->supervisor, "bad name;", NULL,
                                          "long-enough", EKYC_ROLE_TELLER, NULL, &error));
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Passwords are Argon2id hashes, never the password. */
  hash = raw_query_text (f->path, "SELECT password_hash FROM users WHERE username = 'teller1'");
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_null (strstr (hash, TELLER_PASSWORD));
  g_assert_cmpint (ekyc_session_get_role (f->teller), ==, EKYC_ROLE_TELLER);
  g_assert_true (ekyc_session_is_supervisor (f->supervisor));
}

static void
test_first_user_must_be_supervisor (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ekyc_store_needs_first_user (f->store));
  g_assert_false (ekyc_store_create_user (f->store, NULL, "t", NULL, "password123",
                                          EKYC_ROLE_TELLER, NULL, &error));
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_true (ekyc_store_create_user (f->store, NULL, "boss", NULL, "password123",
                                         EKYC_ROLE_SUPERVISOR, NULL, &error));
  g_assert_false (ekyc_store_needs_first_user (f->store));
  /* Once there is a user, nobody creates another without a supervisor's session. */
  g_assert_false (ekyc_store_create_user (f->store, NULL, "boss2", NULL, "password123",
                                          EKYC_ROLE_SUPERVISOR, NULL, &error));
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_NOT_ALLOWED);
}

static void
test_session_locks_after_inactivity (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) audit = NULL;
  gint64 now = g_get_monotonic_time ();
  gboolean audited = FALSE;

  /* The supervisor sets the store's timeout; the teller's open session follows it. */
  g_assert_true (ekyc_store_set_lock_timeout (f->store, f->supervisor, 60, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ekyc_store_get_lock_timeout (f->store), ==, 60);
  g_assert_cmpuint (ekyc_session_get_lock_timeout (f->teller), ==, 60);
  audit = ekyc_store_list_audit (f->store, f->supervisor, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (audit); i++)
    {
      g_autoptr(EkycAuditEntry) entry = g_list_model_get_item (audit, i);

      audited |= g_strcmp0 (ekyc_audit_entry_get_action (entry), "settings-changed") == 0
                 && g_strcmp0 (ekyc_audit_entry_get_detail (entry), "lock-timeout=60") == 0;
    }
  g_assert_true (audited);

  ekyc_session_touch (f->teller);
  g_assert_false (ekyc_session_check_idle (f->teller, now + 30 * G_USEC_PER_SEC));
  g_assert_false (ekyc_session_get_locked (f->teller));
  g_assert_true (ekyc_session_check_idle (f->teller, now + 120 * G_USEC_PER_SEC));
  g_assert_true (ekyc_session_get_locked (f->teller));

  /* The lock cannot be turned off, nor set past two hours. */
  g_assert_false (ekyc_store_set_lock_timeout (f->store, f->supervisor, 0, &error));
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ekyc_store_set_lock_timeout (f->store, f->supervisor,
                                               EKYC_STORE_MAX_LOCK_TIMEOUT + 1, &error));
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (ekyc_store_get_lock_timeout (f->store), ==, 60);
  g_assert_true (ekyc_session_check_idle (f->supervisor, now + 1000 * G_TIME_SPAN_DAY));

  /* Signed out is final. */
  ekyc_session_sign_out (f->supervisor);
  g_assert_false (ekyc_session_unlock (f->supervisor, SUPERVISOR_PASSWORD, NULL, &error));
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_LOCKED);
}

static void
test_search_and_filters (Fixture *f, gconstpointer data)
{
  g_autoptr(EkycCase) a = make_case ("teller1", "Nguyễn Văn An", "001090000001",
                                     EKYC_DECISION_PASS);
  g_autoptr(EkycCase) b = make_case ("teller1", "Trần Thị Bình", "079190000002",
                                     EKYC_DECISION_REVIEW);
  g_autoptr(EkycCase) c = make_case ("teller1", "Nguyễn Đức Cường", "001080000003",
                                     EKYC_DECISION_FAIL);
  g_autoptr(EkycCaseQuery) q = ekyc_case_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  save (f, f->teller, a);
  save (f, f->teller, b);
  save (f, f->teller, c);
  g_assert_true (ekyc_store_set_sync_state (f->store, ekyc_case_get_id (a),
                                            EKYC_SYNC_STATE_SYNCED, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (count_cases (f, q), ==, 3);
  q->text = g_strdup ("nguyen");
  g_assert_cmpuint (count_cases (f, q), ==, 2);
  g_free (q->text);
  q->text = g_strdup ("DUC cuong");
  g_assert_cmpuint (count_cases (f, q), ==, 1);
  g_free (q->text);
  q->text = g_strdup ("Bình");
  g_assert_cmpuint (count_cases (f, q), ==, 1);
  g_free (q->text);
  q->text = g_strdup ("079190000002");
  g_assert_cmpuint (count_cases (f, q), ==, 1);
  g_free (q->text);
  q->text = g_strdup ("079190000009");
  g_assert_cmpuint (count_cases (f, q), ==, 0);
  g_free (q->text);
  q->text = g_strdup ("%");
  g_assert_cmpuint (count_cases (f, q), ==, 0);
  g_clear_pointer (&q->text, g_free);

  q->decision = EKYC_DECISION_REVIEW;
  g_assert_cmpuint (count_cases (f, q), ==, 1);
  q->decision = -1;
  q->review_state = EKYC_REVIEW_STATE_PENDING;
  g_assert_cmpuint (count_cases (f, q), ==, 1);
  q->review_state = -1;
  q->sync_state = EKYC_SYNC_STATE_SYNCED;
  g_assert_cmpuint (count_cases (f, q), ==, 1);
  q->sync_state = EKYC_SYNC_STATE_PENDING;
  g_assert_cmpuint (count_cases (f, q), ==, 2);
  q->sync_state = -1;

  q->from = g_date_time_add_days (now, -1);
  q->to = g_date_time_add_days (now, 1);
  g_assert_cmpuint (count_cases (f, q), ==, 3);
  g_date_time_unref (q->from);
  q->from = g_date_time_add_days (now, 1);
  g_assert_cmpuint (count_cases (f, q), ==, 0);
  g_clear_pointer (&q->from, g_date_time_unref);
  g_clear_pointer (&q->to, g_date_time_unref);

  /* Only the ids given (with the other filters still applying); none when none is given. */
  {
    const char *ids[] = { ekyc_case_get_id (a), ekyc_case_get_id (c), "no-such-case", NULL };
    g_autoptr(EkycCaseQuery) copy = NULL;

    q->ids = g_strdupv ((char **) ids);
    g_assert_cmpuint (count_cases (f, q), ==, 2);
    copy = ekyc_case_query_copy (q);
    copy->decision = EKYC_DECISION_FAIL;
    g_assert_cmpuint (count_cases (f, copy), ==, 1);
    g_strfreev (q->ids);
    q->ids = g_new0 (char *, 1);
    g_assert_cmpuint (count_cases (f, q), ==, 0);
    g_clear_pointer (&q->ids, g_strfreev);
  }
  q->limit = 2;
  g_assert_cmpuint (count_cases (f, q), ==, 2);
}

/* Runs the main loop until the list shows @n cases (a wrong count hangs until the test's
 * timeout, which fails it). */
static void
wait_for_count (EkycCaseList *list, guint n)
{
  while (ekyc_case_list_get_loading (list) || g_list_model_get_n_items (G_LIST_MODEL (list)) != n)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_case_list_model (Fixture *f, gconstpointer data)
{
  g_autoptr(EkycCase) a = make_case ("teller1", "Nguyễn Văn An", "001090000001",
                                     EKYC_DECISION_PASS);
  g_autoptr(EkycCase) b = make_case ("teller1", "Trần Thị Bình", "079190000002",
                                     EKYC_DECISION_REVIEW);
  g_autoptr(EkycCaseList) list = NULL;
  g_autoptr(EkycCaseList) queue = NULL;

  save (f, f->teller, a);
  list = ekyc_case_list_new (f->store, f->teller);
  queue = ekyc_case_list_new_review_queue (f->store, f->supervisor);
  wait_for_count (list, 1);
  wait_for_count (queue, 0);

  /* A saved case shows up by itself. */
  save (f, f->teller, b);
  wait_for_count (list, 2);
  wait_for_count (queue, 1);
  {
    g_autoptr(EkycCase) pending = g_list_model_get_item (G_LIST_MODEL (queue), 0);
    g_assert_cmpstr (ekyc_case_get_id (pending), ==, ekyc_case_get_id (b));
  }

  ekyc_case_list_set_search_text (list, "tran thi");
  wait_for_count (list, 1);
  g_assert_null (ekyc_case_list_get_error (list));
}

static void
test_retention_purge (Fixture *f, gconstpointer data)
{
  g_autoptr(EkycCase) kase = make_case ("teller1", "Hoàng Văn Cũ", "001090000006",
                                        EKYC_DECISION_PASS);
  g_autoptr(EkycCase) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 31);
  g_autoptr(EkycCaseQuery) q = ekyc_case_query_new ();
  guint audit_before = 0, audit_after = 0;

  save (f, f->teller, kase);
  g_assert_true (ekyc_store_set_retention_days (f->store, f->supervisor, 30, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ekyc_store_get_retention_days (f->store), ==, 30);
  g_assert_true (ekyc_store_verify_audit (f->store, &audit_before, NULL, &error));

  /* Nothing is 30 days old yet. */
  g_assert_cmpint (ekyc_store_purge_expired (f->store, NULL, NULL, &error), ==, 0);
  g_assert_no_error (error);
  /* 31 days later it is. */
  g_assert_cmpint (ekyc_store_purge_expired (f->store, later, NULL, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (ekyc_store_purge_expired (f->store, later, NULL, &error), ==, 0);

  loaded = ekyc_store_load_case (f->store, f->supervisor, ekyc_case_get_id (kase), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ekyc_case_get_evidence_purged (loaded));
  /* When: the case detail says "removed by the retention policy on DATE". */
  g_assert_nonnull (ekyc_case_get_evidence_purged_at (loaded));
  g_assert_true (g_date_time_equal (ekyc_case_get_evidence_purged_at (loaded), later));
  g_assert_null (ekyc_case_get_evidence (loaded, EKYC_EVIDENCE_SELFIE, NULL));
  g_assert_null (ekyc_case_get_id_number (loaded));
  g_assert_cmpstr (ekyc_case_get_full_name (loaded), ==, "Hoàng Văn Cũ");
  g_assert_cmpint (ekyc_case_get_decision (loaded), ==, EKYC_DECISION_PASS);
  q->text = g_strdup ("001090000006");
  g_assert_cmpuint (count_cases (f, q), ==, 0);

  /* The audit trail stays whole and records the purge. */
  g_assert_true (ekyc_store_verify_audit (f->store, &audit_after, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (audit_after, ==, audit_before + 1);
}

static guint
count_audit (Fixture *f, const char *case_id, const char *action, const char *actor)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) entries = ekyc_store_list_audit (f->store, f->supervisor, case_id,
                                                         &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(EkycAuditEntry) entry = g_list_model_get_item (entries, i);

      n += g_strcmp0 (ekyc_audit_entry_get_action (entry), action) == 0
           && g_strcmp0 (ekyc_audit_entry_get_actor (entry), actor) == 0;
    }
  return n;
}

/* Viewing a case gives the full case and appends "case-viewed" by the viewer, in the chain; a
 * case that is not there, or a locked session, shows nothing and records nothing. */
static void
test_view_case_is_audited (Fixture *f, gconstpointer data)
{
  g_autoptr(EkycCase) kase = make_case ("teller1", "Đỗ Thị Xem", "001090000007",
                                        EKYC_DECISION_PASS);
  g_autoptr(EkycCase) viewed = NULL, missing = NULL, locked = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = ekyc_case_get_id (kase);
  guint before = 0, after = 0;

  save (f, f->teller, kase);
  g_assert_cmpuint (count_audit (f, id, "case-viewed", "teller1"), ==, 0);
  viewed = ekyc_store_view_case (f->store, f->teller, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ekyc_case_get_id_number (viewed), ==, "001090000007");
  g_assert_nonnull (ekyc_case_get_evidence (viewed, EKYC_EVIDENCE_SELFIE, NULL));
  g_assert_cmpuint (count_audit (f, id, "case-viewed", "teller1"), ==, 1);
  g_assert_true (ekyc_store_verify_audit (f->store, &before, NULL, &error));
  g_assert_no_error (error);

  missing = ekyc_store_view_case (f->store, f->teller, "no-such-case", NULL, &error);
  g_assert_null (missing);
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  ekyc_session_lock (f->teller);
  locked = ekyc_store_view_case (f->store, f->teller, id, NULL, &error);
  g_assert_null (locked);
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_true (ekyc_store_verify_audit (f->store, &after, NULL, &error));
  g_assert_cmpuint (after, ==, before);
}

static void
test_full_disk (Fixture *f, gconstpointer data)
{
  g_autoptr(EkycCase) big = ekyc_case_new ("teller1");
  g_autoptr(GByteArray) pixels = g_byte_array_sized_new (2 * 1024 * 1024);
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *pages = NULL;
  guint before = count_cases (f, NULL);
  guint audit_before = 0, audit_after = 0;

  for (guint i = 0; i < 2 * 1024 * 1024; i++)
    g_byte_array_append (pixels, (const guint8 *) &i, 1);
  jpeg = g_byte_array_free_to_bytes (g_steal_pointer (&pixels));
  ekyc_case_set_field (big, EKYC_FIELD_FULL_NAME, "Lý Văn Đầy", EKYC_FIELD_SOURCE_QR);
  ekyc_case_set_evidence (big, EKYC_EVIDENCE_CARD_FRONT, "image/jpeg", jpeg);

  g_assert_true (ekyc_store_verify_audit (f->store, &audit_before, NULL, &error));
  pages = raw_query_text (f->path, "PRAGMA page_count");
  sql = g_strdup_printf ("PRAGMA max_page_count = %s", pages);
  g_assert_true (_ekyc_store_exec_for_test (f->store, sql, &error));

  g_assert_false (ekyc_store_save_case (f->store, f->teller, big, NULL, &error));
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_FULL);
  g_assert_cmpuint (count_cases (f, NULL), ==, before);
  g_assert_true (ekyc_store_verify_audit (f->store, &audit_after, NULL, NULL));
  g_assert_cmpuint (audit_after, ==, audit_before);
  g_clear_pointer (&pages, g_free);
  pages = raw_query_text (f->path, "PRAGMA integrity_check");
  g_assert_cmpstr (pages, ==, "ok");

  /* Space again: the same case saves. */
  g_clear_error (&error);
  g_assert_true (_ekyc_store_exec_for_test (f->store, "PRAGMA max_page_count = 1073741823",
                                            &error));
  save (f, f->teller, big);
  g_assert_cmpuint (count_cases (f, NULL), ==, before + 1);
}

static void
test_corrupt_file (Fixture *f, gconstpointer data)
{
  g_autofree char *garbage = g_build_filename (f->dir, "garbage.db", NULL);
  g_autofree char *damaged = g_build_filename (f->dir, "damaged.db", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycStore) store = NULL;

  g_assert_true (g_file_set_contents (garbage, "this is not a database, just some text that is "
                                      "long enough to look like a header..........", -1, NULL));
  store = ekyc_store_open (garbage, EKYC_STORE_FLAGS_NO_KEYRING, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* A real database with its pages overwritten in the middle. */
  g_clear_object (&f->teller);
  g_clear_object (&f->supervisor);
  g_clear_object (&f->store);
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8192);
  memset (contents + 4096, 0x5a, length - 4096);
  g_assert_true (g_file_set_contents (damaged, contents, length, NULL));
  {
    g_autofree char *key = g_strconcat (f->path, ".key", NULL);
    g_autofree char *damaged_key = g_strconcat (damaged, ".key", NULL);
    g_autofree char *key_text = NULL;
    g_assert_true (g_file_get_contents (key, &key_text, NULL, NULL));
    g_assert_true (g_file_set_contents (damaged_key, key_text, -1, NULL));
  }
  store = ekyc_store_open (damaged, EKYC_STORE_FLAGS_NO_KEYRING, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_CORRUPT);
}

static void
on_opened (GObject *source, GAsyncResult *result, gpointer user_data)
{
  EkycStore **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = ekyc_store_open_finish (result, &error);
  g_assert_no_error (error);
}

static void
on_saved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  int *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (ekyc_store_save_case_finish (EKYC_STORE (source), result, &error));
  g_assert_no_error (error);
  *done = 1;
}

static void
test_async (Fixture *f, gconstpointer data)
{
  g_autoptr(EkycStore) store = NULL;
  g_autoptr(EkycCase) kase = make_case ("teller1", "Đinh Văn Async", "001090000007",
                                        EKYC_DECISION_PASS);
  int done = 0;

  ekyc_store_open_async (f->path, EKYC_STORE_FLAGS_NO_KEYRING, NULL, on_opened, &store);
  while (store == NULL)
    g_main_context_iteration (NULL, TRUE);
  ekyc_store_save_case_async (f->store, f->teller, kase, NULL, on_saved, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (count_cases (f, NULL), ==, 1);
}

/* The parent kills a child that saves case after case, at whatever point it has reached: every
 * case that is visible afterwards is whole (fields, evidence, its audit entry). */
static void
test_killed_by_parent_while_saving (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cases = NULL;
  g_autoptr(GListModel) audit = NULL;
  g_autofree char *integrity = NULL;
  guint created = 0;

  for (int round = 0; round < 4; round++)
    {
      int ready[2];
      char byte;
      int status = 0;
      pid_t child;

      g_assert_cmpint (pipe (ready), ==, 0);
      child = fork ();
      g_assert_cmpint (child, >=, 0);
      if (child == 0)
        {
          g_autoptr(EkycStore) store = ekyc_store_open (f->path, EKYC_STORE_FLAGS_NO_KEYRING,
                                                        NULL, NULL);
          g_autoptr(EkycSession) teller = ekyc_store_sign_in (store, "teller1", TELLER_PASSWORD,
                                                              NULL, NULL);
          close (ready[0]);
          for (int i = 0;; i++)
            {
              g_autoptr(EkycCase) kase = make_case ("teller1", "Phan Văn Vòng", "079200000010",
                                                    EKYC_DECISION_PASS);
              if (!ekyc_store_save_case (store, teller, kase, NULL, NULL))
                _exit (4);
              if (i == 0 && write (ready[1], "r", 1) != 1)
                _exit (5);
            }
        }
      close (ready[1]);
      g_assert_cmpint (read (ready[0], &byte, 1), ==, 1);
      close (ready[0]);
      g_usleep (g_random_int_range (0, 40000));
      kill (child, SIGKILL);
      g_assert_cmpint (waitpid (child, &status, 0), ==, child);
      g_assert_true (WIFSIGNALED (status));
    }

  integrity = raw_query_text (f->path, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_true (ekyc_store_verify_audit (f->store, NULL, NULL, &error));
  g_assert_no_error (error);

  cases = ekyc_store_query_cases (f->store, f->supervisor, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cases), >=, 4);
  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(EkycCase) listed = g_list_model_get_item (cases, i);
      g_autoptr(EkycCase) kase = ekyc_store_load_case (f->store, f->supervisor,
                                                       ekyc_case_get_id (listed), NULL, &error);
      g_auto(GStrv) names = NULL;

      g_assert_no_error (error);
      names = ekyc_case_dup_field_names (kase);
      g_assert_cmpuint (g_strv_length (names), ==, 3);
      g_assert_nonnull (ekyc_case_get_evidence (kase, EKYC_EVIDENCE_SELFIE, NULL));
      g_assert_cmpuint (ekyc_case_get_checks (kase)->len, ==, 1);
    }
  audit = ekyc_store_list_audit (f->store, f->supervisor, NULL, &error);
  for (guint i = 0; i < g_list_model_get_n_items (audit); i++)
    {
      g_autoptr(EkycAuditEntry) entry = g_list_model_get_item (audit, i);
      if (g_str_equal (ekyc_audit_entry_get_action (entry), "case-created"))
        created++;
    }
  g_assert_cmpuint (created, ==, g_list_model_get_n_items (cases));
}

/* Without a Secret Service the key goes to a 0600 file beside the database, and the app says so. */
static void
test_key_file_fallback_warns (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "fallback.db", NULL);
  g_autofree char *key_path = g_strconcat (path, ".key", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycStore) store = NULL;

  g_test_expect_message ("ekyc-store", G_LOG_LEVEL_WARNING, "No Secret Service*");
  store = ekyc_store_open (path, EKYC_STORE_FLAGS_NONE, NULL, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpint (ekyc_store_get_key_source (store), ==, EKYC_STORE_KEY_SOURCE_KEY_FILE);
  g_assert_true (g_file_test (key_path, G_FILE_TEST_EXISTS));
  g_clear_object (&store);

  g_test_expect_message ("ekyc-store", G_LOG_LEVEL_WARNING, "The store key is kept in*");
  store = ekyc_store_open (path, EKYC_STORE_FLAGS_NONE, NULL, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
}

/* The details the store writes itself read in words; any other detail stays as written. */
static void
test_audit_detail_in_words (void)
{
  static const struct { const char *action, *detail, *words; } cases[] = {
    { "case-created", "decision=review fields=7 edits=0 checks=8",
      "Decision: REVIEW · 7 fields, 0 edited · 8 checks" },
    { "case-updated", "decision=pass fields=1 edits=1 checks=1",
      "Decision: PASS · 1 field, 1 edited · 1 check" },
    { "sync-state-changed", "synced", "Sent" },
    /* A key it does not know, a bad count, a bad decision, a note: as written. */
    { "case-created", "decision=review colour=blue", "decision=review colour=blue" },
    { "case-created", "decision=review fields=many", "decision=review fields=many" },
    { "case-created", "decision=maybe fields=2", "decision=maybe fields=2" },
    { "case-approved", "decision=pass fields=1", "decision=pass fields=1" },
    { "sync-state-changed", "lost", "lost" },
  };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EkycAuditEntry) entry = _ekyc_audit_entry_new (i + 1, now, "sup", cases[i].action,
                                                               "case-1", cases[i].detail);
      g_autofree char *words = ekyc_audit_entry_dup_detail_label (entry);

      g_assert_cmpstr (words, ==, cases[i].words);
    }
  {
    g_autoptr(EkycAuditEntry) empty = _ekyc_audit_entry_new (9, now, "sup", "case-viewed",
                                                             "case-1", NULL);
    g_assert_null (ekyc_audit_entry_dup_detail_label (empty));
  }
}

int
main (int argc, char **argv)
{
  /* No Secret Service here (test-store-keyring has one): the key file path is what runs. */
  g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
  g_unsetenv ("DISPLAY");
  ekyc_test_init (&argc, &argv);

#define ADD(path, func, users) \
  g_test_add (path, Fixture, users ? GINT_TO_POINTER (1) : NULL, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("/store/cases/save-and-load", test_save_and_load, TRUE);
  ADD ("/store/cases/encrypted-at-rest", test_encryption_at_rest, TRUE);
  ADD ("/store/cases/search-and-filters", test_search_and_filters, TRUE);
  ADD ("/store/cases/list-model-follows-the-store", test_case_list_model, TRUE);
  ADD ("/store/cases/async", test_async, TRUE);
  ADD ("/store/schema/migrates-from-v1", test_migrate_from_v1, FALSE);
  ADD ("/store/schema/refuses-a-newer-schema", test_newer_schema_refused, FALSE);
  ADD ("/store/crash/kill-9-mid-save-leaves-no-half-case", test_crash_mid_save, TRUE);
  ADD ("/store/crash/killed-by-parent-while-saving", test_killed_by_parent_while_saving, TRUE);
  ADD ("/store/key/file-fallback-warns", test_key_file_fallback_warns, FALSE);
  ADD ("/store/audit/append-only-and-tamper-evident", test_audit_is_append_only, TRUE);
  g_test_add_func ("/store/audit/detail-in-words", test_audit_detail_in_words);
  ADD ("/store/audit/deleted-row-detected", test_audit_deleted_row_detected, TRUE);
  ADD ("/store/audit/viewing-a-case-is-recorded", test_view_case_is_audited, TRUE);
  ADD ("/store/users/roles-enforced", test_roles_enforced, TRUE);
  ADD ("/store/users/sign-in", test_sign_in, TRUE);
  ADD ("/store/users/first-user-is-a-supervisor", test_first_user_must_be_supervisor, FALSE);
  ADD ("/store/users/session-locks-after-inactivity", test_session_locks_after_inactivity, TRUE);
  ADD ("/store/retention/purges-evidence-keeps-audit", test_retention_purge, TRUE);
  ADD ("/store/bad-input/full-disk", test_full_disk, TRUE);
  ADD ("/store/bad-input/corrupt-file", test_corrupt_file, TRUE);
#undef ADD
  return g_test_run ();
}
