/* ekyc-case-sync-status.h — a case's way to the central server in words: whether its result
 * synced, and where its evidence images are (kept in the branch, uploaded, pending, failed)
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ekyc-sync-service.h"

G_BEGIN_DECLS

/* Whether anything leaves this computer at all: @sync (nullable) has a server address and this
 * computer is enrolled there. Without, results and images stay here: the app says so instead of
 * counting items "to send". A server that is set but unreachable still counts as connected. */
gboolean    ekyc_case_sync_has_server      (EkycSyncService *sync);

/* A short label for a list of cases ("Images uploaded"); "" for NONE. */
const char *ekyc_case_evidence_label       (EkycSyncEvidenceState state);

/* (transfer full): the sentence for the case's detail: the result's way to the server, read from
 * the case's "sync-state" property and, when refused, @sync's reason. @sync may be NULL (no
 * case store, or never enrolled). */
char       *ekyc_case_describe_result_sync (GObject *kase, EkycSyncService *sync);
/* (transfer full): the same for the evidence images, with the reason when pending or failed. */
char       *ekyc_case_describe_evidence    (GObject *kase, EkycSyncService *sync);

G_END_DECLS
