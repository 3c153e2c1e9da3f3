/* ekyc-cli-bench.c — `ekyc-cli bench`: per-stage latency on 640×480 frames, load time, peak memory
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-cli"
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "ekyc-cli-private.h"

enum { STAGE_DETECT, STAGE_LANDMARKS, STAGE_DETECT_LANDMARKS, STAGE_TRACK, STAGE_EMBED,
       STAGE_LIVENESS, STAGE_QUALITY, STAGE_VERIFY, N_STAGES };
static const char *const stage_names[N_STAGES] = {
  "detect", "landmarks", "detect+landmarks", "track", "embed", "liveness", "quality",
  "verify-two-stills",
};

#define TIME(array, stmt)                                            \
  G_STMT_START {                                                     \
    gint64 _t = g_get_monotonic_time ();                             \
    double _ms;                                                      \
    stmt;                                                            \
    _ms = ekyc_cli_ms_since (_t);                                    \
    g_array_append_val ((array), _ms);                               \
  } G_STMT_END

/* One pass over the frames; returns FALSE on an engine error. */
static gboolean
run_pass (EkycEngine *engine, GPtrArray *frames, GPtrArray *files, GArray **t, GError **error)
{
  g_autofree EkycFaceAnalysis *a = g_new0 (EkycFaceAnalysis, 1);
  g_autofree EkycFaceAnalysis *b = g_new0 (EkycFaceAnalysis, 1);

  for (guint i = 0; i < frames->len; i++)
    {
      EkycImage *frame = frames->pdata[i];
      g_autofree EkycFaceDetection *faces = NULL;
      gsize n = 0;
      EkycFaceLandmarks *lm = &a->landmarks;
      EkycEmbedding *emb = &a->embedding;
      EkycLivenessResult live;
      EkycFaceQuality q;
      gboolean ok = TRUE;

      TIME (t[STAGE_DETECT], ok = ekyc_engine_detect_faces (engine, frame, &faces, &n, error));
      if (!ok)
        return FALSE;
      if (n == 0)
        continue;
      TIME (t[STAGE_LANDMARKS], ok = ekyc_engine_face_landmarks (engine, frame, &faces[0], lm,
                                                                   error));
      if (!ok)
        return FALSE;
      {
        double sum = g_array_index (t[STAGE_DETECT], double, t[STAGE_DETECT]->len - 1) +
                     g_array_index (t[STAGE_LANDMARKS], double, t[STAGE_LANDMARKS]->len - 1);
        g_array_append_val (t[STAGE_DETECT_LANDMARKS], sum);
      }
      /* Video's steady state: mesh and irises from the previous frame's mesh, no detector. */
      TIME (t[STAGE_TRACK], ok = ekyc_engine_track_face (engine, frame, lm, &b->landmarks, error));
      if (!ok)
        return FALSE;
      TIME (t[STAGE_EMBED], ok = ekyc_engine_embed_face (engine, frame, lm, emb, error));
      if (ok)
        TIME (t[STAGE_LIVENESS], ok = ekyc_engine_passive_liveness (engine, frame, &faces[0], &live,
                                                                     error));
      if (ok)
        TIME (t[STAGE_QUALITY], ok = ekyc_engine_face_quality (engine, frame, lm, &q, error));
      if (!ok)
        return FALSE;
    }
  /* Verify of two stills, from the files (decoding included), as `ekyc-cli verify` does it. */
  for (guint i = 0; i + 1 < files->len; i += 2)
    {
      g_autoptr(GError) local = NULL;
      gint64 start = g_get_monotonic_time ();
      g_autoptr(EkycImage) doc = ekyc_image_new_from_file (files->pdata[i], &local);
      g_autoptr(EkycImage) selfie = ekyc_image_new_from_file (files->pdata[i + 1], &local);
      double ms;

      if (doc == NULL || selfie == NULL ||
          !ekyc_engine_analyze_face (engine, doc, EKYC_FACE_SOURCE_DOCUMENT, a, &local) ||
          !ekyc_engine_analyze_face (engine, selfie, EKYC_FACE_SOURCE_SELFIE, b, &local))
        continue;
      (void) ekyc_embedding_similarity (&a->embedding, &b->embedding);
      ms = ekyc_cli_ms_since (start);
      g_array_append_val (t[STAGE_VERIFY], ms);
    }
  return TRUE;
}

/* g_ptr_array_sort passes pointers to the elements. */
static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_ascii_strcasecmp (*(const char *const *) a, *(const char *const *) b);
}

static GPtrArray *
list_images (const char *dir, guint max, GError **error)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    {
      g_ptr_array_unref (files);
      return NULL;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".jpg") || g_str_has_suffix (name, ".png"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len && files->len < max; i++)
    g_ptr_array_add (files, g_build_filename (dir, names->pdata[i], NULL));
  return files;
}

