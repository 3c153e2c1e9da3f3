/* ekyc-sync-retry.h — when to try again: a timer in the owner's main context, and the backoff
 * after failures
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Shared by the outbox's client and the evidence uploader: each runs its work in a worker
 * thread, and after it schedules the next run — at once, after a poll interval, or after a
 * failure, later each time (ekyc_sync_backoff_delay_ms(): exponential, with jitter). Used from
 * the owner's main context only; embedded in the owner, which clears it before it goes.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef void (*EkycSyncRetryFunc) (gpointer owner);

typedef struct {
  GMainContext     *context;  /* the owner's (a reference) */
  EkycSyncRetryFunc run;
  gpointer          owner;
  guint             timer;
  guint             attempt;  /* failures since the last success */
} EkycSyncRetry;

void     ekyc_sync_retry_init   (EkycSyncRetry *self, GMainContext *context,
                                 EkycSyncRetryFunc run, gpointer owner);
/* Stops the timer and drops the context. */
void     ekyc_sync_retry_clear  (EkycSyncRetry *self);
/* Runs the owner's function after @delay_ms (instead of any run already set). */
void     ekyc_sync_retry_schedule (EkycSyncRetry *self, guint delay_ms);
/* Stops the timer, if set. */
void     ekyc_sync_retry_cancel (EkycSyncRetry *self);
/* After a failure: runs again after the next backoff delay between @base_ms and @cap_ms. */
void     ekyc_sync_retry_back_off (EkycSyncRetry *self, guint base_ms, guint cap_ms);
/* After a success, or when a person asks: the next failure starts the backoff from the start. */
void     ekyc_sync_retry_reset  (EkycSyncRetry *self);
/* Whether the last run failed (new work waits for the retry: no hammering). */
gboolean ekyc_sync_retry_is_backing_off (const EkycSyncRetry *self);

G_END_DECLS
