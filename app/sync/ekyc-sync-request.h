/* ekyc-sync-request.h — one blocking JSON request of a device to ekyc-server
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * For the Account page's routes (GET /v1/account, /v1/tickets…). Errors are EKYC_SYNC_ERROR
 * with translated messages: NETWORK, SERVER (5xx), UNAUTHORIZED (401), REJECTED (other 4xx),
 * PROTOCOL (an answer that is not JSON). Call it from a worker thread.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ekyc-sync-client.h"

G_BEGIN_DECLS

/* (transfer full): the reply's root node; @body (nullable) is sent as JSON. */
JsonNode *ekyc_sync_request (const char *server_uri, const char *token, const char *method,
                             const char *path, const char *body, GCancellable *cancellable,
                             GError **error);

G_END_DECLS
