/* ekyc-sync-outbox.h — what the branch still owes the server, kept in sqlite until acknowledged
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Case results and usage events wait in a table `sync_outbox` (in the app's database file or a
 * file of their own; WAL) with the client-made UUID that makes them idempotent on the server.
 * An item leaves the outbox only after the server acknowledged the batch that carried it, so a
 * crash at any moment loses nothing and at worst sends a batch again, which the server
 * deduplicates. Items the server refuses for good (a 4xx other than 401/408/429) are set aside
 * as rejected, not retried forever. Evidence images are never put here.
 *
 * Threads: one connection behind a mutex; every call may run on any thread.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define EKYC_TYPE_SYNC_OUTBOX (ekyc_sync_outbox_get_type ())
G_DECLARE_FINAL_TYPE (EkycSyncOutbox, ekyc_sync_outbox, EKYC, SYNC_OUTBOX, GObject)

/* A batch taken from the outbox: its JSON body for POST /v1/sync and the rows it holds. */
typedef struct {
  char   *body;
  GArray *seqs;       /* gint64 row ids */
  guint   n_cases;
  guint   n_events;
} EkycSyncBatch;

void ekyc_sync_batch_free (EkycSyncBatch *batch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkycSyncBatch, ekyc_sync_batch_free)

/* Opens (creating when missing) the outbox in the sqlite file @path; G_IO_ERROR on failure. */
EkycSyncOutbox *ekyc_sync_outbox_open (const char *path, GError **error);

/* Groups several adds (and ekyc_sync_outbox_set_state()) into one transaction. */
gboolean ekyc_sync_outbox_begin  (EkycSyncOutbox *self, GError **error);
gboolean ekyc_sync_outbox_commit (EkycSyncOutbox *self, GError **error);
void     ekyc_sync_outbox_rollback (EkycSyncOutbox *self);

/**
 * ekyc_sync_outbox_add_case:
 * @case_id: the case's UUID
 * @decision: (nullable): "pass", "review" or "fail"; NULL for an abandoned case
 * @result: (nullable): the scores and reasons to report (never images)
 *
 * Queues a case result. Adding the same @case_id twice queues it once.
 */
gboolean ekyc_sync_outbox_add_case (EkycSyncOutbox *self, const char *case_id,
                                    gint64 captured_at, const char *decision, gint64 decided_at,
                                    JsonObject *result, GError **error);
/* Queues a usage event ("started", "decided", "abandoned"); @event_id NULL makes a new UUID. */
gboolean ekyc_sync_outbox_add_event (EkycSyncOutbox *self, const char *event_id,
                                     const char *kind, const char *case_id, gint64 at,
                                     GError **error);

/* The oldest pending items, at most @max_items, as one batch; NULL when nothing is pending
 * (@error unset) or on failure (@error set). */
EkycSyncBatch *ekyc_sync_outbox_take_batch (EkycSyncOutbox *self, guint max_items,
                                            GError **error);
/* The server acknowledged @batch: its items leave the outbox. */
gboolean ekyc_sync_outbox_acknowledge (EkycSyncOutbox *self, const EkycSyncBatch *batch,
                                       GError **error);
/* The server refused @batch for good: its items are kept aside with @reason. */
gboolean ekyc_sync_outbox_reject (EkycSyncOutbox *self, const EkycSyncBatch *batch,
                                  const char *reason, GError **error);

guint    ekyc_sync_outbox_count_pending  (EkycSyncOutbox *self);
guint    ekyc_sync_outbox_count_rejected (EkycSyncOutbox *self);
/* (transfer full) (nullable): why the server set @item_id (of @kind, "case" or "event") aside;
 * NULL while it waits or once it was acknowledged. */
char    *ekyc_sync_outbox_dup_rejection  (EkycSyncOutbox *self, const char *kind,
                                          const char *item_id);

/* Small persistent values (last sync time, last contract state); NULL when unset. */
char    *ekyc_sync_outbox_get_state (EkycSyncOutbox *self, const char *key);
gboolean ekyc_sync_outbox_set_state (EkycSyncOutbox *self, const char *key, const char *value,
                                     GError **error);

G_END_DECLS
