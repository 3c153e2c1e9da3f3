/* test-server-connections.c — ekyc-server's keep-alive connections on loopback: closed by the
 * client while idle, kept while live, closed after --idle-timeout
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The clients are raw sockets, so the test decides when a connection is idle and how it ends (a
 * FIN, or a reset). What the server holds is read from /proc: its descriptors and the state of its
 * TCP sockets (CLOSE_WAIT: the client closed, the server did not). */
#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include "server-fixture.h"
#include "test-utils.h"

#define N_CONNECTIONS 50
#define TCP_CLOSE_WAIT "08"

/* --- what the server holds --- */

static guint
server_pid (ServerFixture *server)
{
  return (guint) g_ascii_strtoull (g_subprocess_get_identifier (server->process), NULL, 10);
}

/* Its descriptors; the inodes of its sockets in @inodes when not NULL. */
static guint
count_fds (guint pid, GHashTable *inodes)
{
  g_autofree char *path = g_strdup_printf ("/proc/%u/fd", pid);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *link = g_build_filename (path, name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      n++;
      if (inodes && target && g_str_has_prefix (target, "socket:["))
        g_hash_table_add (inodes, g_strndup (target + 8, strlen (target) - 9));
    }
  return n;
}

/* The server's TCP sockets in CLOSE_WAIT. */
static guint
count_close_wait (guint pid)
{
  g_autoptr(GHashTable) inodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *tables[] = { "tcp", "tcp6" };
  guint n = 0;

  count_fds (pid, inodes);
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *path = g_strdup_printf ("/proc/%u/net/%s", pid, tables[t]);
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;

      if (!g_file_get_contents (path, &contents, NULL, NULL))
        continue;
      lines = g_strsplit (contents, "\n", -1);
      for (guint i = 1; lines[i]; i++)  /* line 0 is the header */
        {
          g_auto(GStrv) fields = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
          g_autoptr(GPtrArray) columns = g_ptr_array_new ();

          for (guint f = 0; fields[f]; f++)
            if (*fields[f])
              g_ptr_array_add (columns, fields[f]);
          /* sl local remote st tx:rx tr:when retrnsmt uid timeout inode */
          if (columns->len > 9 && g_str_equal (g_ptr_array_index (columns, 3), TCP_CLOSE_WAIT) &&
              g_hash_table_contains (inodes, g_ptr_array_index (columns, 9)))
            n++;
        }
    }
  return n;
}

/* Waits (bounded, polling) until the server holds no more descriptors than @baseline and no
 * socket in CLOSE_WAIT; FALSE when it did not happen in 30 s. */
static gboolean
wait_for_baseline (guint pid, guint baseline)
{
  for (int i = 0; i < 600; i++)
    {
      if (count_fds (pid, NULL) <= baseline && count_close_wait (pid) == 0)
        return TRUE;
      g_usleep (50 * 1000);
    }
  g_test_message ("server pid %u: %u descriptors (baseline %u), %u sockets in CLOSE_WAIT", pid,
                  count_fds (pid, NULL), baseline, count_close_wait (pid));
  return FALSE;
}

/* --- raw HTTP/1.1 clients (over TLS when the server is HTTPS: the GTlsConnection rides on the
 * GSocket as "tls") --- */

static gboolean
accept_any_certificate (GTlsConnection *tls, GTlsCertificate *certificate,
                        GTlsCertificateFlags errors, gpointer user_data)
{
  return TRUE;  /* the test's own self-signed certificate */
}

static GIOStream *
tls_of (GSocket *socket)
{
  return g_object_get_data (G_OBJECT (socket), "tls");
}

