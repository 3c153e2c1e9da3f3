/* ekyc-cli-eval-faces.c — `ekyc-cli eval-faces`: accuracy, TAR at FAR and EER over labelled pairs
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-cli"
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "ekyc-cli-private.h"
#include "ekyc-eval-csv.h"
#include "ekyc-eval-metrics.h"

/* A pair whose face could not be found or embedded scores this (a non-match). */
#define FAILED_SCORE -1.0

static gpointer
embed_image (EkycEngine *engine, const EkycImage *image, gpointer user_data, GError **error)
{
  g_autofree EkycFaceAnalysis *analysis = g_new0 (EkycFaceAnalysis, 1);

  /* Evaluation photos are like document portraits: take the largest face. */
  if (!ekyc_engine_analyze_face (engine, image, EKYC_FACE_SOURCE_DOCUMENT, analysis, error))
    return NULL;
  return g_memdup2 (&analysis->embedding, sizeof analysis->embedding);
}

static gboolean
write_scores (const char *path, GPtrArray *rows, const EkycEvalPair *pairs, GError **error)
{
  g_autoptr(GString) out = g_string_new ("img1,img2,label,score\n");

  for (guint i = 0; i < rows->len; i++)
    {
      const EkycPairRow *row = rows->pdata[i];
      char score[G_ASCII_DTOSTR_BUF_SIZE];
      g_string_append_printf (out, "%s,%s,%d,%s\n", row->img1, row->img2, row->genuine ? 1 : 0,
                              g_ascii_formatd (score, sizeof score, "%.6f", pairs[i].score));
    }
  return g_file_set_contents (path, out->str, out->len, error);
}

static void
add_number (JsonBuilder *b, const char *name, double value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, value);
}

