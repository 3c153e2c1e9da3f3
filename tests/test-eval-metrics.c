/* test-eval-metrics.c — tests of the evaluation metrics and CSV readers of ekyc-cli
 * SPDX-License-Identifier: LGPL-2.1-or-later */

#include "ekyc-eval-csv.h"
#include "ekyc-eval-metrics.h"

#include <gio/gio.h>  /* only for G_IO_ERROR_INVALID_DATA: libgio is not linked */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#define EPS 1e-9

static char *tmp_dir;

/* ---- helpers ---------------------------------------------------------------------------- */

static EkycEvalPair *
make_pairs (const double *genuine,
            gsize         n_genuine,
            const double *impostor,
            gsize         n_impostor)
{
  gsize n = n_genuine + n_impostor;
  EkycEvalPair *pairs = g_new0 (EkycEvalPair, n);

  /* impostors first, genuines last in reverse: nothing may depend on the input order */
  for (gsize i = 0; i < n_impostor; i++)
    pairs[i] = (EkycEvalPair) { impostor[i], FALSE, 0 };
  for (gsize i = 0; i < n_genuine; i++)
    pairs[n - 1 - i] = (EkycEvalPair) { genuine[i], TRUE, 0 };
  return pairs;
}

/* The path of a shared data file, or NULL (test skipped) when it is not there. */
static char *
shared_path (const char *relative)
{
  const char *root = g_getenv ("EKYC_SHARED_DATA");
  g_autofree char *path = g_build_filename (root != NULL ? root : "../shared/data",
                                            relative, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *msg = g_strdup_printf ("%s not found (set EKYC_SHARED_DATA)", path);

      g_test_skip (msg);
      return NULL;
    }
  return g_steal_pointer (&path);
}

/* Writes @text (of @len bytes, -1 = NUL-terminated) to @name in the temporary directory. */
static char *
write_tmp (const char *name,
           const char *text,
           gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_file_set_contents (path, text, len, &error);
  g_assert_no_error (error);
  return path;
}

static GPtrArray *
pairs_from_text (const char *text,
                 GError    **error)
{
  g_autofree char *path = write_tmp ("pairs.csv", text, -1);
  GPtrArray *rows = ekyc_eval_read_pairs (path, error);

  g_assert_cmpint (g_unlink (path), ==, 0);
  return rows;
}

static GPtrArray *
labels_from_text (const char *text,
                  GError    **error)
{
  g_autofree char *path = write_tmp ("labels.csv", text, -1);
  GPtrArray *rows = ekyc_eval_read_labels (path, error);

  g_assert_cmpint (g_unlink (path), ==, 0);
  return rows;
}

/* Asserts an invalid-data error whose message holds each of the NULL-terminated strings. */
static void
assert_data_error (const GError *error,
                   ...)
{
  va_list args;

  g_assert_error (error, EKYC_EVAL_CSV_ERROR, G_IO_ERROR_INVALID_DATA);
  g_test_message ("error: %s", error->message);
  va_start (args, error);
  for (const char *s = va_arg (args, const char *); s != NULL; s = va_arg (args, const char *))
    g_assert_nonnull (strstr (error->message, s));
  va_end (args);
}

/* ---- verification metrics -------------------------------------------------------------- */

static void
test_eer_of_separable_scores (void)
{
  const double genuine[] = { 0.9, 0.8, 0.7 };
  const double impostor[] = { 0.1, 0.2, 0.3 };
  g_autofree EkycEvalPair *pairs = make_pairs (genuine, 3, impostor, 3);
  EkycVerificationMetrics m;

  ekyc_eval_verification (pairs, 6, &m);
  g_assert_cmpuint (m.n_genuine, ==, 3);
  g_assert_cmpuint (m.n_impostor, ==, 3);
  g_assert_cmpuint (m.n_folds, ==, 0);
  g_assert_cmpfloat_with_epsilon (m.eer, 0.0, EPS);
  g_assert_cmpfloat_with_epsilon (m.threshold_at_eer, 0.7, EPS);
  g_assert_cmpfloat_with_epsilon (m.accuracy, 1.0, EPS);
  g_assert_cmpfloat (m.accuracy_stddev, ==, 0.0);
  g_assert_cmpfloat_with_epsilon (m.best_threshold, 0.5, EPS);
  g_assert_cmpfloat_with_epsilon (m.tar_at_far_1e2, 1.0, EPS);
  g_assert_cmpfloat_with_epsilon (m.threshold_at_far_1e2, 0.7, EPS);
  g_assert_cmpfloat_with_epsilon (m.tar_at_far_1e3, 1.0, EPS);
  g_assert_cmpfloat_with_epsilon (m.threshold_at_far_1e3, 0.7, EPS);
}

/* genuine {0.9, 0.6, 0.5, 0.5}, impostor {0.5, 0.4, 0.6, 0.2}:
 *   t     0.2   0.4   0.5   0.6   0.9   above
 *   FAR   1     .75   .5    .25   0     0
 *   FRR   0     0     0     .5    .75   1
 *   right 4     5     6     5     5     4      (of 8) */
