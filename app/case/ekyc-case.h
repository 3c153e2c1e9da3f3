/* ekyc-case.h — one customer's verification: card fields, evidence, scores, checks, decision
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * An EkycCase is a plain in-memory model: the capture flow fills it, EkycPolicy decides it,
 * EkycStore saves it. It is not thread-safe: use it from one thread at a time (the store's async
 * calls take a snapshot on the calling thread). Cases returned by list queries carry no evidence
 * bytes (ekyc_case_get_evidence() returns NULL): load the full case with ekyc_store_load_case().
 */
#pragma once

#include <gio/gio.h>

#include "ekyc-case-enums.h"

G_BEGIN_DECLS

/* Field names the card readers fill (values are UTF-8; dates are ISO 8601 "YYYY-MM-DD"). */
#define EKYC_FIELD_ID_NUMBER      "id-number"      /* 12 digits; encrypted at rest */
#define EKYC_FIELD_OLD_ID_NUMBER  "old-id-number"  /* 9 or 12 digits; encrypted at rest */
#define EKYC_FIELD_FULL_NAME      "full-name"
#define EKYC_FIELD_BIRTH_DATE     "birth-date"
#define EKYC_FIELD_SEX            "sex"            /* "Nam" or "Nữ" as on the card */
#define EKYC_FIELD_NATIONALITY    "nationality"
#define EKYC_FIELD_PLACE_OF_ORIGIN "place-of-origin"
#define EKYC_FIELD_RESIDENCE      "residence"
#define EKYC_FIELD_ISSUE_DATE     "issue-date"
#define EKYC_FIELD_EXPIRY_DATE    "expiry-date"

/* Check names of the active challenge and the face match, beside the card readers' own checks
 * ("qr-payload", "id-number", "dates-valid", "issued-from-14", "not-expired", "age-14", …). */
#define EKYC_CHECK_ACTIVE_LIVENESS "active-liveness"

/**
 * EkycCaseCheck:
 * One check and its outcome. @detail is a short untranslated explanation for the record
 * (never personal data), or NULL.
 */
typedef struct {
  char             *name;
  EkycCheckOutcome  outcome;
  char             *detail;
} EkycCaseCheck;

/**
 * EkycFieldEdit:
 * A teller's correction of a field: the value before and after, who and when.
 */
typedef struct {
  char      *field;
  char      *old_value;  /* (nullable) */
  char      *new_value;
  char      *user;
  GDateTime *at;
} EkycFieldEdit;

#define EKYC_TYPE_CASE_CHECK (ekyc_case_check_get_type ())
#define EKYC_TYPE_FIELD_EDIT (ekyc_field_edit_get_type ())
GType          ekyc_case_check_get_type (void) G_GNUC_CONST;
GType          ekyc_field_edit_get_type (void) G_GNUC_CONST;
EkycCaseCheck *ekyc_case_check_copy     (const EkycCaseCheck *check);
void           ekyc_case_check_free     (EkycCaseCheck *check);
EkycFieldEdit *ekyc_field_edit_copy     (const EkycFieldEdit *edit);
void           ekyc_field_edit_free     (EkycFieldEdit *edit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkycCaseCheck, ekyc_case_check_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkycFieldEdit, ekyc_field_edit_free)

#define EKYC_TYPE_CASE (ekyc_case_get_type ())
G_DECLARE_FINAL_TYPE (EkycCase, ekyc_case, EKYC, CASE, GObject)

/* Properties (all notify on change): "id", "created-at", "teller" (construct-only);
 * "full-name", "id-number" (read-only mirrors of the fields); "has-similarity", "similarity";
 * "has-passive-liveness", "passive-liveness"; "active-liveness" (EkycCheckOutcome);
 * "decision", "reasons" (GStrv); "review-state", "reviewer", "review-note", "reviewed-at";
 * "sync-state"; "evidence-purged", "evidence-purged-at". */

/* A new, undecided case with a random id, created now by @teller (a user name). */
EkycCase    *ekyc_case_new                (const char *teller);

const char  *ekyc_case_get_id             (EkycCase *self);
GDateTime   *ekyc_case_get_created_at     (EkycCase *self);  /* (transfer none), UTC */
const char  *ekyc_case_get_teller         (EkycCase *self);
const char  *ekyc_case_get_full_name      (EkycCase *self);  /* (nullable) */
const char  *ekyc_case_get_id_number      (EkycCase *self);  /* (nullable) */

