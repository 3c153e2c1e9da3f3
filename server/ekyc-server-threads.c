/* ekyc-server-threads.c — the HTTP threads: a main context, a SoupServer and a listening socket
 * each, on one port
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * With one main loop serving 500 keep-alive connections, GLib's main context walked every
 * connection's source at every iteration and libsoup wakes it ~14 times a request: 1.1 ms of CPU
 * a request, and the requests queued (BENCHMARKS.md, "Server and sync"). Each thread here serves
 * the connections it accepted with its own context, so an iteration walks only those, and the
 * threads run on all the CPUs.
 *
 * The threads share the port with SO_REUSEPORT: each has its own listening socket and the kernel
 * spreads new connections over them. (One socket shared by all would not do: libsoup's listener
 * stops listening when its accept finds nothing, which it does whenever another thread took the
 * connection first.) The port is first bound by a socket that does not share it, so a port that
 * another process holds — a second ekyc-server included — is still refused. */
#define G_LOG_DOMAIN "ekyc-server"
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <sys/socket.h>

#include "ekyc-server-private.h"

/* GSocketListener, under soup_server_listen (), asks listen () for a backlog of 10: with a few
 * hundred devices connecting at once the kernel drops the handshakes beyond it and the clients
 * retry their SYN after 1, 3, 7, 15 s (measured: TcpExtListenOverflows, first answers after 24 s).
 * The kernel caps this at net.core.somaxconn. */
#define LISTEN_BACKLOG 4096

