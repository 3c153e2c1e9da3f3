/* test-card-read-frames.c — a card read whole from any frame a capture gives
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One clean card of each layout, photographed by a 640 × 480 webcam, a phone at 4032 × 3024, a
 * phone held upright (3024 × 4032, the card's long sides up and down), a frame turned the other
 * way, and scanned on an A4 page at 200 dpi, at 300 dpi laid across the glass, and cut to the
 * card: both sides are read together, and the merged number, name, birth and expiry dates must be
 * the truth's, with every check passed, and each side's corners given in the frame as it was
 * (within 10 px of the truth). Only 1280 × 720 photos of a card lying across were read before.
 */
#include "config.h"

#include <math.h>
#include <json-glib/json-glib.h>

#include <ekyc/ekyc.h>

#include "test-card-truth.h"
#include "test-utils.h"

#define N_CARDS 2
#define SEED    "7373"

typedef struct {
  const char *name;
  const char *args[8];   /* the factory's options, NULL-terminated */
} Condition;

static const Condition conditions[] = {
  { "webcam-640x480", { "--frame", "640x480", NULL } },
  { "phone-4032x3024", { "--frame", "4032x3024", NULL } },
  { "phone-upright-3024x4032", { "--frame", "3024x4032", "--turn", "90", NULL } },
  { "turned-270", { "--frame", "1920x1080", "--turn", "270", NULL } },
  { "scan-a4-200dpi", { "--scan", "200", NULL } },
  { "scan-a4-300dpi-across", { "--scan", "300", "--turn", "270", NULL } },
  { "scan-300dpi-cropped", { "--scan", "300", "--crop", NULL } },
};

static char *root;
static EkycCardReader *reader;

/* The cards of condition @c in a directory of their own; NULL (the test skipped) without the
 * shared face photos */
