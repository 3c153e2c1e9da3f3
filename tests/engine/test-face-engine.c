/* test-face-engine.c — the face engine on real photos: detection, analysis, matching, pose,
 * eyes, liveness, threads
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Loading the models takes a noticeable time, so one engine serves every test of this program.
 * Test images are the shared data ($EKYC_SHARED_DATA), changed in memory where a case needs it.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <ekyc/ekyc.h>

#include "test-utils.h"

static EkycEngine *shared_engine;

/* ---- helpers ---------------------------------------------------------------------------- */

static EkycEngine *
get_engine (void)
{
  if (shared_engine == NULL)
    {
      g_autoptr(GError) error = NULL;
      shared_engine = ekyc_engine_new (ekyc_test_model_dir (), &error);
      g_assert_no_error (error);
      g_assert_nonnull (shared_engine);
    }
  return shared_engine;
}

/* A shared photo, or NULL (and the test skipped) when the data is missing. */
static EkycImage *
load (const char *folder, const char *name)
{
  g_autofree char *path = ekyc_test_shared_path ("faces", folder, name, NULL);
  g_autoptr(GError) error = NULL;
  EkycImage *image;

  if (path == NULL)
    return NULL;
  image = ekyc_image_new_from_file (path, &error);
  g_assert_no_error (error);
  return image;
}

static void
unref_image (gpointer image)
{
  ekyc_image_unref (image);
}

/* A borrowed view of a rectangle of @parent (same stride; keeps @parent alive). */
static EkycImage *
crop (EkycImage *parent, int x, int y, int width, int height)
{
  g_autoptr(GError) error = NULL;
  gsize stride = ekyc_image_get_stride (parent);
  const guint8 *p = ekyc_image_get_pixels (parent) + y * stride + x * 3;
  EkycImage *view;

  g_assert_cmpint (ekyc_image_get_format (parent), ==, EKYC_PIXEL_FORMAT_BGR);
  view = ekyc_image_new_from_memory (p, width, height, stride, EKYC_PIXEL_FORMAT_BGR,
                                     unref_image, ekyc_image_ref (parent), &error);
  g_assert_no_error (error);
  return view;
}

/* The same picture flipped left to right, in a new buffer. */
static EkycImage *
mirror (const EkycImage *image)
{
  int w = ekyc_image_get_width (image), h = ekyc_image_get_height (image);
  gsize stride = ekyc_image_get_stride (image);
  const guint8 *src = ekyc_image_get_pixels (image);
  guint8 *dst = g_malloc ((gsize) w * h * 3);
  g_autoptr(GError) error = NULL;
  EkycImage *mirrored;

  g_assert_cmpint (ekyc_image_get_format (image), ==, EKYC_PIXEL_FORMAT_BGR);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      memcpy (dst + ((gsize) y * w + x) * 3, src + y * stride + (w - 1 - x) * 3, 3);
  mirrored = ekyc_image_new_from_memory (dst, w, h, (gsize) w * 3, EKYC_PIXEL_FORMAT_BGR, g_free,
                                         dst, &error);
  g_assert_no_error (error);
  return mirrored;
}

/* @photo scaled to @height rows, put in the top-left corner of a black 640 × 480 frame. */
static EkycImage *
in_corner_of_frame (const EkycImage *photo, int height)
{
  int width = height * ekyc_image_get_width (photo) / ekyc_image_get_height (photo);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycImage) small = ekyc_image_new_fitted (photo, width, height, &error);
  guint8 *frame = g_malloc0 (640 * 480 * 3);
  EkycImage *image;

  g_assert_no_error (error);
  for (int y = 0; y < height; y++)
    memcpy (frame + (gsize) (y + 8) * 640 * 3 + 8 * 3,
            ekyc_image_get_pixels (small) + y * ekyc_image_get_stride (small), width * 3);
  image = ekyc_image_new_from_memory (frame, 640, 480, 640 * 3, EKYC_PIXEL_FORMAT_BGR, g_free,
                                      frame, &error);
  g_assert_no_error (error);
  return image;
}

static EkycImage *
synthetic (int width, int height, guint8 (*shade) (int x, int y))
{
  guint8 *px = g_malloc ((gsize) width * height * 3);
  g_autoptr(GError) error = NULL;
  EkycImage *image;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      memset (px + ((gsize) y * width + x) * 3, shade (x, y), 3);
  image = ekyc_image_new_from_memory (px, width, height, (gsize) width * 3, EKYC_PIXEL_FORMAT_BGR,
                                      g_free, px, &error);
  g_assert_no_error (error);
  return image;
}

