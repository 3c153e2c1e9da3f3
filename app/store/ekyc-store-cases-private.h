/* ekyc-store-cases-private.h — case queries shared by the case files of the store
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "ekyc-store-private.h"

G_BEGIN_DECLS

/* The caller holds self->lock. */
GListModel *_ekyc_store_query_locked (EkycStore           *self,
                                      const EkycCaseQuery *query,
                                      GCancellable        *cancellable,
                                      GError             **error);

G_END_DECLS