static void
start_tls (GSocket *socket)
{
  g_autoptr(GSocketConnection) connection = g_socket_connection_factory_create_connection (socket);
  g_autoptr(GError) error = NULL;
  GIOStream *tls = g_tls_client_connection_new (G_IO_STREAM (connection), NULL, &error);

  g_assert_no_error (error);
  g_signal_connect (tls, "accept-certificate", G_CALLBACK (accept_any_certificate), NULL);
  g_tls_connection_handshake (G_TLS_CONNECTION (tls), NULL, &error);
  g_assert_no_error (error);
  g_object_set_data_full (G_OBJECT (socket), "tls", tls, g_object_unref);
}

static GSocket *
connect_to (ServerFixture *server)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, server->port);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_socket_set_timeout (socket, 30);
  g_socket_connect (socket, address, NULL, &error);
  g_assert_no_error (error);
  if (server->https)
    start_tls (socket);
  return g_steal_pointer (&socket);
}

static void
send_text (GSocket *socket, const char *text)
{
  g_autoptr(GError) error = NULL;
  gsize sent = 0;

  if (tls_of (socket))
    {
      g_output_stream_write_all (g_io_stream_get_output_stream (tls_of (socket)), text,
                                 strlen (text), NULL, NULL, &error);
      g_assert_no_error (error);
      return;
    }
  while (sent < strlen (text))
    {
      gssize n = g_socket_send (socket, text + sent, strlen (text) - sent, NULL, &error);
      g_assert_no_error (error);
      sent += n;
    }
}

static void
send_request (GSocket *socket, const char *path, gboolean close)
{
  g_autofree char *text = g_strdup_printf ("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s\r\n", path,
                                           close ? "Connection: close\r\n" : "");
  send_text (socket, text);
}

/* Reads one response from @buffer (filled from @socket as needed); returns its body, and its
 * status in @out_status. NULL when the server closed the connection first. */
static char *
read_response (GSocket *socket, GString *buffer, guint *out_status)
{
  g_autoptr(GError) error = NULL;
  const char *end;
  const char *length;
  gsize header_size, body_size;
  char *body;

  while ((end = strstr (buffer->str, "\r\n\r\n")) == NULL ||
         buffer->len < (gsize) (end - buffer->str) + 4 +
                       g_ascii_strtoull (strstr (buffer->str, "Content-Length: ") ?
                                         strstr (buffer->str, "Content-Length: ") + 16 : "0",
                                         NULL, 10))
    {
      char chunk[4096];
      gssize n = tls_of (socket)
        ? g_input_stream_read (g_io_stream_get_input_stream (tls_of (socket)), chunk, sizeof chunk,
                               NULL, &error)
        : g_socket_receive (socket, chunk, sizeof chunk, NULL, &error);

      g_assert_no_error (error);
      if (n == 0)
        return NULL;
      g_string_append_len (buffer, chunk, n);
    }
  g_assert_true (g_str_has_prefix (buffer->str, "HTTP/1.1 "));
  *out_status = (guint) g_ascii_strtoull (buffer->str + 9, NULL, 10);
  header_size = end - buffer->str + 4;
  length = strstr (buffer->str, "Content-Length: ");
  g_assert_true (length != NULL && length < end);
  body_size = g_ascii_strtoull (length + 16, NULL, 10);
  body = g_strndup (buffer->str + header_size, body_size);
  g_string_erase (buffer, 0, header_size + body_size);
  return body;
}

/* Waits (the socket's 30 s timeout bounds it) for the server to end the connection: the end of
 * the stream, or a reset when what the client sent last was left unread. */
static void
wait_for_server_end (GSocket *socket)
{
  GInputStream *input = g_io_stream_get_input_stream (tls_of (socket));
  g_autoptr(GError) error = NULL;
  char chunk[256];
  gssize n;

  while ((n = g_input_stream_read (input, chunk, sizeof chunk, NULL, &error)) > 0)
    ;
  if (error && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED))
    g_assert_no_error (error);
}

