/* test-model-equivalence.c — each converted model reproduces its TensorFlow.js original
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * For every model tools/tfjs2onnx.py converts (data/meson.build), the same seeded input goes
 * through TensorFlow.js (Node, @tensorflow/tfjs, pure-JS cpu backend; tfjs-reference.mjs) and
 * through the built ONNX file in OpenCV DNN (the engine's own _ekyc_cv_net_* shim). Every
 * output must agree: max |onnx - tfjs| <= 1e-3 × max (1, max |tfjs|). The input range is the
 * one the engine feeds (pixels 0..255 through the model's mean and scale in ekyc-models.c).
 *
 * face-embedder-faceapi.onnx, which tools/faceapi2onnx.py builds from @vladmandic/face-api's bare
 * weights, is checked the same way against face-api's own JavaScript (faceapi-reference.mjs,
 * FaceRecognitionNet.computeFaceDescriptor on the same TFJS backend), fed as face-api feeds it.
 *
 * Environment (tests/models/meson.build): EKYC_NODE (node binary, empty when not found),
 * EKYC_NODE_MODULES (holds @tensorflow/tfjs), EKYC_TFJS_MODEL_DIR (the original model.json
 * files), EKYC_CONVERTED_MODELS ("out.onnx=source;…", data/meson.build's list), EKYC_FACEAPI_DIR
 * (the unpacked @vladmandic/face-api package), EKYC_MODEL_DIR (the built ONNX files). Missing
 * Node or model cache skips the tests, except under CI=… where a proof that silently did not run
 * would be worse than a failure.
 *
 * The six models the engine needed when this test was written always have a test path; any other
 * model data/meson.build converts gets one too, fed as the engine's spec with the same file name
 * says (or 0..1 if the engine does not load it).
 */
#define G_LOG_DOMAIN "ekyc-test"
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "ekyc-engine-private.h"
#include "test-utils.h"

#define TOLERANCE 1e-3

typedef struct {
  char                *name;  /* test path component and ONNX basename */
  const EkycModelSpec *spec;  /* how the engine feeds it; NULL if the engine does not load it */
} ModelCase;

static const char *const required_models[] = {
  "face-detector", "face-detector-far", "face-mesh", "iris", "face-embedder-mobileface",
  "face-embedder-faceres",
};

/* The engine's spec for an ONNX file name, or NULL. */
static const EkycModelSpec *
engine_spec_for (const char *file)
{
  const EkycModelSpec *const specs[] = {
    &ekyc_detector_spec, &ekyc_detector_far_spec, &ekyc_mesh_spec, &ekyc_iris_spec,
    &ekyc_liveness_spec,
  };

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    if (g_str_equal (specs[i]->file, file))
      return specs[i];
  for (const EkycEmbedderSpec *const *e = _ekyc_embedder_list (); *e != NULL; e++)
    if (g_str_equal ((*e)->model.file, file))
      return &(*e)->model;
  return NULL;
}

/* ---- the converted-model list from data/meson.build ---------------------------------------- */

static GHashTable *
converted_models (void)
{
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) entries = g_strsplit (g_getenv ("EKYC_CONVERTED_MODELS") ?: "", ";", -1);

  for (guint i = 0; entries[i] != NULL; i++)
    {
      char *eq = strchr (entries[i], '=');
      if (eq == NULL)
        continue;
      g_hash_table_insert (map, g_strndup (entries[i], eq - entries[i]), g_strdup (eq + 1));
    }
  return map;
}

/* A missing tool or cache: skipped locally, a failure under CI. */
static void
skip_or_fail (const char *why)
{
  if (g_getenv ("CI") != NULL && *g_getenv ("CI") != '\0')
    {
      g_test_message ("CI is set: %s", why);
      g_test_fail ();
    }
  else
    g_test_skip (why);
}

/* ---- just enough protobuf to read an ONNX graph's inputs and outputs ----------------------- */

typedef struct {
  char   *name;
  int     elem_type;
  GArray *dims;  /* gint64; -1 for a symbolic dimension */
} ValueInfo;

static void
value_info_free (gpointer data)
{
  ValueInfo *vi = data;
  g_free (vi->name);
  g_array_unref (vi->dims);
  g_free (vi);
}

