/* ekyc-server-sync-writer.c — stores sync batches in a thread of their own, concurrent batches in
 * one transaction
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-server"
#include "config.h"

#include <string.h>

#include "ekyc-server-sync-writer.h"

/* A group stops growing at this many batches or items, so one transaction stays short. */
#define MAX_GROUP_BATCHES 128
#define MAX_GROUP_ITEMS   20000
/* sqlite: the checkpointer copies the WAL into the database at most this often after commits,
 * and at least this often while any came. */
#define CHECKPOINT_MIN_INTERVAL_US (250 * G_TIME_SPAN_MILLISECOND)
#define CHECKPOINT_MAX_INTERVAL_US (1 * G_TIME_SPAN_SECOND)

struct _EkycSyncWriter {
  char *database;
  EkycSyncBatchDone done;
  GAsyncQueue *queue;
  GThread *thread;
  EkycStorage *storage;  /* the thread's own connection; NULL until opened or after a failure */
  /* sqlite: checkpoints in a thread of their own, off the commit that acknowledges batches */
  GThread *checkpointer;
  GMutex lock;
  GCond wake;
  gboolean committed;    /* a commit since the last checkpoint */
  gboolean stopping;
};

/* Queued by ekyc_sync_writer_free(): the thread stops after the batches before it. */
static EkycSyncBatch stop_marker;

EkycSyncBatch *
ekyc_sync_batch_new (const char *customer_id, const char *device_id, gint64 now)
{
  EkycSyncBatch *batch;

  g_return_val_if_fail (customer_id != NULL && device_id != NULL, NULL);

  batch = g_new0 (EkycSyncBatch, 1);
  batch->customer_id = g_strdup (customer_id);
  batch->device_id = g_strdup (device_id);
  batch->now = now;
  batch->cases = g_array_new (FALSE, TRUE, sizeof (EkycSyncCase));
  batch->events = g_array_new (FALSE, TRUE, sizeof (EkycSyncEvent));
  return batch;
}

void
ekyc_sync_batch_free (EkycSyncBatch *batch)
{
  if (batch == NULL)
    return;
  for (guint i = 0; i < batch->cases->len; i++)
    g_free (g_array_index (batch->cases, EkycSyncCase, i).result);
  g_array_unref (batch->cases);
  g_array_unref (batch->events);
  g_free (batch->customer_id);
  g_free (batch->device_id);
  g_clear_pointer (&batch->context, g_main_context_unref);
  g_clear_error (&batch->error);
  ekyc_contract_state_clear (&batch->contract);
  g_free (batch);
}

/* --- one batch, inside the group's transaction --- */

typedef enum { STORE_OK, STORE_FOREIGN, STORE_ERROR } StoreResult;

/* After an INSERT that changed nothing: the id exists; it must be this customer's. */
static StoreResult
owned_by_customer (EkycStorage *storage, const char *sql, const char *id, const char *customer,
                   GError **error)
{
  g_autoptr(EkycStorageRows) rows = ekyc_storage_query (storage, sql, EKYC_SQL_PARAMS (id), error);

  if (rows == NULL)
    return STORE_ERROR;
  return ekyc_storage_rows_get_count (rows) == 1 &&
         g_strcmp0 (ekyc_storage_rows_get (rows, 0, 0), customer) == 0 ? STORE_OK
                                                                          : STORE_FOREIGN;
}

static StoreResult
store_billable (EkycStorage *storage, EkycSyncBatch *batch, const char *case_id,
                gint64 decided_at, const char *now, GError **error)
{
  char decided[24];
  gint64 changes = 0;

  g_snprintf (decided, sizeof decided, "%" G_GINT64_FORMAT, decided_at);
  if (!ekyc_storage_exec (storage, "INSERT INTO billable_requests (case_id, customer_id, "
                          "device_id, decided_at, received_at) VALUES (?, ?, ?, ?, ?) "
                          "ON CONFLICT (case_id) DO NOTHING",
                          EKYC_SQL_PARAMS (case_id, batch->customer_id, batch->device_id,
                                           decided, now), &changes, error))
    return STORE_ERROR;
  if (changes == 1)
    {
      batch->billable_new++;
      return STORE_OK;
    }
  return owned_by_customer (storage, "SELECT customer_id FROM billable_requests "
                            "WHERE case_id = ?", case_id, batch->customer_id, error);
}

