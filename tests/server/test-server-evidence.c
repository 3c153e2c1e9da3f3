/* test-server-evidence.c — evidence uploads on a real ekyc-server on loopback: the customer's
 * policy, idempotent uploads, conflicts, limits, other customers, revoked devices, ekyc-admin
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "server-fixture.h"
#include "test-utils.h"

#define CASE_A "0a000000-0000-4000-8000-0000000000e1"
#define CASE_B "0a000000-0000-4000-8000-0000000000e2"
#define FAR_FUTURE 4102444800   /* 2100-01-01 */

typedef struct {
  ServerFixture *server;
  char *token;
  char *device;
  GBytes *selfie;
  GBytes *other;
} Fixture;

static GBytes *
read_shared_jpeg (const char *person, const char *file)
{
  g_autofree char *path = ekyc_test_shared_path ("faces", "lfw", person, file, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize size = 0;

  if (path == NULL)
    return NULL;
  g_file_get_contents (path, &data, &size, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, size);
}

static void
sync_case (ServerFixture *server, const char *token, const char *case_id)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *batch = g_strdup_printf ("{\"cases\": [{\"id\": \"%s\", \"captured_at\": %"
                                            G_GINT64_FORMAT ", \"decision\": \"pass\"}]}",
                                            case_id, now);
  g_autoptr(JsonObject) reply = NULL;
  guint status = 0;

  reply = server_fixture_json (server, "POST", "/v1/sync", token, batch, &status);
  g_assert_cmpuint (status, ==, 200);
}

static void
set_policy (Fixture *f, const char *customer, gboolean upload)
{
  g_autofree char *path = g_strdup_printf ("/v1/admin/customers/%s/evidence-policy", customer);
  g_autoptr(JsonObject) reply = NULL;
  guint status = 0;

  reply = server_fixture_json (f->server, "PUT", path, f->server->admin_token,
                               upload ? "{\"upload\": true}" : "{\"upload\": false}", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpint (json_object_get_boolean_member (reply, "upload"), ==, upload);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->selfie = read_shared_jpeg ("Aaron_Sorkin", "Aaron_Sorkin_0001.jpg");
  f->other = read_shared_jpeg ("Aaron_Sorkin", "Aaron_Sorkin_0002.jpg");
  if (f->selfie == NULL || f->other == NULL)
    return;
  f->server = server_fixture_start (NULL);
  server_fixture_add_customer (f->server, "bank-a", "active", FAR_FUTURE);
  server_fixture_add_customer (f->server, "bank-b", "active", FAR_FUTURE);
  f->token = server_fixture_enrol (f->server, "bank-a", &f->device);
  sync_case (f->server, f->token, CASE_A);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->server, server_fixture_free);
  g_free (f->token);
  g_free (f->device);
  g_clear_pointer (&f->selfie, g_bytes_unref);
  g_clear_pointer (&f->other, g_bytes_unref);
}

/* PUTs @bytes as @kind of @case_id; returns the status, the reply's JSON in @out. */
static guint
upload (Fixture *f, const char *token, const char *case_id, const char *kind,
        const char *content_type, GBytes *bytes, JsonObject **out)
{
  g_autofree char *path = g_strdup_printf ("/v1/evidence/%s/%s", case_id, kind);
  g_autofree char *body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  guint status = server_fixture_send (f->server, "PUT", path, token, content_type, data, size,
                                      &body);

  if (out)
    {
      *out = NULL;
      if (body && json_parser_load_from_data (parser, body, -1, NULL) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        *out = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
    }
  return status;
}

static void
assert_error_code (JsonObject *reply, const char *want)
{
  JsonObject *error;

  g_assert_nonnull (reply);
  error = json_object_get_object_member (reply, "error");
  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, want);
  g_assert_cmpuint (strlen (json_object_get_string_member (error, "message")), >, 10);
}

static gint64
evidence_count (Fixture *f)
{
  return server_fixture_count (f->server, "evidence", "case_id", CASE_A) +
         server_fixture_count (f->server, "evidence", "case_id", CASE_B);
}