static char *
make_cards (const Condition *c)
{
  g_autofree char *n = g_strdup_printf ("%d", N_CARDS);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  /* one card of each layout, unexpired on the day the checks are judged */
  const char *fixed[] = { "--count", n, "--difficulty", "clean", "--seed", SEED,
                          "--valid-on", "2025-07-01" };
  char *out = g_build_filename (root, c->name, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (args, (gpointer) fixed[i]);
  for (int i = 0; c->args[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) c->args[i]);
  g_ptr_array_add (args, NULL);
  if (!ekyc_test_run_card_factory (out, "lfw", (const char *const *) args->pdata))
    g_clear_pointer (&out, g_free);
  return out;
}

/* The corners of @det against the truth's, from the corner @det names the card's own top-left */
static double
own_corner_error (const EkycCardDetection *det, JsonArray *want)
{
  double err = 0;

  for (int i = 0; i < 4; i++)
    {
      JsonArray *p = json_array_get_array_element (want, (i + (det->upside_down ? 2 : 0)) % 4);

      err += hypot (det->corners[i].x - json_array_get_double_element (p, 0),
                    det->corners[i].y - json_array_get_double_element (p, 1)) / 4;
    }
  return err;
}

static void
test_condition (gconstpointer data)
{
  const Condition *c = data;
  g_autofree char *dir = make_cards (c);
  static const EkycCardReadField fields[] = {
    EKYC_CARD_READ_FIELD_ID_NUMBER, EKYC_CARD_READ_FIELD_FULL_NAME,
    EKYC_CARD_READ_FIELD_DATE_OF_BIRTH, EKYC_CARD_READ_FIELD_SEX,
    EKYC_CARD_READ_FIELD_DATE_OF_EXPIRY,
  };
  EkycCardDate today = { 2025, 7, 1 };

  if (dir == NULL)
    {
      g_test_skip ("the shared face photos are missing");
      return;
    }
  for (int i = 0; i < N_CARDS; i++)
    {
      g_autoptr(JsonObject) truth = ekyc_test_load_card_truth (dir, i);
      g_autoptr(EkycImage) front = ekyc_test_load_card_photo (dir, i, "front");
      g_autoptr(EkycImage) back = ekyc_test_load_card_photo (dir, i, "back");
      EkycCardSideReading *sides[2] = { NULL, NULL };
      g_autoptr(GError) error = NULL;
      EkycCardReading *r;

      r = ekyc_card_reader_read_card (reader, front, back, EKYC_CARD_READ_DEFAULT, &today, sides,
                                      NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (r);
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          const char *name = ekyc_card_read_field_name (fields[f]);
          const char *want = json_object_get_string_member_with_default (truth, name, NULL);

          g_test_message ("%s %04d %s: want %s, got %s", c->name, i, name, want,
                          r->fields[fields[f]].value);
          if (want == NULL)
            want = "none";   /* a card without expiry */
          g_assert_cmpstr (r->fields[fields[f]].value, ==, want);
        }
      for (guint k = 0; k < r->checks->len; k++)
        {
          EkycCardCheck *check = &g_array_index (r->checks, EkycCardCheck, k);

          if (!check->passed)
            g_error ("%s %04d: check %s failed: %s", c->name, i, check->name, check->detail);
        }
      /* each side's outline in the frame given, not in the picture the reader cut from it */
      for (int s = 0; s < 2; s++)
        {
          const char *key = s ? "back_corners" : "front_corners";
          double err;

          g_assert_nonnull (sides[s]);
          g_assert_true (sides[s]->detection.found);
          err = own_corner_error (&sides[s]->detection, json_object_get_array_member (truth, key));
          g_test_message ("%s %04d %s: corner error %.1f px", c->name, i, key, err);
          g_assert_cmpfloat (err, <, 10.0);
          ekyc_card_side_reading_free (sides[s]);
        }
      ekyc_card_reading_free (r);
    }
}

/* A 1280 × 720 photo of an easy card lying across (seed 12, card 39) on which the detector
 * takes the portrait, standing 20 × 30 mm, for a card turned a quarter turn: the reader read only
 * the portrait, turned, and gave up ("no ID card"). A find standing up without a card's marks, or
 * whose card predicted from it as a portrait shows the emblem above it, is read as no find: the
 * whole frame is read, turned level by the portrait's roll. (Seed 5353's card 32, the first such
 * photo, is found right since session 10.) */
static void
test_portrait_is_not_a_turned_card (void)
{
  /* the factory's later options win: cards 39 and 40 of the easy set of seed 12; card 39's
   * portrait also shows red where a turned card has its emblem (the portrait's own colours) */
  static const Condition portrait = {
    "portrait-standing-up",
    { "--difficulty", "easy", "--seed", "12", "--first", "39", NULL },
  };
  g_autofree char *dir = make_cards (&portrait);
  g_autoptr(JsonObject) truth = NULL;
  g_autoptr(EkycImage) front = NULL;
  g_autoptr(GError) error = NULL;
  EkycCardDetection det;
  EkycCardDate today = { 2025, 7, 1 };
  EkycCardReading *r;
  EkycCardSideReading *sides[2] = { NULL, NULL };
  gboolean standing;

  if (dir == NULL)
    {
      g_test_skip ("the shared face photos are missing");
      return;
    }
  truth = ekyc_test_load_card_truth (dir, 39);
  front = ekyc_test_load_card_photo (dir, 39, "front");
  g_assert_true (ekyc_card_detect (front, &det, &error));
  standing = det.found && fabs (det.corners[1].y - det.corners[0].y)
                          > fabs (det.corners[1].x - det.corners[0].x);
  if (!standing)
    {
      g_test_skip ("the detector no longer takes this card's portrait for a turned card");
      return;
    }
  r = ekyc_card_reader_read_card (reader, front, NULL, EKYC_CARD_READ_DEFAULT, &today, sides,
                                  NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  g_assert_cmpstr (r->fields[EKYC_CARD_READ_FIELD_ID_NUMBER].value, ==,
                   json_object_get_string_member (truth, "id_number"));
  /* the face's crop is the portrait's own outline set upright (about 2 : 3), the face filling
   * it, not the left of the whole frame (emblem, background and print around a small face) */
  g_assert_nonnull (sides[0]->portrait);
  {
    EkycImage *p = sides[0]->portrait;
    double pw = ekyc_image_get_width (p), ph = ekyc_image_get_height (p);
    EkycEngine *engine = ekyc_engine_new (ekyc_test_model_dir (), &error);
    g_autofree EkycFaceDetection *faces = NULL;
    gsize n = 0;

    g_assert_no_error (error);
    g_assert_cmpfloat (ph / pw, >, 1.3);
    g_assert_cmpfloat (ph / pw, <, 1.7);
    g_assert_true (ekyc_engine_detect_faces (engine, p, &faces, &n, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, 1);
    g_test_message ("portrait %.0f × %.0f, face %.0f px wide", pw, ph, faces[0].box.width);
    g_assert_cmpfloat (faces[0].box.width, >=, 0.5 * pw);
    ekyc_engine_free (engine);
  }
  ekyc_card_side_reading_free (sides[0]);
  g_assert_cmpstr (r->fields[EKYC_CARD_READ_FIELD_FULL_NAME].value, ==,
                   json_object_get_string_member (truth, "full_name"));
  /* the frame read turned level by the portrait's roll (8°): the expiry, which only the print
   * of a front gives, is read, not computed from the card law */
  g_assert_cmpint (r->fields[EKYC_CARD_READ_FIELD_DATE_OF_EXPIRY].source, ==,
                   EKYC_CARD_SOURCE_PRINTED);
  g_assert_cmpstr (r->fields[EKYC_CARD_READ_FIELD_DATE_OF_EXPIRY].value, ==,
                   json_object_get_string_member (truth, "date_of_expiry"));
  ekyc_card_reading_free (r);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  ekyc_test_init (&argc, &argv);
  root = g_dir_make_tmp ("card-read-frames-XXXXXX", NULL);
  g_assert_nonnull (root);
  reader = ekyc_card_reader_new (NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (conditions); i++)
    {
      g_autofree char *path = g_strdup_printf ("/card-read-frames/%s", conditions[i].name);

      g_test_add_data_func (path, &conditions[i], test_condition);
    }
  g_test_add_func ("/card-read-frames/portrait-is-not-a-turned-card",
                   test_portrait_is_not_a_turned_card);
  status = g_test_run ();
  ekyc_card_reader_free (reader);
  ekyc_test_remove_tree (root);
  g_free (root);
  return status;
}
