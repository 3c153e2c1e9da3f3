/* ekyc-server-sync-writer.h — stores sync batches in a thread of their own, concurrent batches in
 * one transaction
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * An HTTP thread checks a batch and hands it here; the writer thread, with its own database
 * connection, takes every batch waiting and stores them in one transaction (a savepoint per
 * batch), so one commit — one fsync with sqlite — serves them all. Each batch still gets its own
 * exact answer: its counts as if stored alone in arrival order, 409 for a batch that touches
 * another customer's ids (rolled back to its savepoint, the others kept), 503 when the database
 * fails (nothing of it stored: the device sends it again and the UUIDs deduplicate). When a
 * group fails, each of its batches is tried again in a transaction of its own, so one bad batch
 * does not turn its neighbours away. */
#pragma once

#include <glib.h>

#include "ekyc-server-core.h"

G_BEGIN_DECLS

typedef struct {
  char id[37];
  gint64 captured_at;
  const char *decision;      /* static string; NULL: no decision (abandoned) */
  gint64 decided_at;
  char *result;              /* JSON text or NULL; owned */
} EkycSyncCase;

typedef struct {
  char id[37];
  char case_id[37];          /* "" when absent */
  const char *kind;          /* static string */
  gint64 at;
} EkycSyncEvent;

typedef enum {
  EKYC_SYNC_STORED,
  EKYC_SYNC_FOREIGN,         /* an id belongs to another customer: nothing stored */
  EKYC_SYNC_FAILED,          /* the database failed: nothing stored */
} EkycSyncOutcome;

typedef struct {
  /* set by the caller */
  char *customer_id;
  char *device_id;
  gint64 now;
  GArray *cases;             /* EkycSyncCase */
  GArray *events;            /* EkycSyncEvent */
  GMainContext *context;     /* where the batch's answer goes (its HTTP thread); owned */
  gpointer user_data;
  /* set by the writer */
  EkycSyncOutcome outcome;
  guint cases_stored, cases_duplicate;
  guint events_stored, events_duplicate;
  guint billable_new;
  char foreign_id[37];       /* EKYC_SYNC_FOREIGN: the id */
  GError *error;             /* EKYC_SYNC_FAILED */
  EkycContractState contract;/* EKYC_SYNC_STORED: the customer's contract after the commit */
  gint64 done_at;            /* monotonic: the writer finished the batch's group */
  guint group_size;          /* the batches of that group */
} EkycSyncBatch;

typedef struct _EkycSyncWriter EkycSyncWriter;

/* Called in the batch's context, once per batch, in the order they were submitted (per context);
 * owns @batch. */
typedef void (*EkycSyncBatchDone) (EkycSyncBatch *batch);

EkycSyncBatch  *ekyc_sync_batch_new  (const char *customer_id, const char *device_id, gint64 now);
void            ekyc_sync_batch_free (EkycSyncBatch *batch);

/* Opens its own connection to @database in the thread (again after a failure). */
EkycSyncWriter *ekyc_sync_writer_new    (const char        *database,
                                         EkycSyncBatchDone  done);
/* Takes @batch (transfer full), whose context is set. */
void            ekyc_sync_writer_submit (EkycSyncWriter *self, EkycSyncBatch *batch);
/* Stores what was submitted, queues its answers to their contexts, stops the thread. */
void            ekyc_sync_writer_free   (EkycSyncWriter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkycSyncBatch, ekyc_sync_batch_free)

G_END_DECLS
