/* ekyc-sync-service.c — the app's link to ekyc-server: enrolment, background sync, the account
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "ekyc-sync"
#include "config.h"

#include <glib/gi18n.h>

#include "ekyc-sync-client.h"
#include "ekyc-sync-evidence.h"
#include "ekyc-sync-outbox.h"
#include "ekyc-sync-request.h"
#include "ekyc-sync-service.h"
#include "ekyc-sync-token.h"

struct _EkycSyncService {
  GObject parent_instance;

  char           *db_path;
  gboolean        use_keyring;
  EkycSyncOutbox *outbox;
  EkycSyncClient *client;    /* NULL without a server address or a token */
  EkycSyncEvidence *evidence; /* uploads images after their case synced, by policy */
  char           *url;
  char           *token;
  JsonObject     *contract;  /* the last known, from a sync or the account */
  JsonObject     *account;
  JsonArray      *tickets;
  gint64          account_time;
  char           *last_error;
  GNetworkMonitor *monitor;
  gboolean        network_up;
};

G_DEFINE_FINAL_TYPE (EkycSyncService, ekyc_sync_service, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SERVER_URL,
  PROP_ENROLLED,
  PROP_PENDING,
  PROP_LAST_SYNC,
  PROP_CONTRACT_STATUS,
  PROP_BLOCKS_NEW_VERIFICATIONS,
  PROP_LAST_ERROR,
  PROP_ACCOUNT_TIME,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL)
      || json_parser_get_root (parser) == NULL)
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonNode) node = parse (text);

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_object_ref (json_node_get_object (node))
                                               : NULL;
}

static void
set_last_error (EkycSyncService *self, const char *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;
  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

/* The contract as the outbox last saved it (the client writes it after each sync). */
static void
reload_contract (EkycSyncService *self)
{
  g_autofree char *text = ekyc_sync_outbox_get_state (self->outbox, "contract");

  g_clear_pointer (&self->contract, json_object_unref);
  self->contract = parse_object (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTRACT_STATUS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLOCKS_NEW_VERIFICATIONS]);
}

static void
client_notify (EkycSyncClient *client, GParamSpec *pspec, EkycSyncService *self)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "pending"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
  else if (g_str_equal (name, "last-sync"))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
      ekyc_sync_evidence_kick (self->evidence);
    }
  else if (g_str_equal (name, "contract-status"))
    reload_contract (self);
  else if (g_str_equal (name, "last-error"))
    set_last_error (self, ekyc_sync_client_get_last_error (client));
}

static void
drop_client (EkycSyncService *self)
{
  if (self->client == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->client, self);
  ekyc_sync_client_stop (self->client);
  g_clear_object (&self->client);
}

/* Items per request: the client's default, or $EKYC_SYNC_BATCH_SIZE (slow links, tests). */
static guint
batch_size (void)
{
  const char *env = g_getenv ("EKYC_SYNC_BATCH_SIZE");
  guint64 size = env ? g_ascii_strtoull (env, NULL, 10) : 0;

  return size >= 1 && size <= 5000 ? (guint) size : 500;
}

/* A client for the current address and token, started at once. */
static void
rebuild_client (EkycSyncService *self)
{
  drop_client (self);
  ekyc_sync_evidence_set_server (self->evidence, self->token ? self->url : NULL, self->token);
  if (self->url == NULL || *self->url == '\0' || self->token == NULL)
    return;
  self->client = g_object_new (EKYC_TYPE_SYNC_CLIENT, "outbox", self->outbox,
                               "server-uri", self->url, "token", self->token,
                               "batch-size", batch_size (), NULL);
  g_signal_connect_object (self->client, "notify", G_CALLBACK (client_notify), self, 0);
  /* Not gated on the monitor: a branch's LAN server is reachable without a default route. */
  ekyc_sync_client_start (self->client);
}

static void
network_changed (GNetworkMonitor *monitor, gboolean available, EkycSyncService *self)
{
  gboolean was_up = self->network_up;

  self->network_up = available;
  if (self->client == NULL)
    return;
  if (available && !was_up)
    ekyc_sync_client_retry_now (self->client);
}

