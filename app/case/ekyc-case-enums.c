/* ekyc-case-enums.c — the small vocabularies of a case: decision, review, sync, roles, sources
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "ekyc-case"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ekyc-case-enums.h"

G_DEFINE_ENUM_TYPE (EkycDecision, ekyc_decision,
  G_DEFINE_ENUM_VALUE (EKYC_DECISION_NONE, "none"),
  G_DEFINE_ENUM_VALUE (EKYC_DECISION_PASS, "pass"),
  G_DEFINE_ENUM_VALUE (EKYC_DECISION_REVIEW, "review"),
  G_DEFINE_ENUM_VALUE (EKYC_DECISION_FAIL, "fail"))

G_DEFINE_ENUM_TYPE (EkycReviewState, ekyc_review_state,
  G_DEFINE_ENUM_VALUE (EKYC_REVIEW_STATE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (EKYC_REVIEW_STATE_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (EKYC_REVIEW_STATE_APPROVED, "approved"),
  G_DEFINE_ENUM_VALUE (EKYC_REVIEW_STATE_REJECTED, "rejected"))

G_DEFINE_ENUM_TYPE (EkycSyncState, ekyc_sync_state,
  G_DEFINE_ENUM_VALUE (EKYC_SYNC_STATE_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (EKYC_SYNC_STATE_SYNCED, "synced"),
  G_DEFINE_ENUM_VALUE (EKYC_SYNC_STATE_FAILED, "failed"))

G_DEFINE_ENUM_TYPE (EkycRole, ekyc_role,
  G_DEFINE_ENUM_VALUE (EKYC_ROLE_TELLER, "teller"),
  G_DEFINE_ENUM_VALUE (EKYC_ROLE_SUPERVISOR, "supervisor"))

G_DEFINE_ENUM_TYPE (EkycCheckOutcome, ekyc_check_outcome,
  G_DEFINE_ENUM_VALUE (EKYC_CHECK_OUTCOME_NOT_RUN, "not-run"),
  G_DEFINE_ENUM_VALUE (EKYC_CHECK_OUTCOME_PASSED, "passed"),
  G_DEFINE_ENUM_VALUE (EKYC_CHECK_OUTCOME_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (EKYC_CHECK_OUTCOME_REVIEW, "review"))

G_DEFINE_ENUM_TYPE (EkycFieldSource, ekyc_field_source,
  G_DEFINE_ENUM_VALUE (EKYC_FIELD_SOURCE_QR, "qr"),
  G_DEFINE_ENUM_VALUE (EKYC_FIELD_SOURCE_MRZ, "mrz"),
  G_DEFINE_ENUM_VALUE (EKYC_FIELD_SOURCE_OCR, "ocr"),
  G_DEFINE_ENUM_VALUE (EKYC_FIELD_SOURCE_CHIP, "chip"),
  G_DEFINE_ENUM_VALUE (EKYC_FIELD_SOURCE_TELLER, "teller"))

G_DEFINE_ENUM_TYPE (EkycEvidenceKind, ekyc_evidence_kind,
  G_DEFINE_ENUM_VALUE (EKYC_EVIDENCE_CARD_FRONT, "card-front"),
  G_DEFINE_ENUM_VALUE (EKYC_EVIDENCE_CARD_BACK, "card-back"),
  G_DEFINE_ENUM_VALUE (EKYC_EVIDENCE_CARD_PORTRAIT, "card-portrait"),
  G_DEFINE_ENUM_VALUE (EKYC_EVIDENCE_SELFIE, "selfie"),
  G_DEFINE_ENUM_VALUE (EKYC_EVIDENCE_CHIP_PORTRAIT, "chip-portrait"),
  G_DEFINE_ENUM_VALUE (EKYC_EVIDENCE_CHIP_SOD, "chip-sod"))

const char *
ekyc_enum_to_string (GType enum_type, int value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *found;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), NULL);

  klass = g_type_class_ref (enum_type);
  found = g_enum_get_value (klass, value);
  return found != NULL ? found->value_nick : NULL;
}

gboolean
ekyc_enum_from_string (GType enum_type, const char *nick, int *value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *found;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (nick == NULL)
    return FALSE;
  klass = g_type_class_ref (enum_type);
  found = g_enum_get_value_by_nick (klass, nick);
  if (found == NULL)
    return FALSE;
  *value = found->value;
  return TRUE;
}

const char *
ekyc_decision_to_label (EkycDecision decision)
{
  switch (decision)
    {
    case EKYC_DECISION_NONE: return _("Not decided");
    case EKYC_DECISION_PASS: return _("PASS");
    case EKYC_DECISION_REVIEW: return _("REVIEW");
    case EKYC_DECISION_FAIL: return _("FAIL");
    default: return "";
    }
}

const char *
ekyc_review_state_to_label (EkycReviewState state)
{
  switch (state)
    {
    case EKYC_REVIEW_STATE_NONE: return _("No review needed");
    case EKYC_REVIEW_STATE_PENDING: return _("Waiting for review");
    case EKYC_REVIEW_STATE_APPROVED: return _("Approved");
    case EKYC_REVIEW_STATE_REJECTED: return _("Rejected");
    default: return "";
    }
}

const char *
ekyc_sync_state_to_label (EkycSyncState state)
{
  switch (state)
    {
    case EKYC_SYNC_STATE_PENDING: return _("Not sent yet");
    case EKYC_SYNC_STATE_SYNCED: return _("Sent");
    case EKYC_SYNC_STATE_FAILED: return _("Sending failed");
    default: return "";
    }
}

const char *
ekyc_role_to_label (EkycRole role)
{
  switch (role)
    {
    case EKYC_ROLE_TELLER: return _("Teller");
    case EKYC_ROLE_SUPERVISOR: return _("Supervisor");
    default: return "";
    }
}

const char *
ekyc_check_outcome_to_label (EkycCheckOutcome outcome)
{
  switch (outcome)
    {
    case EKYC_CHECK_OUTCOME_NOT_RUN: return _("Not checked");
    case EKYC_CHECK_OUTCOME_PASSED: return _("Passed");
    case EKYC_CHECK_OUTCOME_FAILED: return _("Failed");
    case EKYC_CHECK_OUTCOME_REVIEW: return _("Needs review");
    default: return "";
    }
}

const char *
ekyc_field_source_to_label (EkycFieldSource source)
{
  switch (source)
    {
    case EKYC_FIELD_SOURCE_QR: return _("QR code");
    case EKYC_FIELD_SOURCE_MRZ: return _("Machine-readable zone");
    case EKYC_FIELD_SOURCE_OCR: return _("Printed text");
    case EKYC_FIELD_SOURCE_CHIP: return _("Chip");
    case EKYC_FIELD_SOURCE_TELLER: return _("Entered by the teller");
    default: return "";
    }
}

const char *
ekyc_evidence_kind_to_label (EkycEvidenceKind kind)
{
  switch (kind)
    {
    case EKYC_EVIDENCE_CARD_FRONT: return _("Card front");
    case EKYC_EVIDENCE_CARD_BACK: return _("Card back");
    case EKYC_EVIDENCE_CARD_PORTRAIT: return _("Card portrait");
    case EKYC_EVIDENCE_SELFIE: return _("Selfie");
    case EKYC_EVIDENCE_CHIP_PORTRAIT: return _("Chip photo");
    case EKYC_EVIDENCE_CHIP_SOD: return _("Chip security object");
    case EKYC_N_EVIDENCE_KINDS:
    default: return "";
    }
}