/* The image the server holds, read back over the device route. */
static GBytes *
download (Fixture *f, const char *token, const char *case_id, const char *kind, guint *status)
{
  g_autofree char *path = g_strdup_printf ("/v1/evidence/%s/%s", case_id, kind);
  g_autofree char *uri = g_strconcat (f->server->base_uri, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(GError) error = NULL;
  GBytes *reply;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  reply = soup_session_send_and_read (f->server->session, msg, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  return reply;
}

static void
test_policy_off_refuses (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonObject) policy = NULL, reply = NULL;
  guint status = 0;

  if (f->server == NULL)
    return;
  policy = server_fixture_json (f->server, "GET", "/v1/evidence/policy", f->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_false (json_object_get_boolean_member (policy, "upload"));
  g_assert_cmpstr (json_object_get_string_member (policy, "customer"), ==, "bank-a");

  status = upload (f, f->token, CASE_A, "selfie", "image/jpeg", f->selfie, &reply);
  g_assert_cmpuint (status, ==, 403);
  assert_error_code (reply, "evidence_policy_off");
  g_assert_cmpint (evidence_count (f), ==, 0);

  /* Turned on, then off again: refused again, what was uploaded stays. */
  set_policy (f, "bank-a", TRUE);
  g_assert_cmpuint (upload (f, f->token, CASE_A, "selfie", "image/jpeg", f->selfie, NULL), ==,
                    201);
  set_policy (f, "bank-a", FALSE);
  g_assert_cmpuint (upload (f, f->token, CASE_A, "card-front", "image/jpeg", f->other, NULL), ==,
                    403);
  g_assert_cmpint (evidence_count (f), ==, 1);
}

static void
test_policy_on_accepts_once (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonObject) policy = NULL, first = NULL, again = NULL, conflict = NULL;
  g_autoptr(GBytes) held = NULL;
  g_autofree char *sha256 = NULL;
  guint status = 0;

  if (f->server == NULL)
    return;
  set_policy (f, "bank-a", TRUE);
  policy = server_fixture_json (f->server, "GET", "/v1/evidence/policy", f->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (json_object_get_boolean_member (policy, "upload"));

  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, f->selfie);
  status = upload (f, f->token, CASE_A, "selfie", "image/jpeg", f->selfie, &first);
  g_assert_cmpuint (status, ==, 201);
  g_assert_true (json_object_get_boolean_member (first, "stored"));
  g_assert_cmpstr (json_object_get_string_member (first, "sha256"), ==, sha256);
  g_assert_cmpint (json_object_get_int_member (first, "size"), ==, g_bytes_get_size (f->selfie));

  /* The same bytes again (a retry after a lost reply): 200, nothing new. */
  status = upload (f, f->token, CASE_A, "selfie", "image/jpeg", f->selfie, &again);
  g_assert_cmpuint (status, ==, 200);
  g_assert_false (json_object_get_boolean_member (again, "stored"));
  g_assert_cmpint (evidence_count (f), ==, 1);

  /* Other bytes for the same case and kind: refused, the first image stays. */
  status = upload (f, f->token, CASE_A, "selfie", "image/jpeg", f->other, &conflict);
  g_assert_cmpuint (status, ==, 409);
  assert_error_code (conflict, "evidence_conflict");
  held = download (f, f->token, CASE_A, "selfie", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (g_bytes_equal (held, f->selfie));

  /* Another kind of the same case is its own image. */
  g_assert_cmpuint (upload (f, f->token, CASE_A, "card-front", "image/jpeg", f->other, NULL), ==,
                    201);
  g_assert_cmpint (evidence_count (f), ==, 2);
}

/* Uploads racing for one case and kind (each on its own connection, so on several HTTP threads):
 * one image is stored, exactly once; its copies answer 200, the other image 409. */
#define N_RACING 12

static void
test_racing_uploads_store_once (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_strdup_printf ("/v1/evidence/%s/selfie", CASE_A);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree JsonObject **replies = NULL;
  g_autofree char *selfie_sha = NULL, *other_sha = NULL;
  g_autoptr(GBytes) held = NULL;
  const char *winner = NULL;
  guint created = 0, status = 0;

  if (f->server == NULL)
    return;
  set_policy (f, "bank-a", TRUE);
  selfie_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, f->selfie);
  other_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, f->other);
  /* Every third one sends the other image; all go out before the first answer. */
  for (guint i = 0; i < N_RACING; i++)
    g_ptr_array_add (messages, server_fixture_message (f->server, "PUT", path, f->token,
                                                       "image/jpeg",
                                                       i % 3 == 2 ? f->other : f->selfie));
  replies = server_fixture_send_all (f->server, messages, TRUE);

  for (guint i = 0; i < N_RACING; i++)
    if (soup_message_get_status (messages->pdata[i]) == 201)
      {
        created++;
        winner = i % 3 == 2 ? other_sha : selfie_sha;
      }
  g_assert_cmpuint (created, ==, 1);
  for (guint i = 0; i < N_RACING; i++)
    {
      const char *sent = i % 3 == 2 ? other_sha : selfie_sha;
      guint got = soup_message_get_status (messages->pdata[i]);

      if (got != 201)
        g_assert_cmpuint (got, ==, g_str_equal (sent, winner) ? 200 : 409);
      if (got == 200 || got == 201)
        g_assert_cmpstr (json_object_get_string_member (replies[i], "sha256"), ==, winner);
      g_clear_pointer (&replies[i], json_object_unref);
    }
  g_assert_cmpint (evidence_count (f), ==, 1);
  held = download (f, f->token, CASE_A, "selfie", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (g_bytes_equal (held, winner == selfie_sha ? f->selfie : f->other));
}

static void
test_bad_uploads (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonObject) big_reply = NULL, kind_reply = NULL, type_reply = NULL, text_reply = NULL;
  g_autoptr(JsonObject) uuid_reply = NULL;
  g_autoptr(GBytes) big = NULL;
  g_autoptr(GBytes) text = g_bytes_new_static ("not an image at all", 19);
  guchar *data_big;

  if (f->server == NULL)
    return;
  set_policy (f, "bank-a", TRUE);

  /* One byte over 2 MiB, with a JPEG's first bytes. */
  data_big = g_malloc0 (2 * 1024 * 1024 + 1);
  memcpy (data_big, g_bytes_get_data (f->selfie, NULL), g_bytes_get_size (f->selfie));
  big = g_bytes_new_take (data_big, 2 * 1024 * 1024 + 1);
  g_assert_cmpuint (upload (f, f->token, CASE_A, "card-front", "image/jpeg", big, &big_reply), ==,
                    413);
  assert_error_code (big_reply, "evidence_too_large");

  g_assert_cmpuint (upload (f, f->token, CASE_A, "passport", "image/jpeg", f->selfie,
                            &kind_reply), ==, 400);
  assert_error_code (kind_reply, "bad_kind");
  g_assert_cmpuint (upload (f, f->token, CASE_A, "selfie", "text/plain", f->selfie, &type_reply),
                    ==, 415);
  assert_error_code (type_reply, "content_type");
  g_assert_cmpuint (upload (f, f->token, CASE_A, "selfie", "image/jpeg", text, &text_reply), ==,
                    400);
  assert_error_code (text_reply, "not_an_image");
  g_assert_cmpuint (upload (f, f->token, "not-a-uuid", "selfie", "image/jpeg", f->selfie,
                            &uuid_reply), ==, 400);
  assert_error_code (uuid_reply, "bad_uuid");
  g_assert_cmpint (evidence_count (f), ==, 0);
}

