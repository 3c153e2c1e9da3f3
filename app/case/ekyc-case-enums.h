/* ekyc-case-enums.h — the small vocabularies of a case: decision, review, sync, roles, sources
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every enum has a GType (for properties) and a stable nick ("pass", "pending", …) used in the
 * database, JSON and the sync protocol; _to_string/_from_string convert. Never store the integer.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  EKYC_DECISION_NONE,   /* not decided yet */
  EKYC_DECISION_PASS,
  EKYC_DECISION_REVIEW, /* a supervisor must look */
  EKYC_DECISION_FAIL,
} EkycDecision;

typedef enum {
  EKYC_REVIEW_STATE_NONE,      /* no review needed (PASS or FAIL) */
  EKYC_REVIEW_STATE_PENDING,   /* in the supervisor's queue */
  EKYC_REVIEW_STATE_APPROVED,
  EKYC_REVIEW_STATE_REJECTED,
} EkycReviewState;

typedef enum {
  EKYC_SYNC_STATE_PENDING,  /* only on this computer */
  EKYC_SYNC_STATE_SYNCED,
  EKYC_SYNC_STATE_FAILED,   /* the server refused it or the last attempt failed */
} EkycSyncState;

typedef enum {
  EKYC_ROLE_TELLER,
  EKYC_ROLE_SUPERVISOR,
} EkycRole;

typedef enum {
  EKYC_CHECK_OUTCOME_NOT_RUN,
  EKYC_CHECK_OUTCOME_PASSED,
  EKYC_CHECK_OUTCOME_FAILED,
  /* did not pass, but asks for a person's review rather than a refusal (e.g. a chip whose
   * signature could not be verified) */
  EKYC_CHECK_OUTCOME_REVIEW,
} EkycCheckOutcome;

/* Where a field's value came from. */
typedef enum {
  EKYC_FIELD_SOURCE_QR,
  EKYC_FIELD_SOURCE_MRZ,
  EKYC_FIELD_SOURCE_OCR,
  EKYC_FIELD_SOURCE_CHIP,
  EKYC_FIELD_SOURCE_TELLER,  /* typed or corrected by the teller */
} EkycFieldSource;

typedef enum {
  EKYC_EVIDENCE_CARD_FRONT,
  EKYC_EVIDENCE_CARD_BACK,
  EKYC_EVIDENCE_CARD_PORTRAIT, /* the face cut from the card (or the chip's photo) */
  EKYC_EVIDENCE_SELFIE,
  EKYC_EVIDENCE_CHIP_PORTRAIT, /* DG2's image as the chip holds it (JPEG or JPEG 2000) */
  EKYC_EVIDENCE_CHIP_SOD,      /* EF.SOD: the signed hashes passive authentication checked */
  EKYC_N_EVIDENCE_KINDS
} EkycEvidenceKind;

#define EKYC_TYPE_DECISION       (ekyc_decision_get_type ())
#define EKYC_TYPE_REVIEW_STATE   (ekyc_review_state_get_type ())
#define EKYC_TYPE_SYNC_STATE     (ekyc_sync_state_get_type ())
#define EKYC_TYPE_ROLE           (ekyc_role_get_type ())
#define EKYC_TYPE_CHECK_OUTCOME  (ekyc_check_outcome_get_type ())
#define EKYC_TYPE_FIELD_SOURCE   (ekyc_field_source_get_type ())
#define EKYC_TYPE_EVIDENCE_KIND  (ekyc_evidence_kind_get_type ())

GType ekyc_decision_get_type      (void) G_GNUC_CONST;
GType ekyc_review_state_get_type  (void) G_GNUC_CONST;
GType ekyc_sync_state_get_type    (void) G_GNUC_CONST;
GType ekyc_role_get_type          (void) G_GNUC_CONST;
GType ekyc_check_outcome_get_type (void) G_GNUC_CONST;
GType ekyc_field_source_get_type  (void) G_GNUC_CONST;
GType ekyc_evidence_kind_get_type (void) G_GNUC_CONST;

/* The stable nick of @value ("pass"), or NULL when @value is not a value of @enum_type. */
const char *ekyc_enum_to_string   (GType enum_type, int value);
/* The value whose nick is @nick; FALSE (and *value untouched) when there is none. */
gboolean    ekyc_enum_from_string (GType enum_type, const char *nick, int *value);

/* Translated words for people ("PASS" → "ĐẠT" in Vietnamese). (transfer none) */
const char *ekyc_decision_to_label      (EkycDecision decision);
const char *ekyc_review_state_to_label  (EkycReviewState state);
const char *ekyc_sync_state_to_label    (EkycSyncState state);
const char *ekyc_role_to_label          (EkycRole role);
const char *ekyc_check_outcome_to_label (EkycCheckOutcome outcome);
const char *ekyc_field_source_to_label  (EkycFieldSource source);
const char *ekyc_evidence_kind_to_label (EkycEvidenceKind kind);

G_END_DECLS
