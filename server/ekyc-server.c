/* ekyc-server.c — the HTTP server: routing, access, body limits, replies, the request log
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-server"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ekyc-server-devices.h"
#include "ekyc-server-metrics.h"
#include "ekyc-server-private.h"

#define DEFAULT_MAX_BODY (4 * 1024 * 1024)
/* Longer than the clients' own (libsoup's SoupSession closes a connection idle 60 s), so that
 * the client, not the server, usually ends a connection and never races a request with it. */
#define DEFAULT_IDLE_TIMEOUT 75

typedef struct {
  char *method;
  char *pattern;
  char **segments;
  EkycRouteAccess access;
  EkycRouteFunc func;
  gpointer user_data;
} Route;

typedef struct {
  GDestroyNotify func;
  gpointer data;
} Cleanup;

/* What the log line needs, kept on the message from its headers to its end. */
typedef struct {
  gint64 started;
  /* Monotonic times of the request's phases, 0 when it had none: the route's handler began
   * (headers and body read), a worker finished its part (for deferred replies: the sync batch
   * committed), the HTTP thread took the reply back. */
  gint64 handled;
  gint64 deferred;       /* the handler handed the work over (its HTTP thread free again) */
  gint64 worked;
  gint64 resumed;
  guint group;           /* the batches that shared the worker's commit */
  guint thread;          /* the HTTP thread's index */
  const char *route;     /* a Route's pattern, or a fixed word */
  char *device_id;
  char *remote;          /* the peer's address, or NULL once it has gone */
} RequestLog;

struct _EkycRequest {
  EkycServer *server;
  EkycHttpThread *thread;
  SoupServerMessage *msg;
  const Route *route;
  GHashTable *params;
  GHashTable *query;
  char *device_id;
  char *customer_id;
  GBytes *body;
  gint64 now;
  gboolean replied;
};

struct _EkycDeferredReply {
  EkycServer *server;
  EkycHttpThread *thread;    /* the one serving the message's connection */
  SoupServerMessage *msg;
};

static void
route_free (gpointer data)
{
  Route *route = data;
  g_free (route->method);
  g_free (route->pattern);
  g_strfreev (route->segments);
  g_free (route);
}

static void
request_log_free (gpointer data)
{
  RequestLog *log = data;
  g_free (log->device_id);
  g_free (log->remote);
  g_free (log);
}

static RequestLog *
get_request_log (SoupServerMessage *msg)
{
  RequestLog *log = g_object_get_data (G_OBJECT (msg), "ekyc-request-log");

  if (log == NULL)
    {
      log = g_new0 (RequestLog, 1);
      log->started = g_get_monotonic_time ();
      log->route = "unmatched";
      g_object_set_data_full (G_OBJECT (msg), "ekyc-request-log", log, request_log_free);
    }
  return log;
}

static void
set_json_error_body (SoupServerMessage *msg, guint status, const char *code, const char *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text,
                                    strlen (text));
}

/* --- the request API for route modules --- */

EkycServer *
ekyc_request_get_server (EkycRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);
  return request->server;
}

EkycStorage *
ekyc_request_get_storage (EkycRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);
  return request->thread->storage;
}

const char *
ekyc_request_get_method (EkycRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);
  return soup_server_message_get_method (request->msg);
}

const char *
ekyc_request_get_path (EkycRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);
  return g_uri_get_path (soup_server_message_get_uri (request->msg));
}

const char *
ekyc_request_get_param (EkycRequest *request, const char *name)
{
  g_return_val_if_fail (request != NULL && name != NULL, NULL);
  return g_hash_table_lookup (request->params, name);
}

const char *
ekyc_request_get_query (EkycRequest *request, const char *name)
{
  g_return_val_if_fail (request != NULL && name != NULL, NULL);
  return request->query ? g_hash_table_lookup (request->query, name) : NULL;
}

const char *
ekyc_request_get_device_id (EkycRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);
  return request->device_id;
}

const char *
ekyc_request_get_customer_id (EkycRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);
  return request->customer_id;
}

GBytes *
ekyc_request_get_body (EkycRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);
  return request->body;
}

const char *
ekyc_request_get_content_type (EkycRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);
  return soup_message_headers_get_content_type (
    soup_server_message_get_request_headers (request->msg), NULL);
}