typedef struct {
  const guint8 *p, *end;
} PbReader;

static gboolean
pb_varint (PbReader *r, guint64 *value)
{
  guint64 v = 0;
  for (int shift = 0; shift < 64 && r->p < r->end; shift += 7)
    {
      guint8 b = *r->p++;
      v |= (guint64) (b & 0x7f) << shift;
      if ((b & 0x80) == 0)
        {
          *value = v;
          return TRUE;
        }
    }
  return FALSE;
}

/* Next field: its number, and for length-delimited fields a sub-reader (*sub); other wire types
 * are skipped (sub->p == NULL) except varints, whose value lands in *varint. */
static gboolean
pb_next (PbReader *r, guint *field, PbReader *sub, guint64 *varint)
{
  guint64 key, len;

  if (!pb_varint (r, &key))
    return FALSE;
  *field = key >> 3;
  sub->p = sub->end = NULL;
  switch (key & 7)
    {
    case 0:
      return pb_varint (r, varint);
    case 1:
      if (r->end - r->p < 8)
        return FALSE;
      r->p += 8;
      return TRUE;
    case 2:
      if (!pb_varint (r, &len) || len > (guint64) (r->end - r->p))
        return FALSE;
      sub->p = r->p;
      sub->end = r->p + len;
      r->p += len;
      return TRUE;
    case 5:
      if (r->end - r->p < 4)
        return FALSE;
      r->p += 4;
      return TRUE;
    default:
      return FALSE;
    }
}

/* ValueInfoProto { name = 1; type = 2 { tensor_type = 1 { elem_type = 1; shape = 2 {
 * dim = 1 { dim_value = 1; dim_param = 2 } } } } } */
static ValueInfo *
parse_value_info (PbReader r)
{
  ValueInfo *vi = g_new0 (ValueInfo, 1);
  PbReader type, tensor, shape, dim, value;
  guint field;
  guint64 v;

  vi->dims = g_array_new (FALSE, FALSE, sizeof (gint64));
  while (r.p < r.end && pb_next (&r, &field, &type, &v))
    {
      if (field == 1 && type.p)
        vi->name = g_strndup ((const char *) type.p, type.end - type.p);
      if (field != 2 || !type.p)
        continue;
      while (type.p < type.end && pb_next (&type, &field, &tensor, &v))
        {
          if (field != 1 || !tensor.p)
            continue;
          while (tensor.p < tensor.end && pb_next (&tensor, &field, &shape, &v))
            {
              if (field == 1 && !shape.p)
                vi->elem_type = (int) v;
              if (field != 2 || !shape.p)
                continue;
              while (shape.p < shape.end && pb_next (&shape, &field, &dim, &v))
                {
                  gint64 size = -1;
                  if (field != 1 || !dim.p)
                    continue;
                  while (dim.p < dim.end && pb_next (&dim, &field, &value, &v))
                    if (field == 1 && !value.p)
                      size = (gint64) v;
                  g_array_append_val (vi->dims, size);
                }
            }
        }
    }
  return vi;
}

/* ModelProto.graph = 7; GraphProto.input = 11, output = 12. */
static gboolean
read_onnx_io (const char *path, GPtrArray **inputs, GPtrArray **outputs, GError **error)
{
  g_autofree char *data = NULL;
  gsize length;
  PbReader r, graph, sub;
  guint field;
  guint64 v;
  gboolean found = FALSE;

  if (!g_file_get_contents (path, &data, &length, error))
    return FALSE;
  *inputs = g_ptr_array_new_with_free_func (value_info_free);
  *outputs = g_ptr_array_new_with_free_func (value_info_free);
  r.p = (const guint8 *) data;
  r.end = r.p + length;
  while (r.p < r.end && pb_next (&r, &field, &graph, &v))
    {
      if (field != 7 || !graph.p)
        continue;
      found = TRUE;
      while (graph.p < graph.end && pb_next (&graph, &field, &sub, &v))
        {
          if (field == 11 && sub.p)
            g_ptr_array_add (*inputs, parse_value_info (sub));
          else if (field == 12 && sub.p)
            g_ptr_array_add (*outputs, parse_value_info (sub));
        }
    }
  if (!found || r.p != r.end)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: not an ONNX model", path);
      return FALSE;
    }
  return TRUE;
}

