/* ekyc-server-evidence.h — evidence images a customer's policy lets leave the branch
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Evidence (card photos, the portrait, the selfie) stays in the branch unless the customer's
 * policy says otherwise: `evidence_policies (customer_id, upload, updated_at)`, no row meaning
 * "stay in the branch". With the policy on, a device uploads each image of a case it has synced
 * (`PUT /v1/evidence/{case}/{kind}`) into `evidence (case_id, kind, customer_id, device_id,
 * content_type, size, sha256, data, received_at)`; the bytes are kept as base64 text, which both
 * storage backends take as an ordinary parameter. An upload is idempotent: the same bytes again
 * store nothing new; other bytes for a case and kind already held are refused. */
#pragma once

#include "ekyc-server.h"

G_BEGIN_DECLS

/* The largest image accepted, in bytes. */
#define EKYC_EVIDENCE_MAX_BYTES (2 * 1024 * 1024)

#define EKYC_EVIDENCE_ERROR (ekyc_evidence_error_quark ())

typedef enum {
  EKYC_EVIDENCE_ERROR_UNKNOWN_CUSTOMER,
} EkycEvidenceError;

GQuark ekyc_evidence_error_quark (void);

/* Schema and routes (from ekyc-server-modules.c). */
void ekyc_evidence_register_migrations (void);
void ekyc_evidence_register_routes (EkycServer *server);

/**
 * ekyc_evidence_get_policy:
 * @upload: (out): TRUE when the customer wants evidence uploaded
 * @updated_at: (out) (optional): when the policy was last set, 0 when never
 *
 * Reads a customer's evidence policy (off when never set). FALSE with a storage error only.
 */
gboolean ekyc_evidence_get_policy (EkycStorage *storage, const char *customer_id,
                                   gboolean *upload, gint64 *updated_at, GError **error);

/**
 * ekyc_evidence_set_policy:
 *
 * Sets a customer's evidence policy at @now. EKYC_EVIDENCE_ERROR_UNKNOWN_CUSTOMER when there is
 * no such customer, or a storage error. Turning it off keeps what was already uploaded.
 */
gboolean ekyc_evidence_set_policy (EkycStorage *storage, const char *customer_id,
                                   gboolean upload, gint64 now, GError **error);

G_END_DECLS