static void
test_tied_scores (void)
{
  const double genuine[] = { 0.9, 0.6, 0.5, 0.5 };
  const double impostor[] = { 0.5, 0.4, 0.6, 0.2 };
  g_autofree EkycEvalPair *pairs = make_pairs (genuine, 4, impostor, 4);
  EkycVerificationMetrics m;

  ekyc_eval_verification (pairs, 8, &m);
  g_assert_cmpfloat_with_epsilon (m.accuracy, 0.75, EPS);
  g_assert_cmpfloat_with_epsilon (m.best_threshold, 0.45, EPS);
  g_assert_cmpfloat_with_epsilon (m.eer, 0.375, EPS);
  g_assert_cmpfloat_with_epsilon (m.threshold_at_eer, 0.6, EPS);
  /* FAR <= 1e-2 of 4 impostors: none accepted, so the threshold is above 0.6 */
  g_assert_cmpfloat_with_epsilon (m.tar_at_far_1e2, 0.25, EPS);
  g_assert_cmpfloat_with_epsilon (m.threshold_at_far_1e2, 0.9, EPS);
}

/* genuine {0.3, 0.9}, impostor {0.5, 0.1}: 3 of 4 right with a threshold in (0.1, 0.3] and in
 * (0.5, 0.9]; the lowest candidate, the midpoint 0.2, is reported. */
static void
test_best_threshold_ties (void)
{
  const double genuine[] = { 0.3, 0.9 };
  const double impostor[] = { 0.5, 0.1 };
  g_autofree EkycEvalPair *pairs = make_pairs (genuine, 2, impostor, 2);
  EkycVerificationMetrics m;

  ekyc_eval_verification (pairs, 4, &m);
  g_assert_cmpfloat_with_epsilon (m.accuracy, 0.75, EPS);
  g_assert_cmpfloat_with_epsilon (m.best_threshold, 0.2, EPS);
  /* FAR - FRR: 1, .5, 0 (t = 0.5: FAR .5, FRR .5), ... */
  g_assert_cmpfloat_with_epsilon (m.eer, 0.5, EPS);
  g_assert_cmpfloat_with_epsilon (m.threshold_at_eer, 0.5, EPS);
}

static void
test_tar_at_far_exact_ties (void)
{
  const double genuine[] = { 0.9, 0.6, 0.5, 0.5 };
  const double impostor[] = { 0.5, 0.4, 0.6, 0.2 };
  g_autofree EkycEvalPair *pairs = make_pairs (genuine, 4, impostor, 4);
  double t = 0;

  /* FAR 0.25 allows one impostor: a threshold of 0.6 accepts the impostor at 0.6 */
  g_assert_cmpfloat_with_epsilon (ekyc_eval_tar_at_far (pairs, 8, 0.25, &t), 0.5, EPS);
  g_assert_cmpfloat_with_epsilon (t, 0.6, EPS);
  /* just below 0.25: no impostor may be accepted */
  g_assert_cmpfloat_with_epsilon (ekyc_eval_tar_at_far (pairs, 8, 0.2, &t), 0.25, EPS);
  g_assert_cmpfloat_with_epsilon (t, 0.9, EPS);
  /* FAR 0.5: two impostors (0.5 and 0.6) accepted, both tied genuines at 0.5 too */
  g_assert_cmpfloat_with_epsilon (ekyc_eval_tar_at_far (pairs, 8, 0.5, &t), 1.0, EPS);
  g_assert_cmpfloat_with_epsilon (t, 0.5, EPS);
  g_assert_cmpfloat_with_epsilon (ekyc_eval_tar_at_far (pairs, 8, 0.0, &t), 0.25, EPS);
  g_assert_cmpfloat_with_epsilon (t, 0.9, EPS);
  g_assert_cmpfloat_with_epsilon (ekyc_eval_tar_at_far (pairs, 8, 1.0, &t), 1.0, EPS);
  g_assert_cmpfloat_with_epsilon (t, 0.2, EPS);
  g_assert_cmpfloat_with_epsilon (ekyc_eval_tar_at_far (pairs, 8, 0.25, NULL), 0.5, EPS);

  /* all impostors on the highest score: only rejecting everything meets FAR 0 */
  {
    const double g2[] = { 0.5, 0.7 };
    const double i2[] = { 0.7, 0.1 };
    g_autofree EkycEvalPair *p2 = make_pairs (g2, 2, i2, 2);

    g_assert_cmpfloat_with_epsilon (ekyc_eval_tar_at_far (p2, 4, 0.0, &t), 0.0, EPS);
    g_assert_cmpfloat (t, >, 0.7);
    g_assert_cmpfloat_with_epsilon (ekyc_eval_tar_at_far (p2, 4, 0.5, &t), 1.0, EPS);
    g_assert_cmpfloat_with_epsilon (t, 0.5, EPS);
  }
}

/* 1,500 impostors at 0.000 .. 1.499 and six genuines among the top ones: FAR 1e-3 allows
 * exactly one impostor (1/1500 = 6.7e-4, 2/1500 = 1.3e-3), FAR 1e-2 allows 15. */
