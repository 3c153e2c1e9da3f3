/* server-fixture.c — a real ekyc-server process on loopback for the server and sync tests
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

#include "server-fixture.h"
#include "test-utils.h"

static char *
fresh_postgresql_database (const char *base_uri)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycStorage) admin = ekyc_storage_open (base_uri, &error);
  g_autofree char *name = g_strdup_printf ("ekyc_test_%u_%u", (guint) getpid (), g_random_int ());
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", name);
  g_autoptr(GUri) uri = NULL;
  g_autofree char *path = g_strconcat ("/", name, NULL);

  g_assert_no_error (error);
  g_assert_true (ekyc_storage_exec_script (admin, create, &error));
  g_assert_no_error (error);
  uri = g_uri_parse (base_uri, G_URI_FLAGS_ENCODED, &error);
  g_assert_no_error (error);
  return g_uri_join (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), g_uri_get_userinfo (uri),
                     g_uri_get_host (uri), g_uri_get_port (uri),
                     path, g_uri_get_query (uri), NULL);
}

/* The server dies with the test, even when an assertion aborts the test. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
spawn (ServerFixture *self)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *port_file = g_build_filename (self->dir, "port", NULL);
  g_autofree char *admin_file = g_build_filename (self->dir, "admin-token", NULL);
  g_autofree char *port = g_strdup_printf ("%u", self->port);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autofree char *stderr_path = g_build_filename (self->dir, "stderr", NULL);
  char *contents = NULL;

  g_unlink (port_file);
  g_ptr_array_add (argv, (gpointer) EKYC_SERVER_PATH);
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, self->database);
  g_ptr_array_add (argv, (gpointer) "--port");
  g_ptr_array_add (argv, port);
  g_ptr_array_add (argv, (gpointer) "--port-file");
  g_ptr_array_add (argv, port_file);
  g_ptr_array_add (argv, (gpointer) "--admin-token-file");
  g_ptr_array_add (argv, admin_file);
  g_ptr_array_add (argv, (gpointer) "--log-file");
  g_ptr_array_add (argv, self->log_path);
  for (guint i = 0; i < self->extra_args->len; i++)
    g_ptr_array_add (argv, g_ptr_array_index (self->extra_args, i));
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_stderr_file_path (launcher, stderr_path);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  self->process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata,
                                                &error);
  g_assert_no_error (error);
  /* Up to 20 s: the machine is shared, and PostgreSQL migrations take a moment. */
  for (int i = 0; i < 2000; i++)
    {
      if (g_file_get_contents (port_file, &contents, NULL, NULL) && strchr (contents, '\n'))
        break;
      g_clear_pointer (&contents, g_free);
      if (g_subprocess_get_identifier (self->process) == NULL)  /* it exited */
        break;
      g_usleep (10000);
    }
  if (contents == NULL)
    {
      g_autofree char *log = NULL;
      g_file_get_contents (stderr_path, &log, NULL, NULL);
      g_error ("ekyc-server did not start: %s", log ? log : "(no output)");
    }
  self->port = (guint) g_ascii_strtoull (contents, NULL, 10);
  g_free (contents);
  g_free (self->base_uri);
  self->base_uri = g_strdup_printf ("%s://127.0.0.1:%u", self->https ? "https" : "http",
                                    self->port);
}

ServerFixture *
server_fixture_start (const char *const *extra_args)
{
  ServerFixture *self = g_new0 (ServerFixture, 1);
  g_autofree char *admin_file = NULL;
  const char *postgresql = g_getenv ("EKYC_TEST_POSTGRESQL");
  g_autoptr(GError) error = NULL;

  self->dir = g_dir_make_tmp ("ekyc-server-XXXXXX", &error);
  g_assert_no_error (error);
  self->extra_args = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; extra_args && extra_args[i]; i++)
    {
      g_ptr_array_add (self->extra_args, g_strdup (extra_args[i]));
      if (g_str_equal (extra_args[i], "--tls-cert"))
        self->https = TRUE;
    }
  self->database = (postgresql && *postgresql) ? fresh_postgresql_database (postgresql)
                                                : g_build_filename (self->dir, "server.sqlite",
                                                                    NULL);
  self->admin_token = g_strdup_printf ("test-admin-token-%08x%08x", g_random_int (),
                                       g_random_int ());
  admin_file = g_build_filename (self->dir, "admin-token", NULL);
  g_assert_true (g_file_set_contents (admin_file, self->admin_token, -1, NULL));
  self->log_path = g_build_filename (self->dir, "requests.log", NULL);
  spawn (self);
  self->session = soup_session_new_with_options ("timeout", 30, "proxy-resolver", NULL, NULL);
  self->storage = ekyc_storage_open (self->database, &error);
  g_assert_no_error (error);
  return self;
}