/* ---- reference files ----------------------------------------------------------------------- */

static float *
read_f32 (const char *path, gsize expected, GError **error)
{
  g_autofree char *data = NULL;
  gsize length;
  float *values;

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  if (length != expected * 4)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s: %" G_GSIZE_FORMAT " bytes, expected %" G_GSIZE_FORMAT " floats", path,
                   length, expected);
      return NULL;
    }
  values = g_new (float, expected);
  for (gsize i = 0; i < expected; i++)
    {
      guint32 bits;
      memcpy (&bits, data + 4 * i, 4);
      bits = GUINT32_FROM_LE (bits);
      memcpy (&values[i], &bits, 4);
    }
  return values;
}

static gsize
shape_total (JsonArray *shape, GString *text)
{
  gsize total = 1;
  for (guint i = 0; i < json_array_get_length (shape); i++)
    {
      gint64 d = json_array_get_int_element (shape, i);
      g_assert_cmpint (d, >, 0);
      total *= (gsize) d;
      if (text)
        g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i ? "," : "[", d);
    }
  if (text)
    g_string_append_c (text, ']');
  return total;
}

/* ---- the comparison ------------------------------------------------------------------------ */

/* The node binary, or NULL after skip_or_fail. */
static const char *
reference_node (void)
{
  const char *node = g_getenv ("EKYC_NODE");

  if (node == NULL || *node == '\0')
    {
      skip_or_fail ("node not found: cannot run the TensorFlow.js reference");
      return NULL;
    }
  return node;
}

/* Runs `node SCRIPT SOURCE TMPDIR NAME [EXTRA_ARG]` (a reference script in tests/models writing
 * NAME.json, NAME.input.f32 and NAME.out*.f32 in tfjs-reference.mjs's layout), feeds the same
 * input through the built ONNX file in OpenCV DNN and compares every output. WHAT describes the
 * reference run in the log. */