EkycSyncService *
ekyc_sync_service_new (const char *db_path, gboolean use_keyring, GError **error)
{
  g_autoptr(EkycSyncService) self = NULL;
  g_autofree char *account = NULL;
  g_autofree char *tickets = NULL;
  g_autofree char *account_time = NULL;
  g_autoptr(JsonNode) tickets_node = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (EKYC_TYPE_SYNC_SERVICE, NULL);
  self->db_path = g_strdup (db_path);
  self->use_keyring = use_keyring;
  self->outbox = ekyc_sync_outbox_open (db_path, error);
  if (self->outbox == NULL)
    return NULL;
  self->evidence = ekyc_sync_evidence_new (db_path, error);
  if (self->evidence == NULL)
    return NULL;
  self->token = ekyc_sync_token_load (db_path, use_keyring, error);
  if (error != NULL && *error != NULL)
    return NULL;
  reload_contract (self);
  account = ekyc_sync_outbox_get_state (self->outbox, "account");
  tickets = ekyc_sync_outbox_get_state (self->outbox, "tickets");
  account_time = ekyc_sync_outbox_get_state (self->outbox, "account_time");
  self->account = parse_object (account);
  tickets_node = parse (tickets);
  if (tickets_node != NULL && JSON_NODE_HOLDS_ARRAY (tickets_node))
    self->tickets = json_array_ref (json_node_get_array (tickets_node));
  self->account_time = account_time ? g_ascii_strtoll (account_time, NULL, 10) : 0;
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->network_up = g_network_monitor_get_network_available (self->monitor);
  g_signal_connect_object (self->monitor, "network-changed", G_CALLBACK (network_changed),
                           self, 0);
  return g_steal_pointer (&self);
}

void
ekyc_sync_service_set_server_url (EkycSyncService *self, const char *url)
{
  g_return_if_fail (EKYC_IS_SYNC_SERVICE (self));

  if (url != NULL && *url == '\0')
    url = NULL;
  if (g_strcmp0 (self->url, url) == 0)
    return;
  g_free (self->url);
  self->url = g_strdup (url);
  rebuild_client (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_URL]);
}

const char *
ekyc_sync_service_get_server_url (EkycSyncService *self)
{
  g_return_val_if_fail (EKYC_IS_SYNC_SERVICE (self), NULL);
  return self->url;
}

gboolean
ekyc_sync_service_get_enrolled (EkycSyncService *self)
{
  g_return_val_if_fail (EKYC_IS_SYNC_SERVICE (self), FALSE);
  return self->token != NULL;
}

guint
ekyc_sync_service_get_pending (EkycSyncService *self)
{
  g_return_val_if_fail (EKYC_IS_SYNC_SERVICE (self), 0);
  return ekyc_sync_outbox_count_pending (self->outbox);
}

gint64
ekyc_sync_service_get_last_sync (EkycSyncService *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (EKYC_IS_SYNC_SERVICE (self), 0);
  if (self->client != NULL)
    return ekyc_sync_client_get_last_sync (self->client);
  text = ekyc_sync_outbox_get_state (self->outbox, "last_sync");
  return text ? g_ascii_strtoll (text, NULL, 10) : 0;
}

const char *
ekyc_sync_service_get_contract_status (EkycSyncService *self)
{
  g_return_val_if_fail (EKYC_IS_SYNC_SERVICE (self), NULL);
  return self->contract
         ? json_object_get_string_member_with_default (self->contract, "status", NULL)
         : NULL;
}

gboolean
ekyc_sync_service_get_blocks_new_verifications (EkycSyncService *self)
{
  g_return_val_if_fail (EKYC_IS_SYNC_SERVICE (self), FALSE);
  return self->contract
         && json_object_get_boolean_member_with_default (self->contract,
                                                         "blocks_new_verifications", FALSE);
}

const char *
ekyc_sync_service_get_last_error (EkycSyncService *self)
{
  g_return_val_if_fail (EKYC_IS_SYNC_SERVICE (self), NULL);
  return self->last_error;
}

