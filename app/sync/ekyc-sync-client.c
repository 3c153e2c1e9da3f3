/* ekyc-sync-client.c — sends the outbox to ekyc-server in batches, with backoff and jitter
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "ekyc-sync"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

#include "ekyc-sync-client.h"
#include "ekyc-sync-retry.h"
#include "ekyc-sync-messages.h"

#define DEFAULT_BATCH_SIZE 500
#define DEFAULT_RETRY_BASE_MS 1000
#define DEFAULT_RETRY_CAP_MS (5 * 60 * 1000)
#define POLL_INTERVAL_S 300

G_DEFINE_QUARK (ekyc-sync-error-quark, ekyc_sync_error)

struct _EkycSyncClient {
  GObject parent_instance;

  EkycSyncOutbox *outbox;
  char *server_uri;
  char *token;
  guint batch_size;
  guint retry_base_ms;
  guint retry_cap_ms;

  GMutex lock;               /* guards the fields the worker writes */
  gint64 last_sync;
  char *contract_status;
  gboolean blocks_new;
  char *last_error;

  GMainContext *context;     /* where properties change and the loop runs */
  gboolean running;
  gboolean busy;
  gboolean again;
  EkycSyncRetry retry;       /* the next run: polling, or the backoff after a failure */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (EkycSyncClient, ekyc_sync_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_OUTBOX,
  PROP_SERVER_URI,
  PROP_TOKEN,
  PROP_BATCH_SIZE,
  PROP_RETRY_BASE_MS,
  PROP_RETRY_CAP_MS,
  PROP_PENDING,
  PROP_LAST_SYNC,
  PROP_CONTRACT_STATUS,
  PROP_BLOCKS_NEW_VERIFICATIONS,
  PROP_LAST_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

guint
ekyc_sync_backoff_delay_ms (guint attempt, guint base_ms, guint cap_ms, guint32 random)
{
  guint64 delay = base_ms;

  for (guint i = 0; i < attempt && delay < cap_ms; i++)
    delay *= 2;
  delay = MIN (delay, cap_ms);
  return (guint) (delay / 2 + (delay / 2 ? random % (delay / 2 + 1) : 0));
}

static SoupSession *
new_session (void)
{
  return soup_session_new_with_options ("timeout", 60, "idle-timeout", 60,
                                        "user-agent", "ekyc-sync/" PACKAGE_VERSION, NULL);
}

static SoupMessage *
new_post (const char *server_uri, const char *path, const char *token, const char *body)
{
  g_autofree char *uri = g_strconcat (server_uri, path, NULL);
  SoupMessage *msg = soup_message_new ("POST", uri);
  g_autoptr(GBytes) bytes = NULL;

  if (msg == NULL)
    return NULL;
  if (token)
    {
      g_autofree char *header = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    header);
    }
  bytes = g_bytes_new (body, strlen (body));
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  return msg;
}

/* The server's error in the user's language. */
static char *
error_message (GBytes *reply, guint status)
{
  return ekyc_sync_describe_error_reply (reply ? g_bytes_get_data (reply, NULL) : NULL,
                                         reply ? g_bytes_get_size (reply) : 0, status);
}

static JsonObject *
parse_object (GBytes *reply)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                   g_bytes_get_size (reply), NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return (root && JSON_NODE_HOLDS_OBJECT (root)) ? json_object_ref (json_node_get_object (root))
                                                 : NULL;
}

static void
remember_contract (EkycSyncClient *self, JsonObject *reply)
{
  JsonObject *contract = json_object_get_object_member (reply, "contract");
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT,
                                          g_get_real_time () / G_USEC_PER_SEC);

  g_mutex_lock (&self->lock);
  self->last_sync = g_get_real_time () / G_USEC_PER_SEC;
  if (contract && json_object_has_member (contract, "status"))
    {
      g_free (self->contract_status);
      self->contract_status = g_strdup (json_object_get_string_member (contract, "status"));
      self->blocks_new = json_object_get_boolean_member_with_default (
        contract, "blocks_new_verifications", FALSE);
    }
  g_mutex_unlock (&self->lock);
  ekyc_sync_outbox_set_state (self->outbox, "last_sync", now, NULL);
  if (contract)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), contract);
      g_autofree char *text = json_to_string (node, FALSE);
      ekyc_sync_outbox_set_state (self->outbox, "contract", text, NULL);
    }
}

