/* ekyc-eval-metrics.c — biometric evaluation metrics (verification and liveness)
 * SPDX-License-Identifier: LGPL-2.1-or-later */

#include "ekyc-eval-metrics.h"

#include <math.h>
#include <stdlib.h>

/* Relative slack for comparing rates that are ratios of counts. */
#define RATE_EPSILON 1e-12

/* One scored item: a pair (positive = genuine) or a sample (positive = bona fide). */
typedef struct
{
  double score;
  gboolean positive;
  int fold;
} Item;

/* The score distribution of a set of items, grouped by distinct score.
 * score[j] ascending for j < n_groups; pos_ge[j] / neg_ge[j] count the positives / negatives
 * with score >= score[j]; index n_groups stands for "above the highest score" (both 0). */
typedef struct
{
  gsize n_groups;
  double *score;
  gsize *pos_ge;
  gsize *neg_ge;
  gsize n_pos, n_neg;
} Curve;

static int
compare_items (const void *a,
               const void *b)
{
  double sa = ((const Item *) a)->score;
  double sb = ((const Item *) b)->score;

  return (sa > sb) - (sa < sb);
}

static double
rate (gsize num,
      gsize den)
{
  return den == 0 ? NAN : (double) num / (double) den;
}

/* A threshold strictly above x (rejects a score of x). */
static double
above (double x)
{
  double t = x + 1.0;

  return t > x ? t : nextafter (x, INFINITY);
}

/* A threshold strictly below x (accepts a score of x). */
static double
below (double x)
{
  double t = x - 1.0;

  return t < x ? t : nextafter (x, -INFINITY);
}

static double
midpoint (double a,
          double b)
{
  double m = (a + b) / 2.0;

  if (!isfinite (m))
    m = a / 2.0 + b / 2.0;
  return m;
}

/* Builds the curve of the sorted items, leaving out those of fold @exclude_fold (0 = keep
 * all; fold-0 items are never left out). */
static void
curve_init (Curve      *c,
            const Item *sorted,
            gsize       n,
            int         exclude_fold)
{
  gsize *pos_in, *neg_in;
  gsize m = 0;

  c->score = g_new (double, n + 1);
  c->pos_ge = g_new0 (gsize, n + 1);
  c->neg_ge = g_new0 (gsize, n + 1);
  c->n_pos = c->n_neg = 0;

  /* group counts first, stored in the arrays that later hold the suffix sums */
  pos_in = c->pos_ge;
  neg_in = c->neg_ge;
  for (gsize i = 0; i < n; i++)
    {
      const Item *it = &sorted[i];

      if (exclude_fold != 0 && it->fold == exclude_fold)
        continue;
      if (m == 0 || it->score != c->score[m - 1])
        c->score[m++] = it->score;
      if (it->positive)
        {
          pos_in[m - 1]++;
          c->n_pos++;
        }
      else
        {
          neg_in[m - 1]++;
          c->n_neg++;
        }
    }
  c->n_groups = m;

  /* suffix sums; index m stays 0 */
  for (gsize j = m; j-- > 0;)
    {
      c->pos_ge[j] += c->pos_ge[j + 1];
      c->neg_ge[j] += c->neg_ge[j + 1];
    }
}

static void
curve_clear (Curve *c)
{
  g_clear_pointer (&c->score, g_free);
  g_clear_pointer (&c->pos_ge, g_free);
  g_clear_pointer (&c->neg_ge, g_free);
}

/* The threshold for candidate index j in 0..n_groups (accepts score >= score[j]). */
static double
curve_threshold (const Curve *c,
                 gsize        j)
{
  if (c->n_groups == 0)
    return NAN;
  if (j == c->n_groups)
    return above (c->score[c->n_groups - 1]);
  return c->score[j];
}

/* Threshold maximizing accuracy: candidates are below the lowest score, the midpoints between
 * consecutive distinct scores and above the highest score; the lowest wins ties. */
static double
curve_best_accuracy (const Curve *c,
                     double      *accuracy_out)
{
  gsize best_j = 0, best_correct = 0;

  if (c->n_groups == 0)
    {
      *accuracy_out = NAN;
      return NAN;
    }
  for (gsize j = 0; j <= c->n_groups; j++)
    {
      /* candidate j accepts exactly the items with score >= score[j] */
      gsize correct = c->pos_ge[j] + (c->n_neg - c->neg_ge[j]);

      if (j == 0 || correct > best_correct)
        {
          best_correct = correct;
          best_j = j;
        }
    }
  *accuracy_out = rate (best_correct, c->n_pos + c->n_neg);
  if (best_j == 0)
    return below (c->score[0]);
  if (best_j == c->n_groups)
    return above (c->score[c->n_groups - 1]);
  return midpoint (c->score[best_j - 1], c->score[best_j]);
}

/* The candidate index (0..n_groups) of the smallest threshold whose negative accept rate is
 * <= @max_rate. */