void
ekyc_sync_service_kick (EkycSyncService *self)
{
  g_return_if_fail (EKYC_IS_SYNC_SERVICE (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
  if (self->client != NULL)
    ekyc_sync_client_kick (self->client);
}

void
ekyc_sync_service_sync_now (EkycSyncService *self)
{
  g_return_if_fail (EKYC_IS_SYNC_SERVICE (self));

  if (self->client != NULL)
    ekyc_sync_client_retry_now (self->client);
}

gboolean
ekyc_sync_service_check_new_verification (EkycSyncService *self, GError **error)
{
  const char *status;

  g_return_val_if_fail (EKYC_IS_SYNC_SERVICE (self), FALSE);

  if (!ekyc_sync_service_get_blocks_new_verifications (self))
    return TRUE;
  status = ekyc_sync_service_get_contract_status (self);
  if (g_strcmp0 (status, "expired") == 0)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                         _("The contract has expired, so new verifications are blocked. Cases "
                           "already captured are still sent. To renew it, call product "
                           "consulting: 0936 110 116."));
  else if (g_strcmp0 (status, "cancelled") == 0)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                         _("The contract was cancelled, so new verifications are blocked. Cases "
                           "already captured are still sent. For a new contract, call product "
                           "consulting: 0936 110 116."));
  else
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                         _("There is no active contract, so new verifications are blocked. "
                           "Cases already captured are still sent. Call product consulting: "
                           "0936 110 116."));
  return FALSE;
}

/* --- enrolment --- */

typedef struct {
  char *url;
  char *code;
  char *name;
  char *db_path;
  gboolean use_keyring;
  char *token;
} EnrolData;

static void
enrol_data_free (EnrolData *data)
{
  g_free (data->url);
  g_free (data->code);
  g_free (data->name);
  g_free (data->db_path);
  g_free (data->token);
  g_free (data);
}

static void
enrol_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  EnrolData *data = task_data;
  GError *error = NULL;

  if (!ekyc_sync_enrol (data->url, data->code, data->name, cancellable, NULL, NULL,
                        &data->token, &error)
      || !ekyc_sync_token_save (data->db_path, data->use_keyring, data->token, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
ekyc_sync_service_enrol_async (EkycSyncService *self, const char *url, const char *code,
                               const char *device_name, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *trimmed_url = NULL;
  g_autofree char *trimmed_code = NULL;
  EnrolData *data;

  g_return_if_fail (EKYC_IS_SYNC_SERVICE (self));
  g_return_if_fail (url != NULL && code != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ekyc_sync_service_enrol_async);
  trimmed_url = g_strstrip (g_strdup (url));
  trimmed_code = g_strstrip (g_strdup (code));
  if (*trimmed_url == '\0' || *trimmed_code == '\0')
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s",
                               _("Enter the server address and the enrolment code from the "
                                 "operator."));
      return;
    }
  data = g_new0 (EnrolData, 1);
  data->url = g_steal_pointer (&trimmed_url);
  data->code = g_steal_pointer (&trimmed_code);
  data->name = g_strdup (device_name ? device_name : g_get_host_name ());
  data->db_path = g_strdup (self->db_path);
  data->use_keyring = self->use_keyring;
  g_task_set_task_data (task, data, (GDestroyNotify) enrol_data_free);
  g_task_run_in_thread (task, enrol_thread);
}

gboolean
ekyc_sync_service_enrol_finish (EkycSyncService *self, GAsyncResult *result, GError **error)
{
  EnrolData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  g_free (self->token);
  self->token = g_steal_pointer (&data->token);
  g_free (self->url);
  self->url = g_strdup (data->url);
  set_last_error (self, NULL);
  rebuild_client (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_URL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENROLLED]);
  return TRUE;
}

/* --- the account --- */

typedef struct {
  char     *url;
  char     *token;
  char     *method;   /* an action before the refresh: POST a ticket */
  char     *path;
  char     *body;
  JsonNode *account;
  JsonNode *tickets;
} AccountData;

