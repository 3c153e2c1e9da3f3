/* ekyc-server-evidence-store.c — stores uploaded evidence images in a thread of its own
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-server"
#include "config.h"

#include <glib/gi18n.h>

#include "ekyc-server-evidence-store.h"
#include "ekyc-server-metrics.h"

struct _EkycEvidenceStore {
  char *database;
  GThreadPool *pool;     /* one thread: uploads are stored in arrival order */
  EkycStorage *storage;  /* the thread's connection; NULL until opened or after a failure */
};

typedef enum {
  UPLOAD_STORED,         /* 201 */
  UPLOAD_ALREADY_HELD,   /* 200: the same bytes */
  UPLOAD_CONFLICT,       /* 409: other bytes */
  UPLOAD_FAILED,         /* 503 */
} UploadOutcome;

typedef struct {
  EkycEvidenceStore *store;
  EkycDeferredReply *reply;
  char case_id[37];
  const char *kind;
  const char *content_type;
  char *customer_id;
  char *device_id;
  gint64 now;
  GBytes *image;
  /* set by the thread */
  UploadOutcome outcome;
  char *sha256;
  GError *error;
} Upload;

static void
upload_free (Upload *upload)
{
  g_free (upload->customer_id);
  g_free (upload->device_id);
  g_bytes_unref (upload->image);
  g_free (upload->sha256);
  g_clear_error (&upload->error);
  g_free (upload);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Upload, upload_free)

/* --- in the store's thread --- */

static UploadOutcome
store_upload (EkycStorage *storage, Upload *upload, GError **error)
{
  gsize size = g_bytes_get_size (upload->image);
  g_autofree char *base64 = g_base64_encode (g_bytes_get_data (upload->image, NULL), size);
  g_autofree char *size_text = g_strdup_printf ("%" G_GSIZE_FORMAT, size);
  g_autofree char *now_text = g_strdup_printf ("%" G_GINT64_FORMAT, upload->now);
  g_autoptr(EkycStorageRows) held = NULL;
  gint64 changes = 0;

  if (!ekyc_storage_exec (storage, "INSERT INTO evidence (case_id, kind, customer_id, device_id, "
                          "content_type, size, sha256, data, received_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                          "ON CONFLICT (case_id, kind) DO NOTHING",
                          EKYC_SQL_PARAMS (upload->case_id, upload->kind, upload->customer_id,
                                           upload->device_id, upload->content_type, size_text,
                                           upload->sha256, base64, now_text),
                          &changes, error))
    return UPLOAD_FAILED;
  if (changes == 1)
    return UPLOAD_STORED;

  /* Already held: the same image is a repeated upload, another one a conflict. */
  held = ekyc_storage_query (storage, "SELECT sha256 FROM evidence WHERE case_id = ? AND kind = ?",
                             EKYC_SQL_PARAMS (upload->case_id, upload->kind), error);
  if (held == NULL)
    return UPLOAD_FAILED;
  if (ekyc_storage_rows_get_count (held) != 1)
    {
      g_set_error_literal (error, EKYC_STORAGE_ERROR, EKYC_STORAGE_ERROR_QUERY,
                           "evidence vanished after a conflicting insert");
      return UPLOAD_FAILED;
    }
  return g_str_equal (ekyc_storage_rows_get (held, 0, 0), upload->sha256) ? UPLOAD_ALREADY_HELD
                                                                          : UPLOAD_CONFLICT;
}

static JsonNode *
upload_to_json (const Upload *upload)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "case");
  json_builder_add_string_value (builder, upload->case_id);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, upload->kind);
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, upload->sha256);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, g_bytes_get_size (upload->image));
  json_builder_set_member_name (builder, "stored");
  json_builder_add_boolean_value (builder, upload->outcome == UPLOAD_STORED);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* In the request's HTTP thread. */