gint64
ekyc_request_get_now (EkycRequest *request)
{
  g_return_val_if_fail (request != NULL, 0);
  return request->now;
}

JsonObject *
ekyc_request_parse_object (EkycRequest *request)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  const char *content_type;
  gsize size;
  const char *data;
  JsonNode *root;

  g_return_val_if_fail (request != NULL, NULL);

  headers = soup_server_message_get_request_headers (request->msg);
  content_type = soup_message_headers_get_content_type (headers, NULL);
  if (content_type == NULL || g_ascii_strcasecmp (content_type, "application/json") != 0)
    {
      ekyc_request_reply_error (request, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "content_type",
                                _("The body must be JSON (Content-Type: application/json)."));
      return NULL;
    }
  data = g_bytes_get_data (request->body, &size);
  if (size == 0 || !g_utf8_validate (data, size, NULL))
    {
      ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "malformed_json",
                                _("The body is empty or not UTF-8 text."));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, size, &error))
    {
      ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "malformed_json",
                                _("The body is not valid JSON: %s"), error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "wrong_type",
                                _("The body must be a JSON object."));
      return NULL;
    }
  /* The parser is immutable: the object stays valid after the parser goes. */
  return json_object_ref (json_node_get_object (root));
}

void
ekyc_request_reply_json (EkycRequest *request, guint status, JsonNode *node)
{
  char *text;

  g_return_if_fail (request != NULL && node != NULL);
  g_return_if_fail (!request->replied);

  text = json_to_string (node, FALSE);
  json_node_unref (node);
  soup_server_message_set_status (request->msg, status, NULL);
  soup_server_message_set_response (request->msg, "application/json", SOUP_MEMORY_TAKE, text,
                                    strlen (text));
  request->replied = TRUE;
}

void
ekyc_request_reply_error (EkycRequest *request, guint status, const char *code,
                          const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  g_return_if_fail (request != NULL && code != NULL && format != NULL);
  g_return_if_fail (!request->replied);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  set_json_error_body (request->msg, status, code, message);
  request->replied = TRUE;
}

