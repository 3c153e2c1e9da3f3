/* ekyc-cli-eval-liveness.c — `ekyc-cli eval-liveness`: APCER and BPCER (ISO/IEC 30107-3)
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-cli"
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "ekyc-cli-private.h"
#include "ekyc-eval-csv.h"
#include "ekyc-eval-metrics.h"

/* An image with no face gets this score: rejected, whatever it is (a failure to acquire). */
#define FAILED_SCORE 0.0

static gpointer
score_image (EkycEngine *engine, const EkycImage *image, gpointer user_data, GError **error)
{
  g_autofree EkycFaceDetection *faces = NULL;
  gsize n_faces = 0;
  EkycLivenessResult result;

  if (!ekyc_engine_detect_faces (engine, image, &faces, &n_faces, error))
    return NULL;
  if (n_faces == 0)
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_NO_FACE, "no face");
      return NULL;
    }
  if (!ekyc_engine_passive_liveness (engine, image, &faces[0], &result, error))
    return NULL;
  return g_memdup2 (&result.score, sizeof result.score);
}

static void
add_number (JsonBuilder *b, const char *name, double value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, value);
}

int
ekyc_cli_eval_liveness (int argc, char **argv)
{
  g_autofree char *labels_csv = NULL, *root = NULL, *scores = NULL, *model_dir = NULL;
  gboolean json = FALSE;
  int n_threads = 2;
  GOptionEntry entries[] = {
    { "labels", 'l', 0, G_OPTION_ARG_FILENAME, &labels_csv, N_("CSV with image,label (live/spoof)"),
      N_("CSV") },
    { "root", 'r', 0, G_OPTION_ARG_FILENAME, &root, N_("directory the image paths are relative to"),
      N_("DIR") },
    { "scores", 0, 0, G_OPTION_ARG_FILENAME, &scores, N_("write one score per image"),
      N_("OUT.csv") },
    { "threads", 't', 0, G_OPTION_ARG_INT, &n_threads, N_("worker threads (2)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("print JSON"), NULL },
    { "models", 0, 0, G_OPTION_ARG_FILENAME, &model_dir, N_("model directory"), N_("DIR") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— evaluate passive liveness"));
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycEngine) engine = NULL;
  g_autoptr(GPtrArray) rows = NULL, paths = NULL, results = NULL, owner = NULL;
  g_autoptr(GArray) codes = g_array_new (FALSE, TRUE, sizeof (int));
  g_autoptr(GString) csv = g_string_new ("image,label,score\n");
  g_autofree EkycEvalSample *samples = NULL;
  EkycLivenessMetrics m;
  guint failed = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ekyc_cli_fail (json, NULL, error);
  if (labels_csv == NULL)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--labels is required"));
      return ekyc_cli_fail (json, NULL, error);
    }
  if (root == NULL)
    root = g_path_get_dirname (labels_csv);

  rows = ekyc_eval_read_labels (labels_csv, &error);
  if (rows == NULL)
    return ekyc_cli_fail (json, labels_csv, error);
  engine = ekyc_cli_load_engine (model_dir, NULL, NULL, &error);
  if (engine == NULL)
    return ekyc_cli_fail (json, NULL, error);
  ekyc_engine_set_num_threads (1);

  paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (paths, ekyc_cli_resolve (root, ((EkycLabelRow *) rows->pdata[i])->image));
  results = ekyc_cli_map_images (engine, paths, score_image, NULL, n_threads, codes, &owner);
  for (guint i = 0; i < paths->len; i++)
    if (ekyc_cli_is_file_error (g_array_index (codes, int, i)))
      {
        g_set_error (&error, EKYC_ERROR, g_array_index (codes, int, i),
                     _("cannot read %s (check --root)"), (const char *) paths->pdata[i]);
        return ekyc_cli_fail (json, NULL, error);
      }

  samples = g_new0 (EkycEvalSample, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      const EkycLabelRow *row = rows->pdata[i];
      const float *score = results->pdata[i];
      char text[G_ASCII_DTOSTR_BUF_SIZE];

      samples[i].bona_fide = row->bona_fide;
      samples[i].score = score ? *score : FAILED_SCORE;
      failed += score == NULL;
      g_string_append_printf (csv, "%s,%s,%s\n", row->image, row->bona_fide ? "live" : "spoof",
                              g_ascii_formatd (text, sizeof text, "%.6f", samples[i].score));
    }
  ekyc_eval_liveness (samples, rows->len, ekyc_engine_liveness_threshold (engine), &m);
  if (scores != NULL && !g_file_set_contents (scores, csv->str, csv->len, &error))
    return ekyc_cli_fail (json, scores, error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "bona_fide");
      json_builder_add_int_value (b, m.n_bona_fide);
      json_builder_set_member_name (b, "attacks");
      json_builder_add_int_value (b, m.n_attack);
      json_builder_set_member_name (b, "failed_images");
      json_builder_add_int_value (b, failed);
      add_number (b, "threshold", m.threshold);
      add_number (b, "apcer", m.apcer);
      add_number (b, "bpcer", m.bpcer);
      add_number (b, "bpcer_at_apcer_5", m.bpcer_at_apcer_5);
      add_number (b, "threshold_at_apcer_5", m.threshold_at_apcer_5);
      add_number (b, "bpcer_at_apcer_1", m.bpcer_at_apcer_1);
      add_number (b, "threshold_at_apcer_1", m.threshold_at_apcer_1);
      add_number (b, "eer", m.eer);
      add_number (b, "threshold_at_eer", m.threshold_at_eer);
      json_builder_end_object (b);
      ekyc_cli_print_json (b);
    }
  else
    {
      g_print (_("%zu bona fide, %zu attack presentations; %u without a face (scored %.1f)\n"),
               m.n_bona_fide, m.n_attack, failed, FAILED_SCORE);
      g_print (_("At the operating threshold %.3f: APCER %.2f %%, BPCER %.2f %%\n"), m.threshold,
               100 * m.apcer, 100 * m.bpcer);
      g_print (_("BPCER at APCER 5 %%: %.2f %% (threshold %.3f)\n"), 100 * m.bpcer_at_apcer_5,
               m.threshold_at_apcer_5);
      g_print (_("BPCER at APCER 1 %%: %.2f %% (threshold %.3f)\n"), 100 * m.bpcer_at_apcer_1,
               m.threshold_at_apcer_1);
      g_print (_("EER: %.2f %% (threshold %.3f)\n"), 100 * m.eer, m.threshold_at_eer);
    }
  return EKYC_CLI_EXIT_OK;
}
