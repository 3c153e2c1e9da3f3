/* ekyc-sync-indicator.h — the header's sync status: items waiting to be sent, the last sync
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <adwaita.h>

#include "ekyc-sync-service.h"

G_BEGIN_DECLS

#define EKYC_TYPE_SYNC_INDICATOR (ekyc_sync_indicator_get_type ())
G_DECLARE_FINAL_TYPE (EkycSyncIndicator, ekyc_sync_indicator, EKYC, SYNC_INDICATOR, GtkBox)

/* @service (nullable): hides the indicator when NULL. */
void        ekyc_sync_indicator_set_service (EkycSyncIndicator *self, EkycSyncService *service);
/* The text shown ("2 to send · sent at 10:42"), for tests. */
const char *ekyc_sync_indicator_get_text    (EkycSyncIndicator *self);

G_END_DECLS