static void
test_tar_at_far_1e3_of_1500_impostors (void)
{
  g_autofree double *impostor = g_new (double, 1500);
  const double genuine[] = { 1.4985, 1.6, 1.499, 1.4835, 1.4845, 1.49 };
  g_autofree EkycEvalPair *pairs = NULL;
  EkycVerificationMetrics m;

  for (guint i = 0; i < 1500; i++)
    impostor[i] = i / 1000.0;
  pairs = make_pairs (genuine, 6, impostor, 1500);
  ekyc_eval_verification (pairs, 1506, &m);
  g_assert_cmpuint (m.n_impostor, ==, 1500);
  /* at t = 1.4985 only the impostor at 1.499 is accepted; genuines >= t: 1.4985, 1.6, 1.499 */
  g_assert_cmpfloat_with_epsilon (m.threshold_at_far_1e3, 1.4985, EPS);
  g_assert_cmpfloat_with_epsilon (m.tar_at_far_1e3, 3.0 / 6.0, EPS);
  /* 15 impostors (1.485 .. 1.499) may be accepted: t = 1.4845 accepts exactly those, while the
   * genuine at 1.4835 would let in a 16th (1.484) and stays rejected */
  g_assert_cmpfloat_with_epsilon (m.threshold_at_far_1e2, 1.4845, EPS);
  g_assert_cmpfloat_with_epsilon (m.tar_at_far_1e2, 5.0 / 6.0, EPS);
}

/* fold 1: G 0.9, G 0.6, I 0.4, I 0.1; fold 2: G 0.8, G 0.3, I 0.5, I 0.2.
 * Test on fold 1, train on fold 2 (0.2 I, 0.3 G, 0.5 I, 0.8 G): the best accuracy is 3/4,
 *   first reached below 0.3, threshold 0.25; on fold 1 it accepts I 0.4: 3/4.
 * Test on fold 2, train on fold 1 (0.1 I, 0.4 I, 0.6 G, 0.9 G): threshold 0.5 (4/4); on fold 2
 *   it rejects G 0.3 and accepts I 0.5 (score == threshold): 2/4.
 * Mean 0.625, sample stddev sqrt (2 * 0.125^2) = 0.1767767. All pairs: best 7/8 at 0.55. */
static void
test_kfold_accuracy (void)
{
  const EkycEvalPair pairs[] = {
    { 0.9, TRUE, 1 }, { 0.5, FALSE, 2 }, { 0.6, TRUE, 1 }, { 0.4, FALSE, 1 },
    { 0.8, TRUE, 2 }, { 0.1, FALSE, 1 }, { 0.3, TRUE, 2 }, { 0.2, FALSE, 2 },
  };
  EkycVerificationMetrics m;

  ekyc_eval_verification (pairs, G_N_ELEMENTS (pairs), &m);
  g_assert_cmpuint (m.n_folds, ==, 2);
  g_assert_cmpfloat_with_epsilon (m.accuracy, 0.625, EPS);
  g_assert_cmpfloat_with_epsilon (m.accuracy_stddev, 0.125 * sqrt (2.0), EPS);
  g_assert_cmpfloat_with_epsilon (m.best_threshold, 0.55, EPS);
}

/* Fold numbers need not be contiguous; a single fold means no cross-validation. */
static void
test_fold_values (void)
{
  EkycEvalPair pairs[] = {
    { 0.9, TRUE, 7 }, { 0.5, FALSE, 3 }, { 0.6, TRUE, 7 }, { 0.4, FALSE, 7 },
    { 0.8, TRUE, 3 }, { 0.1, FALSE, 7 }, { 0.3, TRUE, 3 }, { 0.2, FALSE, 3 },
  };
  EkycVerificationMetrics m;

  ekyc_eval_verification (pairs, G_N_ELEMENTS (pairs), &m);
  g_assert_cmpuint (m.n_folds, ==, 2);
  g_assert_cmpfloat_with_epsilon (m.accuracy, 0.625, EPS);

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    pairs[i].fold = 4;
  ekyc_eval_verification (pairs, G_N_ELEMENTS (pairs), &m);
  g_assert_cmpuint (m.n_folds, ==, 0);
  g_assert_cmpfloat_with_epsilon (m.accuracy, 7.0 / 8.0, EPS);
  g_assert_cmpfloat (m.accuracy_stddev, ==, 0.0);
}

static void
test_degenerate_inputs (void)
{
  const EkycEvalPair genuine_only[] = { { 0.3, TRUE, 0 }, { 0.7, TRUE, 0 } };
  EkycVerificationMetrics m;
  double t;

  ekyc_eval_verification (NULL, 0, &m);
  g_assert_cmpuint (m.n_genuine, ==, 0);
  g_assert_true (isnan (m.accuracy));
  g_assert_true (isnan (m.eer));
  g_assert_true (isnan (m.tar_at_far_1e3));
  g_assert_true (isnan (m.threshold_at_far_1e3));

  ekyc_eval_verification (genuine_only, 2, &m);
  g_assert_cmpuint (m.n_genuine, ==, 2);
  g_assert_cmpuint (m.n_impostor, ==, 0);
  g_assert_cmpfloat_with_epsilon (m.accuracy, 1.0, EPS);
  g_assert_cmpfloat (m.best_threshold, <, 0.3);
  g_assert_true (isnan (m.eer));
  /* no impostor: FAR is 0 everywhere, so the lowest score is the threshold */
  g_assert_cmpfloat_with_epsilon (ekyc_eval_tar_at_far (genuine_only, 2, 0.0, &t), 1.0, EPS);
  g_assert_cmpfloat_with_epsilon (t, 0.3, EPS);
}