static gsize
curve_index_at_rate (const Curve *c,
                     double       max_rate)
{
  double allowed = max_rate * (double) c->n_neg * (1.0 + RATE_EPSILON);
  gsize lo = 0, hi = c->n_groups;

  /* neg_ge is non-increasing and neg_ge[n_groups] == 0: find the first j within the bound */
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if ((double) c->neg_ge[mid] <= allowed)
        hi = mid;
      else
        lo = mid + 1;
    }
  return lo;
}

/* (negative accept rate + positive reject rate) / 2 where they are closest. */
static double
curve_eer (const Curve *c,
           double      *threshold_out)
{
  double best_diff = INFINITY, best_mean = NAN;
  gsize best_j = 0;

  if (c->n_pos == 0 || c->n_neg == 0)
    {
      *threshold_out = NAN;
      return NAN;
    }
  for (gsize j = 0; j <= c->n_groups; j++)
    {
      double far = rate (c->neg_ge[j], c->n_neg);
      double frr = rate (c->n_pos - c->pos_ge[j], c->n_pos);
      double diff = fabs (far - frr);
      double mean = (far + frr) / 2.0;

      if (diff < best_diff - RATE_EPSILON
          || (diff <= best_diff + RATE_EPSILON && mean < best_mean - RATE_EPSILON))
        {
          best_diff = diff;
          best_mean = mean;
          best_j = j;
        }
    }
  *threshold_out = curve_threshold (c, best_j);
  return best_mean;
}

/* Sorted copy of the pairs, or NULL (with a critical warning) when a score is not finite. */
static Item *
sorted_items_from_pairs (const EkycEvalPair *pairs,
                         gsize               n_pairs)
{
  Item *items;

  for (gsize i = 0; i < n_pairs; i++)
    g_return_val_if_fail (isfinite (pairs[i].score), NULL);

  items = g_new (Item, n_pairs + 1);
  for (gsize i = 0; i < n_pairs; i++)
    {
      items[i].score = pairs[i].score;
      items[i].positive = pairs[i].genuine != FALSE;
      items[i].fold = pairs[i].fold;
    }
  qsort (items, n_pairs, sizeof (Item), compare_items);
  return items;
}

static int
compare_ints (const void *a,
              const void *b)
{
  int ia = *(const int *) a;
  int ib = *(const int *) b;

  return (ia > ib) - (ia < ib);
}

/* The distinct non-zero fold values, sorted; returns how many. */
static guint
distinct_folds (const Item *items,
                gsize       n,
                int       **folds_out)
{
  int *folds = g_new (int, n + 1);
  gsize n_nonzero = 0;
  guint k = 0;

  for (gsize i = 0; i < n; i++)
    if (items[i].fold != 0)
      folds[n_nonzero++] = items[i].fold;
  qsort (folds, n_nonzero, sizeof (int), compare_ints);
  for (gsize i = 0; i < n_nonzero; i++)
    if (k == 0 || folds[i] != folds[k - 1])
      folds[k++] = folds[i];
  *folds_out = folds;
  return k;
}

/* LFW View 2 style k-fold accuracy; returns the mean and sets the sample stddev. */
static double
kfold_accuracy (const Item *sorted,
                gsize       n,
                const int  *folds,
                guint       k,
                double     *stddev_out)
{
  g_autofree double *acc = g_new (double, k);
  double mean = 0.0, var = 0.0;

  for (guint f = 0; f < k; f++)
    {
      Curve train;
      double train_acc, threshold;
      gsize n_test = 0, correct = 0;

      curve_init (&train, sorted, n, folds[f]);
      threshold = curve_best_accuracy (&train, &train_acc);
      curve_clear (&train);

      for (gsize i = 0; i < n; i++)
        {
          if (sorted[i].fold != folds[f])
            continue;
          n_test++;
          if ((sorted[i].score >= threshold) == (sorted[i].positive != FALSE))
            correct++;
        }
      acc[f] = rate (correct, n_test);
      mean += acc[f];
    }
  mean /= k;
  for (guint f = 0; f < k; f++)
    var += (acc[f] - mean) * (acc[f] - mean);
  *stddev_out = k > 1 ? sqrt (var / (k - 1)) : 0.0;
  return mean;
}

/**
 * ekyc_eval_verification:
 * @pairs: (array length=n_pairs): scored pairs
 * @n_pairs: number of pairs
 * @out: (out caller-allocates): the metrics
 *
 * Computes face-verification metrics; see the header for the exact definitions.
 */
