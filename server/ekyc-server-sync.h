/* ekyc-server-sync.h — sync ingest: case results and usage events from devices, exactly once
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Tables (module "sync"):
 *   cases (id, customer_id, device_id, captured_at, decision, decided_at, result, received_at)
 *   usage_events (id, customer_id, device_id, case_id, kind, occurred_at, received_at)
 *   billable_requests (case_id PRIMARY KEY, customer_id, device_id, decided_at, received_at)
 * A batch is stored whole or not at all. Ids are client-made UUIDs: a repeated id is a
 * duplicate and changes nothing. billable_requests holds one row per case that reached a
 * decision (pass, review or fail), whichever of its case result or "decided" event came first:
 * the bills count its rows per customer and month of decided_at. */
#pragma once

#include "ekyc-server.h"

G_BEGIN_DECLS

#define EKYC_SYNC_MAX_CASES  500
#define EKYC_SYNC_MAX_EVENTS 5000

void ekyc_sync_register_migrations (void);
void ekyc_sync_register_routes (EkycServer *server);

G_END_DECLS