void
ekyc_request_reply_bytes (EkycRequest *request, guint status, const char *content_type,
                          GBytes *bytes)
{
  g_return_if_fail (request != NULL && content_type != NULL && bytes != NULL);
  g_return_if_fail (!request->replied);

  soup_server_message_set_status (request->msg, status, NULL);
  soup_server_message_set_response (request->msg, content_type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  request->replied = TRUE;
}

void
ekyc_request_reply_text (EkycRequest *request, guint status, const char *content_type,
                         const char *text)
{
  g_return_if_fail (request != NULL && content_type != NULL && text != NULL);
  g_return_if_fail (!request->replied);

  soup_server_message_set_status (request->msg, status, NULL);
  soup_server_message_set_response (request->msg, content_type, SOUP_MEMORY_COPY, text,
                                    strlen (text));
  request->replied = TRUE;
}

void
ekyc_request_reply_storage_error (EkycRequest *request, const GError *error)
{
  g_return_if_fail (request != NULL && error != NULL);

  g_warning ("storage: %s", error->message);
  ekyc_metrics_count (request->server->metrics, "ekyc_storage_errors_total",
                      "Requests that failed in the database", NULL, 1);
  ekyc_request_reply_error (request, SOUP_STATUS_SERVICE_UNAVAILABLE, "storage_unavailable",
                            _("The server cannot reach its database; try again later."));
}

/* --- replies that come later (work off the HTTP thread) --- */

EkycDeferredReply *
ekyc_request_defer (EkycRequest *request)
{
  EkycDeferredReply *reply;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (!request->replied, NULL);

  reply = g_new0 (EkycDeferredReply, 1);
  reply->server = request->server;
  reply->thread = request->thread;
  reply->msg = g_object_ref (request->msg);
  get_request_log (request->msg)->deferred = g_get_monotonic_time ();
  soup_server_message_pause (request->msg);
  request->replied = TRUE;
  return reply;
}

EkycServer *
ekyc_deferred_reply_get_server (EkycDeferredReply *reply)
{
  g_return_val_if_fail (reply != NULL, NULL);
  return reply->server;
}

GMainContext *
ekyc_deferred_reply_get_context (EkycDeferredReply *reply)
{
  g_return_val_if_fail (reply != NULL, NULL);
  return reply->thread->context;
}

void
ekyc_deferred_reply_set_work_done (EkycDeferredReply *reply, gint64 done_at, guint group)
{
  RequestLog *log;

  g_return_if_fail (reply != NULL);

  log = get_request_log (reply->msg);
  log->worked = done_at;
  log->group = group;
}

static void
deferred_reply_finish (EkycDeferredReply *reply)
{
  g_assert (g_main_context_is_owner (reply->thread->context));
  get_request_log (reply->msg)->resumed = g_get_monotonic_time ();
  soup_server_message_unpause (reply->msg);  /* a no-op when the client has gone */
  g_object_unref (reply->msg);
  g_free (reply);
}

void
ekyc_deferred_reply_json (EkycDeferredReply *reply, guint status, JsonNode *node)
{
  char *text;

  g_return_if_fail (reply != NULL && node != NULL);

  text = json_to_string (node, FALSE);
  json_node_unref (node);
  soup_server_message_set_status (reply->msg, status, NULL);
  soup_server_message_set_response (reply->msg, "application/json", SOUP_MEMORY_TAKE, text,
                                    strlen (text));
  deferred_reply_finish (reply);
}

void
ekyc_deferred_reply_error (EkycDeferredReply *reply, guint status, const char *code,
                           const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  g_return_if_fail (reply != NULL && code != NULL && format != NULL);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  set_json_error_body (reply->msg, status, code, message);
  deferred_reply_finish (reply);
}

void
ekyc_deferred_reply_storage_error (EkycDeferredReply *reply, const GError *error)
{
  g_return_if_fail (reply != NULL && error != NULL);

  g_warning ("storage: %s", error->message);
  ekyc_metrics_count (reply->server->metrics, "ekyc_storage_errors_total",
                      "Requests that failed in the database", NULL, 1);
  ekyc_deferred_reply_error (reply, SOUP_STATUS_SERVICE_UNAVAILABLE, "storage_unavailable", "%s",
                             _("The server cannot reach its database; try again later."));
}

/* --- routing --- */

void
ekyc_server_add_route (EkycServer     *self,
                       const char     *method,
                       const char     *pattern,
                       EkycRouteAccess access,
                       EkycRouteFunc   func,
                       gpointer        user_data)
{
  Route *route;

  g_return_if_fail (self != NULL && method != NULL && func != NULL);
  g_return_if_fail (pattern != NULL && pattern[0] == '/');

  route = g_new0 (Route, 1);
  route->method = g_strdup (method);
  route->pattern = g_strdup (pattern);
  route->segments = g_strsplit (pattern + 1, "/", -1);
  route->access = access;
  route->func = func;
  route->user_data = user_data;
  g_ptr_array_add (self->routes, route);
}

static gboolean
route_matches (const Route *route, char **segments, GHashTable *params)
{
  guint n = g_strv_length (route->segments);

  if (g_strv_length (segments) != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      const char *want = route->segments[i];
      if (want[0] == '{')
        {
          if (segments[i][0] == '\0')
            return FALSE;
          if (params)
            g_hash_table_insert (params, g_strndup (want + 1, strlen (want) - 2),
                                 g_uri_unescape_string (segments[i], NULL));
        }
      else if (strcmp (want, segments[i]) != 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
tokens_equal (const char *a, const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  guchar diff = la != lb;

  for (gsize i = 0; i < la && i < lb; i++)
    diff |= a[i] ^ b[i];
  return diff == 0;
}

static const char *
bearer_token (SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");
  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    return NULL;
  return header + 7;
}

static gboolean
check_access (EkycRequest *request)
{
  const char *token = bearer_token (request->msg);
  g_autoptr(GError) error = NULL;

  switch (request->route->access)
    {
    case EKYC_ROUTE_PUBLIC:
      return TRUE;
    case EKYC_ROUTE_ADMIN:
      if (request->server->admin_token == NULL)
        {
          ekyc_request_reply_error (request, SOUP_STATUS_FORBIDDEN, "admin_disabled",
                                    _("Administration over HTTP is off on this server "
                                      "(start it with --admin-token-file)."));
          return FALSE;
        }
      if (token == NULL || !tokens_equal (token, request->server->admin_token))
        {
          ekyc_request_reply_error (request, SOUP_STATUS_UNAUTHORIZED, "bad_admin_token",
                                    _("This request needs the operator's token."));
          return FALSE;
        }
      return TRUE;
    case EKYC_ROUTE_DEVICE:
      if (token == NULL)
        {
          ekyc_request_reply_error (request, SOUP_STATUS_UNAUTHORIZED, "no_token",
                                    _("This request needs a device token "
                                      "(Authorization: Bearer …); enrol the device first."));
          return FALSE;
        }
      switch (ekyc_devices_authenticate (request->thread->storage, token, &request->device_id,
                                         &request->customer_id, &error))
        {
        case EKYC_DEVICE_AUTH_OK:
          g_free (get_request_log (request->msg)->device_id);
          get_request_log (request->msg)->device_id = g_strdup (request->device_id);
          return TRUE;
        case EKYC_DEVICE_AUTH_UNKNOWN:
          ekyc_request_reply_error (request, SOUP_STATUS_UNAUTHORIZED, "unknown_token",
                                    _("The device token is not known to this server; enrol the "
                                      "device again with a new code."));
          return FALSE;
        case EKYC_DEVICE_AUTH_REVOKED:
          ekyc_request_reply_error (request, SOUP_STATUS_UNAUTHORIZED, "revoked_token",
                                    _("This device was revoked by the operator; ask for a new "
                                      "enrolment code."));
          return FALSE;
        case EKYC_DEVICE_AUTH_ERROR:
        default:
          ekyc_request_reply_storage_error (request, error);
          return FALSE;
        }
    }
  g_assert_not_reached ();
}

static void
dispatch (EkycHttpThread *thread, SoupServerMessage *msg, const char *path, GHashTable *query)
{
  EkycServer *self = thread->server;
  const char *method = soup_server_message_get_method (msg);
  g_auto(GStrv) segments = g_strsplit (path[0] == '/' ? path + 1 : path, "/", -1);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  EkycRequest request = { 0 };
  gboolean path_known = FALSE;

  get_request_log (msg)->handled = g_get_monotonic_time ();
  request.server = self;
  request.thread = thread;
  request.msg = msg;
  request.query = query;
  request.now = g_get_real_time () / G_USEC_PER_SEC;
  request.params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < self->routes->len && request.route == NULL; i++)
    {
      const Route *route = g_ptr_array_index (self->routes, i);
      if (!route_matches (route, segments, NULL))
        continue;
      path_known = TRUE;
      if (g_str_equal (route->method, method) ||
          (g_str_equal (method, "HEAD") && g_str_equal (route->method, "GET")))
        {
          request.route = route;
          route_matches (route, segments, request.params);
        }
    }

  if (request.route == NULL)
    {
      get_request_log (msg)->route = path_known ? "method_not_allowed" : "not_found";
      set_json_error_body (msg, path_known ? SOUP_STATUS_METHOD_NOT_ALLOWED : SOUP_STATUS_NOT_FOUND,
                           path_known ? "method_not_allowed" : "not_found",
                           path_known ? _("This path does not take that method.")
                                      : _("No such path; see docs/api.md."));
      g_hash_table_destroy (request.params);
      return;
    }
  get_request_log (msg)->route = request.route->pattern;

  if ((gsize) body->length > self->max_body)
    {
      set_json_error_body (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "body_too_large",
                           _("The body is larger than the server accepts; send smaller batches."));
      g_hash_table_destroy (request.params);
      return;
    }
  request.body = soup_message_body_flatten (body);

  if (request.route->access == EKYC_ROUTE_ADMIN)
    g_mutex_lock (&self->admin_lock);
  if (check_access (&request))
    request.route->func (&request, request.route->user_data);
  if (request.route->access == EKYC_ROUTE_ADMIN)
    g_mutex_unlock (&self->admin_lock);
  if (!request.replied)
    {
      g_critical ("route %s %s did not reply", request.route->method, request.route->pattern);
      set_json_error_body (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal",
                           _("The server failed to answer."));
    }
  g_bytes_unref (request.body);
  g_free (request.device_id);
  g_free (request.customer_id);
  g_hash_table_destroy (request.params);
}

static void
handle_any (SoupServer *soup, SoupServerMessage *msg, const char *path, GHashTable *query,
            gpointer user_data)
{
  dispatch (user_data, msg, path, query);  /* the EkycHttpThread */
}

/* Refuses an announced oversized body before reading it. */
static void
handle_early (SoupServer *soup, SoupServerMessage *msg, const char *path, GHashTable *query,
              gpointer user_data)
{
  EkycServer *self = ((EkycHttpThread *) user_data)->server;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      (guint64) soup_message_headers_get_content_length (headers) > self->max_body)
    {
      get_request_log (msg)->route = "too_large";
      set_json_error_body (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "body_too_large",
                           _("The body is larger than the server accepts; send smaller batches."));
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection",
                                    "close");
    }
}

/* soup_server_message_get_remote_host () warns (fatal under G_DEBUG=fatal-warnings) when the
 * peer has already gone, which a client killed mid-request does: ask the socket ourselves. */
static char *
remote_host (SoupServerMessage *msg)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  g_autoptr(GSocketAddress) address = socket ? g_socket_get_remote_address (socket, NULL) : NULL;

  if (address == NULL || !G_IS_INET_SOCKET_ADDRESS (address))
    return NULL;
  return g_inet_address_to_string (
    g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address)));
}