/* Catches the critical of a failed precondition, whatever the library's log domain is. */
static void
count_critical (const char     *log_domain,
                GLogLevelFlags  log_level,
                const char     *message,
                gpointer        user_data)
{
  (void) log_domain;
  if ((log_level & G_LOG_LEVEL_CRITICAL) && strstr (message, "isfinite") != NULL)
    (*(guint *) user_data)++;
  else
    g_log_default_handler (log_domain, log_level, message, NULL);
}

static gboolean
not_fatal (const char     *log_domain,
           GLogLevelFlags  log_level,
           const char     *message,
           gpointer        user_data)
{
  (void) log_domain;
  (void) log_level;
  (void) message;
  (void) user_data;
  return FALSE;
}

static void
test_non_finite_score (void)
{
  const EkycEvalPair pairs[] = { { NAN, TRUE, 0 }, { 0.7, FALSE, 0 } };
  const EkycEvalSample samples[] = { { 0.2, TRUE }, { INFINITY, FALSE } };
  EkycVerificationMetrics m = { .n_genuine = 99 };
  EkycLivenessMetrics lm = { .n_attack = 99 };
  guint n_critical = 0;
  GLogFunc old_handler;

  /* in-process (a test subprocess makes GLib leave a thread that valgrind reports) */
  old_handler = g_log_set_default_handler (count_critical, &n_critical);
  g_test_log_set_fatal_handler (not_fatal, NULL);

  ekyc_eval_verification (pairs, 2, &m);
  g_assert_true (isnan (ekyc_eval_tar_at_far (pairs, 2, 0.01, NULL)));
  ekyc_eval_liveness (samples, 2, 0.5, &lm);

  g_test_log_set_fatal_handler (NULL, NULL);
  g_log_set_default_handler (old_handler, NULL);
  g_assert_cmpuint (n_critical, ==, 3);
  /* the output was left alone */
  g_assert_cmpuint (m.n_genuine, ==, 99);
  g_assert_cmpuint (lm.n_attack, ==, 99);
}

/* The definitions, computed the slow way over every candidate threshold. */
static void
brute_force (const EkycEvalPair *pairs,
             gsize               n,
             double              far,
             double             *tar_out,
             double             *tar_threshold_out,
             double             *eer_out,
             double             *best_accuracy_out)
{
  g_autofree double *cand = g_new (double, n + 1);
  double max = -INFINITY, best_diff = INFINITY;
  gsize n_gen = 0, n_imp = 0;

  for (gsize i = 0; i < n; i++)
    {
      cand[i] = pairs[i].score;
      max = MAX (max, pairs[i].score);
      n_gen += pairs[i].genuine;
    }
  n_imp = n - n_gen;
  cand[n] = max + 1.0;

  *tar_threshold_out = INFINITY;
  *best_accuracy_out = 0.0;
  for (gsize c = 0; c <= n; c++)
    {
      gsize ga = 0, ia = 0;
      double far_c, frr_c, diff;

      for (gsize i = 0; i < n; i++)
        if (pairs[i].score >= cand[c])
          {
            if (pairs[i].genuine)
              ga++;
            else
              ia++;
          }
      far_c = (double) ia / n_imp;
      frr_c = (double) (n_gen - ga) / n_gen;
      if (far_c <= far && cand[c] < *tar_threshold_out)
        {
          *tar_threshold_out = cand[c];
          *tar_out = (double) ga / n_gen;
        }
      diff = fabs (far_c - frr_c);
      if (diff < best_diff - 1e-12
          || (diff <= best_diff + 1e-12 && (far_c + frr_c) / 2 < *eer_out - 1e-12))
        {
          best_diff = diff;
          *eer_out = (far_c + frr_c) / 2;
        }
      /* the same accepted set as a midpoint candidate; plus "below min" = accept all */
      *best_accuracy_out = MAX (*best_accuracy_out, (double) (ga + n_imp - ia) / n);
    }
}

static void
test_agrees_with_brute_force (void)
{
  for (guint round = 0; round < 20; round++)
    {
      gsize n = g_test_rand_int_range (20, 400);
      g_autofree EkycEvalPair *pairs = g_new (EkycEvalPair, n);
      double far = round % 2 ? 0.01 : 0.1;
      double tar, t, bt_tar = NAN, bt_t, bt_eer = INFINITY, bt_acc;
      EkycVerificationMetrics m;

      /* coarse scores: plenty of ties, between and within classes */
      for (gsize i = 0; i < n; i++)
        {
          gboolean genuine = i < 2 || (i >= 4 && g_test_rand_bit ());

          pairs[i].genuine = genuine;
          pairs[i].score = g_test_rand_int_range (genuine ? 10 : 0, genuine ? 40 : 30) / 20.0;
          pairs[i].fold = 0;
        }
      brute_force (pairs, n, far, &bt_tar, &bt_t, &bt_eer, &bt_acc);
      tar = ekyc_eval_tar_at_far (pairs, n, far, &t);
      ekyc_eval_verification (pairs, n, &m);

      g_assert_cmpfloat_with_epsilon (tar, bt_tar, EPS);
      g_assert_cmpfloat_with_epsilon (t, bt_t, EPS);
      g_assert_cmpfloat_with_epsilon (m.eer, bt_eer, EPS);
      g_assert_cmpfloat_with_epsilon (m.accuracy, bt_acc, EPS);
    }
}