static void
check_against_reference (const ModelCase *mc, const char *node, const char *script_name,
                         const char *source, const char *extra_arg, const char *what)
{
  const EkycModelSpec *spec = mc->spec;
  g_autofree char *onnx_file = g_strconcat (mc->name, ".onnx", NULL);
  g_autofree char *onnx_path = NULL, *script = NULL, *tmp = NULL;
  g_autofree char *out_text = NULL, *err_text = NULL, *meta_path = NULL;
  g_autoptr(GPtrArray) onnx_inputs = NULL, onnx_outputs = NULL, names = NULL;
  g_autoptr(GPtrArray) refs = NULL, got = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) sizes = NULL;
  g_autofree float *input = NULL, *blob = NULL;
  g_autofree char *cv_error = NULL;
  JsonObject *meta, *in_meta;
  JsonArray *in_shape, *outputs;
  ValueInfo *in_vi;
  EkycCvNet *net;
  int status, width = 0, height = 0;
  double worst_abs = 0, worst_rel = 0;
  gint64 t0;

  onnx_path = g_build_filename (ekyc_test_model_dir (), onnx_file, NULL);

  /* The ONNX input is what the engine feeds: one NCHW float blob [1, 3, H, W]. */
  if (spec != NULL)
    {
      width = spec->input.width;
      height = spec->input.height;
    }
  g_assert_true (read_onnx_io (onnx_path, &onnx_inputs, &onnx_outputs, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (onnx_inputs->len, ==, 1);
  in_vi = onnx_inputs->pdata[0];
  g_assert_cmpstr (in_vi->name, ==, "input");
  g_assert_cmpint (in_vi->elem_type, ==, 1 /* FLOAT */);
  g_assert_cmpuint (in_vi->dims->len, ==, 4);
  g_assert_cmpint (g_array_index (in_vi->dims, gint64, 0), ==, 1);
  g_assert_cmpint (g_array_index (in_vi->dims, gint64, 1), ==, 3);
  if (spec == NULL)
    {
      g_test_message ("%s: the engine does not load this model; ONNX size", mc->name);
      height = (int) g_array_index (in_vi->dims, gint64, 2);
      width = (int) g_array_index (in_vi->dims, gint64, 3);
      g_assert_cmpint (height, >, 0);
      g_assert_cmpint (width, >, 0);
    }
  g_assert_cmpint (g_array_index (in_vi->dims, gint64, 2), ==, height);
  g_assert_cmpint (g_array_index (in_vi->dims, gint64, 3), ==, width);

  tmp = g_dir_make_tmp ("ekyc-equivalence-XXXXXX", &error);
  g_assert_no_error (error);
  script = g_test_build_filename (G_TEST_DIST, "models", script_name, NULL);
  {
    const char *argv[] = { node, script, source, tmp, mc->name, extra_arg, NULL };
    t0 = g_get_monotonic_time ();
    g_spawn_sync (NULL, (char **) argv, NULL,
                  strchr (node, G_DIR_SEPARATOR) ? G_SPAWN_DEFAULT : G_SPAWN_SEARCH_PATH, NULL,
                  NULL, &out_text, &err_text, &status, &error);
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, &error))
      g_test_message ("%s stderr:\n%s", script_name, err_text);
    g_assert_no_error (error);
    g_test_message ("%s: %s, %.2f s", mc->name, what, (g_get_monotonic_time () - t0) / 1e6);
  }

  parser = json_parser_new ();
  meta_path = g_strdup_printf ("%s/%s.json", tmp, mc->name);
  json_parser_load_from_file (parser, meta_path, &error);
  g_assert_no_error (error);
  meta = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (meta, "backend"), ==, "cpu");
  in_meta = json_object_get_object_member (meta, "input");
  in_shape = json_object_get_array_member (in_meta, "shape");

  /* TFJS takes NHWC [1, H, W, 3]: the same size, transposed. */
  g_assert_cmpuint (json_array_get_length (in_shape), ==, 4);
  g_assert_cmpint (json_array_get_int_element (in_shape, 0), ==, 1);
  g_assert_cmpint (json_array_get_int_element (in_shape, 1), ==, height);
  g_assert_cmpint (json_array_get_int_element (in_shape, 2), ==, width);
  g_assert_cmpint (json_array_get_int_element (in_shape, 3), ==, 3);
  {
    g_autofree char *path = g_build_filename (tmp, json_object_get_string_member (in_meta, "file"),
                                              NULL);
    input = read_f32 (path, (gsize) width * height * 3, &error);
    g_assert_no_error (error);
  }
  blob = g_new (float, (gsize) width * height * 3);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      for (int c = 0; c < 3; c++)
        blob[((gsize) c * height + y) * width + x] = input[((gsize) y * width + x) * 3 + c];

  /* The outputs: same names, order and shapes as TFJS; the engine's are among them. */
  outputs = json_object_get_array_member (meta, "outputs");
  g_assert_cmpuint (json_array_get_length (outputs), ==, onnx_outputs->len);
  names = g_ptr_array_new ();
  refs = g_ptr_array_new_with_free_func (g_free);
  got = g_ptr_array_new_with_free_func (g_free);
  sizes = g_array_new (FALSE, FALSE, sizeof (size_t));
  for (guint i = 0; i < json_array_get_length (outputs); i++)
    {
      JsonObject *o = json_array_get_object_element (outputs, i);
      ValueInfo *vi = onnx_outputs->pdata[i];
      JsonArray *shape = json_object_get_array_member (o, "shape");
      g_autofree char *path = g_build_filename (tmp, json_object_get_string_member (o, "file"),
                                                NULL);
      size_t n = shape_total (shape, NULL);

      g_assert_cmpstr (vi->name, ==, json_object_get_string_member (o, "name"));
      g_assert_cmpuint (vi->dims->len, ==, json_array_get_length (shape));
      for (guint d = 0; d < vi->dims->len; d++)
        g_assert_cmpint (g_array_index (vi->dims, gint64, d), ==,
                         json_array_get_int_element (shape, d));
      g_ptr_array_add (names, (gpointer) json_object_get_string_member (o, "name"));
      g_ptr_array_add (refs, read_f32 (path, n, &error));
      g_assert_no_error (error);
      g_ptr_array_add (got, g_new0 (float, n));
      g_array_append_val (sizes, n);
    }
  for (int k = 0; spec != NULL && k < spec->n_outputs; k++)
    {
      guint index;
      g_assert_true (g_ptr_array_find_with_equal_func (names, spec->outputs[k], g_str_equal,
                                                       &index));
      g_assert_cmpuint (g_array_index (sizes, size_t, index), ==, spec->output_sizes[k]);
    }

  net = _ekyc_cv_net_load (onnx_path, names->len, (const char *const *) names->pdata, &cv_error);
  t0 = g_get_monotonic_time ();
  status = net && _ekyc_cv_net_forward (net, blob, 3, height, width, (float *const *) got->pdata,
                                        (const size_t *) sizes->data, &cv_error);
  if (!status)
    {
      g_test_fail_printf ("%s: OpenCV DNN cannot %s the model: %s", mc->name,
                          net ? "run" : "load", cv_error ?: "no message");
      g_clear_pointer (&net, _ekyc_cv_net_free);
      ekyc_test_remove_tree (tmp);
      return;
    }
  _ekyc_cv_net_free (net);
  g_test_message ("%s: OpenCV DNN forward %.1f ms", mc->name,
                  (g_get_monotonic_time () - t0) / 1e3);

  for (guint i = 0; i < names->len; i++)
    {
      const float *ref = refs->pdata[i], *out = got->pdata[i];
      JsonObject *o = json_array_get_object_element (outputs, i);
      g_autoptr(GString) shape_text = g_string_new (NULL);
      size_t n = g_array_index (sizes, size_t, i), worst_at = 0;
      double diff = 0, scale = 0, rel;
      gboolean finite = TRUE;

      shape_total (json_object_get_array_member (o, "shape"), shape_text);
      for (size_t j = 0; j < n; j++)
        {
          double d = fabs ((double) out[j] - (double) ref[j]);
          if (!isfinite (out[j]) || !isfinite (ref[j]))
            finite = FALSE;
          if (d > diff)
            {
              diff = d;
              worst_at = j;
            }
          scale = MAX (scale, fabs ((double) ref[j]));
        }
      rel = diff / MAX (1.0, scale);
      g_test_message ("%s: %-22s %-12s max|d| %.3g at %zu (onnx %.6g, tfjs %.6g), max|ref| %.3g, "
                      "rel %.3g", mc->name, (const char *) names->pdata[i], shape_text->str, diff,
                      worst_at, out[worst_at], ref[worst_at], scale, rel);
      worst_abs = MAX (worst_abs, diff);
      worst_rel = MAX (worst_rel, rel);
      /* Not an assertion: every output and every model is still checked and reported. */
      if (!finite || rel > TOLERANCE)
        g_test_fail_printf ("%s: output %s differs from TensorFlow.js: max|d| %.3g, "
                            "rel %.3g > %g%s", mc->name, (const char *) names->pdata[i], diff, rel, TOLERANCE,
                            finite ? "" : " (not finite)");
    }
  g_test_message ("%s: worst max|d| %.3g, worst rel %.3g (tolerance %g)", mc->name, worst_abs,
                  worst_rel, TOLERANCE);
  ekyc_test_remove_tree (tmp);
}

