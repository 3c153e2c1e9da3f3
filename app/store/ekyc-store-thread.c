/* ekyc-store-thread.c — running a store call in a GTask thread
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "ekyc-store"

#include "config.h"

#include "ekyc-store-thread.h"

typedef struct {
  EkycStoreThreadFunc func;
  gpointer            data;
  GDestroyNotify      free_data;
  GDestroyNotify      free_result;
} ThreadCall;

static void
thread_call_free (ThreadCall *call)
{
  if (call->free_data != NULL)
    call->free_data (call->data);
  g_free (call);
}

static void
run_thread_call (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ThreadCall *call = task_data;
  GError *error = NULL;
  gpointer result;

  if (g_task_return_error_if_cancelled (task))
    return;
  result = call->func (source_object, call->data, cancellable, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, call->free_result);
}

void
_ekyc_store_run_in_thread (EkycStore           *self,
                           gpointer             source_tag,
                           EkycStoreThreadFunc  func,
                           gpointer             data,
                           GDestroyNotify       free_data,
                           GDestroyNotify       free_result,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  ThreadCall *call = g_new0 (ThreadCall, 1);

  call->func = func;
  call->data = data;
  call->free_data = free_data;
  call->free_result = free_result;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, call, (GDestroyNotify) thread_call_free);
  g_task_run_in_thread (task, run_thread_call);
}

gpointer
_ekyc_store_run_finish (EkycStore     *self,
                        GAsyncResult  *result,
                        gpointer       source_tag,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