static void
account_data_free (AccountData *data)
{
  g_free (data->url);
  g_free (data->token);
  g_free (data->method);
  g_free (data->path);
  g_free (data->body);
  g_clear_pointer (&data->account, json_node_unref);
  g_clear_pointer (&data->tickets, json_node_unref);
  g_free (data);
}

static void
account_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  AccountData *data = task_data;
  g_autoptr(JsonNode) done = NULL;
  GError *error = NULL;

  if (data->method != NULL)
    {
      done = ekyc_sync_request (data->url, data->token, data->method, data->path, data->body,
                                cancellable, &error);
      if (done == NULL)
        return g_task_return_error (task, error);
    }
  data->account = ekyc_sync_request (data->url, data->token, "GET", "/v1/account", NULL,
                                     cancellable, &error);
  if (data->account == NULL)
    return g_task_return_error (task, error);
  data->tickets = ekyc_sync_request (data->url, data->token, "GET", "/v1/tickets", NULL,
                                     cancellable, &error);
  if (data->tickets == NULL)
    return g_task_return_error (task, error);
  if (!JSON_NODE_HOLDS_OBJECT (data->account) || !JSON_NODE_HOLDS_OBJECT (data->tickets))
    return g_task_return_new_error (task, EKYC_SYNC_ERROR, EKYC_SYNC_ERROR_PROTOCOL, "%s",
                                    _("The server’s answer is not understood."));
  g_task_return_boolean (task, TRUE);
}

static void
start_account_task (EkycSyncService *self, GTask *task, const char *method, const char *path,
                    const char *body)
{
  AccountData *data;

  if (self->url == NULL || self->token == NULL)
    {
      g_task_return_new_error (task, EKYC_SYNC_ERROR, EKYC_SYNC_ERROR_UNAUTHORIZED, "%s",
                               _("This device is not enrolled with the server yet. A "
                                 "supervisor enrols it in Preferences."));
      return;
    }
  data = g_new0 (AccountData, 1);
  data->url = g_strdup (self->url);
  data->token = g_strdup (self->token);
  data->method = g_strdup (method);
  data->path = g_strdup (path);
  data->body = g_strdup (body);
  g_task_set_task_data (task, data, (GDestroyNotify) account_data_free);
  g_task_run_in_thread (task, account_thread);
}

/* Keeps what the worker fetched: in memory, and in the outbox's state for offline use. */
static gboolean
finish_account_task (EkycSyncService *self, GAsyncResult *result, GError **error)
{
  AccountData *data;
  JsonObject *account;
  JsonNode *tickets;
  g_autofree char *account_text = NULL;
  g_autofree char *tickets_text = NULL;
  g_autofree char *now = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  account = json_node_get_object (data->account);
  tickets = json_object_get_member (json_node_get_object (data->tickets), "tickets");
  g_clear_pointer (&self->account, json_object_unref);
  self->account = json_object_ref (account);
  g_clear_pointer (&self->tickets, json_array_unref);
  if (tickets != NULL && JSON_NODE_HOLDS_ARRAY (tickets))
    self->tickets = json_array_ref (json_node_get_array (tickets));
  self->account_time = g_get_real_time () / G_USEC_PER_SEC;
  account_text = json_to_string (data->account, FALSE);
  tickets_text = tickets ? json_to_string (tickets, FALSE) : g_strdup ("[]");
  now = g_strdup_printf ("%" G_GINT64_FORMAT, self->account_time);
  ekyc_sync_outbox_set_state (self->outbox, "account", account_text, NULL);
  ekyc_sync_outbox_set_state (self->outbox, "tickets", tickets_text, NULL);
  ekyc_sync_outbox_set_state (self->outbox, "account_time", now, NULL);
  if (json_object_has_member (account, "contract"))
    {
      g_autofree char *contract = json_to_string (json_object_get_member (account, "contract"),
                                                  FALSE);
      ekyc_sync_outbox_set_state (self->outbox, "contract", contract, NULL);
      reload_contract (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_TIME]);
  return TRUE;
}