int
ekyc_cli_eval_faces (int argc, char **argv)
{
  g_autofree char *pairs_csv = NULL, *root = NULL, *scores = NULL, *model_dir = NULL;
  g_autofree char *embedder = NULL;
  gboolean json = FALSE;
  int n_threads = 2;
  GOptionEntry entries[] = {
    { "pairs", 'p', 0, G_OPTION_ARG_FILENAME, &pairs_csv, N_("CSV with img1,img2,label[,fold]"),
      N_("CSV") },
    { "root", 'r', 0, G_OPTION_ARG_FILENAME, &root, N_("directory the image paths are relative to"),
      N_("DIR") },
    { "scores", 0, 0, G_OPTION_ARG_FILENAME, &scores, N_("write one score per pair"), N_("OUT.csv") },
    { "threads", 't', 0, G_OPTION_ARG_INT, &n_threads, N_("worker threads (2)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("print JSON"), NULL },
    { "models", 0, 0, G_OPTION_ARG_FILENAME, &model_dir, N_("model directory"), N_("DIR") },
    { "embedder", 0, 0, G_OPTION_ARG_STRING, &embedder, N_("face embedder"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— evaluate face verification"));
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycEngine) engine = NULL;
  g_autoptr(GPtrArray) rows = NULL, paths = NULL, results = NULL, owner = NULL;
  g_autoptr(GArray) codes = g_array_new (FALSE, TRUE, sizeof (int));
  g_autofree EkycEvalPair *pairs = NULL;
  EkycVerificationMetrics m;
  guint failed_images = 0, failed_pairs = 0, accepted_genuine = 0, accepted_impostor = 0;
  float operating;
  double ms_load, ms_total;
  gint64 start;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ekyc_cli_fail (json, NULL, error);
  if (pairs_csv == NULL)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--pairs is required"));
      return ekyc_cli_fail (json, NULL, error);
    }
  if (root == NULL)
    root = g_path_get_dirname (pairs_csv);

  rows = ekyc_eval_read_pairs (pairs_csv, &error);
  if (rows == NULL)
    return ekyc_cli_fail (json, pairs_csv, error);
  engine = ekyc_cli_load_engine (model_dir, embedder, &ms_load, &error);
  if (engine == NULL)
    return ekyc_cli_fail (json, NULL, error);
  ekyc_engine_set_num_threads (1);

  paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < rows->len; i++)
    {
      const EkycPairRow *row = rows->pdata[i];
      g_ptr_array_add (paths, ekyc_cli_resolve (root, row->img1));
      g_ptr_array_add (paths, ekyc_cli_resolve (root, row->img2));
    }
  start = g_get_monotonic_time ();
  results = ekyc_cli_map_images (engine, paths, embed_image, NULL, n_threads, codes, &owner);
  for (guint i = 0; i < paths->len; i++)
    if (ekyc_cli_is_file_error (g_array_index (codes, int, i)))
      {
        g_set_error (&error, EKYC_ERROR, g_array_index (codes, int, i),
                     _("cannot read %s (check --root)"), (const char *) paths->pdata[i]);
        return ekyc_cli_fail (json, NULL, error);
      }
  ms_total = ekyc_cli_ms_since (start);
  for (guint i = 0; i < owner->len; i++)
    failed_images += owner->pdata[i] == NULL;

  operating = ekyc_engine_match_threshold (engine, EKYC_DEFAULT_FMR);
  pairs = g_new0 (EkycEvalPair, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      const EkycPairRow *row = rows->pdata[i];
      const EkycEmbedding *a = results->pdata[2 * i], *b = results->pdata[2 * i + 1];
      pairs[i].genuine = row->genuine;
      pairs[i].fold = row->fold;
      pairs[i].score = (a && b) ? ekyc_embedding_similarity (a, b) : FAILED_SCORE;
      failed_pairs += !(a && b);
      if (pairs[i].score >= operating)
        {
          if (row->genuine)
            accepted_genuine++;
          else
            accepted_impostor++;
        }
    }
  ekyc_eval_verification (pairs, rows->len, &m);
  if (scores != NULL && !write_scores (scores, rows, pairs, &error))
    return ekyc_cli_fail (json, scores, error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "embedder");
      json_builder_add_string_value (b, ekyc_engine_get_embedder (engine));
      json_builder_set_member_name (b, "pairs");
      json_builder_add_int_value (b, rows->len);
      json_builder_set_member_name (b, "genuine");
      json_builder_add_int_value (b, m.n_genuine);
      json_builder_set_member_name (b, "impostor");
      json_builder_add_int_value (b, m.n_impostor);
      json_builder_set_member_name (b, "folds");
      json_builder_add_int_value (b, m.n_folds);
      json_builder_set_member_name (b, "failed_images");
      json_builder_add_int_value (b, failed_images);
      json_builder_set_member_name (b, "failed_pairs");
      json_builder_add_int_value (b, failed_pairs);
      add_number (b, "accuracy", m.accuracy);
      add_number (b, "accuracy_stddev", m.accuracy_stddev);
      add_number (b, "best_threshold", m.best_threshold);
      add_number (b, "tar_at_far_1e-2", m.tar_at_far_1e2);
      add_number (b, "threshold_at_far_1e-2", m.threshold_at_far_1e2);
      add_number (b, "tar_at_far_1e-3", m.tar_at_far_1e3);
      add_number (b, "threshold_at_far_1e-3", m.threshold_at_far_1e3);
      add_number (b, "eer", m.eer);
      add_number (b, "threshold_at_eer", m.threshold_at_eer);
      add_number (b, "operating_threshold", operating);
      add_number (b, "operating_tar", m.n_genuine ? (double) accepted_genuine / m.n_genuine : 0);
      add_number (b, "operating_far", m.n_impostor ? (double) accepted_impostor / m.n_impostor : 0);
      add_number (b, "load_models_ms", ms_load);
      add_number (b, "ms_per_image", owner->len ? ms_total / owner->len : 0);
      json_builder_end_object (b);
      ekyc_cli_print_json (b);
    }
  else
    {
      g_print (_("%u pairs (%zu genuine, %zu impostor), embedder %s\n"), rows->len, m.n_genuine,
               m.n_impostor, ekyc_engine_get_embedder (engine));
      if (m.n_folds > 0)
        g_print (_("Accuracy (%u-fold): %.2f %% ± %.2f\n"), m.n_folds, 100 * m.accuracy,
                 100 * m.accuracy_stddev);
      else
        g_print (_("Accuracy (best threshold %.3f): %.2f %%\n"), m.best_threshold, 100 * m.accuracy);
      g_print (_("TAR at FAR 1e-2: %.2f %% (threshold %.3f)\n"), 100 * m.tar_at_far_1e2,
               m.threshold_at_far_1e2);
      g_print (_("TAR at FAR 1e-3: %.2f %% (threshold %.3f)\n"), 100 * m.tar_at_far_1e3,
               m.threshold_at_far_1e3);
      g_print (_("EER: %.2f %% (threshold %.3f)\n"), 100 * m.eer, m.threshold_at_eer);
      g_print (_("At the engine's threshold %.3f (FMR 1e-3): TAR %.2f %%, FAR %.3f %%\n"), operating,
               m.n_genuine ? 100.0 * accepted_genuine / m.n_genuine : 0,
               m.n_impostor ? 100.0 * accepted_impostor / m.n_impostor : 0);
      g_print (_("Images without a usable face: %u of %u (%u pairs scored as non-matches)\n"),
               failed_images, owner->len, failed_pairs);
      g_print (_("%.1f ms per image on %d threads\n"), owner->len ? ms_total / owner->len : 0,
               n_threads);
    }
  return EKYC_CLI_EXIT_OK;
}