void
server_fixture_kill (ServerFixture *self)
{
  g_subprocess_send_signal (self->process, SIGKILL);
  g_subprocess_wait (self->process, NULL, NULL);
  g_clear_object (&self->process);
}

void
server_fixture_restart (ServerFixture *self)
{
  g_assert_null (self->process);
  spawn (self);
}

void
server_fixture_free (ServerFixture *self)
{
  if (self->process)
    {
      g_subprocess_send_signal (self->process, SIGTERM);
      g_subprocess_wait (self->process, NULL, NULL);
      g_clear_object (&self->process);
    }
  g_clear_object (&self->session);
  g_clear_pointer (&self->storage, ekyc_storage_free);
  ekyc_test_remove_tree (self->dir);
  g_ptr_array_unref (self->extra_args);
  g_free (self->dir);
  g_free (self->database);
  g_free (self->admin_token);
  g_free (self->log_path);
  g_free (self->base_uri);
  g_free (self);
}

static gboolean
accept_any_certificate (SoupMessage *msg, GTlsCertificate *certificate,
                        GTlsCertificateFlags errors, gpointer user_data)
{
  return TRUE;  /* the test's own self-signed certificate */
}

guint
server_fixture_send (ServerFixture *self, const char *method, const char *path,
                     const char *token, const char *content_type, const char *body,
                     gssize length, char **out_body)
{
  g_autofree char *uri = g_strconcat (self->base_uri, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (msg);
  if (token)
    {
      g_autofree char *header = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    header);
    }
  if (body)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, length < 0 ? strlen (body) : (gsize) length);
      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  if (self->https)
    g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_any_certificate), NULL);
  reply = soup_session_send_and_read (self->session, msg, NULL, &error);
  if (reply == NULL)
    {
      if (out_body)
        *out_body = g_strdup (error->message);
      return 0;
    }
  if (out_body)
    *out_body = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
  return soup_message_get_status (msg);
}

/* A message of server_fixture_send_all () and where its reply goes. */
typedef struct {
  SoupMessage *msg;
  SoupSession *session;
  guint *pending;
  JsonObject **reply;
} PendingMessage;

static void
on_sent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PendingMessage *pending = user_data;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                              NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (body && json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                          g_bytes_get_size (body), NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    *pending->reply = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  (*pending->pending)--;
  g_object_unref (pending->session);
  g_free (pending);
}

JsonObject **
server_fixture_send_all (ServerFixture *self, GPtrArray *messages, gboolean own_connections)
{
  g_autoptr(SoupSession) shared = soup_session_new_with_options (
    "max-conns", messages->len + 1, "max-conns-per-host", messages->len + 1, "timeout", 60,
    "proxy-resolver", NULL, NULL);
  JsonObject **replies = g_new0 (JsonObject *, messages->len + 1);
  guint pending = 0;

  for (guint i = 0; i < messages->len; i++)
    {
      PendingMessage *message = g_new0 (PendingMessage, 1);

      message->msg = g_ptr_array_index (messages, i);
      message->session = own_connections
        ? soup_session_new_with_options ("timeout", 60, "proxy-resolver", NULL, NULL)
        : g_object_ref (shared);
      message->pending = &pending;
      message->reply = &replies[i];
      if (self->https)
        g_signal_connect (message->msg, "accept-certificate",
                          G_CALLBACK (accept_any_certificate), NULL);
      pending++;
      soup_session_send_and_read_async (message->session, message->msg, G_PRIORITY_DEFAULT, NULL,
                                        on_sent, message);
    }
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);
  return replies;
}