/* ---- the tests ----------------------------------------------------------------------------- */

/* A model tools/tfjs2onnx.py converts, against its TensorFlow.js graph. */
static void
test_tfjs_equivalence (gconstpointer user_data)
{
  const ModelCase *mc = user_data;
  const EkycModelSpec *spec = mc->spec;
  const char *node, *tfjs_dir = g_getenv ("EKYC_TFJS_MODEL_DIR");
  g_autoptr(GHashTable) converted = converted_models ();
  const char *source;
  g_autofree char *onnx_file = g_strconcat (mc->name, ".onnx", NULL);
  g_autofree char *tfjs_json = NULL, *range = NULL, *what = NULL;
  char lo_text[G_ASCII_DTOSTR_BUF_SIZE], hi_text[G_ASCII_DTOSTR_BUF_SIZE];
  double lo = 0.0, hi = 1.0;

  if (g_getenv ("EKYC_CONVERTED_MODELS") == NULL)
    {
      skip_or_fail ("EKYC_CONVERTED_MODELS not set: run through meson test");
      return;
    }
  source = g_hash_table_lookup (converted, onnx_file);
  if (source == NULL)
    g_test_message ("data/meson.build does not convert %s any more", onnx_file);
  g_assert_nonnull (source);

  if ((node = reference_node ()) == NULL)
    return;
  tfjs_json = g_strconcat (tfjs_dir ?: "", G_DIR_SEPARATOR_S, source, ".json", NULL);
  if (tfjs_dir == NULL || !g_file_test (tfjs_json, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *why = g_strdup_printf ("original model missing: %s", tfjs_json);
      skip_or_fail (why);
      return;
    }

  /* The engine maps pixels 0..255 through (pixel - mean) × scale; 0..1 if it does not load it. */
  if (spec != NULL)
    {
      lo = (0.0 - spec->input.mean) * spec->input.scale;
      hi = (255.0 - spec->input.mean) * spec->input.scale;
    }
  g_ascii_formatd (lo_text, sizeof lo_text, "%.6g", lo);
  g_ascii_formatd (hi_text, sizeof hi_text, "%.6g", hi);
  range = g_strdup_printf ("--range=%s,%s", lo_text, hi_text);
  what = g_strdup_printf ("%s, TensorFlow.js reference, input %s..%s", source, lo_text, hi_text);
  check_against_reference (mc, node, "tfjs-reference.mjs", tfjs_json, range, what);
}

/* face-embedder-faceapi.onnx (tools/faceapi2onnx.py), against face-api's own FaceRecognitionNet.
 * The input is the one face-api feeds, (pixel - dlib's mean) / 255, not the engine's / 256: the
 * proof is about the conversion, and the net is the same either way. */
static void
test_faceapi_equivalence (gconstpointer user_data)
{
  const ModelCase *mc = user_data;
  const char *node, *faceapi_dir = g_getenv ("EKYC_FACEAPI_DIR");
  g_autofree char *manifest = NULL;

  if (faceapi_dir == NULL)
    {
      skip_or_fail ("EKYC_FACEAPI_DIR not set: run through meson test");
      return;
    }
  if ((node = reference_node ()) == NULL)
    return;
  manifest = g_build_filename (faceapi_dir, "model", "face_recognition_model-weights_manifest.json",
                               NULL);
  if (!g_file_test (manifest, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *why = g_strdup_printf ("original model missing: %s", manifest);
      skip_or_fail (why);
      return;
    }
  check_against_reference (mc, node, "faceapi-reference.mjs", faceapi_dir, NULL,
                           "face-api FaceRecognitionNet reference, input (pixel - mean) / 255");
}

static void
add_test (GPtrArray *added, const char *name, GTestDataFunc func)
{
  g_autofree char *file = g_strconcat (name, ".onnx", NULL);
  g_autofree char *path = g_strconcat ("/models/equivalence/", name, NULL);
  ModelCase *mc = g_new0 (ModelCase, 1);

  mc->name = g_strdup (name);
  mc->spec = engine_spec_for (file);
  g_ptr_array_add (added, mc);
  g_test_add_data_func (path, mc, func);
}

static void
model_case_free (gpointer data)
{
  ModelCase *mc = data;
  g_free (mc->name);
  g_free (mc);
}

int
main (int argc, char **argv)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (model_case_free);
  g_autoptr(GHashTable) converted = converted_models ();
  g_autofree const char **files = NULL;
  guint n_files;

  ekyc_test_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (required_models); i++)
    add_test (added, required_models[i], test_tfjs_equivalence);
  files = (const char **) g_hash_table_get_keys_as_array (converted, &n_files);
  qsort (files, n_files, sizeof *files, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *name = g_strndup (files[i], strlen (files[i]) - strlen (".onnx"));
      if (!g_str_has_suffix (files[i], ".onnx"))
        continue;
      if (!g_strv_contains (required_models, name))
        add_test (added, name, test_tfjs_equivalence);
    }
  /* Not a TensorFlow.js graph: face-api ships bare weights (data/meson.build's own target). */
  add_test (added, "face-embedder-faceapi", test_faceapi_equivalence);
  return g_test_run ();
}
