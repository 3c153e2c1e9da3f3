/* ekyc-eval-metrics.h — biometric evaluation metrics (verification and liveness)
 * SPDX-License-Identifier: LGPL-2.1-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Conventions shared by every function here:
 *
 * - Scores: higher means more similar (verification) or more live (liveness). A pair or
 *   sample is accepted when score >= threshold, so a threshold equal to a score accepts it.
 * - Scores must be finite (no NaN or infinity); functions refuse other input with a
 *   critical warning.
 * - Rates whose denominator is empty (no genuine pairs, no attacks, ...) are NaN, and so
 *   is every threshold when there is no score at all.
 * - Operating points (TAR at FAR, BPCER at APCER, EER) are searched over the candidate
 *   thresholds "each distinct score value" plus "just above the highest score" (which
 *   rejects everything). Between two consecutive distinct scores every threshold accepts
 *   the same set, so this search is exact, and the reported threshold is the lowest score
 *   value giving that operating point.
 * - Everything is O(n log n): scores are sorted once.
 */

/**
 * EkycEvalPair:
 * @score: similarity score of the pair (higher = more similar)
 * @genuine: %TRUE when both images show the same person
 * @fold: cross-validation fold of the pair, 1.. ; 0 = no fold
 */
typedef struct
{
  double score;
  gboolean genuine;
  int fold;
} EkycEvalPair;

/**
 * EkycVerificationMetrics:
 * @n_genuine: number of genuine pairs
 * @n_impostor: number of impostor pairs
 * @accuracy: k-fold mean accuracy when at least two folds are present, else the accuracy of
 *   @best_threshold on all pairs
 * @accuracy_stddev: sample standard deviation of the per-fold accuracies; 0 without folds
 * @n_folds: number of folds used (k); 0 when no folds
 * @best_threshold: threshold maximizing accuracy on all pairs (a midpoint between two
 *   consecutive distinct scores, or below the lowest / above the highest score)
 * @tar_at_far_1e2: TAR at FAR <= 1e-2, see ekyc_eval_tar_at_far()
 * @threshold_at_far_1e2: the threshold giving @tar_at_far_1e2
 * @tar_at_far_1e3: TAR at FAR <= 1e-3
 * @threshold_at_far_1e3: the threshold giving @tar_at_far_1e3
 * @eer: equal error rate, (FAR + FRR) / 2 where |FAR - FRR| is smallest
 * @threshold_at_eer: the threshold giving @eer
 */
typedef struct
{
  gsize n_genuine, n_impostor;
  double accuracy;
  double accuracy_stddev;
  guint n_folds;
  double best_threshold;
  double tar_at_far_1e2, threshold_at_far_1e2;
  double tar_at_far_1e3, threshold_at_far_1e3;
  double eer, threshold_at_eer;
} EkycVerificationMetrics;

/**
 * ekyc_eval_verification:
 * @pairs: (array length=n_pairs): scored pairs
 * @n_pairs: number of pairs
 * @out: (out caller-allocates): the metrics
 *
 * Computes face-verification metrics.
 *
 * Accuracy: when the pairs carry at least two distinct non-zero fold values (k of them), the
 * LFW View 2 protocol is used: for each fold f, the threshold maximizing accuracy on all
 * pairs not in f (fold-0 pairs included) is chosen among the midpoints between consecutive
 * distinct scores plus one value below the lowest and one above the highest score, and the
 * accuracy of that threshold on fold f is measured; @out->accuracy is the mean over the k
 * folds and @out->accuracy_stddev their sample standard deviation. With no folds (or a
 * single fold) the accuracy is that of @out->best_threshold on all pairs. When several
 * thresholds reach the same accuracy the lowest one is taken.
 *
 * EER: FAR(t) is the fraction of impostors with score >= t, FRR(t) the fraction of genuine
 * pairs with score < t; the EER is (FAR + FRR) / 2 at the candidate threshold minimizing
 * |FAR - FRR| (ties: the smaller (FAR + FRR) / 2, then the lower threshold).
 */
void ekyc_eval_verification (const EkycEvalPair    *pairs,
                             gsize                  n_pairs,
                             EkycVerificationMetrics *out);

/**
 * ekyc_eval_tar_at_far:
 * @pairs: (array length=n_pairs): scored pairs
 * @n_pairs: number of pairs
 * @far: the largest false accept rate allowed, >= 0
 * @threshold_out: (out) (optional): the threshold found
 *
 * True accept rate at a false accept rate. The threshold is the smallest one for which
 * FAR(t) = (impostors with score >= t) / (impostors) is <= @far; ties are exact, so a
 * threshold equal to an impostor's score counts that impostor as accepted. For example with
 * 1,500 impostors and @far = 1e-3 at most one impostor may be accepted. The threshold
 * reported is the lowest score value (of any pair) meeting the bound, or a value just above
 * the highest score when only rejecting everything meets it.
 *
 * Returns: TAR(t) = (genuine pairs with score >= t) / (genuine pairs); NaN without genuine
 *   pairs.
 */
double ekyc_eval_tar_at_far (const EkycEvalPair *pairs,
                             gsize               n_pairs,
                             double              far,
                             double             *threshold_out);

/**
 * EkycEvalSample:
 * @score: liveness score (higher = more live)
 * @bona_fide: %TRUE for a live person, %FALSE for a presentation attack
 */
typedef struct
{
  double score;
  gboolean bona_fide;
} EkycEvalSample;

/**
 * EkycLivenessMetrics:
 * @n_bona_fide: number of bona fide samples
 * @n_attack: number of attack samples
 * @threshold: the operating threshold given by the caller
 * @apcer: attack presentation classification error rate at @threshold
 * @bpcer: bona fide presentation classification error rate at @threshold
 * @bpcer_at_apcer_5: BPCER at the smallest threshold with APCER <= 5 %
 * @threshold_at_apcer_5: that threshold
 * @bpcer_at_apcer_1: BPCER at the smallest threshold with APCER <= 1 %
 * @threshold_at_apcer_1: that threshold
 * @eer: (APCER + BPCER) / 2 where |APCER - BPCER| is smallest
 * @threshold_at_eer: that threshold
 */
typedef struct
{
  gsize n_bona_fide, n_attack;
  double threshold;
  double apcer, bpcer;
  double bpcer_at_apcer_5, threshold_at_apcer_5;
  double bpcer_at_apcer_1, threshold_at_apcer_1;
  double eer, threshold_at_eer;
} EkycLivenessMetrics;

/**
 * ekyc_eval_liveness:
 * @samples: (array length=n): scored samples
 * @n: number of samples
 * @threshold: the operating threshold (not NaN)
 * @out: (out caller-allocates): the metrics
 *
 * Computes presentation-attack-detection metrics after ISO/IEC 30107-3:
 * APCER(t) = fraction of attacks with score >= t (accepted as live),
 * BPCER(t) = fraction of bona fide samples with score < t (rejected).
 * BPCER@APCERx is the BPCER at the smallest threshold with APCER <= x (same search and tie
 * rules as ekyc_eval_tar_at_far()), and the EER is taken as in ekyc_eval_verification().
 */
void ekyc_eval_liveness (const EkycEvalSample *samples,
                         gsize                 n,
                         double                threshold,
                         EkycLivenessMetrics  *out);

G_END_DECLS
