/* ekyc-policy.h — turns a case's facts into PASS, REVIEW or FAIL, with reasons
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The rules, in order of severity (the decision is the most severe outcome met):
 * - face: similarity >= match-threshold passes; review-threshold <= similarity < match-threshold
 *   gives REVIEW ("face-uncertain"); below review-threshold FAIL ("face-mismatch"); no
 *   similarity gives REVIEW ("face-not-compared").
 * - passive liveness (when require-passive-liveness): score < passive-liveness-threshold gives
 *   FAIL ("liveness-passive-failed"); no score gives REVIEW ("liveness-passive-missing").
 * - active liveness (when require-active-liveness): FAILED gives FAIL ("liveness-active-failed"),
 *   NOT_RUN gives REVIEW ("liveness-active-missing").
 * - checks named in required-checks: FAILED gives FAIL ("check-failed:NAME"), not run gives
 *   REVIEW ("check-missing:NAME"); any other check that FAILED gives REVIEW
 *   ("check-failed:NAME").
 * A PASS carries the one reason "all-passed". Reason codes are stable (stored with the case);
 * ekyc_policy_describe_reason() says them in the user's language.
 *
 * Defaults: match-threshold 0.414 (the engine's threshold at false match rate 1e-3),
 * review-threshold 0.356 (at 1e-2), passive-liveness-threshold 0.5 (the engine's), both
 * liveness kinds required, required-checks { "qr-payload", "id-number", "dates-valid",
 * "not-expired", "age-14", "card-back" }.
 *
 * The app keeps one policy, in the case store (ekyc_store_load_policy / _save_policy: a
 * supervisor changes it in Preferences, audited); the verification's decision takes its
 * thresholds, its active-liveness requirement and whether "card-back" is required from it.
 *
 * JSON form (ekyc_policy_to_json / _new_from_json), every member optional (default when absent):
 *   { "version": 1, "match-threshold": 0.414, "review-threshold": 0.356,
 *     "passive-liveness-threshold": 0.5, "require-passive-liveness": true,
 *     "require-active-liveness": true, "required-checks": ["qr-payload", …] }
 */
#pragma once

#include "ekyc-case.h"

G_BEGIN_DECLS

#define EKYC_POLICY_DEFAULT_MATCH_THRESHOLD    0.414
#define EKYC_POLICY_DEFAULT_REVIEW_THRESHOLD   0.356
#define EKYC_POLICY_DEFAULT_LIVENESS_THRESHOLD 0.5

#define EKYC_TYPE_POLICY (ekyc_policy_get_type ())
G_DECLARE_FINAL_TYPE (EkycPolicy, ekyc_policy, EKYC, POLICY, GObject)

/* Properties: "match-threshold", "review-threshold", "passive-liveness-threshold" (double,
 * -1..1 / 0..1), "require-passive-liveness", "require-active-liveness" (boolean),
 * "required-checks" (GStrv). */

EkycPolicy  *ekyc_policy_new            (void);
/* Fails with G_IO_ERROR_INVALID_DATA (translated message) on malformed JSON, wrong member types,
 * thresholds out of range, or review-threshold > match-threshold. */
EkycPolicy  *ekyc_policy_new_from_json  (const char *json, GError **error);
char        *ekyc_policy_to_json        (EkycPolicy *self);
/* Same checks as new_from_json, for values set through properties. */
gboolean     ekyc_policy_validate       (EkycPolicy *self, GError **error);

double       ekyc_policy_get_match_threshold            (EkycPolicy *self);
void         ekyc_policy_set_match_threshold            (EkycPolicy *self, double threshold);
double       ekyc_policy_get_review_threshold           (EkycPolicy *self);
void         ekyc_policy_set_review_threshold           (EkycPolicy *self, double threshold);
double       ekyc_policy_get_passive_liveness_threshold (EkycPolicy *self);
void         ekyc_policy_set_passive_liveness_threshold (EkycPolicy *self, double threshold);
gboolean     ekyc_policy_get_require_passive_liveness   (EkycPolicy *self);
void         ekyc_policy_set_require_passive_liveness   (EkycPolicy *self, gboolean required);
gboolean     ekyc_policy_get_require_active_liveness    (EkycPolicy *self);
void         ekyc_policy_set_require_active_liveness    (EkycPolicy *self, gboolean required);
const char * const *ekyc_policy_get_required_checks     (EkycPolicy *self);
void         ekyc_policy_set_required_checks            (EkycPolicy         *self,
                                                         const char * const *checks);

/* The decision for @kase's facts; @reasons_out (optional) receives the reason codes. Does not
 * change the case. */
EkycDecision ekyc_policy_decide         (EkycPolicy   *self,
                                         EkycCase     *kase,
                                         char       ***reasons_out);
/* Decides and stores the decision and reasons on @kase. Returns the decision. */
EkycDecision ekyc_policy_apply          (EkycPolicy *self, EkycCase *kase);

/* A translated sentence for a reason code ("face-mismatch" → "The faces do not match."); an
 * unknown code is returned as it is. (transfer full) */
char        *ekyc_policy_describe_reason (const char *reason);

G_END_DECLS
