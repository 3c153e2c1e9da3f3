/* ekyc-sync-client.h — sends the outbox to ekyc-server in batches, with backoff and jitter
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * ekyc_sync_client_sync() sends every pending item, oldest first, in batches of "batch-size",
 * and removes a batch from the outbox only once the server answered 200. ekyc_sync_client_start()
 * runs that in a worker thread whenever there is work, retrying failures after an exponential
 * delay with jitter (so a thousand branches coming back online do not hit the server at once).
 * The server's answer carries the customer's contract state, kept for the Account page.
 *
 * Properties change on the main context of the thread that made the client.
 */
#pragma once

#include <gio/gio.h>

#include "ekyc-sync-outbox.h"

G_BEGIN_DECLS

#define EKYC_SYNC_ERROR (ekyc_sync_error_quark ())

typedef enum {
  EKYC_SYNC_ERROR_NETWORK,       /* the server could not be reached: retry later */
  EKYC_SYNC_ERROR_SERVER,        /* the server failed (5xx, 408, 429): retry later */
  EKYC_SYNC_ERROR_UNAUTHORIZED,  /* the token is unknown or revoked: enrol again */
  EKYC_SYNC_ERROR_REJECTED,      /* the server refused a batch for good (set aside) */
  EKYC_SYNC_ERROR_PROTOCOL,      /* the answer was not what the protocol says */
} EkycSyncError;

GQuark ekyc_sync_error_quark (void);

#define EKYC_TYPE_SYNC_CLIENT (ekyc_sync_client_get_type ())
G_DECLARE_FINAL_TYPE (EkycSyncClient, ekyc_sync_client, EKYC, SYNC_CLIENT, GObject)

EkycSyncClient *ekyc_sync_client_new (EkycSyncOutbox *outbox, const char *server_uri,
                                      const char *token);

/* Sends all pending items now, blocking (call it from a worker thread in the app).
 * Stops at the first failure that a retry may cure. */
gboolean ekyc_sync_client_sync (EkycSyncClient *self, GCancellable *cancellable,
                                GError **error);

/* Background syncing with backoff; ekyc_sync_client_kick() after queueing new items. */
void ekyc_sync_client_start (EkycSyncClient *self);
void ekyc_sync_client_stop  (EkycSyncClient *self);
void ekyc_sync_client_kick  (EkycSyncClient *self);
/* Forgets the backoff and syncs now (the network came back, or a person asked). */
void ekyc_sync_client_retry_now (EkycSyncClient *self);

guint        ekyc_sync_client_get_pending         (EkycSyncClient *self);
gint64       ekyc_sync_client_get_last_sync       (EkycSyncClient *self);
/* "active", "expiring", "expired", "cancelled", "declared", "none"; NULL before the first sync. */
const char  *ekyc_sync_client_get_contract_status (EkycSyncClient *self);
gboolean     ekyc_sync_client_get_blocks_new_verifications (EkycSyncClient *self);
const char  *ekyc_sync_client_get_last_error      (EkycSyncClient *self);

/**
 * ekyc_sync_backoff_delay_ms:
 * @attempt: failures so far (0 for the first retry)
 * @random: a uniformly random 32-bit number
 *
 * Returns: min(@cap_ms, @base_ms × 2^@attempt), halved, plus a random part of the other half
 * ("equal jitter"): never less than half the exponential delay, spread over the other half.
 */
guint ekyc_sync_backoff_delay_ms (guint attempt, guint base_ms, guint cap_ms, guint32 random);

/* Trades an enrolment code for a device token (blocking); fills the ids and token (transfer
 * full). EKYC_SYNC_ERROR_REJECTED with the server's message for a bad code. */
gboolean ekyc_sync_enrol (const char *server_uri, const char *code, const char *name,
                          GCancellable *cancellable, char **device_id, char **customer_id,
                          char **token, GError **error);

G_END_DECLS