static StoreResult
store_case (EkycStorage *storage, EkycSyncBatch *batch, const EkycSyncCase *item,
            const char *now, GError **error)
{
  char captured[24], decided[24];
  gint64 changes = 0;
  StoreResult result;

  g_snprintf (captured, sizeof captured, "%" G_GINT64_FORMAT, item->captured_at);
  g_snprintf (decided, sizeof decided, "%" G_GINT64_FORMAT, item->decided_at);
  if (!ekyc_storage_exec (storage, "INSERT INTO cases (id, customer_id, device_id, captured_at, "
                          "decision, decided_at, result, received_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                          EKYC_SQL_PARAMS (item->id, batch->customer_id, batch->device_id,
                                           captured, item->decision,
                                           item->decision ? decided : NULL, item->result, now),
                          &changes, error))
    return STORE_ERROR;
  if (changes == 1)
    batch->cases_stored++;
  else
    {
      result = owned_by_customer (storage, "SELECT customer_id FROM cases WHERE id = ?",
                                  item->id, batch->customer_id, error);
      if (result != STORE_OK)
        return result;
      batch->cases_duplicate++;
    }
  if (item->decision == NULL)
    return STORE_OK;
  return store_billable (storage, batch, item->id, item->decided_at, now, error);
}

static StoreResult
store_event (EkycStorage *storage, EkycSyncBatch *batch, const EkycSyncEvent *item,
             const char *now, GError **error)
{
  char at[24];
  gint64 changes = 0;
  StoreResult result;

  g_snprintf (at, sizeof at, "%" G_GINT64_FORMAT, item->at);
  if (!ekyc_storage_exec (storage, "INSERT INTO usage_events (id, customer_id, device_id, "
                          "case_id, kind, occurred_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                          "ON CONFLICT (id) DO NOTHING",
                          EKYC_SQL_PARAMS (item->id, batch->customer_id, batch->device_id,
                                           item->case_id[0] ? item->case_id : NULL, item->kind,
                                           at, now), &changes, error))
    return STORE_ERROR;
  if (changes == 1)
    batch->events_stored++;
  else
    {
      result = owned_by_customer (storage, "SELECT customer_id FROM usage_events WHERE id = ?",
                                  item->id, batch->customer_id, error);
      if (result != STORE_OK)
        return result;
      batch->events_duplicate++;
    }
  if (!g_str_equal (item->kind, "decided"))
    return STORE_OK;
  return store_billable (storage, batch, item->case_id, item->at, now, error);
}

static void
reset_result (EkycSyncBatch *batch)
{
  batch->outcome = EKYC_SYNC_STORED;
  batch->cases_stored = batch->cases_duplicate = 0;
  batch->events_stored = batch->events_duplicate = 0;
  batch->billable_new = 0;
  batch->foreign_id[0] = '\0';
  g_clear_error (&batch->error);
}

static StoreResult
store_batch (EkycStorage *storage, EkycSyncBatch *batch, GError **error)
{
  char now[24];
  StoreResult result = STORE_OK;
  const char *id = NULL;

  g_snprintf (now, sizeof now, "%" G_GINT64_FORMAT, batch->now);
  for (guint i = 0; result == STORE_OK && i < batch->cases->len; i++)
    {
      const EkycSyncCase *item = &g_array_index (batch->cases, EkycSyncCase, i);
      result = store_case (storage, batch, item, now, error);
      id = item->id;
    }
  for (guint i = 0; result == STORE_OK && i < batch->events->len; i++)
    {
      const EkycSyncEvent *item = &g_array_index (batch->events, EkycSyncEvent, i);
      result = store_event (storage, batch, item, now, error);
      id = item->id;
    }
  if (result == STORE_FOREIGN)
    g_strlcpy (batch->foreign_id, id, sizeof batch->foreign_id);
  if (result != STORE_OK ||
      !ekyc_storage_exec (storage, "UPDATE devices SET last_seen_at = ? WHERE id = ?",
                          EKYC_SQL_PARAMS (now, batch->device_id), NULL, error))
    return result == STORE_OK ? STORE_ERROR : result;
  return STORE_OK;
}