static gboolean
reply_upload (gpointer data)
{
  Upload *upload = data;
  EkycDeferredReply *reply = g_steal_pointer (&upload->reply);

  switch (upload->outcome)
    {
    case UPLOAD_STORED:
      {
        EkycMetrics *metrics = ekyc_server_get_metrics (ekyc_deferred_reply_get_server (reply));

        ekyc_metrics_count (metrics, "ekyc_evidence_uploaded_total", "Evidence images stored",
                            NULL, 1);
        ekyc_metrics_count (metrics, "ekyc_evidence_bytes_total", "Bytes of evidence stored",
                            NULL, g_bytes_get_size (upload->image));
        ekyc_deferred_reply_json (reply, SOUP_STATUS_CREATED, upload_to_json (upload));
      }
      break;
    case UPLOAD_ALREADY_HELD:
      ekyc_deferred_reply_json (reply, SOUP_STATUS_OK, upload_to_json (upload));
      break;
    case UPLOAD_CONFLICT:
      ekyc_deferred_reply_error (reply, SOUP_STATUS_CONFLICT, "evidence_conflict",
                                 _("The server already holds a different %s image for case %s; "
                                   "evidence is never replaced."), upload->kind, upload->case_id);
      break;
    case UPLOAD_FAILED:
    default:
      ekyc_deferred_reply_storage_error (reply, upload->error);
      break;
    }
  return G_SOURCE_REMOVE;
}

static void
store_thread (gpointer data, gpointer user_data)
{
  Upload *upload = data;
  EkycEvidenceStore *self = user_data;
  GMainContext *context = ekyc_deferred_reply_get_context (upload->reply);

  upload->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, upload->image);
  if (self->storage == NULL)
    self->storage = ekyc_storage_open (self->database, &upload->error);
  if (self->storage == NULL)
    upload->outcome = UPLOAD_FAILED;
  else if ((upload->outcome = store_upload (self->storage, upload, &upload->error)) ==
           UPLOAD_FAILED)
    g_clear_pointer (&self->storage, ekyc_storage_free);  /* opened again for the next */
  g_main_context_invoke_full (context, G_PRIORITY_DEFAULT, reply_upload, upload,
                              (GDestroyNotify) upload_free);
}

/* --- in the HTTP thread --- */

void
ekyc_evidence_store_submit (EkycEvidenceStore *self, EkycRequest *request, const char *case_id,
                            const char *kind, const char *content_type, GBytes *image)
{
  Upload *upload;

  g_return_if_fail (self != NULL && request != NULL && case_id != NULL && kind != NULL);
  g_return_if_fail (content_type != NULL && image != NULL);

  upload = g_new0 (Upload, 1);
  upload->store = self;
  g_strlcpy (upload->case_id, case_id, sizeof upload->case_id);
  upload->kind = kind;
  upload->content_type = content_type;
  upload->customer_id = g_strdup (ekyc_request_get_customer_id (request));
  upload->device_id = g_strdup (ekyc_request_get_device_id (request));
  upload->now = ekyc_request_get_now (request);
  upload->image = g_bytes_ref (image);
  upload->reply = ekyc_request_defer (request);
  g_thread_pool_push (self->pool, upload, NULL);
}

EkycEvidenceStore *
ekyc_evidence_store_new (const char *database)
{
  EkycEvidenceStore *self;

  g_return_val_if_fail (database != NULL, NULL);

  self = g_new0 (EkycEvidenceStore, 1);
  self->database = g_strdup (database);
  /* Exclusive: the one thread keeps its connection from upload to upload. */
  self->pool = g_thread_pool_new (store_thread, self, 1, TRUE, NULL);
  return self;
}

void
ekyc_evidence_store_free (EkycEvidenceStore *self)
{
  if (self == NULL)
    return;
  g_thread_pool_free (self->pool, FALSE, TRUE);
  g_clear_pointer (&self->storage, ekyc_storage_free);
  g_free (self->database);
  g_free (self);
}