void
ekyc_sync_service_refresh_account_async (EkycSyncService *self, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EKYC_IS_SYNC_SERVICE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ekyc_sync_service_refresh_account_async);
  start_account_task (self, task, NULL, NULL, NULL);
}

gboolean
ekyc_sync_service_refresh_account_finish (EkycSyncService *self, GAsyncResult *result,
                                          GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return finish_account_task (self, result, error);
}

void
ekyc_sync_service_open_ticket_async (EkycSyncService *self, const char *category,
                                     const char *subject, const char *description,
                                     GCancellable *cancellable, GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body = NULL;
  g_autofree char *trimmed = NULL;

  g_return_if_fail (EKYC_IS_SYNC_SERVICE (self));
  g_return_if_fail (category != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ekyc_sync_service_open_ticket_async);
  trimmed = g_strstrip (g_strdup (subject ? subject : ""));
  if (*trimmed == '\0')
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s",
                               _("Write a subject: say in a few words what the request is "
                                 "about."));
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "category");
  json_builder_add_string_value (b, category);
  json_builder_set_member_name (b, "subject");
  json_builder_add_string_value (b, trimmed);
  json_builder_set_member_name (b, "description");
  json_builder_add_string_value (b, description ? description : "");
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  body = json_to_string (root, FALSE);
  start_account_task (self, task, "POST", "/v1/tickets", body);
}

gboolean
ekyc_sync_service_open_ticket_finish (EkycSyncService *self, GAsyncResult *result,
                                      GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return finish_account_task (self, result, error);
}

