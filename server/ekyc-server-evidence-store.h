/* ekyc-server-evidence-store.h — stores uploaded evidence images in a thread of its own
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * An upload's checks (policy, case, type, size) run on the HTTP thread; what costs — the
 * SHA-256, the base64 text, the insert and its commit (27 ms for a 479 KB image with sqlite) —
 * runs here, with the store's own database connection, so the HTTP thread goes on answering its
 * other connections (the sync requests among them). The rules are unchanged: the first image of
 * a case and kind is stored (201); the same bytes again store nothing (200); other bytes are
 * refused (409); a database failure stores nothing (503). */
#pragma once

#include "ekyc-server.h"

G_BEGIN_DECLS

typedef struct _EkycEvidenceStore EkycEvidenceStore;

EkycEvidenceStore *ekyc_evidence_store_new  (const char *database);
/* Stores what was submitted, queues its answers, stops the thread. */
void               ekyc_evidence_store_free (EkycEvidenceStore *self);

/**
 * ekyc_evidence_store_submit:
 * @case_id: the case, lower case
 * @kind: one of the evidence kinds (static string)
 * @content_type: "image/jpeg" or "image/jp2" (static string)
 * @image: the checked bytes
 *
 * Defers @request's reply and stores @image for the request's device and customer; the reply
 * goes from the request's HTTP thread once stored.
 */
void ekyc_evidence_store_submit (EkycEvidenceStore *self, EkycRequest *request,
                                 const char *case_id, const char *kind,
                                 const char *content_type, GBytes *image);

G_END_DECLS