void
ekyc_eval_verification (const EkycEvalPair      *pairs,
                        gsize                    n_pairs,
                        EkycVerificationMetrics *out)
{
  g_autofree Item *items = NULL;
  g_autofree int *folds = NULL;
  double all_accuracy;
  Curve c;
  guint k;
  gsize j;

  g_return_if_fail (out != NULL);
  g_return_if_fail (pairs != NULL || n_pairs == 0);

  items = sorted_items_from_pairs (pairs, n_pairs);
  if (items == NULL)
    return;

  curve_init (&c, items, n_pairs, 0);
  out->n_genuine = c.n_pos;
  out->n_impostor = c.n_neg;
  out->best_threshold = curve_best_accuracy (&c, &all_accuracy);
  j = curve_index_at_rate (&c, 1e-2);
  out->threshold_at_far_1e2 = curve_threshold (&c, j);
  out->tar_at_far_1e2 = rate (c.pos_ge[j], c.n_pos);
  j = curve_index_at_rate (&c, 1e-3);
  out->threshold_at_far_1e3 = curve_threshold (&c, j);
  out->tar_at_far_1e3 = rate (c.pos_ge[j], c.n_pos);
  out->eer = curve_eer (&c, &out->threshold_at_eer);
  curve_clear (&c);

  k = distinct_folds (items, n_pairs, &folds);
  if (k >= 2)
    {
      out->n_folds = k;
      out->accuracy = kfold_accuracy (items, n_pairs, folds, k, &out->accuracy_stddev);
    }
  else
    {
      out->n_folds = 0;
      out->accuracy = all_accuracy;
      out->accuracy_stddev = 0.0;
    }
}

/**
 * ekyc_eval_tar_at_far:
 * @pairs: (array length=n_pairs): scored pairs
 * @n_pairs: number of pairs
 * @far: the largest false accept rate allowed, >= 0
 * @threshold_out: (out) (optional): the threshold found
 *
 * True accept rate at the smallest threshold whose false accept rate is <= @far; see the
 * header for the exact definition.
 *
 * Returns: the TAR, NaN without genuine pairs
 */
double
ekyc_eval_tar_at_far (const EkycEvalPair *pairs,
                      gsize               n_pairs,
                      double              far,
                      double             *threshold_out)
{
  g_autofree Item *items = NULL;
  double tar, threshold;
  Curve c;
  gsize j;

  g_return_val_if_fail (pairs != NULL || n_pairs == 0, NAN);
  g_return_val_if_fail (far >= 0.0, NAN);

  items = sorted_items_from_pairs (pairs, n_pairs);
  if (items == NULL)
    return NAN;

  curve_init (&c, items, n_pairs, 0);
  j = curve_index_at_rate (&c, far);
  threshold = curve_threshold (&c, j);
  tar = rate (c.pos_ge[j], c.n_pos);
  curve_clear (&c);

  if (threshold_out != NULL)
    *threshold_out = threshold;
  return tar;
}

/**
 * ekyc_eval_liveness:
 * @samples: (array length=n): scored samples
 * @n: number of samples
 * @threshold: the operating threshold (not NaN)
 * @out: (out caller-allocates): the metrics
 *
 * Computes ISO/IEC 30107-3 presentation-attack-detection metrics; see the header for the
 * exact definitions.
 */
void
ekyc_eval_liveness (const EkycEvalSample *samples,
                    gsize                 n,
                    double                threshold,
                    EkycLivenessMetrics  *out)
{
  g_autofree Item *items = NULL;
  gsize attacks_accepted = 0, bona_fide_rejected = 0;
  Curve c;
  gsize j;

  g_return_if_fail (out != NULL);
  g_return_if_fail (samples != NULL || n == 0);
  g_return_if_fail (!isnan (threshold));
  for (gsize i = 0; i < n; i++)
    g_return_if_fail (isfinite (samples[i].score));

  items = g_new (Item, n + 1);
  for (gsize i = 0; i < n; i++)
    {
      items[i].score = samples[i].score;
      items[i].positive = samples[i].bona_fide != FALSE;
      items[i].fold = 0;
      if (items[i].positive && items[i].score < threshold)
        bona_fide_rejected++;
      else if (!items[i].positive && items[i].score >= threshold)
        attacks_accepted++;
    }
  qsort (items, n, sizeof (Item), compare_items);

  curve_init (&c, items, n, 0);
  out->n_bona_fide = c.n_pos;
  out->n_attack = c.n_neg;
  out->threshold = threshold;
  out->apcer = rate (attacks_accepted, c.n_neg);
  out->bpcer = rate (bona_fide_rejected, c.n_pos);

  /* BPCER counts the bona fide samples below the APCER-bounded threshold */
  j = curve_index_at_rate (&c, 0.05);
  out->threshold_at_apcer_5 = curve_threshold (&c, j);
  out->bpcer_at_apcer_5 = rate (c.n_pos - c.pos_ge[j], c.n_pos);
  j = curve_index_at_rate (&c, 0.01);
  out->threshold_at_apcer_1 = curve_threshold (&c, j);
  out->bpcer_at_apcer_1 = rate (c.n_pos - c.pos_ge[j], c.n_pos);
  out->eer = curve_eer (&c, &out->threshold_at_eer);
  curve_clear (&c);
}
