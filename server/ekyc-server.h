/* ekyc-server.h — the HTTP server: routes, requests, replies; what every route module uses
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A module adds its routes from its `_register_routes (EkycServer *)` function, listed in
 * ekyc-server-modules.c. Handlers must reply before they return (ekyc_request_reply_json() or
 * ekyc_request_reply_error()) or defer the reply (ekyc_request_defer()).
 *
 * Threads: the server answers HTTP from several threads (--http-threads), each with its own
 * main context, its own connections and its own database connection
 * (ekyc_request_get_storage()). Handlers of different connections run at the same time: what
 * they share must be thread-safe (the metrics are; the route's user_data must be). Operator
 * routes (EKYC_ROUTE_ADMIN) run one at a time in a process, as before. Several processes may
 * share one PostgreSQL, so the database, not the process, keeps the rules (transactions,
 * unique keys).
 *
 * Access: EKYC_ROUTE_PUBLIC needs nothing; EKYC_ROUTE_DEVICE needs `Authorization: Bearer
 * <device token>` of an enrolled, unrevoked device (the handler reads the device and its
 * customer from the request); EKYC_ROUTE_ADMIN needs the operator's token (--admin-token-file).
 * Errors are JSON: {"error": {"code": "…", "message": "…"}} with a 4xx or 5xx status. */
#pragma once

#include <stdio.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "storage/ekyc-storage.h"

G_BEGIN_DECLS

typedef struct _EkycServer  EkycServer;
typedef struct _EkycRequest EkycRequest;
typedef struct _EkycDeferredReply EkycDeferredReply;
typedef struct _EkycMetrics EkycMetrics;

typedef enum {
  EKYC_ROUTE_PUBLIC,
  EKYC_ROUTE_DEVICE,
  EKYC_ROUTE_ADMIN,
} EkycRouteAccess;

typedef void (*EkycRouteFunc) (EkycRequest *request, gpointer user_data);

typedef struct {
  EkycStorage *storage;            /* borrowed; outlives the server */
  const char  *database;           /* its location, for the connections of worker threads */
  const char  *admin_token;        /* NULL: admin routes answer 403 */
  gsize        max_body_bytes;     /* 0: 4 MiB */
  GTlsCertificate *tls_certificate;/* NULL: plain HTTP */
  FILE        *log;                /* one JSON line per request; NULL: none */
  guint        http_threads;       /* 0: ekyc_server_default_http_threads () */
  gint         idle_timeout;       /* seconds a keep-alive connection may wait for its next
                                    * request; 0: 75, negative: no limit */
} EkycServerConfig;

EkycServer *ekyc_server_new  (const EkycServerConfig *config);
void        ekyc_server_free (EkycServer *self);
/* The HTTP threads when none are asked for: the CPUs, at least 4 (BENCHMARKS.md). */
guint       ekyc_server_default_http_threads (void);
/* Listens on @address:@port (port 0: any) and starts the HTTP threads; the bound port in
 * @out_port. Routes are added before. */
gboolean    ekyc_server_listen (EkycServer *self, const char *address, guint port,
                                guint *out_port, GError **error);
/* The connection of the main thread (its timers); handlers use ekyc_request_get_storage(). */
EkycStorage *ekyc_server_get_storage (EkycServer *self);
/* The database location the server was given (worker threads open their own connection). */
const char  *ekyc_server_get_database (EkycServer *self);
/* Runs @func (@data) first thing in ekyc_server_free(), last added first (stop threads here). */
void         ekyc_server_add_cleanup (EkycServer *self, GDestroyNotify func, gpointer data);
EkycMetrics *ekyc_server_get_metrics (EkycServer *self);

/**
 * ekyc_server_add_route:
 * @method: "GET", "POST"…
 * @pattern: a path whose segments may be `{name}` placeholders, e.g. "/v1/devices/{id}/revoke"
 *
 * Routes are matched in the order added; a path that matches with another method answers 405.
 */
void ekyc_server_add_route (EkycServer     *self,
                            const char     *method,
                            const char     *pattern,
                            EkycRouteAccess access,
                            EkycRouteFunc   func,
                            gpointer        user_data);

EkycServer  *ekyc_request_get_server   (EkycRequest *request);
/* The database connection of the thread serving the request. */
EkycStorage *ekyc_request_get_storage  (EkycRequest *request);
const char  *ekyc_request_get_method   (EkycRequest *request);
const char  *ekyc_request_get_path     (EkycRequest *request);
/* A `{name}` segment of the route's pattern (NULL when absent). */
const char  *ekyc_request_get_param    (EkycRequest *request, const char *name);
/* A query-string value (NULL when absent). */
const char  *ekyc_request_get_query    (EkycRequest *request, const char *name);
/* Device routes: the authenticated device and the customer it belongs to. */
const char  *ekyc_request_get_device_id   (EkycRequest *request);
const char  *ekyc_request_get_customer_id (EkycRequest *request);
/* The raw body (may be empty, never NULL). */
GBytes      *ekyc_request_get_body     (EkycRequest *request);
/* The body's media type without parameters ("image/jpeg"), or NULL when none was given. */
const char  *ekyc_request_get_content_type (EkycRequest *request);
/* The server's clock, in seconds since the epoch, fixed for the request. */
gint64       ekyc_request_get_now      (EkycRequest *request);

/* The body parsed as a JSON object, or NULL after replying 400 (malformed JSON, not an
 * object, wrong content type). */
JsonObject  *ekyc_request_parse_object (EkycRequest *request);

/* Replies with @node (transfer full) as JSON. */
void ekyc_request_reply_json  (EkycRequest *request, guint status, JsonNode *node);
/* Replies {"error": {"code": @code, "message": …}}; @code is a stable machine-readable word. */
void ekyc_request_reply_error (EkycRequest *request, guint status, const char *code,
                               const char *format, ...) G_GNUC_PRINTF (4, 5);
/* Replies with @bytes as they are (an image), of type @content_type. */
void ekyc_request_reply_bytes (EkycRequest *request, guint status, const char *content_type,
                               GBytes *bytes);
/* Replies with plain text (metrics). */
void ekyc_request_reply_text  (EkycRequest *request, guint status, const char *content_type,
                               const char *text);
/* Records a storage failure and replies 503 (the client retries later). */
void ekyc_request_reply_storage_error (EkycRequest *request, const GError *error);

/* Replies later, once work done elsewhere (a worker thread) is ready: the route calls
 * ekyc_request_defer() instead of replying, which pauses the message, and later exactly one of
 * the ekyc_deferred_reply_* functions below, which sends and frees — in the reply's context
 * (ekyc_deferred_reply_get_context(): the HTTP thread of the message's connection). */
EkycDeferredReply *ekyc_request_defer (EkycRequest *request);
EkycServer *ekyc_deferred_reply_get_server (EkycDeferredReply *reply);
GMainContext *ekyc_deferred_reply_get_context (EkycDeferredReply *reply);
void ekyc_deferred_reply_json  (EkycDeferredReply *reply, guint status, JsonNode *node);
void ekyc_deferred_reply_error (EkycDeferredReply *reply, guint status, const char *code,
                                const char *format, ...) G_GNUC_PRINTF (4, 5);
void ekyc_deferred_reply_storage_error (EkycDeferredReply *reply, const GError *error);
/* For the request log: the worker finished at @done_at (monotonic), sharing its work with
 * @group requests (a group commit). Call before replying. */
void ekyc_deferred_reply_set_work_done (EkycDeferredReply *reply, gint64 done_at, guint group);

G_END_DECLS
