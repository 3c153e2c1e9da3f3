/* test-sync-evidence.c — the app's evidence upload against a real ekyc-server on loopback: a real
 * case store (sealed images), the real sync service; policy on uploads each image once with the
 * store's bytes, policy off uploads nothing, purged evidence is skipped, and a server killed in the
 * middle of the uploads ends with every image on the server exactly once
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "ekyc-store.h"
#include "ekyc-store-evidence.h"
#include "ekyc-sync-service.h"
#include "ekyc-sync-token.h"
#include "server-fixture.h"
#include "test-utils.h"

#define FAR_FUTURE 4102444800   /* 2100-01-01 */
#define PASSWORD "mat-khau-dai-1"

typedef struct {
  ServerFixture   *server;
  char            *dir;
  char            *path;
  EkycStore       *store;
  EkycSession     *session;
  EkycSyncService *sync;
  GBytes          *images[EKYC_N_EVIDENCE_KINDS];
  GPtrArray       *case_ids;
} Fixture;

/* The pictures of a case this test uploads: the card's and the selfie (not the chip's). */
#define N_PICTURE_KINDS (EKYC_EVIDENCE_SELFIE + 1)

static const char *const kind_names[EKYC_N_EVIDENCE_KINDS] = {
  "card-front", "card-back", "card-portrait", "selfie"
};

static GBytes *
read_shared (const char *first, ...) G_GNUC_NULL_TERMINATED;

static GBytes *
read_shared (const char *first, ...)
{
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *relative = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;
  char *data = NULL;
  gsize size = 0;

  va_start (args, first);
  for (const char *p = first; p; p = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) p);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  relative = g_build_filenamev ((char **) parts->pdata);
  path = ekyc_test_shared_path (relative, NULL);
  if (path == NULL)
    return NULL;
  g_file_get_contents (path, &data, &size, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, size);
}

static void
wait_for (gboolean (*done) (Fixture *f), Fixture *f, guint seconds, const char *what)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!done (f))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s (pending %u, evidence pending %u, error %s / %s)",
                 what, ekyc_sync_service_get_pending (f->sync),
                 ekyc_sync_evidence_get_pending (ekyc_sync_service_get_evidence (f->sync)),
                 ekyc_sync_service_get_last_error (f->sync),
                 ekyc_sync_evidence_get_last_error (ekyc_sync_service_get_evidence (f->sync)));
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

static void
set_policy (Fixture *f, gboolean upload)
{
  g_autoptr(JsonObject) reply = NULL;
  guint status = 0;

  reply = server_fixture_json (f->server, "PUT", "/v1/admin/customers/bank-a/evidence-policy",
                               f->server->admin_token,
                               upload ? "{\"upload\": true}" : "{\"upload\": false}", &status);
  g_assert_cmpuint (status, ==, 200);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->images[EKYC_EVIDENCE_CARD_FRONT] = read_shared ("mrz", "passporteye", "0_pass-lva.jpg",
                                                     NULL);
  f->images[EKYC_EVIDENCE_CARD_BACK] = read_shared ("mrz", "passporteye", "43_pass-fra.jpg",
                                                    NULL);
  f->images[EKYC_EVIDENCE_CARD_PORTRAIT] = read_shared ("faces", "lfw", "Abbas_Kiarostami",
                                                        "Abbas_Kiarostami_0001.jpg", NULL);
  f->images[EKYC_EVIDENCE_SELFIE] = read_shared ("faces", "lfw", "Aaron_Sorkin",
                                                 "Aaron_Sorkin_0001.jpg", NULL);
  for (guint i = 0; i < N_PICTURE_KINDS; i++)
    if (f->images[i] == NULL)
      return;  /* skipped: no shared data */

  f->case_ids = g_ptr_array_new_with_free_func (g_free);
  f->server = server_fixture_start (NULL);
  server_fixture_add_customer (f->server, "bank-a", "active", FAR_FUTURE);

  f->dir = g_dir_make_tmp ("ekyc-sync-evidence-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "cases.db", NULL);
  f->store = ekyc_store_open (f->path, EKYC_STORE_FLAGS_NO_KEYRING, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ekyc_store_create_user (f->store, NULL, "giamsat", "Giám Sát", PASSWORD,
                                         EKYC_ROLE_SUPERVISOR, NULL, &error));
  g_assert_no_error (error);
  f->session = ekyc_store_sign_in (f->store, "giamsat", PASSWORD, NULL, &error);
  g_assert_no_error (error);

  /* As the application does it: the outbox in the store's file, the loader over the store. */
  f->sync = ekyc_sync_service_new (f->path, FALSE, &error);
  g_assert_no_error (error);
  ekyc_sync_service_set_evidence_loader (f->sync, ekyc_store_evidence_loader,
                                         g_object_ref (f->store), g_object_unref);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->sync);
  g_clear_object (&f->session);
  g_clear_object (&f->store);
  g_clear_pointer (&f->server, server_fixture_free);
  if (f->dir)
    ekyc_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  for (guint i = 0; i < EKYC_N_EVIDENCE_KINDS; i++)
    g_clear_pointer (&f->images[i], g_bytes_unref);
  g_clear_pointer (&f->case_ids, g_ptr_array_unref);
}