/* Sends one batch; TRUE when it was acknowledged (or set aside as rejected: @rejected). */
static gboolean
send_batch (EkycSyncClient *self, SoupSession *session, const EkycSyncBatch *batch,
            gboolean *rejected, GCancellable *cancellable, GError **error)
{
  g_autoptr(SoupMessage) msg = new_post (self->server_uri, "/v1/sync", self->token, batch->body);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonObject) object = NULL;
  guint status;

  *rejected = FALSE;
  /* A batch may arrive twice (the server keeps the first copy of every id): libsoup may then keep
   * the connection for the next batch and resend on one the server had closed. */
  if (msg != NULL)
    soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
  if (msg == NULL)
    {
      g_set_error (error, EKYC_SYNC_ERROR, EKYC_SYNC_ERROR_PROTOCOL,
                   _("“%s” is not a server address."), self->server_uri);
      return FALSE;
    }
  reply = soup_session_send_and_read (session, msg, cancellable, &local);
  if (reply == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, EKYC_SYNC_ERROR, EKYC_SYNC_ERROR_NETWORK,
                     _("The server cannot be reached: %s"), local->message);
      return FALSE;
    }
  status = soup_message_get_status (msg);
  if (status == SOUP_STATUS_OK)
    {
      object = parse_object (reply);
      if (object == NULL || !json_object_has_member (object, "events"))
        {
          g_set_error_literal (error, EKYC_SYNC_ERROR, EKYC_SYNC_ERROR_PROTOCOL,
                               _("The server's answer to a sync is not understood."));
          return FALSE;
        }
      /* Once the server committed, a crash here means the batch is sent again: harmless. */
      if (!ekyc_sync_outbox_acknowledge (self->outbox, batch, error))
        return FALSE;
      remember_contract (self, object);
      return TRUE;
    }
  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      g_autofree char *message = error_message (reply, status);
      g_set_error_literal (error, EKYC_SYNC_ERROR, EKYC_SYNC_ERROR_UNAUTHORIZED, message);
      return FALSE;
    }
  if (status >= 500 || status == SOUP_STATUS_REQUEST_TIMEOUT || status == 429)
    {
      g_autofree char *message = error_message (reply, status);
      g_set_error_literal (error, EKYC_SYNC_ERROR, EKYC_SYNC_ERROR_SERVER, message);
      return FALSE;
    }
  /* Any other 4xx: the batch itself is wrong, and sending it again will not help. */
  {
    g_autofree char *message = error_message (reply, status);
    g_message ("sync: the server refused a batch of %u items: %s", batch->seqs->len, message);
    *rejected = TRUE;
    return ekyc_sync_outbox_reject (self->outbox, batch, message, error);
  }
}