void
ekyc_sync_service_review_ticket_async (EkycSyncService *self, const char *ticket_id,
                                       gboolean satisfied, const char *note,
                                       GCancellable *cancellable, GAsyncReadyCallback callback,
                                       gpointer user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *escaped = NULL, *path = NULL, *body = NULL;

  g_return_if_fail (EKYC_IS_SYNC_SERVICE (self));
  g_return_if_fail (ticket_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ekyc_sync_service_review_ticket_async);
  escaped = g_uri_escape_string (ticket_id, NULL, FALSE);
  path = g_strdup_printf ("/v1/tickets/%s/%s", escaped, satisfied ? "close" : "reopen");
  json_builder_begin_object (b);
  if (note != NULL && *note != '\0')
    {
      json_builder_set_member_name (b, "note");
      json_builder_add_string_value (b, note);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  body = json_to_string (root, FALSE);
  start_account_task (self, task, "POST", path, body);
}

gboolean
ekyc_sync_service_review_ticket_finish (EkycSyncService *self, GAsyncResult *result,
                                        GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return finish_account_task (self, result, error);
}

JsonObject *
ekyc_sync_service_get_account (EkycSyncService *self)
{
  g_return_val_if_fail (EKYC_IS_SYNC_SERVICE (self), NULL);
  return self->account;
}

JsonArray *
ekyc_sync_service_get_tickets (EkycSyncService *self)
{
  g_return_val_if_fail (EKYC_IS_SYNC_SERVICE (self), NULL);
  return self->tickets;
}

gint64
ekyc_sync_service_get_account_time (EkycSyncService *self)
{
  g_return_val_if_fail (EKYC_IS_SYNC_SERVICE (self), 0);
  return self->account_time;
}

/* --- evidence --- */

void
ekyc_sync_service_set_evidence_loader (EkycSyncService *self, EkycSyncEvidenceLoader loader,
                                       gpointer user_data, GDestroyNotify destroy)
{
  g_return_if_fail (EKYC_IS_SYNC_SERVICE (self));
  ekyc_sync_evidence_set_loader (self->evidence, loader, user_data, destroy);
}

EkycSyncEvidence *
ekyc_sync_service_get_evidence (EkycSyncService *self)
{
  g_return_val_if_fail (EKYC_IS_SYNC_SERVICE (self), NULL);
  return self->evidence;
}

char *
ekyc_sync_service_dup_case_rejection (EkycSyncService *self, const char *case_id)
{
  g_return_val_if_fail (EKYC_IS_SYNC_SERVICE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);
  return ekyc_sync_outbox_dup_rejection (self->outbox, "case", case_id);
}

EkycSyncEvidenceState
ekyc_sync_service_get_case_evidence (EkycSyncService *self, const char *case_id,
                                     guint *n_uploaded, char **reason)
{
  g_return_val_if_fail (EKYC_IS_SYNC_SERVICE (self), EKYC_SYNC_EVIDENCE_STATE_NONE);
  g_return_val_if_fail (case_id != NULL, EKYC_SYNC_EVIDENCE_STATE_NONE);
  return ekyc_sync_evidence_get_case_state (self->evidence, case_id, n_uploaded, reason);
}

/* --- the object --- */

static void
ekyc_sync_service_dispose (GObject *object)
{
  EkycSyncService *self = EKYC_SYNC_SERVICE (object);

  drop_client (self);
  if (self->evidence != NULL)
    ekyc_sync_evidence_stop (self->evidence);
  g_clear_object (&self->evidence);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  G_OBJECT_CLASS (ekyc_sync_service_parent_class)->dispose (object);
}

static void
ekyc_sync_service_finalize (GObject *object)
{
  EkycSyncService *self = EKYC_SYNC_SERVICE (object);

  g_clear_object (&self->outbox);
  g_free (self->db_path);
  g_free (self->url);
  g_free (self->token);
  g_free (self->last_error);
  g_clear_pointer (&self->contract, json_object_unref);
  g_clear_pointer (&self->account, json_object_unref);
  g_clear_pointer (&self->tickets, json_array_unref);
  G_OBJECT_CLASS (ekyc_sync_service_parent_class)->finalize (object);
}

static void
ekyc_sync_service_get_property (GObject *object, guint prop_id, GValue *value,
                                GParamSpec *pspec)
{
  EkycSyncService *self = EKYC_SYNC_SERVICE (object);

  switch (prop_id)
    {
    case PROP_SERVER_URL: g_value_set_string (value, self->url); break;
    case PROP_ENROLLED: g_value_set_boolean (value, self->token != NULL); break;
    case PROP_PENDING: g_value_set_uint (value, ekyc_sync_service_get_pending (self)); break;
    case PROP_LAST_SYNC: g_value_set_int64 (value, ekyc_sync_service_get_last_sync (self)); break;
    case PROP_CONTRACT_STATUS:
      g_value_set_string (value, ekyc_sync_service_get_contract_status (self));
      break;
    case PROP_BLOCKS_NEW_VERIFICATIONS:
      g_value_set_boolean (value, ekyc_sync_service_get_blocks_new_verifications (self));
      break;
    case PROP_LAST_ERROR: g_value_set_string (value, self->last_error); break;
    case PROP_ACCOUNT_TIME: g_value_set_int64 (value, self->account_time); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekyc_sync_service_class_init (EkycSyncServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = ekyc_sync_service_dispose;
  object_class->finalize = ekyc_sync_service_finalize;
  object_class->get_property = ekyc_sync_service_get_property;

  properties[PROP_SERVER_URL] = g_param_spec_string ("server-url", NULL, NULL, NULL, ro);
  properties[PROP_ENROLLED] = g_param_spec_boolean ("enrolled", NULL, NULL, FALSE, ro);
  properties[PROP_PENDING] = g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_LAST_SYNC] = g_param_spec_int64 ("last-sync", NULL, NULL, 0, G_MAXINT64, 0,
                                                   ro);
  properties[PROP_CONTRACT_STATUS] = g_param_spec_string ("contract-status", NULL, NULL, NULL,
                                                          ro);
  properties[PROP_BLOCKS_NEW_VERIFICATIONS] =
    g_param_spec_boolean ("blocks-new-verifications", NULL, NULL, FALSE, ro);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, ro);
  properties[PROP_ACCOUNT_TIME] = g_param_spec_int64 ("account-time", NULL, NULL, 0, G_MAXINT64,
                                                      0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ekyc_sync_service_init (EkycSyncService *self)
{
}
