/* ekyc-application-evidence.c — the application lets the sync service read evidence images
 * through the case store (which holds their key) for the customer's evidence policy
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc"
#include "config.h"

#include "ekyc-application-private.h"
#include "ekyc-store-evidence.h"
#include "ekyc-sync-service.h"

void
_ekyc_application_evidence_attach (GObject *store, GObject *sync)
{
  g_return_if_fail (EKYC_IS_STORE (store) && EKYC_IS_SYNC_SERVICE (sync));

  ekyc_sync_service_set_evidence_loader (EKYC_SYNC_SERVICE (sync), ekyc_store_evidence_loader,
                                         g_object_ref (store), g_object_unref);
}
