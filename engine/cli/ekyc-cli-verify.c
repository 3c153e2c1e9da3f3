/* ekyc-cli-verify.c — `ekyc-cli verify`: the document's face against the selfie, with reasons
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-cli"
#include "config.h"

#include <glib/gi18n.h>

#include "ekyc-cli-private.h"

typedef struct {
  const char       *role;
  double            ms_decode;
  EkycFaceAnalysis *analysis;
} Side;

static gboolean
analyze (EkycEngine *engine, const char *path, EkycFaceSource source, Side *side, GError **error)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(EkycImage) image = ekyc_image_new_from_file (path, error);

  side->ms_decode = ekyc_cli_ms_since (start);
  if (image == NULL)
    return FALSE;
  side->analysis = g_new0 (EkycFaceAnalysis, 1);
  return ekyc_engine_analyze_face (engine, image, source, side->analysis, error);
}

static void
add_quality (JsonBuilder *b, const EkycFaceQuality *q)
{
  json_builder_set_member_name (b, "quality");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "score");
  json_builder_add_double_value (b, q->score);
  json_builder_set_member_name (b, "problems");
  json_builder_begin_array (b);
  for (guint bit = 1; bit <= EKYC_QUALITY_EYES_CLOSED; bit <<= 1)
    if (q->problems & bit)
      json_builder_add_string_value (b, ekyc_quality_flag_name (bit));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "interocular_px");
  json_builder_add_double_value (b, q->face_size);
  json_builder_set_member_name (b, "sharpness");
  json_builder_add_double_value (b, q->sharpness);
  json_builder_set_member_name (b, "brightness");
  json_builder_add_double_value (b, q->brightness);
  json_builder_end_object (b);
}

static void
add_side (JsonBuilder *b, const char *path, const Side *side)
{
  const EkycFaceAnalysis *a = side->analysis;

  json_builder_set_member_name (b, side->role);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, path);
  json_builder_set_member_name (b, "faces");
  json_builder_add_int_value (b, a->n_faces);
  json_builder_set_member_name (b, "box");
  json_builder_begin_array (b);
  json_builder_add_double_value (b, a->detection.box.x);
  json_builder_add_double_value (b, a->detection.box.y);
  json_builder_add_double_value (b, a->detection.box.width);
  json_builder_add_double_value (b, a->detection.box.height);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "detection_score");
  json_builder_add_double_value (b, a->detection.score);
  json_builder_set_member_name (b, "pose");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "yaw");
  json_builder_add_double_value (b, a->landmarks.yaw);
  json_builder_set_member_name (b, "pitch");
  json_builder_add_double_value (b, a->landmarks.pitch);
  json_builder_set_member_name (b, "roll");
  json_builder_add_double_value (b, a->landmarks.roll);
  json_builder_end_object (b);
  add_quality (b, &a->quality);
  if (a->has_liveness)
    {
      json_builder_set_member_name (b, "liveness");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "score");
      json_builder_add_double_value (b, a->liveness.score);
      json_builder_set_member_name (b, "threshold");
      json_builder_add_double_value (b, a->liveness.threshold);
      json_builder_set_member_name (b, "live");
      json_builder_add_boolean_value (b, a->liveness.live);
      json_builder_end_object (b);
    }
  json_builder_set_member_name (b, "timings_ms");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "decode");
  json_builder_add_double_value (b, side->ms_decode);
  json_builder_set_member_name (b, "detect");
  json_builder_add_double_value (b, a->ms_detect);
  json_builder_set_member_name (b, "landmarks");
  json_builder_add_double_value (b, a->ms_landmarks);
  json_builder_set_member_name (b, "embed");
  json_builder_add_double_value (b, a->ms_embed);
  json_builder_set_member_name (b, "quality");
  json_builder_add_double_value (b, a->ms_quality);
  json_builder_set_member_name (b, "liveness");
  json_builder_add_double_value (b, a->ms_liveness);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
print_text_side (const char *label, const Side *side)
{
  const EkycFaceAnalysis *a = side->analysis;

  g_print (_("%s: %zu face(s); face %.0f×%.0f at (%.0f, %.0f); yaw %.0f°, pitch %.0f°; "
             "quality %.2f"), label, a->n_faces, a->detection.box.width, a->detection.box.height,
           a->detection.box.x, a->detection.box.y, a->landmarks.yaw, a->landmarks.pitch,
           a->quality.score);
  for (guint bit = 1; bit <= EKYC_QUALITY_EYES_CLOSED; bit <<= 1)
    if (a->quality.problems & bit)
      g_print (" [%s]", ekyc_quality_flag_name (bit));
  g_print ("\n");
  if (a->has_liveness)
    g_print (_("  liveness %.3f (threshold %.2f): %s\n"), a->liveness.score,
             a->liveness.threshold, a->liveness.live ? _("live") : _("possible spoof"));
}

int
ekyc_cli_verify (int argc, char **argv)
{
  g_autofree char *document = NULL, *selfie = NULL, *model_dir = NULL, *embedder = NULL;
  gboolean json = FALSE;
  double fmr = EKYC_DEFAULT_FMR, ms_load, ms_compare;
  GOptionEntry entries[] = {
    { "document", 'd', 0, G_OPTION_ARG_FILENAME, &document, N_("ID card image"), N_("FILE") },
    { "selfie", 's', 0, G_OPTION_ARG_FILENAME, &selfie, N_("live selfie image"), N_("FILE") },
    { "fmr", 0, 0, G_OPTION_ARG_DOUBLE, &fmr, N_("false match rate of the decision (1e-3)"),
      N_("RATE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("print JSON"), NULL },
    { "models", 0, 0, G_OPTION_ARG_FILENAME, &model_dir, N_("model directory"), N_("DIR") },
    { "embedder", 0, 0, G_OPTION_ARG_STRING, &embedder, N_("face embedder"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— compare a document with a selfie"));
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycEngine) engine = NULL;
  g_autofree EkycFaceAnalysis *doc_analysis = NULL, *selfie_analysis = NULL;
  Side doc = { "document" }, live = { "selfie" };
  gint64 start;
  float similarity, threshold;
  gboolean match;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ekyc_cli_fail (json, NULL, error);
  if (document == NULL || selfie == NULL)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("both --document and --selfie are required"));
      return ekyc_cli_fail (json, NULL, error);
    }
  if (!(fmr > 0 && fmr < 1))
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--fmr must be between 0 and 1"));
      return ekyc_cli_fail (json, NULL, error);
    }

  engine = ekyc_cli_load_engine (model_dir, embedder, &ms_load, &error);
  if (engine == NULL)
    return ekyc_cli_fail (json, NULL, error);

  start = g_get_monotonic_time ();
  if (!analyze (engine, document, EKYC_FACE_SOURCE_DOCUMENT, &doc, &error))
    {
      g_free (doc.analysis);
      return ekyc_cli_fail (json, "document", error);
    }
  doc_analysis = doc.analysis;
  if (!analyze (engine, selfie, EKYC_FACE_SOURCE_SELFIE, &live, &error))
    {
      g_free (live.analysis);
      return ekyc_cli_fail (json, "selfie", error);
    }
  selfie_analysis = live.analysis;
  similarity = ekyc_embedding_similarity (&doc_analysis->embedding, &selfie_analysis->embedding);
  threshold = ekyc_engine_match_threshold (engine, fmr);
  match = similarity >= threshold;
  ms_compare = ekyc_cli_ms_since (start);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "decision");
      json_builder_add_string_value (b, match ? "match" : "no-match");
      json_builder_set_member_name (b, "match");
      json_builder_add_boolean_value (b, match);
      json_builder_set_member_name (b, "similarity");
      json_builder_add_double_value (b, similarity);
      json_builder_set_member_name (b, "threshold");
      json_builder_add_double_value (b, threshold);
      json_builder_set_member_name (b, "fmr");
      json_builder_add_double_value (b, fmr);
      json_builder_set_member_name (b, "embedder");
      json_builder_add_string_value (b, ekyc_engine_get_embedder (engine));
      add_side (b, document, &doc);
      add_side (b, selfie, &live);
      json_builder_set_member_name (b, "timings_ms");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "load_models");
      json_builder_add_double_value (b, ms_load);
      json_builder_set_member_name (b, "verify");
      json_builder_add_double_value (b, ms_compare);
      json_builder_end_object (b);
      json_builder_end_object (b);
      ekyc_cli_print_json (b);
    }
  else
    {
      print_text_side (_("Document"), &doc);
      print_text_side (_("Selfie"), &live);
      g_print (_("Similarity %.3f, threshold %.3f at FMR %g (%s): %s\n"), similarity, threshold,
               fmr, ekyc_engine_get_embedder (engine), match ? _("MATCH") : _("NO MATCH"));
      g_print (_("Timings: models loaded in %.0f ms; verify %.0f ms\n"), ms_load, ms_compare);
    }
  return match ? EKYC_CLI_EXIT_OK : EKYC_CLI_EXIT_NO_MATCH;
}