/* --- a group: one transaction, a savepoint per batch --- */

/* Stores @group in one transaction. FALSE (and nothing stored) when the database failed; a
 * batch with a foreign id is rolled back to its savepoint and the others go on. */
static gboolean
store_group (EkycStorage *storage, GPtrArray *group, GError **error)
{
  if (!ekyc_storage_begin (storage, error))
    return FALSE;
  for (guint i = 0; i < group->len; i++)
    {
      EkycSyncBatch *batch = g_ptr_array_index (group, i);
      StoreResult result;

      reset_result (batch);
      if (!ekyc_storage_exec_script (storage, "SAVEPOINT batch", error))
        goto fail;
      result = store_batch (storage, batch, error);
      if (result == STORE_ERROR)
        goto fail;
      if (result == STORE_FOREIGN)
        {
          char foreign_id[37];

          g_strlcpy (foreign_id, batch->foreign_id, sizeof foreign_id);
          if (!ekyc_storage_exec_script (storage, "ROLLBACK TO SAVEPOINT batch", error))
            goto fail;
          reset_result (batch);
          batch->outcome = EKYC_SYNC_FOREIGN;
          g_strlcpy (batch->foreign_id, foreign_id, sizeof batch->foreign_id);
        }
      if (!ekyc_storage_exec_script (storage, "RELEASE SAVEPOINT batch", error))
        goto fail;
    }
  if (!ekyc_storage_commit (storage, error))
    return FALSE;
  return TRUE;

fail:
  ekyc_storage_rollback (storage);
  return FALSE;
}

static void
fail_batch (EkycSyncBatch *batch, const GError *error)
{
  reset_result (batch);
  batch->outcome = EKYC_SYNC_FAILED;
  batch->error = g_error_copy (error);
}

/* The contract each stored batch's device is told about, read after the commit (once per
 * customer in the group). */
static void
look_up_contracts (EkycStorage *storage, GPtrArray *group)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < group->len; i++)
    {
      EkycSyncBatch *batch = g_ptr_array_index (group, i);
      EkycSyncBatch *earlier;
      g_autoptr(GError) error = NULL;

      if (batch->outcome != EKYC_SYNC_STORED)
        continue;
      earlier = g_hash_table_lookup (seen, batch->customer_id);
      if (earlier && earlier->now == batch->now)
        {
          batch->contract = earlier->contract;
          batch->contract.status = g_strdup (earlier->contract.status);
          continue;
        }
      if (!ekyc_contract_lookup (storage, batch->customer_id, batch->now, &batch->contract,
                                 &error))
        {
          fail_batch (batch, error);  /* stored, but the device resends: duplicates then */
          continue;
        }
      g_hash_table_replace (seen, batch->customer_id, batch);
    }
}

/* With sqlite, a commit that passes 1,000 pages of WAL also copies them into the database file
 * and syncs it (sqlite's automatic checkpoint): measured at 35 ms a commit at the median and
 * 130–190 ms at the 90th–99th percentile on this shared disk, against a few ms for the WAL's own
 * sync. The writer's connection leaves that to the checkpointer thread, so a commit only makes
 * the batches durable (synchronous=FULL: the WAL is synced before the answers go). */
static EkycStorage *
open_writer_storage (EkycSyncWriter *self, GError **error)
{
  EkycStorage *storage = ekyc_storage_open (self->database, error);

  if (storage != NULL && ekyc_storage_get_backend (storage) == EKYC_STORAGE_SQLITE &&
      !ekyc_storage_exec_script (storage, "PRAGMA wal_autocheckpoint=0", error))
    g_clear_pointer (&storage, ekyc_storage_free);
  return storage;
}