static void
on_request_started (SoupServer *soup, SoupServerMessage *msg, gpointer user_data)
{
  EkycHttpThread *thread = user_data;
  RequestLog *log = get_request_log (msg);

  log->remote = remote_host (msg);
  log->thread = thread->index;
  _ekyc_connections_request_started (thread->connections, msg);
}

/* A phase as microseconds since the request started (absent when the request had none). */
static void
add_phase (JsonBuilder *builder, const char *name, const RequestLog *log, gint64 at)
{
  if (at == 0)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, at - log->started);
}

static void
write_log_line (EkycServer *self, SoupServerMessage *msg, const char *outcome)
{
  RequestLog *log = get_request_log (msg);
  double seconds = (g_get_monotonic_time () - log->started) / 1e6;
  guint status = soup_server_message_get_status (msg);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *ts = NULL;
  g_autofree char *line = NULL;
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  goffset bytes_out = soup_message_headers_get_content_length (
    soup_server_message_get_response_headers (msg));

  ekyc_metrics_observe_request (self->metrics, log->route, status, seconds);
  if (self->log == NULL)
    return;

  now = g_date_time_new_now_utc ();
  ts = g_date_time_format_iso8601 (now);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ts");
  json_builder_add_string_value (builder, ts);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, soup_server_message_get_method (msg));
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, g_uri_get_path (soup_server_message_get_uri (msg)));
  json_builder_set_member_name (builder, "route");
  json_builder_add_string_value (builder, log->route);
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, status);
  json_builder_set_member_name (builder, "us");
  json_builder_add_int_value (builder, (gint64) (seconds * 1e6));
  add_phase (builder, "handler_us", log, log->handled);
  add_phase (builder, "deferred_us", log, log->deferred);
  add_phase (builder, "worked_us", log, log->worked);
  add_phase (builder, "resumed_us", log, log->resumed);
  if (log->group > 0)
    {
      json_builder_set_member_name (builder, "group");
      json_builder_add_int_value (builder, log->group);
    }
  json_builder_set_member_name (builder, "bytes_in");
  json_builder_add_int_value (builder, request_body ? request_body->length : 0);
  json_builder_set_member_name (builder, "bytes_out");
  json_builder_add_int_value (builder, bytes_out);
  json_builder_set_member_name (builder, "remote");
  json_builder_add_string_value (builder, log->remote ? log->remote : "gone");
  json_builder_set_member_name (builder, "thread");
  json_builder_add_int_value (builder, log->thread);
  if (log->device_id)
    {
      json_builder_set_member_name (builder, "device");
      json_builder_add_string_value (builder, log->device_id);
    }
  if (outcome)
    {
      json_builder_set_member_name (builder, "outcome");
      json_builder_add_string_value (builder, outcome);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  line = json_to_string (root, FALSE);
  flockfile (self->log);  /* one whole line at a time from every HTTP thread */
  fprintf (self->log, "%s\n", line);
  fflush (self->log);
  funlockfile (self->log);
}

