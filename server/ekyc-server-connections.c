/* ekyc-server-connections.c — an HTTP thread's keep-alive connections: closes those whose client
 * went away between two requests, and those idle longer than --idle-timeout
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * libsoup before 3.3.0 (Debian 12 has 3.2.3) never closes a keep-alive connection that the client
 * closes between two requests. After an answer it waits for the next request with a message it has
 * not announced (no completion callback yet); when that read finds the end of the stream, the
 * message ends with nobody to tell, and the connection stays in the SoupServer's list with its socket
 * in CLOSE_WAIT (soup_server_message_io_http1_finished () in 3.2.3; fixed in 3.3.0, commit d20c6601
 * by bisection: there such a message disconnects its connection). Every branch device that drops
 * an idle connection would leak a descriptor until the fd limit.
 *
 * So when a request ends on a connection that stays open, its thread watches the socket for the
 * client's end (POLLRDHUP: the client's FIN; a reset or error) at a priority above libsoup's own
 * read, so it sees it before libsoup consumes it, and takes the connection from libsoup with
 * soup_server_message_steal_connection () on the request that ended (libsoup drops the waiting
 * message, frees its connection and tells the SoupServer it is gone), then closes the socket. A
 * timer does the same after --idle-timeout. The next request's "request-started" ends the watch;
 * over plain HTTP request data does not wake it, so live keep-alive connections cost nothing more.
 *
 * Stealing is safe only while libsoup has read nothing of what follows: once libsoup 3.2 has read
 * the end of the stream it keeps no message I/O on the connection, and stealing it dereferences
 * NULL. The priorities do not make sure of that: libsoup sometimes reads the client's end first
 * (the server crashed in soup_server_message_steal_connection () about once in 50 connections
 * closed by their client as soon as it had its answer, 2026-11-27). So a connection the client
 * closed is only closed here — its descriptor is freed, libsoup's few objects for it stay until
 * the server stops (about 1.8 KB a connection, measured) — and only the idle timeout, which acts
 * while the client is still there, steals. "Handed over": data came that libsoup must read (a
 * last request before a FIN; over TLS anything but a lone alert record, which is how a client's
 * close_notify looks), so the watch stops, and if no request starts before the timer the socket
 * is only closed too.
 *
 * What it cannot tell: a client that pipelines requests and closes its side before the answers
 * loses the requests libsoup had already read ahead (no HTTP client in use pipelines). Over TLS the
 * client's FIN ends the connection even if a last request came with it (its bytes are encrypted).
 * With libsoup ≥ 3.3.0 only the idle timeout is kept: libsoup closes the others itself. */
#define G_LOG_DOMAIN "ekyc-server"
#include "config.h"

#include <glib-unix.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "ekyc-server-metrics.h"
#include "ekyc-server-private.h"

#define GAUGE_NAME "ekyc_http_connections"
#define GAUGE_HELP "Open HTTP connections"
#define CLOSED_NAME "ekyc_http_connections_closed_total"
#define CLOSED_HELP "Idle keep-alive connections the server closed, by reason"

typedef struct _Connection Connection;

struct _EkycConnections {
  EkycHttpThread *thread;
  GHashTable *by_socket;     /* GSocket* → Connection*, owned */
  guint idle_timeout;        /* seconds, 0: never */
  gboolean watch_hangup;     /* libsoup < 3.3.0 */
  gboolean tls;
};

struct _Connection {
  EkycConnections *owner;
  GSocket *socket;
  /* The connection's latest message: libsoup emits "disconnected" on it when it closes the
   * connection, and stealing the connection goes through it. */
  SoupServerMessage *msg;
  gulong disconnected_id;
  /* while idle */
  GSource *hangup;
  GSource *timer;
  gboolean handed_over;      /* libsoup reads what came: do not steal */
};

static void
connection_stop_watching (Connection *c)
{
  if (c->hangup)
    g_source_destroy (c->hangup);
  g_clear_pointer (&c->hangup, g_source_unref);
  if (c->timer)
    g_source_destroy (c->timer);
  g_clear_pointer (&c->timer, g_source_unref);
}