static void
store (EkycSyncWriter *self, GPtrArray *group)
{
  g_autoptr(GError) error = NULL;
  gboolean all_failed = TRUE;

  if (self->storage == NULL && !(self->storage = open_writer_storage (self, &error)))
    {
      for (guint i = 0; i < group->len; i++)
        fail_batch (g_ptr_array_index (group, i), error);
      return;
    }
  if (store_group (self->storage, group, &error))
    all_failed = FALSE;
  else if (group->len == 1)
    fail_batch (g_ptr_array_index (group, 0), error);
  else
    {
      /* One batch may have broken the group: each alone, so the others get through. */
      g_debug ("a group of %u batches failed (%s); storing them one by one", group->len,
               error->message);
      for (guint i = 0; i < group->len; i++)
        {
          EkycSyncBatch *batch = g_ptr_array_index (group, i);
          g_autoptr(GPtrArray) alone = g_ptr_array_new ();
          g_autoptr(GError) batch_error = NULL;

          g_ptr_array_add (alone, batch);
          if (store_group (self->storage, alone, &batch_error))
            all_failed = FALSE;
          else
            fail_batch (batch, batch_error);
        }
    }
  if (all_failed)
    {
      /* A lost connection comes back on the next group. */
      g_clear_pointer (&self->storage, ekyc_storage_free);
      return;
    }
  look_up_contracts (self->storage, group);
  g_mutex_lock (&self->lock);
  self->committed = TRUE;
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
}

/* --- the checkpointer (sqlite) --- */

static gpointer
checkpointer_thread (gpointer data)
{
  EkycSyncWriter *self = data;
  g_autoptr(EkycStorage) storage = NULL;
  gint64 last = 0;

  g_mutex_lock (&self->lock);
  while (!self->stopping)
    {
      gint64 now = g_get_monotonic_time ();
      g_autoptr(GError) error = NULL;

      if (!self->committed || now < last + CHECKPOINT_MIN_INTERVAL_US)
        {
          g_cond_wait_until (&self->wake, &self->lock,
                             self->committed ? last + CHECKPOINT_MIN_INTERVAL_US
                                             : now + CHECKPOINT_MAX_INTERVAL_US);
          continue;
        }
      self->committed = FALSE;
      g_mutex_unlock (&self->lock);
      if (storage == NULL)
        storage = ekyc_storage_open (self->database, &error);
      if (storage != NULL && ekyc_storage_get_backend (storage) != EKYC_STORAGE_SQLITE)
        {
          g_mutex_lock (&self->lock);
          break;  /* PostgreSQL has its own */
        }
      /* PASSIVE: copies what no reader still needs, never waits for the writer. */
      if (storage == NULL ||
          !ekyc_storage_exec_script (storage, "PRAGMA wal_checkpoint(PASSIVE)", &error))
        {
          g_debug ("checkpoint: %s", error->message);
          g_clear_pointer (&storage, ekyc_storage_free);
        }
      last = g_get_monotonic_time ();
      g_mutex_lock (&self->lock);
    }
  g_mutex_unlock (&self->lock);
  return NULL;
}

/* --- the thread and the hand-back --- */

typedef struct {
  EkycSyncBatchDone done;
  GPtrArray *batches;  /* of one context, in the group's order */
} Delivery;

static gboolean
deliver (gpointer data)
{
  Delivery *delivery = data;

  for (guint i = 0; i < delivery->batches->len; i++)
    delivery->done (g_steal_pointer (&delivery->batches->pdata[i]));
  return G_SOURCE_REMOVE;
}

static void
delivery_free (gpointer data)
{
  Delivery *delivery = data;

  g_ptr_array_unref (delivery->batches);
  g_free (delivery);
}