/* One request on @socket, answered 200 with JSON. */
static char *
get_ok (GSocket *socket, const char *path)
{
  g_autoptr(GString) buffer = g_string_new (NULL);
  guint status = 0;
  char *body;

  send_request (socket, path, FALSE);
  body = read_response (socket, buffer, &status);
  g_assert_nonnull (body);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (buffer->len, ==, 0);
  return body;
}

/* A request on a connection of its own, closed by the server after the answer. */
static char *
get_once (ServerFixture *server, const char *path)
{
  g_autoptr(GSocket) socket = connect_to (server);
  g_autoptr(GString) buffer = g_string_new (NULL);
  guint status = 0;
  char *body;

  send_request (socket, path, TRUE);
  body = read_response (socket, buffer, &status);
  g_assert_cmpuint (status, ==, 200);
  return body;
}

/* The value of an unlabelled series in /metrics (-1 when absent). */
static double
metric (ServerFixture *server, const char *series)
{
  g_autofree char *text = get_once (server, "/metrics");
  g_autofree char *prefix = g_strconcat ("\n", series, " ", NULL);
  const char *line = strstr (text, prefix);

  return line ? g_ascii_strtod (line + strlen (prefix), NULL) : -1;
}

/* Waits (bounded) until the series reads @value: the server ends a closed connection's count
 * just after its answer has gone out. */
static gboolean
wait_for_metric (ServerFixture *server, const char *series, double value)
{
  for (int i = 0; i < 200; i++)
    {
      if (metric (server, series) == value)
        return TRUE;
      g_usleep (50 * 1000);
    }
  return FALSE;
}

/* Closes @socket with a reset instead of a FIN (SO_LINGER 0). */
static void
close_with_reset (GSocket *socket)
{
  struct linger linger = { .l_onoff = 1, .l_linger = 0 };

  g_assert_cmpint (setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger,
                               sizeof linger), ==, 0);
  g_socket_close (socket, NULL);
}

/* The server's descriptors once every HTTP thread has served and closed a connection. */
static guint
settled_baseline (ServerFixture *server)
{
  guint pid = server_pid (server);

  for (int i = 0; i < 8; i++)
    g_free (get_once (server, "/healthz"));
  g_assert_true (wait_for_baseline (pid, G_MAXUINT));
  return count_fds (pid, NULL);
}

/* --- the tests --- */

static void
test_client_closes_idle_connections (void)
{
  g_autoptr(ServerFixture) server = server_fixture_start (NULL);
  g_autoptr(GPtrArray) sockets = g_ptr_array_new_with_free_func (g_object_unref);
  guint pid = server_pid (server);
  guint baseline = settled_baseline (server);

  for (guint i = 0; i < N_CONNECTIONS; i++)
    {
      GSocket *socket = connect_to (server);

      g_free (get_ok (socket, "/healthz"));
      g_ptr_array_add (sockets, socket);
    }
  g_assert_cmpuint (count_fds (pid, NULL), >=, baseline + N_CONNECTIONS);

  /* All idle now: half end with a FIN, half with a reset. */
  for (guint i = 0; i < sockets->len; i++)
    {
      GSocket *socket = g_ptr_array_index (sockets, i);

      if (i % 2)
        close_with_reset (socket);
      else
        g_socket_close (socket, NULL);
    }
  g_assert_true (wait_for_baseline (pid, baseline));

  /* The server still answers, on new and on kept connections. */
  {
    g_autoptr(GSocket) socket = connect_to (server);

    g_free (get_ok (socket, "/healthz"));
    g_free (get_ok (socket, "/healthz"));
  }
}

/* Clients that close as soon as they have their answer, one after the other: the server crashed
 * (in soup_server_message_steal_connection (), libsoup 3.2.3) about once in 50 such connections
 * when it took the connection from libsoup after libsoup had read the client's end. */
