/* ekyc-sync-evidence.c — uploads a synced case's evidence images once, when the customer's policy
 * asks for them
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "ekyc-sync"
#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ekyc-sync-client.h"
#include "ekyc-sync-evidence.h"
#include "ekyc-sync-messages.h"
#include "ekyc-sync-queue.h"
#include "ekyc-sync-request.h"
#include "ekyc-sync-retry.h"

#define RETRY_BASE_MS 1000
#define RETRY_CAP_MS (5 * 60 * 1000)

struct _EkycSyncEvidence {
  GObject parent_instance;

  sqlite3       *db;          /* FULLMUTEX: the worker and the main thread share it */
  GMainContext  *context;
  EkycSyncEvidenceLoader loader;
  gpointer       loader_data;
  GDestroyNotify loader_destroy;
  char          *server_uri;
  char          *token;
  GCancellable  *cancellable;
  EkycSyncRetry  retry;       /* the backoff after a failure */
  gboolean       busy;
  gboolean       again;
  guint          uploaded;
  char          *last_error;
};

G_DEFINE_FINAL_TYPE (EkycSyncEvidence, ekyc_sync_evidence, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PENDING,
  PROP_UPLOADED,
  PROP_BUSY,
  PROP_LAST_ERROR,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

EkycSyncEvidenceImage *
ekyc_sync_evidence_image_new (const char *kind, const char *content_type, GBytes *data)
{
  EkycSyncEvidenceImage *image;

  g_return_val_if_fail (kind != NULL && content_type != NULL && data != NULL, NULL);

  image = g_new0 (EkycSyncEvidenceImage, 1);
  image->kind = g_strdup (kind);
  image->content_type = g_strdup (content_type);
  image->data = g_bytes_ref (data);
  return image;
}

void
ekyc_sync_evidence_image_free (EkycSyncEvidenceImage *image)
{
  if (image == NULL)
    return;
  g_free (image->kind);
  g_free (image->content_type);
  g_bytes_unref (image->data);
  g_free (image);
}

/* --- the tables --- */

static gboolean
fail (EkycSyncEvidence *self, GError **error, const char *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "evidence uploads: %s: %s", what,
               sqlite3_errmsg (self->db));
  return FALSE;
}

/* Runs @sql with text parameters (NULL-terminated). */
static gboolean
exec_params (EkycSyncEvidence *self, GError **error, const char *sql, ...)
{
  sqlite3_stmt *stmt = NULL;
  va_list args;
  const char *value;
  int i = 1;
  gboolean ok;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return fail (self, error, "cannot prepare");
  va_start (args, sql);
  while ((value = va_arg (args, const char *)) != NULL)
    sqlite3_bind_text (stmt, i++, value, -1, SQLITE_TRANSIENT);
  va_end (args);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);
  return ok || fail (self, error, "cannot write");
}

static char *
now_text (void)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);
}

static gboolean
set_case_state (EkycSyncEvidence *self, const char *case_id, const char *state,
                const char *detail, GError **error)
{
  g_autofree char *now = now_text ();

  return exec_params (self, error, "UPDATE sync_evidence_cases SET state = ?, detail = ?, "
                      "done_at = ? WHERE case_id = ?", state, detail ? detail : "", now, case_id,
                      NULL);
}

static gboolean
record_image (EkycSyncEvidence *self, const char *case_id, const EkycSyncEvidenceImage *image,
              const char *sha256, const char *outcome, GError **error)
{
  g_autofree char *now = now_text ();
  g_autofree char *size = g_strdup_printf ("%" G_GSIZE_FORMAT, g_bytes_get_size (image->data));

  return exec_params (self, error, "INSERT OR REPLACE INTO sync_evidence_uploads (case_id, kind, "
                      "sha256, size, outcome, uploaded_at) VALUES (?, ?, ?, ?, ?, ?)", case_id,
                      image->kind, sha256, size, outcome, now, NULL);
}