/* g_socket_bind () turns SO_REUSEPORT off for TCP sockets: bind the descriptor ourselves. */
static gboolean
bind_shared (GSocket *socket, GSocketAddress *address, GError **error)
{
  struct sockaddr_storage native;
  gssize size = g_socket_address_get_native_size (address);
  int fd = g_socket_get_fd (socket);

  if (!g_socket_set_option (socket, SOL_SOCKET, SO_REUSEADDR, 1, error) ||
      !g_socket_set_option (socket, SOL_SOCKET, SO_REUSEPORT, 1, error) ||
      !g_socket_address_to_native (address, &native, sizeof native, error))
    return FALSE;
  if (bind (fd, (struct sockaddr *) &native, size) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot listen on the port: %s"), g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static GSocket *
listening_socket (GSocketAddress *address, gboolean shared, GError **error)
{
  g_autoptr(GSocket) socket = g_socket_new (g_socket_address_get_family (address),
                                            G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);

  if (socket == NULL)
    return NULL;
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  if (!(shared ? bind_shared (socket, address, error)
               : g_socket_bind (socket, address, TRUE, error)) ||
      !g_socket_listen (socket, error))
    return NULL;
  return g_steal_pointer (&socket);
}

/* Binds @address without sharing it: refused when any process holds the port (a process's
 * SO_REUSEPORT group too); port 0 picks a free one. The port it got. */
static GSocketAddress *
claim_port (GSocketAddress *address, GError **error)
{
  g_autoptr(GSocket) probe = g_socket_new (g_socket_address_get_family (address),
                                           G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);

  if (probe == NULL || !g_socket_bind (probe, address, TRUE, error))
    return NULL;
  return g_socket_get_local_address (probe, error);
}

static gboolean
open_sockets (EkycServer *self, GSocketAddress *address, guint *out_port, GError **error)
{
  g_autoptr(GSocketAddress) claimed = claim_port (address, error);
  gboolean shared = self->n_threads > 1;

  if (claimed == NULL)
    return FALSE;
  for (guint i = 0; i < self->n_threads; i++)
    {
      EkycHttpThread *thread = g_ptr_array_index (self->threads, i);

      thread->socket = listening_socket (claimed, shared, error);
      if (thread->socket == NULL)
        return FALSE;
    }
  if (out_port)
    *out_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (claimed));
  return TRUE;
}

static void
report_started (EkycHttpThread *thread, GError *error)
{
  g_mutex_lock (&thread->lock);
  thread->started = TRUE;
  thread->error = error;
  g_cond_signal (&thread->cond);
  g_mutex_unlock (&thread->lock);
}

static gboolean
thread_setup (EkycHttpThread *thread, GError **error)
{
  EkycServer *server = thread->server;

  thread->storage = ekyc_storage_open (server->database, error);
  if (thread->storage == NULL)
    return FALSE;
  thread->connections = _ekyc_connections_new (thread);
  thread->soup = soup_server_new ("server-header", "ekyc-server/" PACKAGE_VERSION " ",
                                  "tls-certificate", server->tls_certificate, NULL);
  _ekyc_server_attach (server, thread, thread->soup);
  return soup_server_listen_socket (thread->soup, thread->socket,
                                    server->tls_certificate ? SOUP_SERVER_LISTEN_HTTPS : 0,
                                    error);
}

static gpointer
http_thread_main (gpointer data)
{
  EkycHttpThread *thread = data;
  GError *error = NULL;
  gboolean ok;

  g_main_context_push_thread_default (thread->context);
  ok = thread_setup (thread, &error);
  report_started (thread, error);
  if (ok)
    g_main_loop_run (thread->loop);

  /* Stopping: the replies queued here (the sync writer's last answers) go out first. */
  while (g_main_context_iteration (thread->context, FALSE))
    ;
  if (thread->soup)
    soup_server_disconnect (thread->soup);
  g_clear_object (&thread->soup);
  while (g_main_context_iteration (thread->context, FALSE))
    ;
  g_clear_pointer (&thread->connections, _ekyc_connections_free);
  g_clear_pointer (&thread->storage, ekyc_storage_free);
  g_main_context_pop_thread_default (thread->context);
  return NULL;
}

static void
http_thread_free (gpointer data)
{
  EkycHttpThread *thread = data;

  g_assert (thread->thread == NULL);
  g_clear_object (&thread->socket);
  g_main_loop_unref (thread->loop);
  g_main_context_unref (thread->context);
  g_clear_error (&thread->error);
  g_mutex_clear (&thread->lock);
  g_cond_clear (&thread->cond);
  g_free (thread);
}

static EkycHttpThread *
http_thread_new (EkycServer *server, guint index)
{
  EkycHttpThread *thread = g_new0 (EkycHttpThread, 1);

  thread->server = server;
  thread->index = index;
  thread->context = g_main_context_new ();
  thread->loop = g_main_loop_new (thread->context, FALSE);
  g_mutex_init (&thread->lock);
  g_cond_init (&thread->cond);
  return thread;
}

gboolean
_ekyc_server_threads_start (EkycServer *self, GSocketAddress *address, guint *out_port,
                            GError **error)
{
  g_assert (self->threads == NULL);

  self->threads = g_ptr_array_new_with_free_func (http_thread_free);
  for (guint i = 0; i < self->n_threads; i++)
    g_ptr_array_add (self->threads, http_thread_new (self, i));
  if (!open_sockets (self, address, out_port, error))
    {
      g_clear_pointer (&self->threads, g_ptr_array_unref);
      return FALSE;
    }
  for (guint i = 0; i < self->n_threads; i++)
    {
      EkycHttpThread *thread = g_ptr_array_index (self->threads, i);
      g_autofree char *name = g_strdup_printf ("http-%u", i);

      thread->thread = g_thread_new (name, http_thread_main, thread);
    }
  for (guint i = 0; i < self->n_threads; i++)
    {
      EkycHttpThread *thread = g_ptr_array_index (self->threads, i);

      g_mutex_lock (&thread->lock);
      while (!thread->started)
        g_cond_wait (&thread->cond, &thread->lock);
      g_mutex_unlock (&thread->lock);
    }
  for (guint i = 0; i < self->n_threads; i++)
    {
      EkycHttpThread *thread = g_ptr_array_index (self->threads, i);

      if (thread->error)
        {
          g_propagate_error (error, g_steal_pointer (&thread->error));
          _ekyc_server_threads_stop (self);
          return FALSE;
        }
    }
  return TRUE;
}

/* In the thread's context: a quit that reaches a loop not yet running is not lost. */
static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
_ekyc_server_threads_stop (EkycServer *self)
{
  if (self->threads == NULL)
    return;
  for (guint i = 0; i < self->threads->len; i++)
    {
      EkycHttpThread *thread = g_ptr_array_index (self->threads, i);

      g_main_context_invoke_full (thread->context, G_PRIORITY_LOW, quit_loop,
                                  g_main_loop_ref (thread->loop),
                                  (GDestroyNotify) g_main_loop_unref);
    }
  for (guint i = 0; i < self->threads->len; i++)
    {
      EkycHttpThread *thread = g_ptr_array_index (self->threads, i);

      g_clear_pointer (&thread->thread, g_thread_join);
    }
  g_clear_pointer (&self->threads, g_ptr_array_unref);
}