static void
test_quick_closes (void)
{
  g_autoptr(ServerFixture) server = server_fixture_start (NULL);
  guint pid = server_pid (server);
  guint baseline = settled_baseline (server);

  for (guint i = 0; i < 20 * N_CONNECTIONS; i++)
    {
      g_autoptr(GSocket) socket = connect_to (server);

      g_free (get_ok (socket, "/healthz"));
      g_socket_close (socket, NULL);
    }
  g_assert_true (wait_for_baseline (pid, baseline));
  /* still there */
  {
    g_autoptr(GSocket) socket = connect_to (server);

    g_free (get_ok (socket, "/healthz"));
  }
}

static void
test_connections_gauge (void)
{
  g_autoptr(ServerFixture) server = server_fixture_start (NULL);
  g_autoptr(GPtrArray) sockets = g_ptr_array_new_with_free_func (g_object_unref);

  settled_baseline (server);
  for (guint i = 0; i < 10; i++)
    {
      GSocket *socket = connect_to (server);

      g_free (get_ok (socket, "/healthz"));
      g_ptr_array_add (sockets, socket);
    }
  g_assert_cmpfloat (metric (server, "ekyc_http_connections"), >=, 10 + 1);  /* + the one asking */
  g_ptr_array_set_size (sockets, 0);  /* closes them */
  g_assert_true (wait_for_metric (server, "ekyc_http_connections", 1));
}

static void
test_live_connections_stay (void)
{
  g_autoptr(ServerFixture) server = server_fixture_start (NULL);
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocket) closing = NULL;
  g_autoptr(GString) buffer = g_string_new (NULL);
  guint pid = server_pid (server);
  guint baseline = settled_baseline (server);
  guint status = 0;
  char *body;

  /* Idle between two requests, long enough for the server to watch it. */
  socket = connect_to (server);
  g_free (get_ok (socket, "/healthz"));
  g_usleep (300 * 1000);
  g_free (get_ok (socket, "/healthz"));
  g_assert_cmpuint (count_fds (pid, NULL), ==, baseline + 1);

  /* Two pipelined requests, two answers in order. */
  send_text (socket, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                     "GET /no-such-path HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  body = read_response (socket, buffer, &status);
  g_assert_cmpuint (status, ==, 200);
  g_free (body);
  body = read_response (socket, buffer, &status);
  g_assert_cmpuint (status, ==, 404);
  g_free (body);
  g_free (get_ok (socket, "/healthz"));

  /* A last request then the client's half-close: answered, then closed by the server. */
  closing = connect_to (server);
  g_free (get_ok (closing, "/healthz"));
  g_usleep (100 * 1000);
  send_request (closing, "/healthz", FALSE);
  g_assert_true (g_socket_shutdown (closing, FALSE, TRUE, NULL));
  g_string_truncate (buffer, 0);
  body = read_response (closing, buffer, &status);
  g_assert_cmpuint (status, ==, 200);
  g_free (body);
  g_assert_null (read_response (closing, buffer, &status));  /* the server's end of stream */

  g_socket_close (socket, NULL);
  g_socket_close (closing, NULL);
  g_assert_true (wait_for_baseline (pid, baseline));
}

static void
test_idle_timeout (void)
{
  const char *args[] = { "--idle-timeout", "1", NULL };
  g_autoptr(ServerFixture) server = server_fixture_start (args);
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GString) buffer = g_string_new (NULL);
  guint pid = server_pid (server);
  guint baseline = settled_baseline (server);
  g_autofree char *metrics = NULL;
  guint status = 0;

  socket = connect_to (server);
  g_free (get_ok (socket, "/healthz"));
  /* Waits (the socket's 30 s timeout bounds it) for the server to end the idle connection. */
  g_assert_null (read_response (socket, buffer, &status));
  g_assert_true (wait_for_baseline (pid, baseline));
  metrics = get_once (server, "/metrics");
  g_assert_nonnull (strstr (metrics,
                            "ekyc_http_connections_closed_total{reason=\"idle_timeout\"} 1\n"));
}