static void
on_request_finished (SoupServer *soup, SoupServerMessage *msg, gpointer user_data)
{
  EkycHttpThread *thread = user_data;

  write_log_line (thread->server, msg, NULL);
  _ekyc_connections_request_done (thread->connections, msg);
}

/* libsoup keeps the connection open after some aborted requests (a 500 reply) too. */
static void
on_request_aborted (SoupServer *soup, SoupServerMessage *msg, gpointer user_data)
{
  EkycHttpThread *thread = user_data;

  write_log_line (thread->server, msg, "aborted");
  _ekyc_connections_request_done (thread->connections, msg);
}

void
_ekyc_server_attach (EkycServer *self, EkycHttpThread *thread, SoupServer *soup)
{
  soup_server_add_early_handler (soup, NULL, handle_early, thread, NULL);
  soup_server_add_handler (soup, NULL, handle_any, thread, NULL);
  g_signal_connect (soup, "request-started", G_CALLBACK (on_request_started), thread);
  g_signal_connect (soup, "request-finished", G_CALLBACK (on_request_finished), thread);
  g_signal_connect (soup, "request-aborted", G_CALLBACK (on_request_aborted), thread);
}

EkycServer *
ekyc_server_new (const EkycServerConfig *config)
{
  EkycServer *self;

  g_return_val_if_fail (config != NULL && config->storage != NULL, NULL);
  g_return_val_if_fail (config->database != NULL, NULL);

  self = g_new0 (EkycServer, 1);
  self->storage = config->storage;
  self->database = g_strdup (config->database);
  self->cleanups = g_array_new (FALSE, FALSE, sizeof (Cleanup));
  self->admin_token = g_strdup (config->admin_token);
  g_mutex_init (&self->admin_lock);
  self->max_body = config->max_body_bytes ? config->max_body_bytes : DEFAULT_MAX_BODY;
  self->log = config->log;
  self->routes = g_ptr_array_new_with_free_func (route_free);
  self->metrics = ekyc_metrics_new ();
  self->tls_certificate = config->tls_certificate ? g_object_ref (config->tls_certificate) : NULL;
  self->n_threads = config->http_threads ? config->http_threads
                                         : ekyc_server_default_http_threads ();
  self->idle_timeout = config->idle_timeout == 0 ? DEFAULT_IDLE_TIMEOUT
                       : (guint) MAX (config->idle_timeout, 0);
  return self;
}