/* Fields read from the card. set_field records a reader's value (it replaces an earlier reading
 * and is not an edit); edit_field records a teller's correction with who and when, and fails with
 * G_IO_ERROR_INVALID_ARGUMENT on an empty name or value that is not UTF-8. */
void         ekyc_case_set_field          (EkycCase        *self,
                                           const char      *name,
                                           const char      *value,
                                           EkycFieldSource  source);
gboolean     ekyc_case_edit_field         (EkycCase        *self,
                                           const char      *name,
                                           const char      *value,
                                           const char      *user,
                                           GError         **error);
const char  *ekyc_case_get_field          (EkycCase *self, const char *name);  /* (nullable) */
/* The source of the current value (EKYC_FIELD_SOURCE_TELLER after an edit). */
EkycFieldSource ekyc_case_get_field_source (EkycCase *self, const char *name);
/* The value the reader gave before any edit (nullable). */
const char  *ekyc_case_get_field_original (EkycCase *self, const char *name);
/* (transfer full): the field names in the order they were first set. */
char       **ekyc_case_dup_field_names    (EkycCase *self);
/* (transfer none) (element-type EkycFieldEdit): every edit, oldest first. */
GPtrArray   *ekyc_case_get_edits          (EkycCase *self);

/* Evidence images (encoded JPEG or PNG bytes; @mime_type "image/jpeg" or "image/png").
 * get_evidence returns NULL when there is none, it was not loaded, or it was purged. */
void         ekyc_case_set_evidence       (EkycCase         *self,
                                           EkycEvidenceKind  kind,
                                           const char       *mime_type,
                                           GBytes           *data);
GBytes      *ekyc_case_get_evidence       (EkycCase         *self,
                                           EkycEvidenceKind  kind,
                                           const char      **mime_type);  /* (transfer none) */
gboolean     ekyc_case_get_evidence_purged (EkycCase *self);
/* (nullable) (transfer none): when retention purged the evidence (UTC); NULL when it was not. */
GDateTime   *ekyc_case_get_evidence_purged_at (EkycCase *self);

/* Face match: the engine's cosine similarity between the card portrait and the selfie. */
void         ekyc_case_set_similarity     (EkycCase *self, double similarity);
gboolean     ekyc_case_get_has_similarity (EkycCase *self);
double       ekyc_case_get_similarity     (EkycCase *self);

/* Passive liveness: the engine's score (0..1, probability of a live person). */
void         ekyc_case_set_passive_liveness     (EkycCase *self, double score);
gboolean     ekyc_case_get_has_passive_liveness (EkycCase *self);
double       ekyc_case_get_passive_liveness     (EkycCase *self);

/* Active liveness (the challenge sequence); also recorded as check EKYC_CHECK_ACTIVE_LIVENESS
 * with @detail (e.g. "turn-left,blink: passed"). */
void         ekyc_case_set_active_liveness (EkycCase         *self,
                                            EkycCheckOutcome  outcome,
                                            const char       *detail);
EkycCheckOutcome ekyc_case_get_active_liveness (EkycCase *self);

/* Checks: setting a name again replaces its outcome. */
void         ekyc_case_set_check          (EkycCase         *self,
                                           const char       *name,
                                           EkycCheckOutcome  outcome,
                                           const char       *detail);
EkycCheckOutcome ekyc_case_get_check_outcome (EkycCase *self, const char *name);
/* (transfer none) (element-type EkycCaseCheck), in the order first set. */
GPtrArray   *ekyc_case_get_checks         (EkycCase *self);

/* The decision and its reason codes (see ekyc_policy_describe_reason()). Usually set by
 * ekyc_policy_apply(). */
void         ekyc_case_set_decision       (EkycCase           *self,
                                           EkycDecision        decision,
                                           const char * const *reasons);
EkycDecision ekyc_case_get_decision       (EkycCase *self);
const char * const *ekyc_case_get_reasons (EkycCase *self);  /* (transfer none), never NULL */

/* Review and sync: set by EkycStore (review_case, set_sync_state), read here. */
EkycReviewState ekyc_case_get_review_state (EkycCase *self);
const char  *ekyc_case_get_reviewer       (EkycCase *self);  /* (nullable) */
const char  *ekyc_case_get_review_note    (EkycCase *self);  /* (nullable) */
GDateTime   *ekyc_case_get_reviewed_at    (EkycCase *self);  /* (nullable) (transfer none) */
EkycSyncState ekyc_case_get_sync_state    (EkycCase *self);

G_END_DECLS
