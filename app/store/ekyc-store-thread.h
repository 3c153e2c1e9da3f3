/* ekyc-store-thread.h — running a store call in a GTask thread
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "ekyc-store-private.h"

G_BEGIN_DECLS

/* Runs @func (self, @data, cancellable, error) in a thread; its non-NULL result (freed with
 * @free_result if nobody takes it) or its error completes the task. A result of NULL without
 * error is a valid result (a count of 0, FALSE never: use GINT_TO_POINTER (TRUE)). */
void      _ekyc_store_run_in_thread (EkycStore           *self,
                                     gpointer             source_tag,
                                     EkycStoreThreadFunc  func,
                                     gpointer             data,
                                     GDestroyNotify       free_data,
                                     GDestroyNotify       free_result,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
/* The result of @func, or NULL with @error. */
gpointer  _ekyc_store_run_finish    (EkycStore     *self,
                                     GAsyncResult  *result,
                                     gpointer       source_tag,
                                     GError       **error);

G_END_DECLS