static void
save_cases (Fixture *f, guint n)
{
  for (guint c = 0; c < n; c++)
    {
      g_autoptr(EkycCase) kase = ekyc_case_new ("giamsat");
      g_autoptr(GError) error = NULL;
      const char *reasons[] = { "all-passed", NULL };

      ekyc_case_set_field (kase, EKYC_FIELD_FULL_NAME, "Nguyễn Văn An", EKYC_FIELD_SOURCE_QR);
      for (guint i = 0; i < N_PICTURE_KINDS; i++)
        ekyc_case_set_evidence (kase, i, "image/jpeg", f->images[i]);
      ekyc_case_set_similarity (kase, 0.8);
      ekyc_case_set_decision (kase, EKYC_DECISION_PASS, reasons);
      g_assert_true (ekyc_store_save_case (f->store, f->session, kase, NULL, &error));
      g_assert_no_error (error);
      g_ptr_array_add (f->case_ids, g_strdup (ekyc_case_get_id (kase)));
    }
}

static void
enrolled (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ekyc_sync_service_enrol_finish (EKYC_SYNC_SERVICE (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) data = TRUE;
}

static void
enrol (Fixture *f)
{
  g_autoptr(JsonObject) code = NULL;
  gboolean done = FALSE;
  guint status = 0;

  code = server_fixture_json (f->server, "POST", "/v1/admin/enrolment-codes",
                              f->server->admin_token, "{\"customer\": \"bank-a\"}", &status);
  g_assert_cmpuint (status, ==, 201);
  ekyc_sync_service_enrol_async (f->sync, f->server->base_uri,
                                 json_object_get_string_member (code, "code"), "test", NULL,
                                 enrolled, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
all_settled (Fixture *f)
{
  EkycSyncEvidence *evidence = ekyc_sync_service_get_evidence (f->sync);

  return ekyc_sync_service_get_pending (f->sync) == 0 &&
         ekyc_sync_evidence_get_pending (evidence) == 0 &&
         !ekyc_sync_evidence_get_busy (evidence);
}

static gint64
server_images (Fixture *f)
{
  return server_fixture_count (f->server, "evidence", "customer_id", "bank-a");
}

/* The state of a case in the branch's upload table. */
static char *
local_state (Fixture *f, const char *case_id)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *state = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT state FROM sync_evidence_cases WHERE "
                                       "case_id = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    state = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return state;
}

/* The image the server holds, as the operator reads it. */
static GBytes *
admin_image (Fixture *f, const char *case_id, const char *kind)
{
  g_autofree char *uri = g_strdup_printf ("%s/v1/admin/evidence/%s/%s", f->server->base_uri,
                                          case_id, kind);
  g_autofree char *auth = g_strconcat ("Bearer ", f->server->admin_token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GError) error = NULL;
  GBytes *reply;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  reply = soup_session_send_and_read (f->server->session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (
                     soup_message_get_response_headers (msg), NULL), ==, "image/jpeg");
  return reply;
}

/* Every image of every case is on the server, once, with the bytes the store opens. */
static void
assert_server_holds_the_store_images (Fixture *f)
{
  g_assert_cmpint (server_images (f), ==, f->case_ids->len * N_PICTURE_KINDS);
  for (guint c = 0; c < f->case_ids->len; c++)
    {
      const char *id = g_ptr_array_index (f->case_ids, c);
      g_autoptr(GError) error = NULL;
      g_autoptr(EkycCase) kase = ekyc_store_load_case (f->store, f->session, id, NULL, &error);
      g_autofree char *state = local_state (f, id);

      g_assert_no_error (error);
      g_assert_cmpstr (state, ==, "uploaded");
      for (guint i = 0; i < N_PICTURE_KINDS; i++)
        {
          GBytes *stored = ekyc_case_get_evidence (kase, i, NULL);
          g_autoptr(GBytes) held = admin_image (f, id, kind_names[i]);

          g_assert_nonnull (stored);
          g_assert_true (g_bytes_equal (held, stored));
          g_assert_true (g_bytes_equal (stored, f->images[i]));
        }
    }
}

static void
test_policy_on_uploads_each_image_once (Fixture *f, gconstpointer data)
{
  EkycSyncEvidence *evidence;
  guint uploaded;
  gint64 started;

  if (f->server == NULL)
    return;
  set_policy (f, TRUE);
  enrol (f);
  evidence = ekyc_sync_service_get_evidence (f->sync);
  started = g_get_monotonic_time ();
  save_cases (f, 3);
  ekyc_sync_service_kick (f->sync);
  wait_for (all_settled, f, 60, "the uploads");
  g_test_message ("3 cases, 12 images synced and uploaded in %.0f ms",
                  (g_get_monotonic_time () - started) / 1000.0);
  assert_server_holds_the_store_images (f);
  uploaded = ekyc_sync_evidence_get_uploaded (evidence);
  g_assert_cmpuint (uploaded, ==, 12);

  /* Another sync: nothing goes out again. */
  ekyc_sync_service_sync_now (f->sync);
  wait_for (all_settled, f, 30, "a quiet sync");
  g_assert_cmpuint (ekyc_sync_evidence_get_uploaded (evidence), ==, uploaded);
  g_assert_cmpint (server_images (f), ==, 12);
}

static void
test_policy_off_uploads_nothing (Fixture *f, gconstpointer data)
{
  if (f->server == NULL)
    return;
  enrol (f);
  save_cases (f, 2);
  ekyc_sync_service_kick (f->sync);
  wait_for (all_settled, f, 60, "the sync");
  g_assert_cmpint (server_fixture_count (f->server, "cases", "customer_id", "bank-a"), ==, 2);
  g_assert_cmpint (server_images (f), ==, 0);
  for (guint c = 0; c < f->case_ids->len; c++)
    {
      g_autofree char *state = local_state (f, g_ptr_array_index (f->case_ids, c));
      g_assert_cmpstr (state, ==, "kept");
    }

  /* Turning the policy on later does not send what the branch already kept. */
  set_policy (f, TRUE);
  ekyc_sync_service_sync_now (f->sync);
  wait_for (all_settled, f, 30, "a quiet sync");
  g_assert_cmpint (server_images (f), ==, 0);
}

static void
test_purged_evidence_is_skipped (Fixture *f, gconstpointer data)
{
  g_autoptr(GDateTime) later = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) after_retention = g_date_time_add_days (later, 400);
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;

  if (f->server == NULL)
    return;
  set_policy (f, TRUE);
  save_cases (f, 1);
  g_assert_cmpint (ekyc_store_purge_expired (f->store, after_retention, NULL, &error), ==, 1);
  g_assert_no_error (error);
  enrol (f);
  wait_for (all_settled, f, 60, "the sync");
  g_assert_cmpint (server_fixture_count (f->server, "cases", "customer_id", "bank-a"), ==, 1);
  g_assert_cmpint (server_images (f), ==, 0);
  state = local_state (f, g_ptr_array_index (f->case_ids, 0));
  g_assert_cmpstr (state, ==, "purged");
}

/* Kills the server (kill -9) from a thread once it holds some but not all of the images. */
typedef struct {
  const char  *database;
  GSubprocess *process;
  gint64       total;
  gint64       killed_at;
  gint         finished;
} KillWatch;

static gpointer
kill_mid_upload (gpointer data)
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

      /* The table appears with the server's migrations. */
      if (sqlite3_prepare_v2 (db, "SELECT COUNT(*) FROM evidence", -1, &stmt, NULL) ==
          SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
        n = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      if (n > 0 && n < kw->total)
        {
          g_subprocess_send_signal (kw->process, SIGKILL);
          kw->killed_at = n;
          break;
        }
      if (n >= kw->total)
        break;
      g_usleep (200);
    }
  sqlite3_close (db);
  g_atomic_int_set (&kw->finished, 1);
  return NULL;
}