/* Hands each batch of @group (taken) back to its HTTP thread: one delivery per context. */
static void
deliver_group (EkycSyncWriter *self, GPtrArray *group)
{
  g_autoptr(GHashTable) by_context = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) deliveries = g_ptr_array_new ();

  for (guint i = 0; i < group->len; i++)
    {
      EkycSyncBatch *batch = g_steal_pointer (&group->pdata[i]);
      Delivery *delivery = g_hash_table_lookup (by_context, batch->context);

      if (delivery == NULL)
        {
          delivery = g_new0 (Delivery, 1);
          delivery->done = self->done;
          delivery->batches = g_ptr_array_new_with_free_func (
            (GDestroyNotify) ekyc_sync_batch_free);
          g_hash_table_insert (by_context, batch->context, delivery);
          g_ptr_array_add (deliveries, delivery);
        }
      g_ptr_array_add (delivery->batches, batch);
    }
  for (guint i = 0; i < deliveries->len; i++)
    {
      Delivery *delivery = g_ptr_array_index (deliveries, i);
      EkycSyncBatch *first = g_ptr_array_index (delivery->batches, 0);

      g_main_context_invoke_full (first->context, G_PRIORITY_DEFAULT, deliver, delivery,
                                  delivery_free);
    }
}

static gpointer
writer_thread (gpointer data)
{
  EkycSyncWriter *self = data;
  gboolean stop = FALSE;

  while (!stop)
    {
      /* Every batch waiting goes into the group; while it commits, the next group gathers. */
      g_autoptr(GPtrArray) group = g_ptr_array_new_with_free_func (
        (GDestroyNotify) ekyc_sync_batch_free);
      EkycSyncBatch *batch = g_async_queue_pop (self->queue);
      guint items = 0;

      while (batch != NULL)
        {
          if (batch == &stop_marker)
            {
              stop = TRUE;
              break;
            }
          g_ptr_array_add (group, batch);
          items += batch->cases->len + batch->events->len;
          if (group->len >= MAX_GROUP_BATCHES || items >= MAX_GROUP_ITEMS)
            break;
          batch = g_async_queue_try_pop (self->queue);
        }
      if (group->len > 0)
        {
          gint64 started = g_get_monotonic_time ();
          gint64 done_at;

          store (self, group);
          done_at = g_get_monotonic_time ();
          g_debug ("stored a group of %u batches, %u items, in %.1f ms", group->len, items,
                   (done_at - started) / 1e3);
          for (guint i = 0; i < group->len; i++)
            {
              EkycSyncBatch *done = g_ptr_array_index (group, i);
              done->done_at = done_at;
              done->group_size = group->len;
            }
          deliver_group (self, group);
        }
    }
  g_clear_pointer (&self->storage, ekyc_storage_free);
  return NULL;
}

EkycSyncWriter *
ekyc_sync_writer_new (const char *database, EkycSyncBatchDone done)
{
  EkycSyncWriter *self;

  g_return_val_if_fail (database != NULL && done != NULL, NULL);

  self = g_new0 (EkycSyncWriter, 1);
  self->database = g_strdup (database);
  self->done = done;
  self->queue = g_async_queue_new ();
  g_mutex_init (&self->lock);
  g_cond_init (&self->wake);
  self->thread = g_thread_new ("sync-writer", writer_thread, self);
  self->checkpointer = g_thread_new ("sync-checkpoint", checkpointer_thread, self);
  return self;
}

void
ekyc_sync_writer_submit (EkycSyncWriter *self, EkycSyncBatch *batch)
{
  g_return_if_fail (self != NULL && batch != NULL && batch->context != NULL);
  g_async_queue_push (self->queue, batch);
}

void
ekyc_sync_writer_free (EkycSyncWriter *self)
{
  if (self == NULL)
    return;
  g_async_queue_push (self->queue, &stop_marker);
  g_thread_join (self->thread);
  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
  g_thread_join (self->checkpointer);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->wake);
  g_async_queue_unref (self->queue);
  g_free (self->database);
  g_free (self);
}
