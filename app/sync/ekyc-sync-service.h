/* ekyc-sync-service.h — the app's link to ekyc-server: enrolment, background sync, the account
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One per application. It opens the outbox in the case database, keeps the device token (see
 * ekyc-sync-token.h), runs an EkycSyncClient in the background whenever a server address and a
 * token are known — again at once when the network comes back (GNetworkMonitor) — and fetches the
 * Account page's data (contract, this month's requests and bill, tickets), cached in the outbox's
 * state table for offline use. Everything that talks to the network runs in a worker thread;
 * properties change on the main context of the thread that made the service.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ekyc-sync-evidence.h"

G_BEGIN_DECLS

#define EKYC_TYPE_SYNC_SERVICE (ekyc_sync_service_get_type ())
G_DECLARE_FINAL_TYPE (EkycSyncService, ekyc_sync_service, EKYC, SYNC_SERVICE, GObject)

/* Properties (read-only): "server-url", "enrolled", "pending", "last-sync" (seconds, 0: never),
 * "contract-status" (NULL: not known yet), "blocks-new-verifications", "last-error",
 * "account-time" (seconds of the cached account, 0: none). */

EkycSyncService *ekyc_sync_service_new (const char *db_path, gboolean use_keyring,
                                        GError **error);

/* Points the service at @url (from the settings); an empty or NULL @url stops syncing. */
void         ekyc_sync_service_set_server_url (EkycSyncService *self, const char *url);
const char  *ekyc_sync_service_get_server_url (EkycSyncService *self);
gboolean     ekyc_sync_service_get_enrolled   (EkycSyncService *self);
guint        ekyc_sync_service_get_pending    (EkycSyncService *self);
gint64       ekyc_sync_service_get_last_sync  (EkycSyncService *self);
const char  *ekyc_sync_service_get_contract_status (EkycSyncService *self);
gboolean     ekyc_sync_service_get_blocks_new_verifications (EkycSyncService *self);
const char  *ekyc_sync_service_get_last_error (EkycSyncService *self);

/* New items were queued: send them soon. */
void         ekyc_sync_service_kick           (EkycSyncService *self);
/* Forget the backoff and send now. */
void         ekyc_sync_service_sync_now       (EkycSyncService *self);

/* FALSE with a translated G_IO_ERROR_PERMISSION_DENIED (naming the hotline) when the last
 * known contract blocks new verifications. */
gboolean     ekyc_sync_service_check_new_verification (EkycSyncService *self, GError **error);

/* Trades the operator's one-time @code for a token at @url and starts syncing. */
void         ekyc_sync_service_enrol_async    (EkycSyncService     *self,
                                               const char          *url,
                                               const char          *code,
                                               const char          *device_name,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean     ekyc_sync_service_enrol_finish   (EkycSyncService *self, GAsyncResult *result,
                                               GError **error);

/* Fetches the account and the tickets; on failure the cached copy stays. */
void         ekyc_sync_service_refresh_account_async  (EkycSyncService     *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean     ekyc_sync_service_refresh_account_finish (EkycSyncService *self,
                                                       GAsyncResult *result, GError **error);
/* (transfer none) (nullable): the cached GET /v1/account and the tickets array. */
JsonObject  *ekyc_sync_service_get_account    (EkycSyncService *self);
JsonArray   *ekyc_sync_service_get_tickets    (EkycSyncService *self);
gint64       ekyc_sync_service_get_account_time (EkycSyncService *self);

/* Opens a ticket (@category "consulting", "technical" or "complaint"), then refreshes. */
void         ekyc_sync_service_open_ticket_async  (EkycSyncService     *self,
                                                   const char          *category,
                                                   const char          *subject,
                                                   const char          *description,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean     ekyc_sync_service_open_ticket_finish (EkycSyncService *self, GAsyncResult *result,
                                                   GError **error);

/* The branch's answer to a resolved ticket: @satisfied closes it, otherwise it is reopened
 * (@note, nullable: what is still wrong); then refreshes. */
void         ekyc_sync_service_review_ticket_async  (EkycSyncService     *self,
                                                     const char          *ticket_id,
                                                     gboolean             satisfied,
                                                     const char          *note,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean     ekyc_sync_service_review_ticket_finish (EkycSyncService *self,
                                                     GAsyncResult *result, GError **error);

/* Evidence images leave the branch only when the customer's policy says so: after their case
 * synced, read through @loader (the application's, which holds the case store's key). */
void         ekyc_sync_service_set_evidence_loader (EkycSyncService        *self,
                                                    EkycSyncEvidenceLoader  loader,
                                                    gpointer                user_data,
                                                    GDestroyNotify          destroy);
/* (transfer none): the uploader, for its "pending", "uploaded" and "last-error". */
EkycSyncEvidence *ekyc_sync_service_get_evidence  (EkycSyncService *self);

/* One case, for its detail page: (transfer full) (nullable) why the server refused its result
 * (the case store's sync state is then "failed"), and where its evidence images stand (see
 * ekyc_sync_evidence_get_case_state). */
char        *ekyc_sync_service_dup_case_rejection (EkycSyncService *self, const char *case_id);
EkycSyncEvidenceState ekyc_sync_service_get_case_evidence (EkycSyncService *self,
                                                           const char      *case_id,
                                                           guint           *n_uploaded,
                                                           char           **reason);

G_END_DECLS