static void
test_other_customer_and_unsynced_case (Fixture *f, gconstpointer data)
{
  g_autofree char *token_b = NULL;
  g_autoptr(JsonObject) unsynced = NULL, foreign = NULL;
  g_autoptr(GBytes) stolen = NULL;
  guint status = 0;

  if (f->server == NULL)
    return;
  set_policy (f, "bank-a", TRUE);
  set_policy (f, "bank-b", TRUE);
  token_b = server_fixture_enrol (f->server, "bank-b", NULL);

  /* A case no device of the customer synced. */
  g_assert_cmpuint (upload (f, f->token, CASE_B, "selfie", "image/jpeg", f->selfie, &unsynced),
                    ==, 404);
  assert_error_code (unsynced, "unknown_case");

  /* Bank B's device cannot write, nor read, bank A's case. */
  g_assert_cmpuint (upload (f, token_b, CASE_A, "selfie", "image/jpeg", f->selfie, &foreign), ==,
                    404);
  assert_error_code (foreign, "unknown_case");
  g_assert_cmpuint (upload (f, f->token, CASE_A, "selfie", "image/jpeg", f->selfie, NULL), ==,
                    201);
  stolen = download (f, token_b, CASE_A, "selfie", &status);
  g_assert_cmpuint (status, ==, 404);
  g_assert_cmpint (server_fixture_count (f->server, "evidence", "customer_id", "bank-b"), ==, 0);
  g_assert_cmpint (evidence_count (f), ==, 1);
}