static void
connection_free (gpointer data)
{
  Connection *c = data;

  connection_stop_watching (c);
  if (c->msg)
    g_clear_signal_handler (&c->disconnected_id, c->msg);
  g_clear_object (&c->msg);
  g_clear_object (&c->socket);
  ekyc_metrics_gauge_add (c->owner->thread->server->metrics, GAUGE_NAME, GAUGE_HELP, NULL, -1);
  g_free (c);
}

/* libsoup closed the connection (or gave it up to us): forget it. */
static void
on_disconnected (SoupServerMessage *msg, gpointer data)
{
  Connection *c = data;

  g_hash_table_remove (c->owner->by_socket, c->socket);
}

static void
connection_set_message (Connection *c, SoupServerMessage *msg)
{
  if (c->msg == msg)
    return;
  if (c->msg)
    g_clear_signal_handler (&c->disconnected_id, c->msg);
  g_set_object (&c->msg, msg);
  c->disconnected_id = g_signal_connect (msg, "disconnected", G_CALLBACK (on_disconnected), c);
}

/* Takes the idle connection from libsoup and closes it. Frees @c. */
static void
connection_close (Connection *c, const char *labels)
{
  EkycConnections *owner = c->owner;
  g_autoptr(SoupServerMessage) msg = g_object_ref (c->msg);
  g_autoptr(GSocket) socket = g_object_ref (c->socket);
  g_autoptr(GIOStream) stream = NULL;

  g_assert (!c->handed_over);  /* idle: libsoup is waiting for a request and has read nothing */
  connection_stop_watching (c);
  /* Emits "disconnected" on @msg, which frees @c. */
  stream = soup_server_message_steal_connection (msg);
  g_socket_close (socket, NULL);
  g_hash_table_remove (owner->by_socket, socket);  /* if libsoup did not say it */
  ekyc_metrics_count (owner->thread->server->metrics, CLOSED_NAME, CLOSED_HELP, labels, 1);
}

/* Closes the socket under libsoup, which may have read the end of the stream already: its reads
 * fail from now on (GSocket checks that it is closed before reading). Frees @c. */
static void
connection_drop (Connection *c, const char *labels)
{
  EkycConnections *owner = c->owner;

  connection_stop_watching (c);
  g_socket_close (c->socket, NULL);
  ekyc_metrics_count (owner->thread->server->metrics, CLOSED_NAME, CLOSED_HELP, labels, 1);
  g_hash_table_remove (owner->by_socket, c->socket);
}

/* libsoup must read what came: no more stealing. The timer stays. */
static void
connection_hand_over (Connection *c)
{
  if (c->hangup)
    g_source_destroy (c->hangup);
  g_clear_pointer (&c->hangup, g_source_unref);
  c->handed_over = TRUE;
}

static int
bytes_waiting (GSocket *socket)
{
  int pending = 0;

  if (ioctl (g_socket_get_fd (socket), FIONREAD, &pending) != 0)
    return 0;
  return pending;
}

/* What waits is one TLS record too short to hold a request: an alert, such as a close_notify
 * (TLS 1.2 shows its type, 21; TLS 1.3 hides it in an application-data record of 19 bytes, while
 * the shortest request, "GET / HTTP/1.1" and an empty line, makes 35). */
static gboolean
tls_alert_waiting (GSocket *socket)
{
  guchar header[5];
  gssize n = recv (g_socket_get_fd (socket), header, sizeof header, MSG_PEEK | MSG_DONTWAIT);
  guint length;

  if (n != sizeof header)
    return FALSE;
  length = (header[3] << 8) | header[4];
  if ((guint) bytes_waiting (socket) != sizeof header + length)
    return FALSE;
  return header[0] == 21 || (header[0] == 23 && length < 35);
}

static gboolean
on_hangup (gint fd, GIOCondition condition, gpointer data)
{
  Connection *c = data;
  gboolean closed;

  if (condition & (G_IO_HUP | G_IO_ERR))
    closed = TRUE;                                  /* a reset, an error */
  else if (condition & POLLRDHUP)                   /* the client's FIN */
    /* after a last request (HTTP/1.1 allows the half-close), libsoup answers it and the watch
     * comes back when the request is done */
    closed = c->owner->tls || bytes_waiting (c->socket) == 0;
  else                                              /* TLS data */
    closed = tls_alert_waiting (c->socket);

  /* only closed, never stolen: libsoup may have read the client's end already (below) */
  if (closed)
    connection_drop (c, "reason=\"client_closed\"");
  else
    connection_hand_over (c);
  return G_SOURCE_REMOVE;
}

