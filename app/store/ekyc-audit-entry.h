/* ekyc-audit-entry.h — one row of the append-only audit log
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Actions: "user-created", "signed-in", "sign-in-failed", "case-created", "case-updated",
 * "case-viewed", "case-approved", "case-rejected", "policy-changed", "settings-changed",
 * "cases-exported", "evidence-purged", "sync-state-changed". @detail is free text without ID numbers (a review's
 * note, a field list, a count).
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define EKYC_TYPE_AUDIT_ENTRY (ekyc_audit_entry_get_type ())
G_DECLARE_FINAL_TYPE (EkycAuditEntry, ekyc_audit_entry, EKYC, AUDIT_ENTRY, GObject)

/* Properties (read-only): "sequence" (gint64), "at" (GDateTime, UTC), "actor" (user name or
 * "system"), "action", "case-id" (nullable), "detail" (nullable). */
gint64      ekyc_audit_entry_get_sequence (EkycAuditEntry *self);
GDateTime  *ekyc_audit_entry_get_at       (EkycAuditEntry *self);  /* (transfer none) */
const char *ekyc_audit_entry_get_actor    (EkycAuditEntry *self);
const char *ekyc_audit_entry_get_action   (EkycAuditEntry *self);
const char *ekyc_audit_entry_get_case_id  (EkycAuditEntry *self);
const char *ekyc_audit_entry_get_detail   (EkycAuditEntry *self);
/* A translated sentence for the action ("case-approved" → "Case approved"). (transfer none) */
const char *ekyc_audit_entry_get_action_label (EkycAuditEntry *self);

G_END_DECLS