static gboolean
image_done (EkycSyncEvidence *self, const char *case_id, const char *kind)
{
  sqlite3_stmt *stmt = NULL;
  gboolean done = FALSE;

  if (sqlite3_prepare_v2 (self->db, "SELECT 1 FROM sync_evidence_uploads WHERE case_id = ? "
                          "AND kind = ?", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
      done = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);
  return done;
}

/* Cases whose images did not all go out yet, oldest first. */
static GPtrArray *
pending_cases (EkycSyncEvidence *self, GError **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, "SELECT case_id FROM sync_evidence_cases WHERE state = "
                          "'pending' ORDER BY synced_at, case_id", -1, &stmt, NULL) != SQLITE_OK)
    {
      fail (self, error, "cannot read");
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      fail (self, error, "cannot read");
      return NULL;
    }
  return g_steal_pointer (&ids);
}

guint
ekyc_sync_evidence_get_pending (EkycSyncEvidence *self)
{
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_return_val_if_fail (EKYC_IS_SYNC_EVIDENCE (self), 0);

  if (sqlite3_prepare_v2 (self->db, "SELECT COUNT(*) FROM sync_evidence_cases WHERE state = "
                          "'pending'", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static const struct {
  const char            *name;
  EkycSyncEvidenceState  state;
} state_names[] = {
  { "pending", EKYC_SYNC_EVIDENCE_STATE_PENDING },
  { "uploaded", EKYC_SYNC_EVIDENCE_STATE_UPLOADED },
  { "kept", EKYC_SYNC_EVIDENCE_STATE_KEPT },
  { "purged", EKYC_SYNC_EVIDENCE_STATE_PURGED },
  { "gone", EKYC_SYNC_EVIDENCE_STATE_GONE },
  { "refused", EKYC_SYNC_EVIDENCE_STATE_FAILED },
};

static EkycSyncEvidenceState
state_from_name (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (state_names); i++)
    if (g_str_equal (name, state_names[i].name))
      return state_names[i].state;
  return EKYC_SYNC_EVIDENCE_STATE_NONE;
}

/* A refusal as recorded ("selfie: not_an_image; card-front: evidence_too_large", or one code)
 * in the user's words, each message once. */
static char *
describe_refusal (const char *detail)
{
  g_auto(GStrv) parts = g_strsplit (detail, "; ", -1);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *colon = strstr (parts[i], ": ");
      const char *code = colon ? colon + 2 : parts[i];
      char *message = ekyc_sync_error_code_is_known (code)
                      ? ekyc_sync_describe_error_code (code, NULL, 0)
                      : g_strdup_printf (_("The server refused the images (%s)."), code);

      if (g_ptr_array_find_with_equal_func (messages, message, g_str_equal, NULL))
        g_free (message);
      else
        g_ptr_array_add (messages, message);
    }
  for (guint i = 0; i < messages->len; i++)
    g_string_append_printf (text, "%s%s", i ? " " : "", (char *) g_ptr_array_index (messages, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

EkycSyncEvidenceState
ekyc_sync_evidence_get_case_state (EkycSyncEvidence *self, const char *case_id,
                                   guint *n_uploaded, char **reason)
{
  sqlite3_stmt *stmt = NULL;
  EkycSyncEvidenceState state = EKYC_SYNC_EVIDENCE_STATE_NONE;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (EKYC_IS_SYNC_EVIDENCE (self), EKYC_SYNC_EVIDENCE_STATE_NONE);
  g_return_val_if_fail (case_id != NULL, EKYC_SYNC_EVIDENCE_STATE_NONE);

  if (sqlite3_prepare_v2 (self->db, "SELECT state, detail, (SELECT COUNT(*) FROM "
                          "sync_evidence_uploads u WHERE u.case_id = c.case_id AND "
                          "u.outcome = 'uploaded') FROM sync_evidence_cases c WHERE case_id = ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, 1);

          state = state_from_name ((const char *) sqlite3_column_text (stmt, 0));
          detail = text != NULL && *text != '\0' ? g_strdup (text) : NULL;
          if (n_uploaded)
            *n_uploaded = (guint) sqlite3_column_int64 (stmt, 2);
        }
      else if (n_uploaded)
        *n_uploaded = 0;
    }
  sqlite3_finalize (stmt);
  if (reason == NULL)
    return state;
  *reason = NULL;
  if (state == EKYC_SYNC_EVIDENCE_STATE_FAILED && detail != NULL)
    *reason = describe_refusal (detail);
  else if (state == EKYC_SYNC_EVIDENCE_STATE_GONE)
    *reason = g_steal_pointer (&detail);
  else if (state == EKYC_SYNC_EVIDENCE_STATE_PENDING)
    /* The case's own failure, else why the whole last run failed (the policy unreachable). */
    *reason = detail ? g_steal_pointer (&detail) : g_strdup (self->last_error);
  return state;
}

GHashTable *
ekyc_sync_evidence_dup_case_states (EkycSyncEvidence *self)
{
  GHashTable *states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (EKYC_IS_SYNC_EVIDENCE (self), states);

  if (sqlite3_prepare_v2 (self->db, "SELECT case_id, state FROM sync_evidence_cases", -1, &stmt,
                          NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        EkycSyncEvidenceState state = state_from_name ((const char *) sqlite3_column_text (stmt, 1));

        if (state != EKYC_SYNC_EVIDENCE_STATE_NONE)
          g_hash_table_insert (states, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                               GUINT_TO_POINTER (state));
      }
  sqlite3_finalize (stmt);
  return states;
}

EkycSyncEvidence *
ekyc_sync_evidence_new (const char *db_path, GError **error)
{
  g_autoptr(EkycSyncEvidence) self = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (EKYC_TYPE_SYNC_EVIDENCE, NULL);
  if (sqlite3_open_v2 (db_path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                       SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK)
    {
      fail (self, error, db_path);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 10000);
  if (sqlite3_exec (self->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", NULL, NULL,
                    NULL) != SQLITE_OK)
    {
      fail (self, error, db_path);
      return NULL;
    }
  if (!ekyc_sync_queue_create_schema (self->db, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* --- one run --- */

/* The error code of a JSON error reply, or NULL. */
static char *
reply_code (GBytes *reply)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *error;

  if (reply == NULL || !json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                                    g_bytes_get_size (reply), NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  error = json_object_get_object_member (json_node_get_object (root), "error");
  return error ? g_strdup (json_object_get_string_member_with_default (error, "code", NULL))
               : NULL;
}

typedef enum {
  PUT_DONE,       /* stored now, or already held: the image is on the server */
  PUT_REFUSED,    /* refused for good (conflict, too large…): recorded, not retried */
  PUT_WRONG_CASE, /* the server does not know the case for this customer */
  PUT_POLICY_OFF,
  PUT_FAILED,     /* @error set: stop the run */
} PutOutcome;

static PutOutcome
put_image (SoupSession *session, const char *base, const char *token, const char *case_id,
           const EkycSyncEvidenceImage *image, char **code_out, GCancellable *cancellable,
           GError **error)
{
  g_autofree char *uri = g_strdup_printf ("%s/v1/evidence/%s/%s", base, case_id, image->kind);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("PUT", uri);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *code = NULL;
  guint status;

  if (msg == NULL)
    {
      g_set_error (error, EKYC_SYNC_ERROR, EKYC_SYNC_ERROR_PROTOCOL,
                   _("“%s” is not a server address."), base);
      return PUT_FAILED;
    }
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_set_request_body_from_bytes (msg, image->content_type, image->data);
  /* The same image again stores nothing new: libsoup may reuse the connection. */
  soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
  reply = soup_session_send_and_read (session, msg, cancellable, &local);
  if (reply == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, EKYC_SYNC_ERROR, EKYC_SYNC_ERROR_NETWORK,
                     _("The server cannot be reached: %s"), local->message);
      return PUT_FAILED;
    }
  status = soup_message_get_status (msg);
  if (status >= 200 && status < 300)
    return PUT_DONE;
  code = reply_code (reply);
  if (status == SOUP_STATUS_UNAUTHORIZED || status >= 500 || status == 408 || status == 429)
    {
      g_autofree char *message = ekyc_sync_describe_error_reply (g_bytes_get_data (reply, NULL),
                                                                 g_bytes_get_size (reply),
                                                                 status);
      g_set_error_literal (error, EKYC_SYNC_ERROR,
                           status == SOUP_STATUS_UNAUTHORIZED ? EKYC_SYNC_ERROR_UNAUTHORIZED
                                                              : EKYC_SYNC_ERROR_SERVER,
                           message);
      return PUT_FAILED;
    }
  *code_out = g_strdup (code ? code : "refused");
  if (g_strcmp0 (code, "evidence_policy_off") == 0)
    return PUT_POLICY_OFF;
  if (g_strcmp0 (code, "unknown_case") == 0)
    return PUT_WRONG_CASE;
  return PUT_REFUSED;
}

static gboolean
keep_all_pending (EkycSyncEvidence *self, GError **error)
{
  g_autofree char *now = now_text ();

  return exec_params (self, error, "UPDATE sync_evidence_cases SET state = 'kept', "
                      "detail = 'policy: stay in the branch', done_at = ? "
                      "WHERE state = 'pending'", now, NULL);
}

typedef enum { CASE_NEXT, CASE_POLICY_OFF, CASE_FAILED } CaseOutcome;

static CaseOutcome
upload_case (EkycSyncEvidence *self, SoupSession *session, const char *base, const char *token,
             const char *case_id, JsonArray *kinds, guint *n_uploaded,
             GCancellable *cancellable, GError **error)
{
  g_autoptr(GPtrArray) images =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ekyc_sync_evidence_image_free);
  g_autoptr(GString) refused = g_string_new (NULL);
  g_autoptr(GError) local = NULL;
  gboolean purged = FALSE;

  if (!self->loader (case_id, images, &purged, self->loader_data, cancellable, &local))
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return set_case_state (self, case_id, "gone", local->message, error) ? CASE_NEXT
                                                                               : CASE_FAILED;
      g_propagate_error (error, g_steal_pointer (&local));
      return CASE_FAILED;
    }
  if (purged)
    return set_case_state (self, case_id, "purged", NULL, error) ? CASE_NEXT : CASE_FAILED;

  for (guint i = 0; i < images->len; i++)
    {
      const EkycSyncEvidenceImage *image = g_ptr_array_index (images, i);
      g_autofree char *sha256 = NULL;
      g_autofree char *code = NULL;
      gboolean known = kinds == NULL;

      for (guint k = 0; kinds && k < json_array_get_length (kinds); k++)
        known |= g_strcmp0 (json_array_get_string_element (kinds, k), image->kind) == 0;
      if (!known || image_done (self, case_id, image->kind))
        continue;
      sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, image->data);
      switch (put_image (session, base, token, case_id, image, &code, cancellable, error))
        {
        case PUT_DONE:
          if (!record_image (self, case_id, image, sha256, "uploaded", error))
            return CASE_FAILED;
          (*n_uploaded)++;
          break;
        case PUT_REFUSED:
          g_message ("evidence %s of case %s refused by the server: %s", image->kind, case_id,
                     code);
          g_string_append_printf (refused, "%s%s: %s", refused->len ? "; " : "", image->kind,
                                  code);
          if (!record_image (self, case_id, image, sha256, code, error))
            return CASE_FAILED;
          break;
        case PUT_WRONG_CASE:
          return set_case_state (self, case_id, "refused", code, error) ? CASE_NEXT
                                                                          : CASE_FAILED;
        case PUT_POLICY_OFF:
          return CASE_POLICY_OFF;
        case PUT_FAILED:
        default:
          return CASE_FAILED;
        }
    }
  return set_case_state (self, case_id, refused->len ? "refused" : "uploaded",
                         refused->len ? refused->str : NULL, error) ? CASE_NEXT : CASE_FAILED;
}

gboolean
ekyc_sync_evidence_run (EkycSyncEvidence *self, const char *server_uri, const char *token,
                        guint *n_uploaded, GCancellable *cancellable, GError **error)
{
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(JsonNode) policy = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autofree char *base = NULL;
  JsonObject *object;
  JsonArray *kinds = NULL;
  guint uploaded = 0;

  g_return_val_if_fail (EKYC_IS_SYNC_EVIDENCE (self), FALSE);
  g_return_val_if_fail (server_uri != NULL && token != NULL, FALSE);

  if (n_uploaded)
    *n_uploaded = 0;
  cases = pending_cases (self, error);
  if (cases == NULL)
    return FALSE;
  if (cases->len == 0 || self->loader == NULL)
    return TRUE;

  policy = ekyc_sync_request (server_uri, token, "GET", "/v1/evidence/policy", NULL, cancellable,
                              error);
  if (policy == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (policy))
    {
      g_set_error_literal (error, EKYC_SYNC_ERROR, EKYC_SYNC_ERROR_PROTOCOL,
                           _("The server’s answer is not understood."));
      return FALSE;
    }
  object = json_node_get_object (policy);
  if (!json_object_get_boolean_member_with_default (object, "upload", FALSE))
    return keep_all_pending (self, error);
  if (json_object_has_member (object, "kinds") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "kinds")))
    kinds = json_object_get_array_member (object, "kinds");

  base = g_strdup (server_uri);
  if (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  session = soup_session_new_with_options ("timeout", 60, "idle-timeout", 60,
                                           "user-agent", "ekyc-sync/" PACKAGE_VERSION, NULL);
  for (guint i = 0; i < cases->len; i++)
    {
      CaseOutcome outcome = upload_case (self, session, base, token,
                                         g_ptr_array_index (cases, i), kinds, &uploaded,
                                         cancellable, error);
      if (n_uploaded)
        *n_uploaded = uploaded;
      if (outcome == CASE_POLICY_OFF)
        return keep_all_pending (self, error);
      if (outcome == CASE_FAILED)
        {
          /* The case stays pending; the case list says why it has not gone yet. */
          if (error != NULL && *error != NULL
              && !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            exec_params (self, NULL, "UPDATE sync_evidence_cases SET detail = ? WHERE "
                         "case_id = ? AND state = 'pending'", (*error)->message,
                         (const char *) g_ptr_array_index (cases, i), NULL);
          return FALSE;
        }
    }
  return TRUE;
}

/* --- running in the background --- */

static void run_now (gpointer owner);

static void
set_last_error (EkycSyncEvidence *self, const char *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;
  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

typedef struct {
  char  *server_uri;
  char  *token;
  guint  uploaded;
} RunData;

static void
run_data_free (RunData *data)
{
  g_free (data->server_uri);
  g_free (data->token);
  g_free (data);
}

static void
run_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  RunData *data = task_data;
  GError *error = NULL;

  if (ekyc_sync_evidence_run (source, data->server_uri, data->token, &data->uploaded,
                              cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_run_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  EkycSyncEvidence *self = EKYC_SYNC_EVIDENCE (source);
  RunData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  self->busy = FALSE;
  if (data->uploaded > 0)
    {
      self->uploaded += data->uploaded;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPLOADED]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_last_error (self, ok ? NULL : error->message);
  if (ok)
    {
      ekyc_sync_retry_reset (&self->retry);
      if (self->again)
        run_now (self);
      return;
    }
  g_debug ("evidence upload: %s", error->message);
  if (self->token == NULL ||
      g_error_matches (error, EKYC_SYNC_ERROR, EKYC_SYNC_ERROR_UNAUTHORIZED))
    return;  /* a revoked token needs a person; the next enrolment kicks again */
  ekyc_sync_retry_back_off (&self->retry, RETRY_BASE_MS, RETRY_CAP_MS);
}

static void
run_now (gpointer owner)
{
  EkycSyncEvidence *self = owner;
  g_autoptr(GTask) task = NULL;
  RunData *data;

  if (self->server_uri == NULL || self->token == NULL || self->loader == NULL)
    return;
  if (self->busy)
    {
      self->again = TRUE;
      return;
    }
  if (ekyc_sync_evidence_get_pending (self) == 0)
    return;
  self->busy = TRUE;
  self->again = FALSE;
  ekyc_sync_retry_cancel (&self->retry);
  data = g_new0 (RunData, 1);
  data->server_uri = g_strdup (self->server_uri);
  data->token = g_strdup (self->token);
  task = g_task_new (self, self->cancellable, on_run_done, NULL);
  g_task_set_source_tag (task, run_now);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_thread);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
ekyc_sync_evidence_set_loader (EkycSyncEvidence *self, EkycSyncEvidenceLoader loader,
                               gpointer user_data, GDestroyNotify destroy)
{
  g_return_if_fail (EKYC_IS_SYNC_EVIDENCE (self));
  g_return_if_fail (!self->busy);

  if (self->loader_destroy)
    self->loader_destroy (self->loader_data);
  self->loader = loader;
  self->loader_data = user_data;
  self->loader_destroy = destroy;
  run_now (self);
}

void
ekyc_sync_evidence_set_server (EkycSyncEvidence *self, const char *server_uri, const char *token)
{
  g_return_if_fail (EKYC_IS_SYNC_EVIDENCE (self));

  if (server_uri == NULL || token == NULL)
    server_uri = token = NULL;
  if (g_strcmp0 (self->server_uri, server_uri) == 0 && g_strcmp0 (self->token, token) == 0)
    return;
  ekyc_sync_evidence_stop (self);
  g_free (self->server_uri);
  g_free (self->token);
  self->server_uri = g_strdup (server_uri);
  self->token = g_strdup (token);
  ekyc_sync_retry_reset (&self->retry);
  run_now (self);
}

void
ekyc_sync_evidence_kick (EkycSyncEvidence *self)
{
  g_return_if_fail (EKYC_IS_SYNC_EVIDENCE (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
  /* While backing off after a failure, the retry picks the new cases up. */
  if (self->busy || !ekyc_sync_retry_is_backing_off (&self->retry))
    run_now (self);
}

void
ekyc_sync_evidence_stop (EkycSyncEvidence *self)
{
  g_return_if_fail (EKYC_IS_SYNC_EVIDENCE (self));

  ekyc_sync_retry_cancel (&self->retry);
  g_cancellable_cancel (self->cancellable);
  /* The run under way ends soon (cancelled): wait for it, so a new server or token never
   * overlaps an old run. */
  while (self->busy)
    g_main_context_iteration (self->context, TRUE);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->again = FALSE;
}

guint
ekyc_sync_evidence_get_uploaded (EkycSyncEvidence *self)
{
  g_return_val_if_fail (EKYC_IS_SYNC_EVIDENCE (self), 0);
  return self->uploaded;
}

gboolean
ekyc_sync_evidence_get_busy (EkycSyncEvidence *self)
{
  g_return_val_if_fail (EKYC_IS_SYNC_EVIDENCE (self), FALSE);
  return self->busy;
}

const char *
ekyc_sync_evidence_get_last_error (EkycSyncEvidence *self)
{
  g_return_val_if_fail (EKYC_IS_SYNC_EVIDENCE (self), NULL);
  return self->last_error;
}

/* --- the object --- */

static void
ekyc_sync_evidence_dispose (GObject *object)
{
  EkycSyncEvidence *self = EKYC_SYNC_EVIDENCE (object);

  ekyc_sync_retry_cancel (&self->retry);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (ekyc_sync_evidence_parent_class)->dispose (object);
}

static void
ekyc_sync_evidence_finalize (GObject *object)
{
  EkycSyncEvidence *self = EKYC_SYNC_EVIDENCE (object);

  if (self->loader_destroy)
    self->loader_destroy (self->loader_data);
  sqlite3_close (self->db);
  g_clear_object (&self->cancellable);
  ekyc_sync_retry_clear (&self->retry);
  g_main_context_unref (self->context);
  g_free (self->server_uri);
  g_free (self->token);
  g_free (self->last_error);
  G_OBJECT_CLASS (ekyc_sync_evidence_parent_class)->finalize (object);
}

static void
ekyc_sync_evidence_get_property (GObject *object, guint prop_id, GValue *value,
                                 GParamSpec *pspec)
{
  EkycSyncEvidence *self = EKYC_SYNC_EVIDENCE (object);

  switch (prop_id)
    {
    case PROP_PENDING: g_value_set_uint (value, ekyc_sync_evidence_get_pending (self)); break;
    case PROP_UPLOADED: g_value_set_uint (value, self->uploaded); break;
    case PROP_BUSY: g_value_set_boolean (value, self->busy); break;
    case PROP_LAST_ERROR: g_value_set_string (value, self->last_error); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekyc_sync_evidence_class_init (EkycSyncEvidenceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = ekyc_sync_evidence_dispose;
  object_class->finalize = ekyc_sync_evidence_finalize;
  object_class->get_property = ekyc_sync_evidence_get_property;

  properties[PROP_PENDING] = g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_UPLOADED] = g_param_spec_uint ("uploaded", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ekyc_sync_evidence_init (EkycSyncEvidence *self)
{
  self->context = g_main_context_ref_thread_default ();
  ekyc_sync_retry_init (&self->retry, self->context, run_now, self);
  self->cancellable = g_cancellable_new ();
}
