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
/* The detail in words, translated, for the details the store writes itself: a saved case's
 * "decision=review fields=7 edits=0 checks=8" → "Decision: REVIEW · 7 fields, 0 edited ·
 * 8 checks", a sync state's name → its label. Any other detail (a review's note, a key it does not
 * know) comes back as written; NULL when there is none. (transfer full) */
char       *ekyc_audit_entry_dup_detail_label (EkycAuditEntry *self);

G_END_DECLS
