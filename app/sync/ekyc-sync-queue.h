/* ekyc-sync-queue.h — the outbox table itself, for writers that own the sqlite connection
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The case store queues a case result and its usage event with its own connection, inside the
 * transaction that saves the case, so a saved case is queued exactly once and a rolled-back save
 * queues nothing. EkycSyncOutbox reads and acknowledges the same table with another connection.
 * The caller holds whatever lock guards @db.
 */
#pragma once

#include <sqlite3.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Creates `sync_outbox`, `sync_state` and the evidence upload tables when missing. */
gboolean ekyc_sync_queue_create_schema (sqlite3 *db, GError **error);

/* Queues a case result (see ekyc_sync_outbox_add_case()); the same @case_id queues once. */
gboolean ekyc_sync_queue_case  (sqlite3 *db, const char *case_id, gint64 captured_at,
                                const char *decision, gint64 decided_at, JsonObject *result,
                                GError **error);
/* Queues a usage event; @event_id NULL makes a new UUID. */
gboolean ekyc_sync_queue_event (sqlite3 *db, const char *event_id, const char *kind,
                                const char *case_id, gint64 at, GError **error);

G_END_DECLS