SoupMessage *
server_fixture_message (ServerFixture *self, const char *method, const char *path,
                        const char *token, const char *content_type, GBytes *body)
{
  g_autofree char *uri = g_strconcat (self->base_uri, path, NULL);
  SoupMessage *msg = soup_message_new (method, uri);

  g_assert_nonnull (msg);
  if (token)
    {
      g_autofree char *header = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    header);
    }
  if (body)
    soup_message_set_request_body_from_bytes (msg, content_type, body);
  return msg;
}

JsonObject *
server_fixture_json (ServerFixture *self, const char *method, const char *path,
                     const char *token, const char *json, guint *out_status)
{
  g_autofree char *body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint status = server_fixture_send (self, method, path, token, "application/json", json, -1,
                                      &body);

  if (out_status)
    *out_status = status;
  if (body == NULL || !json_parser_load_from_data (parser, body, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

void
server_fixture_add_customer (ServerFixture *self, const char *id, const char *status,
                             gint64 ends_at)
{
  g_autofree char *ends = ends_at ? g_strdup_printf ("%" G_GINT64_FORMAT, ends_at) : NULL;
  g_autoptr(GError) error = NULL;

  ekyc_storage_exec (self->storage, "INSERT INTO customers (id, name, contract_status, "
                     "contract_ends_at) VALUES (?, ?, ?, ?)",
                     EKYC_SQL_PARAMS (id, id, status, ends), NULL, &error);
  g_assert_no_error (error);
}

char *
server_fixture_enrol (ServerFixture *self, const char *customer, char **out_device_id)
{
  g_autofree char *request = g_strdup_printf ("{\"customer\": \"%s\"}", customer);
  g_autofree char *enrol = NULL;
  g_autoptr(JsonObject) code = NULL;
  g_autoptr(JsonObject) device = NULL;
  guint status = 0;

  code = server_fixture_json (self, "POST", "/v1/admin/enrolment-codes", self->admin_token,
                              request, &status);
  g_assert_cmpuint (status, ==, 201);
  enrol = g_strdup_printf ("{\"code\": \"%s\", \"name\": \"test device\"}",
                           json_object_get_string_member (code, "code"));
  device = server_fixture_json (self, "POST", "/v1/devices/enrol", NULL, enrol, &status);
  g_assert_cmpuint (status, ==, 201);
  if (out_device_id)
    *out_device_id = g_strdup (json_object_get_string_member (device, "device"));
  return g_strdup (json_object_get_string_member (device, "token"));
}

gint64
server_fixture_count (ServerFixture *self, const char *table, const char *column,
                      const char *value)
{
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM %s WHERE %s = ?", table, column);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycStorageRows) rows = ekyc_storage_query (self->storage, sql,
                                                        EKYC_SQL_PARAMS (value), &error);

  g_assert_no_error (error);
  return ekyc_storage_rows_get_int (rows, 0, 0, -1);
}

JsonObject *
server_fixture_admin (ServerFixture *self, const char *method, const char *path, const char *json)
{
  guint status = 0;
  JsonObject *reply = server_fixture_json (self, method, path, self->admin_token, json, &status);

  if (status < 200 || status >= 300)
    g_error ("%s %s → %u", method, path, status);
  return reply;
}

void
server_fixture_add_active_contract (ServerFixture *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) end = g_date_time_add_years (now, 1);
  g_autofree char *start_text = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *end_text = g_date_time_format (end, "%Y-%m-%d");
  g_autofree char *contract = g_strdup_printf ("{\"id\": \"hd-1\", \"customer\": \"bank-a\", "
                                               "\"unit\": \"cty-kv1\", \"start_date\": \"%s\", "
                                               "\"end_date\": \"%s\"}", start_text, end_text);
  const char *steps[][2] = {
    { "/v1/admin/customers", "{\"id\": \"bank-a\", \"name\": \"Ngân hàng A\"}" },
    { "/v1/admin/units", "{\"id\": \"cty-kv1\", \"name\": \"Công ty khu vực 1\", "
                         "\"kind\": \"regional-company\"}" },
    { "/v1/admin/contracts", contract },
    { "/v1/admin/contracts/hd-1/activate", "{}" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (steps); i++)
    json_object_unref (server_fixture_admin (self, "POST", steps[i][0], steps[i][1]));
}