guint
ekyc_server_default_http_threads (void)
{
  return MAX (4, g_get_num_processors ());
}

void
ekyc_server_free (EkycServer *self)
{
  if (self == NULL)
    return;
  /* Modules stop their threads first; the replies those leave behind go out (or, for clients
   * that have gone, nowhere) before each HTTP thread closes its connections. */
  for (guint i = self->cleanups->len; i > 0; i--)
    {
      Cleanup *cleanup = &g_array_index (self->cleanups, Cleanup, i - 1);
      cleanup->func (cleanup->data);
    }
  _ekyc_server_threads_stop (self);
  g_array_unref (self->cleanups);
  g_free (self->database);
  g_ptr_array_unref (self->routes);
  ekyc_metrics_free (self->metrics);
  g_clear_object (&self->tls_certificate);
  g_mutex_clear (&self->admin_lock);
  g_free (self->admin_token);
  g_free (self);
}

gboolean
ekyc_server_listen (EkycServer *self, const char *address, guint port, guint *out_port,
                    GError **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;

  g_return_val_if_fail (self != NULL && address != NULL, FALSE);
  g_return_val_if_fail (self->threads == NULL, FALSE);

  inet = g_inet_address_new_from_string (address);
  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an IP address"), address);
      return FALSE;
    }
  socket_address = g_inet_socket_address_new (inet, port);
  return _ekyc_server_threads_start (self, socket_address, out_port, error);
}

void
ekyc_server_add_cleanup (EkycServer *self, GDestroyNotify func, gpointer data)
{
  Cleanup cleanup = { func, data };

  g_return_if_fail (self != NULL && func != NULL);
  g_array_append_val (self->cleanups, cleanup);
}

const char *
ekyc_server_get_database (EkycServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->database;
}

EkycStorage *
ekyc_server_get_storage (EkycServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->storage;
}

EkycMetrics *
ekyc_server_get_metrics (EkycServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->metrics;
}