static void
test_revoked_device (Fixture *f, gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonObject) revoked = NULL, reply = NULL, unknown = NULL;
  guint status = 0;

  if (f->server == NULL)
    return;
  set_policy (f, "bank-a", TRUE);
  path = g_strdup_printf ("/v1/admin/devices/%s/revoke", f->device);
  revoked = server_fixture_json (f->server, "POST", path, f->server->admin_token, "{}", &status);
  g_assert_cmpuint (status, ==, 200);

  g_assert_cmpuint (upload (f, f->token, CASE_A, "selfie", "image/jpeg", f->selfie, &reply), ==,
                    401);
  assert_error_code (reply, "revoked_token");
  g_assert_cmpuint (upload (f, "no-such-token", CASE_A, "selfie", "image/jpeg", f->selfie,
                            &unknown), ==, 401);
  assert_error_code (unknown, "unknown_token");
  g_assert_cmpint (evidence_count (f), ==, 0);
}

/* Runs ekyc-admin ARGS… against the fixture's server; the exit status and stdout. */
static int
run_admin (Fixture *f, char **out, const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *token_file = g_build_filename (f->server->dir, "admin-token", NULL);
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  envp = g_environ_setenv (envp, "EKYC_SERVER_URL", f->server->base_uri, TRUE);
  envp = g_environ_setenv (envp, "EKYC_ADMIN_TOKEN_FILE", token_file, TRUE);
  g_ptr_array_add (argv, (gpointer) g_getenv ("EKYC_ADMIN"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  if (WEXITSTATUS (status) != 0)
    g_test_message ("ekyc-admin: %s", err);
  return WEXITSTATUS (status);
}

static void
test_admin_command (Fixture *f, gconstpointer data)
{
  const char *show[] = { "evidence-policy", "--customer", "bank-a", "--json", NULL };
  const char *on[] = { "evidence-policy", "--customer", "bank-a", "--upload", "on", NULL };
  const char *unknown[] = { "evidence-policy", "--customer", "bank-z", "--upload", "on", NULL };
  const char *bad[] = { "evidence-policy", "--customer", "bank-a", "--upload", "maybe", NULL };
  const char *missing[] = { "evidence-policy", NULL };
  g_autofree char *before = NULL, *set = NULL, *after = NULL, *ignored = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) reply = NULL;
  guint status = 0;

  if (f->server == NULL)
    return;
  g_assert_nonnull (g_getenv ("EKYC_ADMIN"));
  g_assert_cmpint (run_admin (f, &before, show), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, before, -1, NULL));
  g_assert_false (json_object_get_boolean_member (
                    json_node_get_object (json_parser_get_root (parser)), "upload"));

  g_assert_cmpint (run_admin (f, &set, on), ==, 0);
  g_assert_nonnull (strstr (set, "bank-a"));
  g_assert_cmpint (run_admin (f, &after, show), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, after, -1, NULL));
  g_assert_true (json_object_get_boolean_member (
                   json_node_get_object (json_parser_get_root (parser)), "upload"));

  /* The device sees it at once. */
  reply = server_fixture_json (f->server, "GET", "/v1/evidence/policy", f->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (json_object_get_boolean_member (reply, "upload"));

  g_assert_cmpint (run_admin (f, &ignored, unknown), ==, 1);
  g_clear_pointer (&ignored, g_free);
  g_assert_cmpint (run_admin (f, &ignored, bad), ==, 2);
  g_clear_pointer (&ignored, g_free);
  g_assert_cmpint (run_admin (f, &ignored, missing), ==, 2);
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/server/evidence/policy-off-refuses", test_policy_off_refuses);
  ADD ("/server/evidence/policy-on-accepts-once", test_policy_on_accepts_once);
  ADD ("/server/evidence/racing-uploads-store-once", test_racing_uploads_store_once);
  ADD ("/server/evidence/bad-uploads", test_bad_uploads);
  ADD ("/server/evidence/other-customer-and-unsynced-case", test_other_customer_and_unsynced_case);
  ADD ("/server/evidence/revoked-device", test_revoked_device);
  ADD ("/server/evidence/admin-command", test_admin_command);
#undef ADD
  return g_test_run ();
}
