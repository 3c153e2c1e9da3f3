/* ekyc-server-private.h — what ekyc-server.c (requests, replies, the log) and
 * ekyc-server-threads.c (the HTTP threads and their sockets) share
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ekyc-server.h"

G_BEGIN_DECLS

typedef struct _EkycHttpThread EkycHttpThread;
typedef struct _EkycConnections EkycConnections;

struct _EkycServer {
  EkycStorage *storage;      /* the main thread's connection (timers); borrowed */
  char *database;
  GArray *cleanups;
  char *admin_token;
  GMutex admin_lock;         /* operator routes run one at a time, as on one main loop */
  gsize max_body;
  FILE *log;
  GPtrArray *routes;         /* read-only once listening */
  EkycMetrics *metrics;      /* thread-safe */
  GTlsCertificate *tls_certificate;
  guint n_threads;
  GPtrArray *threads;        /* EkycHttpThread, once listening */
  guint idle_timeout;        /* seconds a keep-alive connection may wait for a request; 0: ever */
};

/* One HTTP thread: its own main context, SoupServer, listening socket and database
 * connection. A connection stays with the thread that accepted it. */
struct _EkycHttpThread {
  EkycServer *server;
  guint index;
  GSocket *socket;
  GMainContext *context;
  GMainLoop *loop;
  SoupServer *soup;
  EkycConnections *connections;  /* its keep-alive connections (ekyc-server-connections.c) */
  EkycStorage *storage;
  GThread *thread;
  /* the start-up handshake with ekyc_server_listen() */
  GMutex lock;
  GCond cond;
  gboolean started;
  GError *error;
};

/* The keep-alive connections of @thread, used from its context only: closes those the client
 * closed while idle (libsoup < 3.3 does not) and those idle longer than the server's idle
 * timeout. */
EkycConnections *_ekyc_connections_new  (EkycHttpThread *thread);
void             _ekyc_connections_free (EkycConnections *self);
void             _ekyc_connections_request_started (EkycConnections *self, SoupServerMessage *msg);
/* After the request's log line: the connection is idle until its next request starts. */
void             _ekyc_connections_request_done    (EkycConnections *self, SoupServerMessage *msg);

/* Connects the server's handlers and request-log signals to @soup (in @thread). */
void     _ekyc_server_attach (EkycServer *self, EkycHttpThread *thread, SoupServer *soup);
/* Binds @address (port 0: any), starts the threads; the bound port in @out_port. */
gboolean _ekyc_server_threads_start (EkycServer *self, GSocketAddress *address, guint *out_port,
                                     GError **error);
/* Stops the threads after the replies queued to them went out, closes their connections. */
void     _ekyc_server_threads_stop (EkycServer *self);

G_END_DECLS