/* A self-signed certificate for 127.0.0.1 in @dir; FALSE (test skipped) without openssl. */
static gboolean
make_certificate (const char *dir, char **out_cert, char **out_key)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autoptr(GError) error = NULL;
  gint wait_status = 0;

  if (openssl == NULL)
    {
      g_test_skip ("openssl is not installed: cannot make a test certificate");
      return FALSE;
    }
  *out_cert = g_build_filename (dir, "cert.pem", NULL);
  *out_key = g_build_filename (dir, "key.pem", NULL);
  {
    const char *argv[] = { openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                           "-subj", "/CN=127.0.0.1", "-keyout", *out_key, "-out", *out_cert, NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                  G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &wait_status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  return TRUE;
}

/* Over TLS a client ends with a close_notify and a FIN, a close_notify alone (waiting for the
 * server's), a FIN alone or a reset: each is closed; a kept connection still answers. */
static void
test_tls_client_closes_idle (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ekyc-tls-XXXXXX", NULL);
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autoptr(ServerFixture) server = NULL;
  g_autoptr(GPtrArray) sockets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GSocket) kept = NULL;
  guint pid, baseline;

  if (!make_certificate (dir, &cert, &key))
    return;
  {
    const char *args[] = { "--tls-cert", cert, "--tls-key", key, NULL };
    server = server_fixture_start (args);
  }
  pid = server_pid (server);
  baseline = settled_baseline (server);
  kept = connect_to (server);
  g_free (get_ok (kept, "/healthz"));
  for (guint i = 0; i < 12; i++)
    {
      GSocket *socket = connect_to (server);

      g_free (get_ok (socket, "/healthz"));
      g_ptr_array_add (sockets, socket);
    }
  g_usleep (200 * 1000);
  for (guint i = 0; i < sockets->len; i++)
    {
      GSocket *socket = g_ptr_array_index (sockets, i);
      GIOStream *tls = tls_of (socket);

      switch (i % 4)
        {
        case 0:
          g_io_stream_close (tls, NULL, NULL);
          break;
        case 1:
          /* close_notify, then wait for the server to end the connection */
          g_output_stream_close (g_io_stream_get_output_stream (tls), NULL, NULL);
          wait_for_server_end (socket);
          g_socket_close (socket, NULL);
          break;
        case 2:
          g_socket_close (socket, NULL);
          break;
        default:
          close_with_reset (socket);
        }
    }
  g_assert_true (wait_for_baseline (pid, baseline + 1));  /* + the kept one */
  g_free (get_ok (kept, "/healthz"));
  g_socket_close (kept, NULL);
  g_assert_true (wait_for_baseline (pid, baseline));
  ekyc_test_remove_tree (dir);
}

static void
test_idle_timeout_option (void)
{
  const char *bad[] = { "-1", "86401", "soon", NULL };

  for (guint i = 0; bad[i]; i++)
    {
      const char *argv[] = { EKYC_SERVER_PATH, "--database", "/nonexistent/db.sqlite",
                             "--idle-timeout", bad[i], NULL };
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *err = NULL;

      process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                   G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
      g_assert_nonnull (strstr (err, "idle-timeout"));
    }
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);
  /* The isolated test directories hold no GSettings schemas for the desktop proxy settings. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  g_test_add_func ("/server/connections/client-closes-idle", test_client_closes_idle_connections);
  g_test_add_func ("/server/connections/client-closes-after-its-answer", test_quick_closes);
  g_test_add_func ("/server/connections/gauge", test_connections_gauge);
  g_test_add_func ("/server/connections/live-ones-stay", test_live_connections_stay);
  g_test_add_func ("/server/connections/idle-timeout", test_idle_timeout);
  g_test_add_func ("/server/connections/tls-client-closes-idle", test_tls_client_closes_idle);
  g_test_add_func ("/server/connections/idle-timeout-option", test_idle_timeout_option);
  return g_test_run ();
}