static void
test_large_sets (void)
{
  const gsize n = 42486;
  g_autofree EkycEvalPair *pairs = g_new (EkycEvalPair, n);
  EkycVerificationMetrics m;
  gint64 start;

  for (gsize i = 0; i < n; i++)
    {
      pairs[i].genuine = i % 19 == 0;
      pairs[i].score = g_test_rand_double_range (0, 1) + (pairs[i].genuine ? 0.5 : 0.0);
      pairs[i].fold = 1 + i % 10;
    }
  start = g_get_monotonic_time ();
  ekyc_eval_verification (pairs, n, &m);
  g_test_message ("42,486 pairs, 10 folds: %.3f s",
                  (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (m.n_folds, ==, 10);
  g_assert_cmpuint (m.n_genuine + m.n_impostor, ==, n);
  /* uniform overlap of 0.5: the EER is about 0.25 */
  g_assert_cmpfloat (fabs (m.eer - 0.25), <, 0.03);
  g_assert_cmpfloat (m.accuracy, >, 0.9);
}

/* ---- liveness metrics ------------------------------------------------------------------ */

/* 20 attacks: 18 at 0.2, one at 0.6, one at 0.85; bona fide: 0.9, 0.85, 0.7, 0.6, 0.3.
 *   t      0.2   0.3   0.6   0.7   0.85  0.9   above
 *   APCER  1     .1    .1    .05   .05   0     0
 *   BPCER  0     0     .2    .4    .6    .8    1
 * |APCER - BPCER| ties at 0.1 for t = 0.3 (mean .05) and t = 0.6 (mean .15). */
static void
test_liveness (void)
{
  g_autofree EkycEvalSample *s = g_new (EkycEvalSample, 25);
  const double bona_fide[] = { 0.9, 0.85, 0.7, 0.6, 0.3 };
  EkycLivenessMetrics m;

  for (guint i = 0; i < 18; i++)
    s[i] = (EkycEvalSample) { 0.2, FALSE };
  s[18] = (EkycEvalSample) { 0.6, FALSE };
  s[19] = (EkycEvalSample) { 0.85, FALSE };
  for (guint i = 0; i < 5; i++)
    s[20 + i] = (EkycEvalSample) { bona_fide[i], TRUE };

  ekyc_eval_liveness (s, 25, 0.6, &m);
  g_assert_cmpuint (m.n_bona_fide, ==, 5);
  g_assert_cmpuint (m.n_attack, ==, 20);
  g_assert_cmpfloat (m.threshold, ==, 0.6);
  g_assert_cmpfloat_with_epsilon (m.apcer, 0.1, EPS);     /* 0.6 and 0.85 accepted */
  g_assert_cmpfloat_with_epsilon (m.bpcer, 0.2, EPS);     /* 0.3 rejected */
  g_assert_cmpfloat_with_epsilon (m.threshold_at_apcer_5, 0.7, EPS);
  g_assert_cmpfloat_with_epsilon (m.bpcer_at_apcer_5, 0.4, EPS);
  g_assert_cmpfloat_with_epsilon (m.threshold_at_apcer_1, 0.9, EPS);
  g_assert_cmpfloat_with_epsilon (m.bpcer_at_apcer_1, 0.8, EPS);
  g_assert_cmpfloat_with_epsilon (m.eer, 0.05, EPS);
  g_assert_cmpfloat_with_epsilon (m.threshold_at_eer, 0.3, EPS);

  /* at 0.85 the attack tied with a bona fide sample is accepted, the bona fide one too */
  ekyc_eval_liveness (s, 25, 0.85, &m);
  g_assert_cmpfloat_with_epsilon (m.apcer, 0.05, EPS);
  g_assert_cmpfloat_with_epsilon (m.bpcer, 0.6, EPS);

  ekyc_eval_liveness (s, 0, 0.5, &m);
  g_assert_cmpuint (m.n_attack, ==, 0);
  g_assert_true (isnan (m.apcer));
  g_assert_true (isnan (m.eer));
}

/* ---- CSV readers: the real files -------------------------------------------------------- */

static void
test_csv_lfw_pairs (void)
{
  g_autofree char *path = shared_path ("faces/lfw-pairs.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree EkycEvalPair *pairs = NULL;
  guint per_fold[6] = { 0 }, n_genuine = 0;
  EkycPairRow *first, *last;
  EkycVerificationMetrics m;

  if (path == NULL)
    return;
  rows = ekyc_eval_read_pairs (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3000);

  pairs = g_new (EkycEvalPair, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      EkycPairRow *row = rows->pdata[i];

      g_assert_cmpint (row->fold, >=, 1);
      g_assert_cmpint (row->fold, <=, 5);
      per_fold[row->fold]++;
      n_genuine += row->genuine;
      /* a separable synthetic score, slightly different per pair */
      pairs[i] = (EkycEvalPair) { (row->genuine ? 0.7 : 0.2) + (i % 97) / 1000.0,
                                  row->genuine, row->fold };
    }
  g_assert_cmpuint (n_genuine, ==, 1500);
  for (guint f = 1; f <= 5; f++)
    g_assert_cmpuint (per_fold[f], ==, 600);

  first = rows->pdata[0];
  g_assert_cmpstr (first->img1, ==, "lfw/Abel_Pacheco/Abel_Pacheco_0001.jpg");
  g_assert_cmpstr (first->img2, ==, "lfw/Abel_Pacheco/Abel_Pacheco_0004.jpg");
  g_assert_true (first->genuine);
  g_assert_cmpint (first->fold, ==, 1);
  last = rows->pdata[rows->len - 1];
  g_assert_false (last->genuine);
  g_assert_cmpint (last->fold, ==, 5);
  g_assert_false (g_str_has_suffix (last->img2, "\r"));

  ekyc_eval_verification (pairs, rows->len, &m);
  g_assert_cmpuint (m.n_folds, ==, 5);
  g_assert_cmpfloat_with_epsilon (m.accuracy, 1.0, EPS);
  g_assert_cmpfloat_with_epsilon (m.eer, 0.0, EPS);
}

static void
test_csv_deepface_pairs (void)
{
  g_autofree char *path = shared_path ("faces/deepface-pairs.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint n_genuine = 0;

  if (path == NULL)
    return;
  rows = ekyc_eval_read_pairs (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 520);
  for (guint i = 0; i < rows->len; i++)
    {
      EkycPairRow *row = rows->pdata[i];

      g_assert_cmpint (row->fold, ==, 0);
      n_genuine += row->genuine;
    }
  g_assert_cmpuint (n_genuine, ==, 140);
  g_assert_cmpstr (((EkycPairRow *) rows->pdata[0])->img1, ==, "img1.jpg");
  g_assert_cmpstr (((EkycPairRow *) rows->pdata[0])->img2, ==, "img10.jpg");
}

static void
test_csv_faces94_pairs (void)
{
  g_autofree char *path = shared_path ("faces/faces94-pairs.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint n_genuine = 0;

  if (path == NULL)
    return;
  rows = ekyc_eval_read_pairs (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 42486);
  for (guint i = 0; i < rows->len; i++)
    n_genuine += ((EkycPairRow *) rows->pdata[i])->genuine;
  g_assert_cmpuint (n_genuine, ==, 2230);
  g_assert_cmpstr (((EkycPairRow *) rows->pdata[0])->img2, ==, "0/9336923.10.jpg");
}

static void
test_csv_nuaa_labels (void)
{
  g_autofree char *path = shared_path ("liveness/nuaa-labels.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint n_live = 0;

  if (path == NULL)
    return;
  rows = ekyc_eval_read_labels (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 992);
  for (guint i = 0; i < rows->len; i++)
    n_live += ((EkycLabelRow *) rows->pdata[i])->bona_fide;
  g_assert_cmpuint (n_live, ==, 310);
  g_assert_cmpstr (((EkycLabelRow *) rows->pdata[0])->image, ==,
                   "nuaa/ClientRaw/0004/0004_01_06_03_0.jpg");
  g_assert_true (((EkycLabelRow *) rows->pdata[0])->bona_fide);
}

static void
test_csv_silent_face_labels (void)
{
  g_autofree char *path = shared_path ("liveness/silent-face/labels.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  EkycLabelRow *row;

  if (path == NULL)
    return;
  /* its label_source column is quoted and holds commas */
  rows = ekyc_eval_read_labels (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  row = rows->pdata[0];
  g_assert_cmpstr (row->image, ==, "image_F1.jpg");
  g_assert_false (row->bona_fide);
  row = rows->pdata[2];
  g_assert_cmpstr (row->image, ==, "image_T1.jpg");
  g_assert_true (row->bona_fide);
}

static void
test_csv_replay_video_labels (void)
{
  g_autofree char *path = shared_path ("liveness/replay-video/labels.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  if (path == NULL)
    return;
  /* the path column is named "video" here */
  rows = ekyc_eval_read_labels (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (((EkycLabelRow *) rows->pdata[0])->image, ==, "real.mov");
  g_assert_true (((EkycLabelRow *) rows->pdata[0])->bona_fide);
  g_assert_cmpstr (((EkycLabelRow *) rows->pdata[1])->image, ==, "fake.mp4");
  g_assert_false (((EkycLabelRow *) rows->pdata[1])->bona_fide);
}

/* ---- CSV readers: crafted files ---------------------------------------------------------- */

static void
test_csv_pairs_format (void)
{
  /* BOM, CRLF, free column order, an ignored column, quoted commas, "" and a quoted line
   * break, blank lines (also blank-only-spaces), label words */
  const char *text =
    "\xEF\xBB\xBF" "note,Label,img2,fold,img1\r\n"
    "\r\n"
    "\"a, quoted note\",1,b.jpg,2,a.jpg\r\n"
    "x,TRUE,\"d,1.jpg\",3,c.jpg\r\n"
    "   \r\n"
    "\"multi\r\nline\",same,f.jpg,1,\"say \"\"cheese\"\".jpg\"\r\n"
    "y,0,h.jpg,4,g.jpg\n"
    "z,false,j.jpg,5,i.jpg\n"
    "\n"
    "w,Different, l.jpg ,6,k.jpg\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = pairs_from_text (text, &error);
  const gboolean genuine[] = { TRUE, TRUE, TRUE, FALSE, FALSE, FALSE };
  const char *img1[] = { "a.jpg", "c.jpg", "say \"cheese\".jpg", "g.jpg", "i.jpg", "k.jpg" };
  const char *img2[] = { "b.jpg", "d,1.jpg", "f.jpg", "h.jpg", "j.jpg", "l.jpg" };
  const int fold[] = { 2, 3, 1, 4, 5, 6 };

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 6);
  for (guint i = 0; i < rows->len; i++)
    {
      EkycPairRow *row = rows->pdata[i];

      g_assert_cmpstr (row->img1, ==, img1[i]);
      g_assert_cmpstr (row->img2, ==, img2[i]);
      g_assert_cmpint (row->genuine, ==, genuine[i]);
      g_assert_cmpint (row->fold, ==, fold[i]);
    }
}

static void
test_csv_pairs_last_line_without_newline (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = pairs_from_text ("img1,img2,label\r\na,b,1\r\nc,d,0", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (((EkycPairRow *) rows->pdata[1])->img2, ==, "d");
  g_assert_false (((EkycPairRow *) rows->pdata[1])->genuine);
  g_assert_cmpint (((EkycPairRow *) rows->pdata[1])->fold, ==, 0);

  /* a quoted last field without a line end */
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = pairs_from_text ("img1,img2,label\na,\"b\",\"1\"", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_true (((EkycPairRow *) rows->pdata[0])->genuine);

  /* only a header: no rows, no error */
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = pairs_from_text ("img1,img2,label", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);
}

static void
test_csv_pairs_truncated_last_line (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows =
    pairs_from_text ("img1,img2,label\na,b,1\nc,d,0\ne,lfw/Abel_Pa", &error);

  g_assert_null (rows);
  assert_data_error (error, "pairs.csv", "line 4", "2 fields", "header has 3", NULL);
}

static void
test_csv_pairs_missing_column (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = pairs_from_text ("img1,img2,same\na,b,1\n", &error);

  g_assert_null (rows);
  assert_data_error (error, "pairs.csv", "line 1", "'label'", "missing", NULL);

  g_clear_error (&error);
  rows = pairs_from_text ("\n\nimg,img2,label\na,b,1\n", &error);
  g_assert_null (rows);
  assert_data_error (error, "pairs.csv", "line 3", "'img1'", NULL);
}

static void
test_csv_pairs_bad_label (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows =
    pairs_from_text ("img1,img2,label\r\na,b,1\r\n\r\nc,d,maybe\r\n", &error);

  g_assert_null (rows);
  assert_data_error (error, "pairs.csv", "line 4", "'maybe'", NULL);

  g_clear_error (&error);
  rows = pairs_from_text ("img1,img2,label\na,b,\n", &error);
  g_assert_null (rows);
  assert_data_error (error, "line 2", "bad label ''", NULL);
}

static void
test_csv_pairs_bad_fold (void)
{
  const char *bad[] = { "0", "-1", "two", "1.5", "" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = g_strdup_printf ("fold,img1,img2,label\n1,a,b,1\n%s,c,d,0\n",
                                               bad[i]);
      g_autoptr(GPtrArray) rows = pairs_from_text (text, &error);
      g_autofree char *quoted = g_strdup_printf ("'%s'", bad[i]);

      g_assert_null (rows);
      assert_data_error (error, "line 3", "fold", quoted, NULL);
    }
}

static void
test_csv_pairs_malformed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  rows = pairs_from_text ("img1,img2,label\na,\"b,1\nc,d,0\n", &error);
  g_assert_null (rows);
  assert_data_error (error, "line 2", "never closed", NULL);

  g_clear_error (&error);
  rows = pairs_from_text ("img1,img2,label\na,\"b\"x,1\n", &error);
  g_assert_null (rows);
  assert_data_error (error, "line 2", "after the closing quote", NULL);

  g_clear_error (&error);
  rows = pairs_from_text ("img1,img2,label\na,b,1,extra\n", &error);
  g_assert_null (rows);
  assert_data_error (error, "line 2", "4 fields", NULL);

  g_clear_error (&error);
  rows = pairs_from_text ("img1,img2,label\n,b,1\n", &error);
  g_assert_null (rows);
  assert_data_error (error, "line 2", "empty value in column 'img1'", NULL);

  g_clear_error (&error);
  rows = pairs_from_text ("img1,IMG1,img2,label\na,a,b,1\n", &error);
  g_assert_null (rows);
  assert_data_error (error, "line 1", "'img1' appears twice", NULL);

  g_clear_error (&error);
  rows = pairs_from_text ("", &error);
  g_assert_null (rows);
  assert_data_error (error, "pairs.csv", "no header", NULL);

  g_clear_error (&error);
  rows = pairs_from_text ("\xEF\xBB\xBF\r\n\r\n", &error);
  g_assert_null (rows);
  assert_data_error (error, "no header", NULL);
}

static void
test_csv_not_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *binary = write_tmp ("binary.csv", "img1,img2,label\na,b,1\nc\0d,e,0\n", 28);
  g_autofree char *latin1 = write_tmp ("latin1.csv", "image,label\ncaf\xE9.jpg,live\n", -1);
  g_autoptr(GPtrArray) rows = ekyc_eval_read_pairs (binary, &error);

  g_assert_null (rows);
  assert_data_error (error, "binary.csv", "line 3", "UTF-8", NULL);

  g_clear_error (&error);
  rows = ekyc_eval_read_labels (latin1, &error);
  g_assert_null (rows);
  assert_data_error (error, "latin1.csv", "line 2", "0xe9", NULL);

  g_assert_cmpint (g_unlink (binary), ==, 0);
  g_assert_cmpint (g_unlink (latin1), ==, 0);
}

static void
test_csv_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "no-such-file.csv", NULL);
  g_autoptr(GPtrArray) rows = ekyc_eval_read_pairs (path, &error);

  g_assert_null (rows);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "no-such-file.csv"));
}

static void
test_csv_labels_format (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const gboolean live[] = { TRUE, FALSE, TRUE, FALSE, TRUE, FALSE };

  rows = labels_from_text ("\xEF\xBB\xBF" "label,Path,subject\r\n"
                           "live,a.jpg,1\r\nSPOOF,b.jpg,1\r\nReal,\"c,d.jpg\",2\r\n\r\n"
                           "fake,e.jpg,2\r\n1,f.jpg,3\r\n0,g.jpg,3", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 6);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpint (((EkycLabelRow *) rows->pdata[i])->bona_fide, ==, live[i]);
  g_assert_cmpstr (((EkycLabelRow *) rows->pdata[2])->image, ==, "c,d.jpg");

  /* "image" is preferred over "file" */
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = labels_from_text ("file,image,label\nx.jpg,y.jpg,live\n", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((EkycLabelRow *) rows->pdata[0])->image, ==, "y.jpg");
}

static void
test_csv_labels_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  rows = labels_from_text ("name,label\na.jpg,live\n", &error);
  g_assert_null (rows);
  assert_data_error (error, "labels.csv", "line 1", "'image' or 'path' or 'file'", NULL);

  g_clear_error (&error);
  rows = labels_from_text ("image,attack\na.jpg,print\n", &error);
  g_assert_null (rows);
  assert_data_error (error, "line 1", "'label'", NULL);

  g_clear_error (&error);
  rows = labels_from_text ("image,label\r\na.jpg,live\r\nb.jpg,print\r\n", &error);
  g_assert_null (rows);
  assert_data_error (error, "labels.csv", "line 3", "bad label 'print'", NULL);

  g_clear_error (&error);
  rows = labels_from_text ("image,label,attack\na.jpg,spoof,print\nb.jpg,live", &error);
  g_assert_null (rows);
  assert_data_error (error, "line 3", "2 fields", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("test-eval-metrics-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/eval/metrics/eer-of-separable-scores", test_eer_of_separable_scores);
  g_test_add_func ("/eval/metrics/tied-scores", test_tied_scores);
  g_test_add_func ("/eval/metrics/best-threshold-ties", test_best_threshold_ties);
  g_test_add_func ("/eval/metrics/tar-at-far-exact-ties", test_tar_at_far_exact_ties);
  g_test_add_func ("/eval/metrics/tar-at-far-1e3-of-1500-impostors",
                   test_tar_at_far_1e3_of_1500_impostors);
  g_test_add_func ("/eval/metrics/kfold-accuracy", test_kfold_accuracy);
  g_test_add_func ("/eval/metrics/fold-values", test_fold_values);
  g_test_add_func ("/eval/metrics/degenerate-inputs", test_degenerate_inputs);
  g_test_add_func ("/eval/metrics/non-finite-score", test_non_finite_score);
  g_test_add_func ("/eval/metrics/agrees-with-brute-force", test_agrees_with_brute_force);
  g_test_add_func ("/eval/metrics/large-sets", test_large_sets);
  g_test_add_func ("/eval/metrics/liveness", test_liveness);
  g_test_add_func ("/eval/csv/lfw-pairs", test_csv_lfw_pairs);
  g_test_add_func ("/eval/csv/deepface-pairs", test_csv_deepface_pairs);
  g_test_add_func ("/eval/csv/faces94-pairs", test_csv_faces94_pairs);
  g_test_add_func ("/eval/csv/nuaa-labels", test_csv_nuaa_labels);
  g_test_add_func ("/eval/csv/silent-face-labels", test_csv_silent_face_labels);
  g_test_add_func ("/eval/csv/replay-video-labels", test_csv_replay_video_labels);
  g_test_add_func ("/eval/csv/pairs-format", test_csv_pairs_format);
  g_test_add_func ("/eval/csv/pairs-last-line-without-newline",
                   test_csv_pairs_last_line_without_newline);
  g_test_add_func ("/eval/csv/pairs-truncated-last-line", test_csv_pairs_truncated_last_line);
  g_test_add_func ("/eval/csv/pairs-missing-column", test_csv_pairs_missing_column);
  g_test_add_func ("/eval/csv/pairs-bad-label", test_csv_pairs_bad_label);
  g_test_add_func ("/eval/csv/pairs-bad-fold", test_csv_pairs_bad_fold);
  g_test_add_func ("/eval/csv/pairs-malformed", test_csv_pairs_malformed);
  g_test_add_func ("/eval/csv/not-text", test_csv_not_text);
  g_test_add_func ("/eval/csv/missing-file", test_csv_missing_file);
  g_test_add_func ("/eval/csv/labels-format", test_csv_labels_format);
  g_test_add_func ("/eval/csv/labels-errors", test_csv_labels_errors);

  ret = g_test_run ();

  g_rmdir (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
  return ret;
}
