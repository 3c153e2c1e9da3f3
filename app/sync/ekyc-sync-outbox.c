/* ekyc-sync-outbox.c — what the branch still owes the server, kept in sqlite until acknowledged
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "ekyc-sync"
#include "config.h"

#include <gio/gio.h>
#include <sqlite3.h>

#include "ekyc-sync-outbox.h"
#include "ekyc-sync-queue.h"

struct _EkycSyncOutbox {
  GObject parent_instance;
  sqlite3 *db;
  GRecMutex lock;
};

G_DEFINE_FINAL_TYPE (EkycSyncOutbox, ekyc_sync_outbox, G_TYPE_OBJECT)

void
ekyc_sync_batch_free (EkycSyncBatch *batch)
{
  if (batch == NULL)
    return;
  g_free (batch->body);
  g_array_unref (batch->seqs);
  g_free (batch);
}

static void
ekyc_sync_outbox_finalize (GObject *object)
{
  EkycSyncOutbox *self = EKYC_SYNC_OUTBOX (object);

  sqlite3_close (self->db);
  g_rec_mutex_clear (&self->lock);
  G_OBJECT_CLASS (ekyc_sync_outbox_parent_class)->finalize (object);
}

static void
ekyc_sync_outbox_class_init (EkycSyncOutboxClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ekyc_sync_outbox_finalize;
}

static void
ekyc_sync_outbox_init (EkycSyncOutbox *self)
{
  g_rec_mutex_init (&self->lock);
}

static gboolean
fail (EkycSyncOutbox *self, GError **error, const char *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "sync outbox: %s: %s", what,
               sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec (EkycSyncOutbox *self, const char *sql, GError **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "sync outbox: %s", message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

EkycSyncOutbox *
ekyc_sync_outbox_open (const char *path, GError **error)
{
  g_autoptr(EkycSyncOutbox) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (EKYC_TYPE_SYNC_OUTBOX, NULL);
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                       SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK)
    {
      fail (self, error, path);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 10000);
  if (!exec (self, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", error) ||
      !ekyc_sync_queue_create_schema (self->db, error))
    return NULL;
  return g_steal_pointer (&self);
}

gboolean
ekyc_sync_outbox_begin (EkycSyncOutbox *self, GError **error)
{
  g_return_val_if_fail (EKYC_IS_SYNC_OUTBOX (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  if (!exec (self, "BEGIN IMMEDIATE", error))
    {
      g_rec_mutex_unlock (&self->lock);
      return FALSE;
    }
  return TRUE;
}

gboolean
ekyc_sync_outbox_commit (EkycSyncOutbox *self, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (EKYC_IS_SYNC_OUTBOX (self), FALSE);

  ok = exec (self, "COMMIT", error);
  if (!ok)
    exec (self, "ROLLBACK", NULL);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

void
ekyc_sync_outbox_rollback (EkycSyncOutbox *self)
{
  g_return_if_fail (EKYC_IS_SYNC_OUTBOX (self));

  exec (self, "ROLLBACK", NULL);
  g_rec_mutex_unlock (&self->lock);
}

gboolean
ekyc_sync_outbox_add_case (EkycSyncOutbox *self, const char *case_id, gint64 captured_at,
                           const char *decision, gint64 decided_at, JsonObject *result,
                           GError **error)
{
  gboolean ok;

  g_return_val_if_fail (EKYC_IS_SYNC_OUTBOX (self), FALSE);
  g_return_val_if_fail (g_uuid_string_is_valid (case_id), FALSE);

  g_rec_mutex_lock (&self->lock);
  ok = ekyc_sync_queue_case (self->db, case_id, captured_at, decision, decided_at, result, error);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

gboolean
ekyc_sync_outbox_add_event (EkycSyncOutbox *self, const char *event_id, const char *kind,
                            const char *case_id, gint64 at, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (EKYC_IS_SYNC_OUTBOX (self), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (case_id == NULL || g_uuid_string_is_valid (case_id), FALSE);

  g_rec_mutex_lock (&self->lock);
  ok = ekyc_sync_queue_event (self->db, event_id, kind, case_id, at, error);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

EkycSyncBatch *
ekyc_sync_outbox_take_batch (EkycSyncOutbox *self, guint max_items, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) cases = g_string_new ("{\"cases\":[");
  g_autoptr(GString) events = g_string_new ("],\"events\":[");
  EkycSyncBatch *batch;
  int rc;

  g_return_val_if_fail (EKYC_IS_SYNC_OUTBOX (self), NULL);
  g_return_val_if_fail (max_items > 0, NULL);

  batch = g_new0 (EkycSyncBatch, 1);
  batch->seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_rec_mutex_lock (&self->lock);
  if (sqlite3_prepare_v2 (self->db, "SELECT seq, kind, body FROM sync_outbox "
                          "WHERE rejected IS NULL ORDER BY seq LIMIT ?", -1, &stmt,
                          NULL) != SQLITE_OK)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, max_items);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (stmt, 0);
      gboolean is_case = g_str_equal ((const char *) sqlite3_column_text (stmt, 1), "case");
      GString *out = is_case ? cases : events;
      guint *n = is_case ? &batch->n_cases : &batch->n_events;

      if (*n > 0)
        g_string_append_c (out, ',');
      g_string_append (out, (const char *) sqlite3_column_text (stmt, 2));
      (*n)++;
      g_array_append_val (batch->seqs, seq);
    }
  if (rc != SQLITE_DONE)
    goto failed;
  sqlite3_finalize (stmt);
  g_rec_mutex_unlock (&self->lock);
  if (batch->seqs->len == 0)
    {
      ekyc_sync_batch_free (batch);
      return NULL;
    }
  g_string_append (cases, events->str);
  g_string_append (cases, "]}");
  batch->body = g_string_free (g_steal_pointer (&cases), FALSE);
  return batch;

failed:
  fail (self, error, "cannot read the outbox");
  sqlite3_finalize (stmt);
  g_rec_mutex_unlock (&self->lock);
  ekyc_sync_batch_free (batch);
  return NULL;
}

static gboolean
update_batch (EkycSyncOutbox *self, const EkycSyncBatch *batch, const char *sql,
              const char *reason, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (!ekyc_sync_outbox_begin (self, error))
    return FALSE;
  ok = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK;
  for (guint i = 0; ok && i < batch->seqs->len; i++)
    {
      int param = 1;
      if (reason)
        sqlite3_bind_text (stmt, param++, reason, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, param, g_array_index (batch->seqs, gint64, i));
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  if (!ok)
    {
      fail (self, error, "cannot update the outbox");
      ekyc_sync_outbox_rollback (self);
      return FALSE;
    }
  return ekyc_sync_outbox_commit (self, error);
}

gboolean
ekyc_sync_outbox_acknowledge (EkycSyncOutbox *self, const EkycSyncBatch *batch, GError **error)
{
  g_return_val_if_fail (EKYC_IS_SYNC_OUTBOX (self) && batch != NULL, FALSE);
  return update_batch (self, batch, "DELETE FROM sync_outbox WHERE seq = ?", NULL, error);
}

gboolean
ekyc_sync_outbox_reject (EkycSyncOutbox *self, const EkycSyncBatch *batch, const char *reason,
                         GError **error)
{
  g_return_val_if_fail (EKYC_IS_SYNC_OUTBOX (self) && batch != NULL && reason != NULL, FALSE);
  return update_batch (self, batch, "UPDATE sync_outbox SET rejected = ? WHERE seq = ?", reason,
                       error);
}

static guint
count (EkycSyncOutbox *self, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_rec_mutex_lock (&self->lock);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  g_rec_mutex_unlock (&self->lock);
  return n;
}

guint
ekyc_sync_outbox_count_pending (EkycSyncOutbox *self)
{
  g_return_val_if_fail (EKYC_IS_SYNC_OUTBOX (self), 0);
  return count (self, "SELECT COUNT(*) FROM sync_outbox WHERE rejected IS NULL");
}

guint
ekyc_sync_outbox_count_rejected (EkycSyncOutbox *self)
{
  g_return_val_if_fail (EKYC_IS_SYNC_OUTBOX (self), 0);
  return count (self, "SELECT COUNT(*) FROM sync_outbox WHERE rejected IS NOT NULL");
}

char *
ekyc_sync_outbox_dup_rejection (EkycSyncOutbox *self, const char *kind, const char *item_id)
{
  sqlite3_stmt *stmt = NULL;
  char *reason = NULL;

  g_return_val_if_fail (EKYC_IS_SYNC_OUTBOX (self), NULL);
  g_return_val_if_fail (kind != NULL && item_id != NULL, NULL);

  g_rec_mutex_lock (&self->lock);
  if (sqlite3_prepare_v2 (self->db, "SELECT rejected FROM sync_outbox WHERE kind = ? AND "
                          "item_id = ? AND rejected IS NOT NULL", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, item_id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        reason = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  g_rec_mutex_unlock (&self->lock);
  return reason;
}

char *
ekyc_sync_outbox_get_state (EkycSyncOutbox *self, const char *key)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_return_val_if_fail (EKYC_IS_SYNC_OUTBOX (self) && key != NULL, NULL);

  g_rec_mutex_lock (&self->lock);
  if (sqlite3_prepare_v2 (self->db, "SELECT value FROM sync_state WHERE key = ?", -1, &stmt,
                          NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  g_rec_mutex_unlock (&self->lock);
  return value;
}

gboolean
ekyc_sync_outbox_set_state (EkycSyncOutbox *self, const char *key, const char *value,
                            GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (EKYC_IS_SYNC_OUTBOX (self) && key != NULL, FALSE);

  g_rec_mutex_lock (&self->lock);
  ok = sqlite3_prepare_v2 (self->db, "INSERT INTO sync_state (key, value) VALUES (?, ?) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value", -1, &stmt,
                           NULL) == SQLITE_OK;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  if (!ok)
    fail (self, error, "cannot save the sync state");
  sqlite3_finalize (stmt);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}
