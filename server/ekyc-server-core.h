/* ekyc-server-core.h — the tables every module leans on (customers) and the contract state the
 * server answers devices with
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * `customers (id TEXT PRIMARY KEY, name TEXT, created_at BIGINT, contract_status TEXT,
 * contract_ends_at BIGINT)`: devices, cases and usage belong to a customer (a branch of a bank,
 * an insurer…). The business module owns the contracts; it installs its own lookup with
 * ekyc_contract_set_lookup(); until then the two contract_* columns answer. */
#pragma once

#include "ekyc-server.h"

G_BEGIN_DECLS

typedef struct {
  char    *status;                   /* declared, active, expiring, expired, cancelled, none */
  gint64   ends_at;                  /* epoch seconds, 0 when unknown */
  gboolean renewal_notice;           /* within a month of the end */
  gboolean blocks_new_verifications; /* captured cases still sync */
} EkycContractState;

typedef gboolean (*EkycContractLookup) (EkycStorage *storage, const char *customer_id, gint64 now,
                                        EkycContractState *out, GError **error);

void ekyc_core_register_migrations (void);

/* Replaces the contract lookup (the business module calls this from its _register ()). */
void     ekyc_contract_set_lookup (EkycContractLookup lookup);
gboolean ekyc_contract_lookup (EkycStorage *storage, const char *customer_id, gint64 now,
                               EkycContractState *out, GError **error);
void     ekyc_contract_state_clear (EkycContractState *state);
/* {"status", "ends_at", "renewal_notice", "blocks_new_verifications", "message"} (transfer full). */
JsonNode *ekyc_contract_state_to_json (const EkycContractState *state);

G_END_DECLS