static gboolean
uploads_failing (Fixture *f)
{
  return ekyc_sync_evidence_get_last_error (ekyc_sync_service_get_evidence (f->sync)) != NULL;
}

static void
test_server_killed_mid_upload (Fixture *f, gconstpointer data)
{
  KillWatch kw = { 0 };
  GThread *watcher;
  sqlite3 *db = NULL;
  guint before;

  if (f->server == NULL)
    return;
  if (g_str_has_prefix (f->server->database, "postgres"))
    {
      g_test_skip ("the kill watch reads the server's sqlite file");
      return;
    }
  set_policy (f, TRUE);
  enrol (f);
  kw.database = f->server->database;
  kw.process = f->server->process;
  kw.total = 8 * N_PICTURE_KINDS;
  watcher = g_thread_new ("kill-mid-upload", kill_mid_upload, &kw);
  save_cases (f, 8);
  ekyc_sync_service_kick (f->sync);
  /* The uploads start from the main loop, once the cases' sync has finished. */
  while (!g_atomic_int_get (&kw.finished))
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_thread_join (watcher);
  g_test_message ("killed with %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " images on the server",
                  kw.killed_at, kw.total);
  g_assert_cmpint (kw.killed_at, >, 0);
  server_fixture_kill (f->server);
  wait_for (uploads_failing, f, 30, "the upload to fail");

  server_fixture_restart (f->server);
  ekyc_sync_service_sync_now (f->sync);
  wait_for (all_settled, f, 60, "the uploads after the restart");
  assert_server_holds_the_store_images (f);

  /* A crash after the server stored an image but before the branch wrote it down: the image
   * goes again, the server keeps its one copy. */
  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM sync_evidence_uploads WHERE kind = 'selfie';"
                                 "UPDATE sync_evidence_cases SET state = 'pending'", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = ekyc_sync_evidence_get_uploaded (ekyc_sync_service_get_evidence (f->sync));
  ekyc_sync_service_sync_now (f->sync);
  wait_for (all_settled, f, 60, "the repeated uploads");
  g_assert_cmpuint (ekyc_sync_evidence_get_uploaded (ekyc_sync_service_get_evidence (f->sync)),
                    ==, before + 8);
  assert_server_holds_the_store_images (f);
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/sync/evidence/policy-on-uploads-each-image-once", test_policy_on_uploads_each_image_once);
  ADD ("/sync/evidence/policy-off-uploads-nothing", test_policy_off_uploads_nothing);
  ADD ("/sync/evidence/purged-evidence-is-skipped", test_purged_evidence_is_skipped);
  ADD ("/sync/evidence/server-killed-mid-upload", test_server_killed_mid_upload);
#undef ADD
  return g_test_run ();
}
