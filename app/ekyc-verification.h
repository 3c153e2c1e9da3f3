/* ekyc-verification.h — one verification in progress: card sides, selfie, fields, checks, decision
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gio/gio.h>
#include <ekyc/ekyc.h>

G_BEGIN_DECLS

typedef enum {
  EKYC_VERDICT_PASS,
  EKYC_VERDICT_REVIEW,
  EKYC_VERDICT_FAIL,
  /* A check that was not performed and that the policy does not require (no card reader, no
   * live challenges): shown as "Not checked", never as passed, and no part of the decision. */
  EKYC_VERDICT_NOT_CHECKED,
} EkycVerdict;

typedef enum {
  EKYC_CARD_FIELD_ID_NUMBER,
  EKYC_CARD_FIELD_FULL_NAME,
  EKYC_CARD_FIELD_BIRTH_DATE,
  EKYC_CARD_FIELD_SEX,
  EKYC_CARD_FIELD_RESIDENCE,
  EKYC_CARD_FIELD_ISSUE_DATE,
  EKYC_CARD_FIELD_EXPIRY_DATE,
  EKYC_CARD_FIELD_OLD_ID_NUMBER,
  EKYC_N_CARD_FIELDS
} EkycCardField;

typedef enum {
  EKYC_STEP_FRONT,
  EKYC_STEP_BACK,
  EKYC_STEP_SELFIE,
} EkycStep;

/* One check of the decision: a stable @id ("face-match"), a translated @title and @detail. */
typedef struct {
  char            *id;
  char            *title;
  EkycVerdict outcome;
  char            *detail;
} EkycCheck;

/* The thresholds the decision uses (from the policy the supervisor sets). */
typedef struct {
  double   match_fmr;             /* the face match operating point, e.g. 1e-3 */
  double   match_threshold;       /* > 0: the similarity threshold itself (the store's policy),
                                   * instead of the engine's at match_fmr */
  double   review_margin;         /* similarity this far below the threshold is REVIEW, not FAIL */
  double   liveness_threshold;    /* 0 = the engine's calibrated threshold */
  gboolean require_active_liveness;
  gboolean require_back;
  gboolean require_chip;          /* a chip not read (no reader, no card) is REVIEW, not PASS */
} EkycDecisionPolicy;

#define EKYC_TYPE_VERIFICATION (ekyc_verification_get_type ())
G_DECLARE_FINAL_TYPE (EkycVerification, ekyc_verification, EKYC, VERIFICATION, GObject)

EkycVerification *ekyc_verification_new (void);

/* Analyses @image for @step on a worker thread with @engine (card QR and portrait, or the selfie's
 * face and passive liveness); the evidence is kept even when the analysis fails. */
void      ekyc_verification_submit_async  (EkycVerification   *self,
                                           EkycEngine         *engine,
                                           EkycStep            step,
                                           EkycImage          *image,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
gboolean  ekyc_verification_submit_finish (EkycVerification *self,
                                           GAsyncResult     *result,
                                           GError          **error);

EkycImage  *ekyc_verification_get_image    (EkycVerification *self, EkycStep step);
/* The aligned face crop of the card portrait (FRONT) or the selfie (SELFIE); nullable. */
EkycImage  *ekyc_verification_get_face     (EkycVerification *self, EkycStep step);
const char *ekyc_verification_get_field    (EkycVerification *self, EkycCardField field);
/* The value the card gave before any edit (NULL when the field was never read). */
const char *ekyc_verification_get_original (EkycVerification *self, EkycCardField field);
void        ekyc_verification_set_field    (EkycVerification *self, EkycCardField field,
                                            const char *value);
gboolean    ekyc_verification_field_edited (EkycVerification *self, EkycCardField field);
const char *ekyc_card_field_title               (EkycCardField field);
const char *ekyc_card_field_name                (EkycCardField field);
/* The translated title of a check by its stable id ("face-match" → "Face match"), as a saved
 * case names it; an unknown id is returned as it is. */
const char *ekyc_verification_check_title       (const char *id);

/* The source that gave the field read (EKYC_CARD_SOURCE_CHIP where a verified chip won). */
EkycCardSource ekyc_verification_get_field_source (EkycVerification *self, EkycCardField field);

/* ---- the chip (ekyc-verification-chip.c) ---- */

/* The access key from the card's valid MRZ; FALSE when no side gave one. */
gboolean    ekyc_verification_get_chip_key (EkycVerification *self, EkycChipKey *key);
/* Takes @document (transfer full), what the chip gave: on a worker thread finds the face in its
 * DG2 portrait (the reference face for the selfie when passive authentication passed), then
 * merges its fields into the card's (the chip wins where it verified). */
void        ekyc_verification_set_chip_async  (EkycVerification   *self,
                                               EkycEngine         *engine,
                                               EkycChipDocument   *document,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
gboolean    ekyc_verification_set_chip_finish (EkycVerification *self,
                                               GAsyncResult     *result,
                                               GError          **error);
/* Why the chip was not read (translated), e.g. no reader; NULL clears it. */
void        ekyc_verification_set_chip_problem (EkycVerification *self, const char *problem);
const char *ekyc_verification_get_chip_problem (EkycVerification *self);
/* (nullable) (transfer none) */
const EkycChipDocument *ekyc_verification_get_chip (EkycVerification *self);
/* The chip was read and passed passive authentication. */
gboolean    ekyc_verification_get_chip_verified (EkycVerification *self);
/* The face the selfie is compared with: the verified chip's portrait when there is one, else
 * the card's printed portrait. (nullable) (transfer none) */
EkycImage  *ekyc_verification_get_reference_face (EkycVerification *self);

/* Active liveness, from the live challenges (done = FALSE: not performed). */
void        ekyc_verification_set_active_liveness (EkycVerification *self, gboolean done,
                                                   gboolean passed, const char *detail);

/* NaN until both faces were analysed. */
double      ekyc_verification_get_similarity     (EkycVerification *self);
double      ekyc_verification_get_match_threshold (EkycVerification *self);
/* NaN until the selfie was analysed. */
double      ekyc_verification_get_liveness_score (EkycVerification *self);

/* Recomputes the checks and the decision under @policy. */
void              ekyc_verification_evaluate     (EkycVerification *self,
                                                  const EkycDecisionPolicy *policy);
GPtrArray        *ekyc_verification_get_checks   (EkycVerification *self);
EkycVerdict  ekyc_verification_get_decision (EkycVerification *self);
/* (transfer full): the reasons for the decision, one line each. */
char             *ekyc_verification_dup_reasons  (EkycVerification *self);

const char *ekyc_verdict_name  (EkycVerdict outcome);
const char *ekyc_verdict_title (EkycVerdict outcome);

G_END_DECLS