static gboolean
on_idle_timeout (gpointer data)
{
  Connection *c = data;

  if (c->handed_over)
    connection_drop (c, "reason=\"idle_timeout\"");
  else if (bytes_waiting (c->socket) > 0)
    connection_hand_over (c);  /* a request arriving just now: libsoup reads it after this */
  else
    connection_close (c, "reason=\"idle_timeout\"");
  return G_SOURCE_REMOVE;
}

static void
connection_watch (Connection *c)
{
  GMainContext *context = c->owner->thread->context;

  connection_stop_watching (c);
  c->handed_over = FALSE;
  if (c->owner->watch_hangup)
    {
      /* Over plain HTTP request data does not wake the watch, the client's FIN does. Over TLS a
       * close_notify may come before the FIN (or alone), and libsoup would read it. */
      GIOCondition condition = POLLRDHUP | G_IO_HUP | G_IO_ERR | (c->owner->tls ? G_IO_IN : 0);

      c->hangup = g_unix_fd_source_new (g_socket_get_fd (c->socket), condition);
      g_source_set_priority (c->hangup, G_PRIORITY_HIGH);  /* before libsoup's read */
      g_source_set_callback (c->hangup, G_SOURCE_FUNC (on_hangup), c, NULL);
      g_source_set_static_name (c->hangup, "ekyc-connection-hangup");
      g_source_attach (c->hangup, context);
    }
  if (c->owner->idle_timeout > 0)
    {
      c->timer = g_timeout_source_new_seconds (c->owner->idle_timeout);
      g_source_set_priority (c->timer, G_PRIORITY_HIGH);
      g_source_set_callback (c->timer, on_idle_timeout, c, NULL);
      g_source_set_static_name (c->timer, "ekyc-connection-idle");
      g_source_attach (c->timer, context);
    }
}

EkycConnections *
_ekyc_connections_new (EkycHttpThread *thread)
{
  EkycConnections *self = g_new0 (EkycConnections, 1);

  self->thread = thread;
  self->by_socket = g_hash_table_new_full (NULL, NULL, NULL, connection_free);
  self->idle_timeout = thread->server->idle_timeout;
  self->watch_hangup = !soup_check_version (3, 3, 0);
  self->tls = thread->server->tls_certificate != NULL;
  return self;
}

void
_ekyc_connections_free (EkycConnections *self)
{
  if (self == NULL)
    return;
  g_hash_table_destroy (self->by_socket);
  g_free (self);
}

void
_ekyc_connections_request_started (EkycConnections *self, SoupServerMessage *msg)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  Connection *c;

  if (socket == NULL)
    return;
  c = g_hash_table_lookup (self->by_socket, socket);
  if (c == NULL)
    {
      c = g_new0 (Connection, 1);
      c->owner = self;
      c->socket = g_object_ref (socket);
      g_hash_table_insert (self->by_socket, socket, c);
      ekyc_metrics_gauge_add (self->thread->server->metrics, GAUGE_NAME, GAUGE_HELP, NULL, 1);
    }
  connection_stop_watching (c);
  c->handed_over = FALSE;
  connection_set_message (c, msg);
}

void
_ekyc_connections_request_done (EkycConnections *self, SoupServerMessage *msg)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  Connection *c = socket ? g_hash_table_lookup (self->by_socket, socket) : NULL;

  if (c == NULL || c->msg != msg ||
      soup_server_message_get_http_version (msg) >= SOUP_HTTP_2_0)
    return;
  /* Kept until the next request: its bodies are no longer needed (the log line is written). */
  soup_message_body_truncate (soup_server_message_get_request_body (msg));
  soup_message_body_truncate (soup_server_message_get_response_body (msg));
  /* A connection that libsoup closes now ("Connection: close", an error) says "disconnected"
   * right after this signal, which drops the watch again. */
  connection_watch (c);
}