gboolean
ekyc_sync_client_sync (EkycSyncClient *self, GCancellable *cancellable, GError **error)
{
  g_autoptr(SoupSession) session = NULL;
  guint rejected_batches = 0;

  g_return_val_if_fail (EKYC_IS_SYNC_CLIENT (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  if (self->token == NULL)
    {
      g_set_error_literal (error, EKYC_SYNC_ERROR, EKYC_SYNC_ERROR_UNAUTHORIZED,
                           _("This device is not enrolled with the server yet."));
      return FALSE;
    }
  session = new_session ();
  for (;;)
    {
      g_autoptr(EkycSyncBatch) batch = NULL;
      g_autoptr(GError) local = NULL;
      gboolean rejected = FALSE;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      batch = ekyc_sync_outbox_take_batch (self->outbox, self->batch_size, &local);
      if (batch == NULL)
        {
          if (local)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          break;
        }
      if (!send_batch (self, session, batch, &rejected, cancellable, error))
        return FALSE;
      rejected_batches += rejected;
    }
  if (rejected_batches)
    {
      g_set_error (error, EKYC_SYNC_ERROR, EKYC_SYNC_ERROR_REJECTED,
                   _("The server refused %u batches; their items are set aside."),
                   rejected_batches);
      return FALSE;
    }
  return TRUE;
}

/* --- the background loop --- */

static void run_now (gpointer data);

static void
set_last_error (EkycSyncClient *self, const char *message)
{
  g_mutex_lock (&self->lock);
  if (g_strcmp0 (self->last_error, message) == 0)
    {
      g_mutex_unlock (&self->lock);
      return;
    }
  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_mutex_unlock (&self->lock);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

static void
sync_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;

  if (ekyc_sync_client_sync (source, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_sync_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  EkycSyncClient *self = EKYC_SYNC_CLIENT (source);
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTRACT_STATUS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLOCKS_NEW_VERIFICATIONS]);
  if (g_task_propagate_boolean (G_TASK (result), &error) ||
      g_error_matches (error, EKYC_SYNC_ERROR, EKYC_SYNC_ERROR_REJECTED))
    {
      set_last_error (self, error ? error->message : NULL);
      ekyc_sync_retry_reset (&self->retry);
      if (self->running)
        {
          if (self->again)
            run_now (self);
          else
            ekyc_sync_retry_schedule (&self->retry, POLL_INTERVAL_S * 1000);
        }
      return;
    }
  set_last_error (self, error->message);
  if (!self->running || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, EKYC_SYNC_ERROR, EKYC_SYNC_ERROR_UNAUTHORIZED))
    return;  /* an unknown or revoked token needs a person, not a retry */
  ekyc_sync_retry_back_off (&self->retry, self->retry_base_ms, self->retry_cap_ms);
}

static void
run_now (gpointer data)
{
  EkycSyncClient *self = data;
  g_autoptr(GTask) task = NULL;

  if (self->busy)
    {
      self->again = TRUE;
      return;
    }
  self->busy = TRUE;
  self->again = FALSE;
  ekyc_sync_retry_cancel (&self->retry);
  task = g_task_new (self, self->cancellable, on_sync_done, NULL);
  g_task_set_source_tag (task, run_now);
  g_task_run_in_thread (task, sync_thread);
}

void
ekyc_sync_client_start (EkycSyncClient *self)
{
  g_return_if_fail (EKYC_IS_SYNC_CLIENT (self));

  if (self->running)
    return;
  self->running = TRUE;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  run_now (self);
}

void
ekyc_sync_client_stop (EkycSyncClient *self)
{
  g_return_if_fail (EKYC_IS_SYNC_CLIENT (self));

  self->running = FALSE;
  ekyc_sync_retry_cancel (&self->retry);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
}

void
ekyc_sync_client_retry_now (EkycSyncClient *self)
{
  g_return_if_fail (EKYC_IS_SYNC_CLIENT (self));

  ekyc_sync_retry_reset (&self->retry);
  if (!self->running)
    ekyc_sync_client_start (self);
  else
    run_now (self);
}

void
ekyc_sync_client_kick (EkycSyncClient *self)
{
  g_return_if_fail (EKYC_IS_SYNC_CLIENT (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
  /* While backing off after a failure, new items wait for the retry: no hammering. */
  if (self->running && (self->busy || !ekyc_sync_retry_is_backing_off (&self->retry)))
    run_now (self);
}

/* --- enrolment --- */

gboolean
ekyc_sync_enrol (const char *server_uri, const char *code, const char *name,
                 GCancellable *cancellable, char **device_id, char **customer_id, char **token,
                 GError **error)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *body = NULL;
  guint status;

  g_return_val_if_fail (server_uri != NULL && code != NULL && name != NULL, FALSE);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  body = json_to_string (root, FALSE);
  msg = new_post (server_uri, "/v1/devices/enrol", NULL, body);
  if (msg == NULL)
    {
      g_set_error (error, EKYC_SYNC_ERROR, EKYC_SYNC_ERROR_PROTOCOL,
                   _("“%s” is not a server address."), server_uri);
      return FALSE;
    }
  session = new_session ();
  reply = soup_session_send_and_read (session, msg, cancellable, &local);
  if (reply == NULL)
    {
      g_set_error (error, EKYC_SYNC_ERROR, EKYC_SYNC_ERROR_NETWORK,
                   _("The server cannot be reached: %s"), local->message);
      return FALSE;
    }
  status = soup_message_get_status (msg);
  if (status != SOUP_STATUS_CREATED)
    {
      g_autofree char *message = error_message (reply, status);
      g_set_error_literal (error, EKYC_SYNC_ERROR,
                           status >= 500 ? EKYC_SYNC_ERROR_SERVER : EKYC_SYNC_ERROR_REJECTED,
                           message);
      return FALSE;
    }
  object = parse_object (reply);
  if (object == NULL || !json_object_has_member (object, "token"))
    {
      g_set_error_literal (error, EKYC_SYNC_ERROR, EKYC_SYNC_ERROR_PROTOCOL,
                           _("The server's answer to the enrolment is not understood."));
      return FALSE;
    }
  if (device_id)
    *device_id = g_strdup (json_object_get_string_member (object, "device"));
  if (customer_id)
    *customer_id = g_strdup (json_object_get_string_member (object, "customer"));
  *token = g_strdup (json_object_get_string_member (object, "token"));
  return TRUE;
}

/* --- the object --- */

EkycSyncClient *
ekyc_sync_client_new (EkycSyncOutbox *outbox, const char *server_uri, const char *token)
{
  g_return_val_if_fail (EKYC_IS_SYNC_OUTBOX (outbox), NULL);
  g_return_val_if_fail (server_uri != NULL, NULL);

  return g_object_new (EKYC_TYPE_SYNC_CLIENT, "outbox", outbox, "server-uri", server_uri,
                       "token", token, NULL);
}

guint
ekyc_sync_client_get_pending (EkycSyncClient *self)
{
  g_return_val_if_fail (EKYC_IS_SYNC_CLIENT (self), 0);
  return ekyc_sync_outbox_count_pending (self->outbox);
}

gint64
ekyc_sync_client_get_last_sync (EkycSyncClient *self)
{
  g_return_val_if_fail (EKYC_IS_SYNC_CLIENT (self), 0);
  return self->last_sync;
}

const char *
ekyc_sync_client_get_contract_status (EkycSyncClient *self)
{
  g_return_val_if_fail (EKYC_IS_SYNC_CLIENT (self), NULL);
  return self->contract_status;
}

gboolean
ekyc_sync_client_get_blocks_new_verifications (EkycSyncClient *self)
{
  g_return_val_if_fail (EKYC_IS_SYNC_CLIENT (self), FALSE);
  return self->blocks_new;
}

const char *
ekyc_sync_client_get_last_error (EkycSyncClient *self)
{
  g_return_val_if_fail (EKYC_IS_SYNC_CLIENT (self), NULL);
  return self->last_error;
}

/* The last known state, from the outbox, so the Account page has it before the first sync. */
static void
load_saved_state (EkycSyncClient *self)
{
  g_autofree char *last = ekyc_sync_outbox_get_state (self->outbox, "last_sync");
  g_autofree char *contract = ekyc_sync_outbox_get_state (self->outbox, "contract");
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (last)
    self->last_sync = g_ascii_strtoll (last, NULL, 10);
  if (contract && json_parser_load_from_data (parser, contract, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *object = json_node_get_object (json_parser_get_root (parser));
      self->contract_status = g_strdup (json_object_get_string_member_with_default (object,
                                                                                    "status",
                                                                                    "none"));
      self->blocks_new = json_object_get_boolean_member_with_default (
        object, "blocks_new_verifications", FALSE);
    }
}

static void
ekyc_sync_client_constructed (GObject *object)
{
  EkycSyncClient *self = EKYC_SYNC_CLIENT (object);

  G_OBJECT_CLASS (ekyc_sync_client_parent_class)->constructed (object);
  g_assert (self->outbox != NULL);
  load_saved_state (self);
}

static void
ekyc_sync_client_dispose (GObject *object)
{
  EkycSyncClient *self = EKYC_SYNC_CLIENT (object);

  ekyc_sync_client_stop (self);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (ekyc_sync_client_parent_class)->dispose (object);
}

static void
ekyc_sync_client_finalize (GObject *object)
{
  EkycSyncClient *self = EKYC_SYNC_CLIENT (object);

  g_clear_object (&self->outbox);
  g_free (self->server_uri);
  g_free (self->token);
  g_free (self->contract_status);
  g_free (self->last_error);
  ekyc_sync_retry_clear (&self->retry);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (ekyc_sync_client_parent_class)->finalize (object);
}

static void
ekyc_sync_client_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  EkycSyncClient *self = EKYC_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_OUTBOX: g_value_set_object (value, self->outbox); break;
    case PROP_SERVER_URI: g_value_set_string (value, self->server_uri); break;
    case PROP_TOKEN: g_value_set_string (value, self->token); break;
    case PROP_BATCH_SIZE: g_value_set_uint (value, self->batch_size); break;
    case PROP_RETRY_BASE_MS: g_value_set_uint (value, self->retry_base_ms); break;
    case PROP_RETRY_CAP_MS: g_value_set_uint (value, self->retry_cap_ms); break;
    case PROP_PENDING: g_value_set_uint (value, ekyc_sync_client_get_pending (self)); break;
    case PROP_LAST_SYNC: g_value_set_int64 (value, self->last_sync); break;
    case PROP_CONTRACT_STATUS:
      g_mutex_lock (&self->lock);
      g_value_set_string (value, self->contract_status);
      g_mutex_unlock (&self->lock);
      break;
    case PROP_BLOCKS_NEW_VERIFICATIONS: g_value_set_boolean (value, self->blocks_new); break;
    case PROP_LAST_ERROR:
      g_mutex_lock (&self->lock);
      g_value_set_string (value, self->last_error);
      g_mutex_unlock (&self->lock);
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekyc_sync_client_set_property (GObject *object, guint prop_id, const GValue *value,
                               GParamSpec *pspec)
{
  EkycSyncClient *self = EKYC_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_OUTBOX: self->outbox = g_value_dup_object (value); break;
    case PROP_SERVER_URI:
      self->server_uri = g_value_dup_string (value);
      /* "https://host/" and "https://host" both work */
      if (self->server_uri && g_str_has_suffix (self->server_uri, "/"))
        self->server_uri[strlen (self->server_uri) - 1] = '\0';
      break;
    case PROP_TOKEN:
      if (g_strcmp0 (self->token, g_value_get_string (value)) != 0)
        {
          g_free (self->token);
          self->token = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_BATCH_SIZE: self->batch_size = g_value_get_uint (value); break;
    case PROP_RETRY_BASE_MS: self->retry_base_ms = g_value_get_uint (value); break;
    case PROP_RETRY_CAP_MS: self->retry_cap_ms = g_value_get_uint (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekyc_sync_client_class_init (EkycSyncClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = ekyc_sync_client_constructed;
  object_class->dispose = ekyc_sync_client_dispose;
  object_class->finalize = ekyc_sync_client_finalize;
  object_class->get_property = ekyc_sync_client_get_property;
  object_class->set_property = ekyc_sync_client_set_property;

  properties[PROP_OUTBOX] = g_param_spec_object ("outbox", NULL, NULL, EKYC_TYPE_SYNC_OUTBOX,
                                                 construct);
  properties[PROP_SERVER_URI] = g_param_spec_string ("server-uri", NULL, NULL, NULL, construct);
  properties[PROP_TOKEN] = g_param_spec_string ("token", NULL, NULL, NULL, rw);
  properties[PROP_BATCH_SIZE] = g_param_spec_uint ("batch-size", NULL, NULL, 1, 5000,
                                                   DEFAULT_BATCH_SIZE, construct);
  properties[PROP_RETRY_BASE_MS] = g_param_spec_uint ("retry-base-ms", NULL, NULL, 1, G_MAXUINT,
                                                      DEFAULT_RETRY_BASE_MS, construct);
  properties[PROP_RETRY_CAP_MS] = g_param_spec_uint ("retry-cap-ms", NULL, NULL, 1, G_MAXUINT,
                                                     DEFAULT_RETRY_CAP_MS, construct);
  properties[PROP_PENDING] = g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_LAST_SYNC] = g_param_spec_int64 ("last-sync", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_CONTRACT_STATUS] = g_param_spec_string ("contract-status", NULL, NULL, NULL, ro);
  properties[PROP_BLOCKS_NEW_VERIFICATIONS] =
    g_param_spec_boolean ("blocks-new-verifications", NULL, NULL, FALSE, ro);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ekyc_sync_client_init (EkycSyncClient *self)
{
  g_mutex_init (&self->lock);
  self->batch_size = DEFAULT_BATCH_SIZE;
  self->retry_base_ms = DEFAULT_RETRY_BASE_MS;
  self->retry_cap_ms = DEFAULT_RETRY_CAP_MS;
  self->context = g_main_context_ref_thread_default ();
  ekyc_sync_retry_init (&self->retry, self->context, run_now, self);
}
