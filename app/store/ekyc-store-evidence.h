/* ekyc-store-evidence.h — a case's evidence images, opened, for the sync's evidence upload
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The sync service uploads a synced case's images when the customer's policy asks for them, but
 * only the store holds the key that opens them. The application hands the sync service this
 * loader with the store (ekyc_sync_service_set_evidence_loader (sync,
 * ekyc_store_evidence_loader, g_object_ref (store), g_object_unref)). It acts as "system", like
 * ekyc_store_set_sync_state(): the upload goes on while nobody is signed in.
 */
#pragma once

#include "ekyc-store.h"

G_BEGIN_DECLS

/**
 * ekyc_store_evidence_loader:
 * @case_id: the case
 * @images: (element-type EkycSyncEvidenceImage): receives the case's images, opened
 * @purged: (out): TRUE when retention already deleted the case's evidence (@images untouched)
 * @store: (type EkycStore): the store
 *
 * An EkycSyncEvidenceLoader (ekyc-sync-evidence.h). Thread-safe. FALSE with
 * G_IO_ERROR_NOT_FOUND when there is no such case, or an EKYC_STORE_ERROR.
 */
gboolean ekyc_store_evidence_loader (const char    *case_id,
                                     GPtrArray     *images,
                                     gboolean      *purged,
                                     gpointer       store,
                                     GCancellable  *cancellable,
                                     GError       **error);

G_END_DECLS
