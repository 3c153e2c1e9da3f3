/* ekyc-sync-retry.c — when to try again: a timer in the owner's main context, and the backoff
 * after failures
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "ekyc-sync"
#include "config.h"

#include "ekyc-sync-client.h"
#include "ekyc-sync-retry.h"

void
ekyc_sync_retry_init (EkycSyncRetry *self, GMainContext *context, EkycSyncRetryFunc run,
                      gpointer owner)
{
  g_return_if_fail (self != NULL && context != NULL && run != NULL);

  self->context = g_main_context_ref (context);
  self->run = run;
  self->owner = owner;
  self->timer = 0;
  self->attempt = 0;
}

void
ekyc_sync_retry_clear (EkycSyncRetry *self)
{
  g_return_if_fail (self != NULL);

  ekyc_sync_retry_cancel (self);
  g_clear_pointer (&self->context, g_main_context_unref);
}

static gboolean
on_timer (gpointer user_data)
{
  EkycSyncRetry *self = user_data;

  self->timer = 0;
  self->run (self->owner);
  return G_SOURCE_REMOVE;
}

void
ekyc_sync_retry_schedule (EkycSyncRetry *self, guint delay_ms)
{
  GSource *source;

  g_return_if_fail (self != NULL && self->context != NULL);

  ekyc_sync_retry_cancel (self);
  source = g_timeout_source_new (delay_ms);
  g_source_set_callback (source, on_timer, self, NULL);
  self->timer = g_source_attach (source, self->context);
  g_source_unref (source);
}

void
ekyc_sync_retry_cancel (EkycSyncRetry *self)
{
  g_return_if_fail (self != NULL);

  /* Attached to the owner's context, which may not be this thread's default. */
  if (self->timer != 0)
    {
      GSource *source = g_main_context_find_source_by_id (self->context, self->timer);
      if (source)
        g_source_destroy (source);
      self->timer = 0;
    }
}

void
ekyc_sync_retry_back_off (EkycSyncRetry *self, guint base_ms, guint cap_ms)
{
  g_return_if_fail (self != NULL);

  ekyc_sync_retry_schedule (self, ekyc_sync_backoff_delay_ms (self->attempt++, base_ms, cap_ms,
                                                              g_random_int ()));
}

void
ekyc_sync_retry_reset (EkycSyncRetry *self)
{
  g_return_if_fail (self != NULL);
  self->attempt = 0;
}

gboolean
ekyc_sync_retry_is_backing_off (const EkycSyncRetry *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->attempt > 0;
}