static EkycFaceAnalysis *
analyze_or_die (const EkycImage *image, EkycFaceSource source)
{
  g_autoptr(GError) error = NULL;
  EkycFaceAnalysis *a = g_new0 (EkycFaceAnalysis, 1);

  g_assert_true (ekyc_engine_analyze_face (get_engine (), image, source, a, &error));
  g_assert_no_error (error);
  return a;
}

static void
analyze_expecting (const EkycImage *image, EkycFaceSource source, int code)
{
  g_autoptr(GError) error = NULL;
  g_autofree EkycFaceAnalysis *a = g_new0 (EkycFaceAnalysis, 1);

  g_assert_false (ekyc_engine_analyze_face (get_engine (), image, source, a, &error));
  g_assert_error (error, EKYC_ERROR, code);
  g_assert_cmpuint (strlen (error->message), >, 10);
  g_test_message ("%s: %s", ekyc_error_code_name (code), error->message);
}

static gboolean
boxes_overlap (const EkycRect *a, const EkycRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

/* ---- detection ---------------------------------------------------------------------------- */

static void
test_one_face_per_portrait (void)
{
  /* Looked at: one person each, no face in the background. */
  static const char *const portraits[] = {
    "img1.jpg", "img2.jpg", "img3.jpg", "img5.jpg", "img6.jpg", "img7.jpg", "img10.jpg",
  };

  for (guint i = 0; i < G_N_ELEMENTS (portraits); i++)
    {
      g_autoptr(EkycImage) image = load ("deepface", portraits[i]);
      g_autofree EkycFaceDetection *faces = NULL;
      g_autoptr(GError) error = NULL;
      const EkycFaceDetection *f;
      gsize n = 0;

      if (image == NULL)
        return;
      g_assert_true (ekyc_engine_detect_faces (get_engine (), image, &faces, &n, &error));
      g_assert_no_error (error);
      g_test_message ("%s: %zu face(s)", portraits[i], n);
      g_assert_cmpuint (n, ==, 1);
      f = &faces[0];
      g_assert_cmpfloat (f->score, >, 0.5);
      g_assert_cmpfloat (f->score, <=, 1.0);
      g_assert_cmpfloat (f->box.x, >=, -f->box.width * 0.1);
      g_assert_cmpfloat (f->box.x + f->box.width, <=,
                         ekyc_image_get_width (image) + f->box.width * 0.1);
      g_assert_cmpfloat (f->box.width, >, ekyc_image_get_width (image) / 8.0);
      /* Keypoints are named from the subject's side: their right eye is on the image's left. */
      g_assert_cmpfloat (f->keypoints[EKYC_KEYPOINT_RIGHT_EYE].x, <,
                         f->keypoints[EKYC_KEYPOINT_LEFT_EYE].x);
      g_assert_cmpfloat (f->keypoints[EKYC_KEYPOINT_NOSE].y, >,
                         f->keypoints[EKYC_KEYPOINT_RIGHT_EYE].y);
      g_assert_cmpfloat (f->keypoints[EKYC_KEYPOINT_MOUTH].y, >,
                         f->keypoints[EKYC_KEYPOINT_NOSE].y);
    }
}

static void
test_both_faces_of_couple (void)
{
  g_autoptr(EkycImage) image = load ("deepface", "couple.jpg");
  g_autofree EkycFaceDetection *faces = NULL;
  g_autoptr(GError) error = NULL;
  float cx0, cx1, half;
  gsize n = 0;

  if (image == NULL)
    return;
  g_assert_true (ekyc_engine_detect_faces (get_engine (), image, &faces, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  /* Largest first, two different places: one on each half of the photo. */
  g_assert_cmpfloat (faces[0].box.width * faces[0].box.height, >=,
                     faces[1].box.width * faces[1].box.height);
  g_assert_false (boxes_overlap (&faces[0].box, &faces[1].box));
  half = ekyc_image_get_width (image) / 2.0f;
  cx0 = faces[0].box.x + faces[0].box.width / 2;
  cx1 = faces[1].box.x + faces[1].box.width / 2;
  g_assert_true ((cx0 < half) != (cx1 < half));
  g_assert_cmpfloat (faces[1].box.width, >, 0.7 * faces[0].box.width);
}

static guint8 shade_grey (int x, int y) { return 128; }
static guint8 shade_gradient (int x, int y) { return (x * 255) / 639; }
static guint8 shade_checker (int x, int y) { return ((x / 40 + y / 40) & 1) ? 230 : 20; }

static void
test_no_face (void)
{
  guint8 (*shades[]) (int, int) = { shade_grey, shade_gradient, shade_checker };
  g_autoptr(EkycImage) photo = load ("deepface", "img22.jpg"); /* face on the right */

  for (guint i = 0; i < G_N_ELEMENTS (shades); i++)
    {
      g_autoptr(EkycImage) blank = synthetic (640, 480, shades[i]);
      g_autofree EkycFaceDetection *faces = NULL;
      gsize n = 99;

      g_assert_true (ekyc_engine_detect_faces (get_engine (), blank, &faces, &n, NULL));
      g_assert_cmpuint (n, ==, 0);
      g_assert_null (faces);
      analyze_expecting (blank, EKYC_FACE_SOURCE_SELFIE, EKYC_ERROR_NO_FACE);
      analyze_expecting (blank, EKYC_FACE_SOURCE_DOCUMENT, EKYC_ERROR_NO_FACE);
    }
  if (photo != NULL)
    {
      /* The building behind her, as a borrowed view with the photo's stride. */
      g_autoptr(EkycImage) background = crop (photo, 0, 0, 600, 800);
      analyze_expecting (background, EKYC_FACE_SOURCE_SELFIE, EKYC_ERROR_NO_FACE);
      {
        /* The same view shifted onto her face finds it: the view itself is sound. */
        g_autoptr(EkycImage) face = crop (photo, 600, 0, 600, 800);
        g_autofree EkycFaceAnalysis *a = analyze_or_die (face, EKYC_FACE_SOURCE_SELFIE);
        g_assert_cmpuint (a->n_faces, ==, 1);
      }
    }
}

/* ---- analysis: choosing the subject ------------------------------------------------------- */

static void
test_couple_as_selfie (void)
{
  g_autoptr(EkycImage) image = load ("deepface", "couple.jpg");

  if (image == NULL)
    return;
  analyze_expecting (image, EKYC_FACE_SOURCE_SELFIE, EKYC_ERROR_MULTIPLE_FACES);
}

static void
test_couple_as_document (void)
{
  g_autoptr(EkycImage) image = load ("deepface", "couple.jpg");
  g_autofree EkycFaceAnalysis *a = NULL;
  double norm = 0;

  if (image == NULL)
    return;
  a = analyze_or_die (image, EKYC_FACE_SOURCE_DOCUMENT);
  g_assert_cmpuint (a->n_faces, ==, 2);
  g_assert_false (a->has_liveness);
  g_assert_cmpint (a->embedding.dim, >, 0);
  g_assert_cmpint (a->embedding.dim, <=, EKYC_EMBEDDING_MAX_DIM);
  g_assert_cmpstr (a->embedding.model, ==, ekyc_engine_get_embedder (get_engine ()));
  for (int i = 0; i < a->embedding.dim; i++)
    norm += a->embedding.values[i] * a->embedding.values[i];
  g_assert_cmpfloat_with_epsilon (norm, 1.0, 1e-3);
  g_assert_cmpfloat (a->detection.box.width, >, 300);
}

static void
test_small_face (void)
{
  g_autoptr(EkycImage) photo = load ("deepface", "img10.jpg");

  if (photo == NULL)
    return;
  /* At 88 rows the face is found (about 35 px wide) with ~15 px between the eyes. */
  {
    g_autoptr(EkycImage) frame = in_corner_of_frame (photo, 88);
    g_autofree EkycFaceDetection *faces = NULL;
    gsize n = 0;

    g_assert_true (ekyc_engine_detect_faces (get_engine (), frame, &faces, &n, NULL));
    g_assert_cmpuint (n, ==, 1);
    analyze_expecting (frame, EKYC_FACE_SOURCE_SELFIE, EKYC_ERROR_FACE_TOO_SMALL);
    analyze_expecting (frame, EKYC_FACE_SOURCE_DOCUMENT, EKYC_ERROR_FACE_TOO_SMALL);
  }
  /* Twice as large, the same frame passes and reports the distance it measured. */
  {
    g_autoptr(EkycImage) frame = in_corner_of_frame (photo, 176);
    g_autofree EkycFaceAnalysis *a = analyze_or_die (frame, EKYC_FACE_SOURCE_SELFIE);
    g_assert_cmpfloat (a->quality.face_size, >=, EKYC_MIN_INTEROCULAR);
    g_assert_cmpfloat (a->quality.face_size, <, 3 * EKYC_MIN_INTEROCULAR);
  }
}

static void
test_tiny_image (void)
{
  static const int sizes[][2] = { { 20, 20 }, { 31, 400 }, { 400, 31 }, { 1, 1 } };
  g_autoptr(EkycImage) photo = load ("deepface", "img10.jpg");

  if (photo == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EkycImage) tiny = ekyc_image_new_fitted (photo, sizes[i][0], sizes[i][1], &error);
      g_autofree EkycFaceDetection *faces = NULL;
      gsize n = 0;

      g_assert_no_error (error);
      analyze_expecting (tiny, EKYC_FACE_SOURCE_SELFIE, EKYC_ERROR_IMAGE_TOO_SMALL);
      analyze_expecting (tiny, EKYC_FACE_SOURCE_DOCUMENT, EKYC_ERROR_IMAGE_TOO_SMALL);
      /* The detector alone does not crash on it either. */
      if (ekyc_engine_detect_faces (get_engine (), tiny, &faces, &n, &error))
        g_assert_cmpuint (n, <=, 1);
      else
        g_assert_error (error, EKYC_ERROR, EKYC_ERROR_IMAGE_TOO_SMALL);
    }
}

/* ---- matching ----------------------------------------------------------------------------- */

typedef struct {
  const char *folder, *img1, *img2;
} Pair;

/* Not chosen by score: every 14th genuine and every 38th impostor row of deepface-pairs.csv
 * (10 + 10), every 55th genuine and every 242nd impostor row of dlib-johns-pairs.csv (5 + 5). */
static const Pair genuine_pairs[] = {
  { "deepface", "img1.jpg", "img10.jpg" },
  { "deepface", "img11.jpg", "img4.jpg" },
  { "deepface", "img14.jpg", "img57.jpg" },
  { "deepface", "img2.jpg", "img4.jpg" },
  { "deepface", "img27.jpg", "img28.jpg" },
  { "deepface", "img29.jpg", "img33.jpg" },
  { "deepface", "img35.jpg", "img36.jpg" },
  { "deepface", "img42.jpg", "img45.jpg" },
  { "deepface", "img48.jpg", "img49.jpg" },
  { "deepface", "img51.jpg", "img8.jpg" },
  { "dlib-johns", "John_Salley/000179_02159509.jpg", "John_Salley/000183_02159543.jpg" },
  { "dlib-johns", "John_Savage/000264_01099001.jpg", "John_Savage/000274_01099061.jpg" },
  { "dlib-johns", "John_Schneider/000288_00925786.jpg", "John_Schneider/000302_00925785.jpg" },
  { "dlib-johns", "John_Shimkus/000373_03228153.jpg", "John_Shimkus/000375_03227651.jpg" },
  { "dlib-johns", "John_Simm/000288_00470387.jpg", "John_Simm/000297_00470170.jpg" },
};
static const Pair impostor_pairs[] = {
  { "deepface", "img1.jpg", "img12.jpg" },
  { "deepface", "img11.jpg", "img12.jpg" },
  { "deepface", "img12.jpg", "img4.jpg" },
  { "deepface", "img14.jpg", "img24.jpg" },
  { "deepface", "img16.jpg", "img3.jpg" },
  { "deepface", "img18.jpg", "img41.jpg" },
  { "deepface", "img2.jpg", "img54.jpg" },
  { "deepface", "img22.jpg", "img41.jpg" },
  { "deepface", "img26.jpg", "img48.jpg" },
  { "deepface", "img4.jpg", "img45.jpg" },
  { "dlib-johns", "John_Salley/000179_02159509.jpg", "John_Savage/000264_01099001.jpg" },
  { "dlib-johns", "John_Salley/000179_02159509.jpg", "John_Shimkus/000373_03228153.jpg" },
  { "dlib-johns", "John_Savage/000264_01099001.jpg", "John_Schneider/000288_00925786.jpg" },
  { "dlib-johns", "John_Savage/000264_01099001.jpg", "John_Simm/000288_00470387.jpg" },
  { "dlib-johns", "John_Schneider/000288_00925786.jpg", "John_Simm/000288_00470387.jpg" },
};

/* Embeddings by "folder/file", computed once per program. */
static GHashTable *embeddings;

static const EkycEmbedding *
embedding_of (const char *folder, const char *file)
{
  g_autofree char *key = g_build_filename (folder, file, NULL);
  EkycEmbedding *e;

  if (embeddings == NULL)
    embeddings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  e = g_hash_table_lookup (embeddings, key);
  if (e == NULL)
    {
      g_autoptr(EkycImage) image = load (folder, file);
      g_autofree EkycFaceAnalysis *a = NULL;

      if (image == NULL)
        return NULL;
      /* Evaluation photos are portraits, as a document's: the largest face. */
      a = analyze_or_die (image, EKYC_FACE_SOURCE_DOCUMENT);
      e = g_memdup2 (&a->embedding, sizeof a->embedding);
      g_hash_table_insert (embeddings, g_steal_pointer (&key), e);
    }
  return e;
}

static void
check_pairs (const Pair *pairs, guint n_pairs, gboolean genuine)
{
  float threshold = ekyc_engine_match_threshold (get_engine (), EKYC_DEFAULT_FMR);
  g_autoptr(GString) wrong = g_string_new (NULL);

  g_assert_cmpfloat (threshold, >, 0);
  g_assert_cmpfloat (threshold, <, 1);
  for (guint i = 0; i < n_pairs; i++)
    {
      const EkycEmbedding *a = embedding_of (pairs[i].folder, pairs[i].img1);
      const EkycEmbedding *b = embedding_of (pairs[i].folder, pairs[i].img2);
      float s;

      if (a == NULL || b == NULL)
        return;
      s = ekyc_embedding_similarity (a, b);
      g_assert_cmpfloat_with_epsilon (s, ekyc_embedding_similarity (b, a), 1e-6);
      g_test_message ("%s %s / %s: %.3f (threshold %.3f)", pairs[i].folder, pairs[i].img1,
                      pairs[i].img2, s, threshold);
      if ((s >= threshold) != genuine)
        g_string_append_printf (wrong, " %s/%s~%s=%.3f", pairs[i].folder, pairs[i].img1,
                                pairs[i].img2, s);
    }
  /* Every pair is checked before failing, so the report names all the wrong ones. */
  if (wrong->len > 0)
    g_error ("%s pairs on the wrong side of %.3f:%s", genuine ? "genuine" : "impostor",
             threshold, wrong->str);
}

static void
test_genuine_pairs (void)
{
  check_pairs (genuine_pairs, G_N_ELEMENTS (genuine_pairs), TRUE);
}

static void
test_impostor_pairs (void)
{
  check_pairs (impostor_pairs, G_N_ELEMENTS (impostor_pairs), FALSE);
}

static void
test_thresholds (void)
{
  EkycEngine *engine = get_engine ();
  const EkycEmbedding *e = embedding_of ("deepface", "img1.jpg");
  EkycEmbedding other;

  /* Fewer false matches allowed, higher threshold. */
  g_assert_cmpfloat (ekyc_engine_match_threshold (engine, 1e-2), <,
                     ekyc_engine_match_threshold (engine, 1e-3));
  g_assert_cmpfloat (ekyc_engine_match_threshold (engine, 1e-3), <,
                     ekyc_engine_match_threshold (engine, 1e-4));
  g_assert_cmpfloat (ekyc_engine_match_threshold (engine, 1e-4), <=,
                     ekyc_engine_match_threshold (engine, 1e-5));
  if (e == NULL)
    return;
  g_assert_cmpfloat_with_epsilon (ekyc_embedding_similarity (e, e), 1.0, 1e-4);
  /* Templates of two models are never compared. */
  other = *e;
  g_strlcpy (other.model, "another-model", sizeof other.model);
  g_assert_cmpfloat (ekyc_embedding_similarity (e, &other), ==, -2.0f);
}

/* ---- landmarks: pose and eyes ------------------------------------------------------------- */

static void
test_mirrored_yaw (void)
{
  /* The most turned deepface portraits (the engine measures yaw -14° and -14.6°). */
  static const char *const names[] = { "img61.jpg", "img59.jpg" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(EkycImage) photo = load ("deepface", names[i]);
      g_autoptr(EkycImage) flipped = NULL;
      g_autofree EkycFaceAnalysis *a = NULL, *b = NULL;

      if (photo == NULL)
        return;
      flipped = mirror (photo);
      a = analyze_or_die (photo, EKYC_FACE_SOURCE_DOCUMENT);
      b = analyze_or_die (flipped, EKYC_FACE_SOURCE_DOCUMENT);
      g_test_message ("%s: yaw %.1f, mirrored %.1f; roll %.1f, mirrored %.1f", names[i],
                      a->landmarks.yaw, b->landmarks.yaw, a->landmarks.roll, b->landmarks.roll);
      g_assert_cmpfloat (fabsf (a->landmarks.yaw), >, 8);
      g_assert_cmpfloat (a->landmarks.yaw * b->landmarks.yaw, <, 0);
      g_assert_cmpfloat (fabsf (a->landmarks.yaw + b->landmarks.yaw), <, 4);
      /* Roll turns too; pitch does not. */
      g_assert_cmpfloat (fabsf (a->landmarks.roll + b->landmarks.roll), <, 4);
      g_assert_cmpfloat (fabsf (a->landmarks.pitch - b->landmarks.pitch), <, 4);
      /* A face and its mirror image are the same person to the embedder. */
      g_assert_cmpfloat (ekyc_embedding_similarity (&a->embedding, &b->embedding), >,
                         ekyc_engine_match_threshold (get_engine (), 1e-5));
    }
}

static void
test_turned_yaw_sign (void)
{
  /* Looked at: Greg Gilbert faces the right of the photo (he turned to his left), Bill Frist the
   * left of the photo; the engine measured about +34° and -31°. */
  static const struct { const char *name; float sign; } cases[] = {
    { "Greg_Gilbert/Greg_Gilbert_0001.jpg", +1 },
    { "Bill_Frist/Bill_Frist_0005.jpg", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EkycImage) photo = load ("lfw", cases[i].name);
      g_autofree EkycFaceAnalysis *a = NULL;

      if (photo == NULL)
        return;
      a = analyze_or_die (photo, EKYC_FACE_SOURCE_DOCUMENT);
      g_test_message ("%s: yaw %.1f", cases[i].name, a->landmarks.yaw);
      g_assert_cmpfloat (cases[i].sign * a->landmarks.yaw, >, 15);
      g_assert_true (a->quality.problems & EKYC_QUALITY_TURNED);
    }
}

static void
test_closed_eyes (void)
{
  /* The same man, eyes shut (_0012) and open (_0006). */
  g_autoptr(EkycImage) shut = load ("lfw", "Rubens_Barrichello/Rubens_Barrichello_0012.jpg");
  g_autoptr(EkycImage) open = load ("lfw", "Rubens_Barrichello/Rubens_Barrichello_0006.jpg");
  g_autofree EkycFaceAnalysis *a = NULL, *b = NULL;

  if (shut == NULL || open == NULL)
    return;
  a = analyze_or_die (shut, EKYC_FACE_SOURCE_DOCUMENT);
  b = analyze_or_die (open, EKYC_FACE_SOURCE_DOCUMENT);
  g_test_message ("shut %.2f/%.2f, open %.2f/%.2f", a->landmarks.right_eye_openness,
                  a->landmarks.left_eye_openness, b->landmarks.right_eye_openness,
                  b->landmarks.left_eye_openness);
  /* The documented ranges: below 0.12 closed, 0.25–0.35 open (with a margin). */
  g_assert_cmpfloat (a->landmarks.right_eye_openness, <, 0.15);
  g_assert_cmpfloat (a->landmarks.left_eye_openness, <, 0.15);
  g_assert_cmpfloat (b->landmarks.right_eye_openness, >, 0.2);
  g_assert_cmpfloat (b->landmarks.left_eye_openness, >, 0.2);
  g_assert_true (a->quality.problems & EKYC_QUALITY_EYES_CLOSED);
  g_assert_false (b->quality.problems & EKYC_QUALITY_EYES_CLOSED);
}

static void
test_track_follows_the_face (void)
{
  EkycEngine *engine = get_engine ();
  g_autofree char *path = ekyc_test_shared_path ("faces", "deepface", "img1.jpg", NULL);
  g_autoptr(EkycImage) image = NULL;
  g_autoptr(EkycImage) blank = NULL;
  g_autofree EkycFaceDetection *faces = NULL;
  g_autofree EkycFaceLandmarks *first = g_new0 (EkycFaceLandmarks, 1);
  g_autofree EkycFaceLandmarks *tracked = g_new0 (EkycFaceLandmarks, 1);
  g_autofree guint8 *grey = g_malloc (640 * 480);
  g_autoptr(GError) error = NULL;
  gsize n = 0;
  double worst = 0;

  if (path == NULL)
    return;
  image = ekyc_image_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (ekyc_engine_detect_faces (engine, image, &faces, &n, &error));
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (ekyc_engine_face_landmarks (engine, image, &faces[0], first, &error));
  g_assert_true (ekyc_engine_track_face (engine, image, first, tracked, &error));
  g_assert_no_error (error);
  /* Same frame: the tracked mesh lands where the detected one did, within 2 % of the face. */
  for (int i = 0; i < EKYC_MESH_N_POINTS; i++)
    worst = MAX (worst, hypot (tracked->mesh[i][0] - first->mesh[i][0],
                               tracked->mesh[i][1] - first->mesh[i][1]));
  g_assert_cmpfloat (tracked->confidence, >, 0.9);
  g_assert_cmpfloat (worst, <, 0.02 * first->box.width);

  /* The face gone: the mesh model says so. */
  memset (grey, 128, 640 * 480);
  blank = ekyc_image_new_from_memory (grey, 640, 480, 640, EKYC_PIXEL_FORMAT_GRAY8, NULL, NULL,
                                      &error);
  g_assert_true (ekyc_engine_track_face (engine, blank, first, tracked, &error));
  g_assert_cmpfloat (tracked->confidence, <, 0.5);
}

static void
test_align (void)
{
  g_autoptr(EkycImage) photo = load ("deepface", "img2.jpg");
  g_autofree EkycFaceAnalysis *a = NULL;
  g_autoptr(EkycImage) aligned = NULL;
  g_autoptr(GError) error = NULL;
  guint64 sum = 0;

  if (photo == NULL)
    return;
  a = analyze_or_die (photo, EKYC_FACE_SOURCE_DOCUMENT);
  aligned = ekyc_engine_align_face (get_engine (), photo, &a->landmarks, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ekyc_image_get_width (aligned), ==, 112);
  g_assert_cmpint (ekyc_image_get_height (aligned), ==, 112);
  for (int y = 0; y < 112; y++)
    for (int x = 0; x < 112 * 3; x++)
      sum += ekyc_image_get_pixels (aligned)[y * ekyc_image_get_stride (aligned) + x];
  g_assert_cmpuint (sum / (112 * 112 * 3), >, 30); /* a face, not the black border */
}

/* ---- liveness ----------------------------------------------------------------------------- */

static void
test_liveness_nuaa (void)
{
  g_autofree char *csv = ekyc_test_shared_path ("liveness", "nuaa-labels.csv", NULL);
  g_autofree char *root = NULL, *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  double sum[2] = { 0 };
  guint seen[2] = { 0 }, used[2] = { 0 };

  if (csv == NULL)
    return;
  root = g_path_get_dirname (csv);
  g_assert_true (g_file_get_contents (csv, &text, NULL, &error));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_strchomp (lines[i]); /* CRLF line ends */
  g_assert_cmpstr (lines[0], ==, "image,label,attack,subject");
  /* Every 78th live and every 171st spoof row: four of each, across subjects. */
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", -1);
      int live = g_str_equal (f[1], "live");
      g_autofree char *path = NULL;
      g_autoptr(EkycImage) image = NULL;
      g_autofree EkycFaceDetection *faces = NULL;
      EkycLivenessResult result;
      gsize n = 0;

      g_assert_true (live || g_str_equal (f[1], "spoof"));
      if (seen[live]++ % (live ? 78 : 171) != 0)
        continue;
      path = g_build_filename (root, f[0], NULL);
      image = ekyc_image_new_from_file (path, &error);
      g_assert_no_error (error);
      g_assert_true (ekyc_engine_detect_faces (get_engine (), image, &faces, &n, &error));
      g_assert_cmpuint (n, >=, 1);
      g_assert_true (ekyc_engine_passive_liveness (get_engine (), image, &faces[0], &result,
                                                   &error));
      g_assert_no_error (error);
      g_test_message ("%s (%s): %.4f", f[0], f[1], result.score);
      g_assert_cmpfloat (result.score, >=, 0);
      g_assert_cmpfloat (result.score, <=, 1);
      g_assert_cmpfloat (result.threshold, ==, ekyc_engine_liveness_threshold (get_engine ()));
      g_assert_true (result.live == (result.score >= result.threshold));
      sum[live] += result.score;
      used[live]++;
    }
  g_assert_cmpuint (used[0], ==, 4);
  g_assert_cmpuint (used[1], ==, 4);
  g_test_message ("mean live %.3f, mean spoof %.3f", sum[1] / used[1], sum[0] / used[0]);
  g_assert_cmpfloat (sum[1] / used[1], >, sum[0] / used[0] + 0.3);
}

/* ---- threads ------------------------------------------------------------------------------ */

static const char *const thread_images[] = { "img1.jpg", "img2.jpg", "img5.jpg", "img10.jpg" };

typedef struct {
  EkycImage        *images[G_N_ELEMENTS (thread_images)];
  EkycFaceAnalysis *results[2][G_N_ELEMENTS (thread_images)];
  guint             first;  /* this thread analyses first, first + 2, ... */
  GError           *error;
} ThreadJob;

static gpointer
analyze_in_thread (gpointer data)
{
  ThreadJob *job = data;

  /* Twice round, to overlap with the other thread more than once. */
  for (guint round = 0; round < 2; round++)
    for (guint i = job->first; i < G_N_ELEMENTS (thread_images); i += 2)
      {
        EkycFaceAnalysis *a = g_new0 (EkycFaceAnalysis, 1);
        job->results[round][i] = a;
        if (!ekyc_engine_analyze_face (get_engine (), job->images[i], EKYC_FACE_SOURCE_SELFIE, a,
                                       job->error ? NULL : &job->error))
          return NULL;
      }
  return NULL;
}

static void
test_threads (void)
{
  EkycImage *images[G_N_ELEMENTS (thread_images)] = { NULL };
  EkycFaceAnalysis *sequential[G_N_ELEMENTS (thread_images)] = { NULL };
  ThreadJob jobs[2] = { { { NULL } } };
  GThread *threads[2];

  for (guint i = 0; i < G_N_ELEMENTS (thread_images); i++)
    {
      images[i] = load ("deepface", thread_images[i]);
      if (images[i] == NULL)
        goto out;
      sequential[i] = analyze_or_die (images[i], EKYC_FACE_SOURCE_SELFIE);
    }
  for (guint t = 0; t < 2; t++)
    {
      memcpy (jobs[t].images, images, sizeof images);
      jobs[t].first = t;
      threads[t] = g_thread_new ("analyze", analyze_in_thread, &jobs[t]);
    }
  for (guint t = 0; t < 2; t++)
    g_thread_join (threads[t]);
  for (guint t = 0; t < 2; t++)
    {
      g_assert_no_error (jobs[t].error);
      for (guint round = 0; round < 2; round++)
        for (guint i = t; i < G_N_ELEMENTS (thread_images); i += 2)
          {
            const EkycFaceAnalysis *s = sequential[i], *c = jobs[t].results[round][i];
            float max_diff = 0;

            g_assert_cmpint (c->embedding.dim, ==, s->embedding.dim);
            for (int k = 0; k < s->embedding.dim; k++)
              max_diff = MAX (max_diff, fabsf (c->embedding.values[k] - s->embedding.values[k]));
            g_test_message ("%s round %u: max difference %g", thread_images[i], round, max_diff);
            g_assert_cmpfloat (max_diff, <=, 1e-5);
            g_assert_cmpfloat_with_epsilon (c->liveness.score, s->liveness.score, 1e-5);
            g_assert_cmpfloat_with_epsilon (c->landmarks.yaw, s->landmarks.yaw, 1e-3);
          }
    }

out:
  for (guint i = 0; i < G_N_ELEMENTS (thread_images); i++)
    {
      g_clear_pointer (&images[i], ekyc_image_unref);
      g_free (sequential[i]);
      for (guint t = 0; t < 2; t++)
        for (guint round = 0; round < 2; round++)
          g_free (jobs[t].results[round][i]);
    }
}

int
main (int argc, char **argv)
{
  int ret;

  ekyc_test_init (&argc, &argv);

  g_test_add_func ("/face/detect/one-face-in-each-single-person-portrait",
                   test_one_face_per_portrait);
  g_test_add_func ("/face/detect/both-faces-of-a-couple", test_both_faces_of_couple);
  g_test_add_func ("/face/detect/blank-frames-and-background-have-no-face", test_no_face);
  g_test_add_func ("/face/analyze/couple-as-selfie-is-multiple-faces", test_couple_as_selfie);
  g_test_add_func ("/face/analyze/couple-as-document-takes-one-face", test_couple_as_document);
  g_test_add_func ("/face/analyze/small-face-in-a-corner-is-too-small", test_small_face);
  g_test_add_func ("/face/analyze/tiny-image-is-too-small", test_tiny_image);
  g_test_add_func ("/face/match/genuine-pairs-score-above-threshold", test_genuine_pairs);
  g_test_add_func ("/face/match/impostor-pairs-score-below-threshold", test_impostor_pairs);
  g_test_add_func ("/face/match/thresholds-rise-as-fmr-falls", test_thresholds);
  g_test_add_func ("/face/pose/mirrored-face-has-opposite-yaw", test_mirrored_yaw);
  g_test_add_func ("/face/pose/turned-faces-have-the-documented-yaw-sign", test_turned_yaw_sign);
  g_test_add_func ("/face/landmarks/closed-eyes-are-less-open", test_closed_eyes);
  g_test_add_func ("/face/track/follows-the-face-and-knows-when-it-is-gone",
                   test_track_follows_the_face);
  g_test_add_func ("/face/align/crop-is-112-square", test_align);
  g_test_add_func ("/face/liveness/live-faces-score-higher-than-printed-photos",
                   test_liveness_nuaa);
  g_test_add_func ("/face/analyze/two-threads-give-the-sequential-results", test_threads);

  ret = g_test_run ();

  g_clear_pointer (&embeddings, g_hash_table_unref);
  g_clear_pointer (&shared_engine, ekyc_engine_free);
  return ret;
}