int
ekyc_cli_bench (int argc, char **argv)
{
  g_autofree char *root = NULL, *model_dir = NULL;
  gboolean json = FALSE;
  int runs = 5, max_images = 20;
  GOptionEntry entries[] = {
    { "root", 'r', 0, G_OPTION_ARG_FILENAME, &root,
      N_("folder of photos to make frames from (../shared/data/faces/deepface)"), N_("DIR") },
    { "images", 'n', 0, G_OPTION_ARG_INT, &max_images, N_("photos to use (20)"), N_("N") },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, N_("passes over the frames per setting (5)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("print JSON"), NULL },
    { "models", 0, 0, G_OPTION_ARG_FILENAME, &model_dir, N_("model directory"), N_("DIR") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— time the engine"));
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycEngine) engine = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) frames = g_ptr_array_new_with_free_func ((GDestroyNotify) ekyc_image_unref);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  static const int thread_settings[] = { 1, 2 };
  double ms_load;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ekyc_cli_fail (json, NULL, error);
  if (root == NULL)
    {
      const char *shared = g_getenv ("EKYC_SHARED_DATA");
      root = g_build_filename (shared ? shared : "../shared/data", "faces", "deepface", NULL);
    }

  engine = ekyc_cli_load_engine (model_dir, NULL, &ms_load, &error);
  if (engine == NULL)
    return ekyc_cli_fail (json, NULL, error);
  files = list_images (root, MAX (max_images, 2), &error);
  if (files == NULL)
    return ekyc_cli_fail (json, root, error);
  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(EkycImage) photo = ekyc_image_new_from_file (files->pdata[i], &error);
      EkycImage *frame;
      if (photo == NULL)
        return ekyc_cli_fail (json, files->pdata[i], error);
      frame = ekyc_image_new_fitted (photo, 640, 480, &error);
      if (frame == NULL)
        return ekyc_cli_fail (json, files->pdata[i], error);
      g_ptr_array_add (frames, frame);
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "frames");
  json_builder_add_int_value (b, frames->len);
  json_builder_set_member_name (b, "frame_size");
  json_builder_add_string_value (b, "640x480");
  json_builder_set_member_name (b, "load_models_ms");
  json_builder_add_double_value (b, ms_load);
  json_builder_set_member_name (b, "threads");
  json_builder_begin_object (b);
  if (!json)
    g_print (_("%u frames of 640×480 from %s; models loaded in %.0f ms\n"), frames->len, root,
             ms_load);
  for (guint s = 0; s < G_N_ELEMENTS (thread_settings); s++)
    {
      GArray *t[N_STAGES];
      char key[8];

      for (int k = 0; k < N_STAGES; k++)
        t[k] = g_array_new (FALSE, FALSE, sizeof (double));
      ekyc_engine_set_num_threads (thread_settings[s]);
      /* One warm-up pass (first inferences allocate), then the measured ones. */
      for (int r = 0; r <= runs; r++)
        {
          if (!run_pass (engine, frames, files, t, &error))
            {
              for (int k = 0; k < N_STAGES; k++)
                g_array_unref (t[k]);
              return ekyc_cli_fail (json, NULL, error);
            }
          if (r == 0)
            for (int k = 0; k < N_STAGES; k++)
              g_array_set_size (t[k], 0);
        }
      g_snprintf (key, sizeof key, "%d", thread_settings[s]);
      json_builder_set_member_name (b, key);
      json_builder_begin_object (b);
      if (!json)
        g_print (_("OpenCV threads: %d\n  %-18s %9s %9s %6s\n"), thread_settings[s], _("stage"),
                 _("median ms"), _("p95 ms"), "n");
      for (int k = 0; k < N_STAGES; k++)
        {
          double med = ekyc_cli_quantile (t[k], 0.5), p95 = ekyc_cli_quantile (t[k], 0.95);
          json_builder_set_member_name (b, stage_names[k]);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "median_ms");
          json_builder_add_double_value (b, med);
          json_builder_set_member_name (b, "p95_ms");
          json_builder_add_double_value (b, p95);
          json_builder_set_member_name (b, "n");
          json_builder_add_int_value (b, t[k]->len);
          json_builder_end_object (b);
          if (!json)
            g_print ("  %-18s %9.2f %9.2f %6u\n", stage_names[k], med, p95, t[k]->len);
          g_array_unref (t[k]);
        }
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "peak_rss_mib");
  json_builder_add_double_value (b, ekyc_cli_peak_rss_mib ());
  json_builder_end_object (b);
  if (json)
    ekyc_cli_print_json (b);
  else
    g_print (_("Peak memory (RSS): %.0f MiB\n"), ekyc_cli_peak_rss_mib ());
  return EKYC_CLI_EXIT_OK;
}
