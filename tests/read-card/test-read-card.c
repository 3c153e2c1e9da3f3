/* test-read-card.c — ekyc-cli read-card and eval-cards on cards made by the factory
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Runs ekyc-synth-cards ($EKYC_SYNTH_CARDS) once: 4 clean cards of both layouts and a 6-card set
 * of mixed difficulty. read-card must give back every field exactly as the ground truth says
 * (the QR's, and the place of origin only the print has); a bad number, a photo without a card and
 * an empty file must each fail their own way.
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include <ekyc/ekyc.h>

#include "test-utils.h"

#define N_CLEAN 4
#define SEED    "20240701" /* gives both layouts among the first 4 cards */

static char *root, *clean_dir, *mixed_dir;

typedef struct {
  int       status;
  char     *out, *err;
  JsonNode *json;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
  g_clear_pointer (&run->json, json_node_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_argv (Run *run, const char *const *argv)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  memset (run, 0, sizeof *run);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &run->out, &run->err,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  g_test_message ("%s %s: exit %d; stderr: %s", argv[0], argv[1], run->status, run->err);
  if (json_parser_load_from_data (parser, run->out, -1, NULL) &&
      json_parser_get_root (parser) != NULL)
    run->json = json_node_copy (json_parser_get_root (parser));
}

static JsonObject *
truth (int index)
{
  g_autofree char *name = g_strdup_printf ("%04d.json", index);
  g_autofree char *path = g_build_filename (clean_dir, name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static char *
card_file (int index, const char *suffix)
{
  g_autofree char *name = g_strdup_printf ("%04d%s", index, suffix);
  return g_build_filename (clean_dir, name, NULL);
}

static gboolean
have_cards (void)
{
  if (clean_dir == NULL)
    g_test_skip ("the shared face photos are missing");
  return clean_dir != NULL;
}

static JsonObject *
checks_by_name (JsonObject *o, const char *name)
{
  JsonArray *checks = json_object_get_array_member (o, "checks");

  for (guint i = 0; i < json_array_get_length (checks); i++)
    {
      JsonObject *c = json_array_get_object_element (checks, i);
      if (g_str_equal (json_object_get_string_member (c, "name"), name))
        return c;
    }
  return NULL;
}

/* "photos": the front then the back, the back upside down when @back_turned. */
static void
check_photos (JsonObject *o, gboolean back_turned)
{
  JsonArray *photos = json_object_get_array_member (o, "photos");

  g_assert_cmpuint (json_array_get_length (photos), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *photo = json_array_get_object_element (photos, i);

      g_assert_cmpstr (json_object_get_string_member (photo, "side"), ==, i ? "back" : "front");
      g_assert_cmpint (json_object_get_boolean_member (photo, "upside_down"), ==,
                       i == 1 && back_turned);
    }
}

/* Writes @path's picture turned half a turn to @out (a card held upside down). */
static void
save_turned (const char *path, const char *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycImage) image = ekyc_image_new_from_file (path, &error);
  g_autoptr(EkycImage) turned = NULL;
  g_autofree guint8 *pixels = NULL;
  int w, h;

  g_assert_no_error (error);
  g_assert_cmpint (ekyc_image_get_format (image), ==, EKYC_PIXEL_FORMAT_BGR);
  w = ekyc_image_get_width (image);
  h = ekyc_image_get_height (image);
  pixels = g_malloc ((gsize) w * h * 3);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      memcpy (pixels + ((gsize) (h - 1 - y) * w + (w - 1 - x)) * 3,
              ekyc_image_get_pixels (image) + (gsize) y * ekyc_image_get_stride (image)
              + (gsize) x * 3, 3);
  turned = ekyc_image_new_from_memory_copy (pixels, w, h, (gsize) w * 3, EKYC_PIXEL_FORMAT_BGR,
                                            &error);
  g_assert_no_error (error);
  g_assert_true (ekyc_image_save_jpeg (turned, out, 92, &error));
  g_assert_no_error (error);
}

/* ---- the tests -------------------------------------------------------------------------- */

static void
test_clean_cards_match_truth (void)
{
  static const char *const keys[] = {
    "id_number", "old_id_number", "full_name", "date_of_birth", "sex", "nationality",
    "place_of_origin", "place_of_residence", "date_of_expiry", "issue_date", "qr_payload", "mrz",
    "checks", "corners", "timings_ms", "layout", "sources", "confidence", "portrait", "photos",
  };
  static const char *const from_truth[] = {
    "id_number", "old_id_number", "full_name", "date_of_birth", "sex", "place_of_residence",
    "issue_date", "qr_payload", "nationality", "date_of_expiry", "place_of_origin", "layout",
  };
  gboolean seen_front = FALSE, seen_back = FALSE;

  if (!have_cards ())
    return;
  for (int i = 0; i < N_CLEAN; i++)
    {
      g_autoptr(JsonObject) t = truth (i);
      g_autofree char *front = card_file (i, "-front.jpg"), *back = card_file (i, "-back.jpg");
      /* judged on the day of issue: never expired, and the holder was at least 14 */
      const char *today = json_object_get_string_member (t, "issue_date");
      const char *argv[] = { g_getenv ("EKYC_CLI"), "read-card", "--json", "--today", today,
                             front, back, NULL };
      g_auto(Run) run = { 0 };
      JsonObject *o, *sources;
      JsonArray *checks;
      GList *members;

      run_argv (&run, argv);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (run.json);
      o = json_node_get_object (run.json);

      members = json_object_get_members (o);
      g_assert_cmpuint (g_list_length (members), ==, G_N_ELEMENTS (keys));
      g_list_free (members);
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        g_assert_true (json_object_has_member (o, keys[k]));

      for (guint k = 0; k < G_N_ELEMENTS (from_truth); k++)
        g_assert_cmpstr (json_object_get_string_member_with_default (o, from_truth[k], NULL), ==,
                         json_object_get_string_member_with_default (t, from_truth[k], NULL));
      /* both photos show a card: each has its four corners */
      for (guint side = 0; side < 2; side++)
        {
          JsonObject *corners = json_object_get_object_member (o, "corners");
          const char *name = side ? "back" : "front";
          g_assert_true (json_object_has_member (corners, name));
        }

      check_photos (o, FALSE);

      sources = json_object_get_object_member (o, "sources");
      g_assert_cmpstr (json_object_get_string_member (sources, "id_number"), ==, "qr");
      g_assert_cmpstr (json_object_get_string_member (sources, "full_name"), ==, "qr");
      /* only the print carries the place of origin */
      g_assert_cmpstr (json_object_get_string_member (sources, "place_of_origin"), ==, "printed");
      /* the back's MRZ, read by the OCR-B reader, line for line as printed */
      {
        JsonArray *got = json_object_get_array_member (o, "mrz");
        JsonArray *want = json_object_get_array_member (t, "mrz");

        g_assert_cmpuint (json_array_get_length (got), ==, 3);
        for (guint l = 0; l < 3; l++)
          g_assert_cmpstr (json_array_get_string_element (got, l), ==,
                           json_array_get_string_element (want, l));
        g_assert_nonnull (checks_by_name (o, "mrz-check-digits"));
        g_assert_cmpfloat (json_object_get_double_member (
                             json_object_get_object_member (o, "timings_ms"), "mrz"), >, 0);
      }

      checks = json_object_get_array_member (o, "checks");
      g_assert_cmpuint (json_array_get_length (checks), >=, 6);
      for (guint c = 0; c < json_array_get_length (checks); c++)
        g_assert_true (json_object_get_boolean_member (json_array_get_object_element (checks, c),
                                                       "passed"));
      g_assert_cmpfloat (json_object_get_double_member (
                           json_object_get_object_member (o, "timings_ms"), "total"), >, 0);

      seen_front |= g_str_equal (json_object_get_string_member (t, "qr_side"), "front");
      seen_back |= g_str_equal (json_object_get_string_member (t, "qr_side"), "back");
    }
  g_assert_true (seen_front && seen_back);
}

/* A back photographed upside down is still the back, and said to be upside down. */
static void
test_upside_down_back (void)
{
  g_autofree char *front = NULL, *back = NULL, *turned = NULL;
  g_autoptr(JsonObject) t = NULL;
  g_auto(Run) run = { 0 };

  if (!have_cards ())
    return;
  t = truth (0);
  front = card_file (0, "-front.jpg");
  back = card_file (0, "-back.jpg");
  turned = g_build_filename (root, "0000-back-turned.jpg", NULL);
  save_turned (back, turned);
  {
    const char *argv[] = { g_getenv ("EKYC_CLI"), "read-card", "--json", "--today",
                           json_object_get_string_member (t, "issue_date"), front, turned, NULL };
    run_argv (&run, argv);
  }
  g_remove (turned);
  g_assert_cmpint (run.status, <=, 1);
  g_assert_nonnull (run.json);
  check_photos (json_node_get_object (run.json), TRUE);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (run.json), "id_number"),
                   ==, json_object_get_string_member (t, "id_number"));
}

static void
test_text_output (void)
{
  g_autofree char *front = NULL, *back = NULL;
  g_auto(Run) run = { 0 };

  if (!have_cards ())
    return;
  front = card_file (0, "-front.jpg");
  back = card_file (0, "-back.jpg");
  {
    const char *argv[] = { g_getenv ("EKYC_CLI"), "read-card", front, back, "--today",
                           "2025-07-01", NULL };
    run_argv (&run, argv);
  }
  g_assert_cmpint (run.status, <=, 1);
  g_assert_nonnull (strstr (run.out, "id-number"));
  g_assert_nonnull (strstr (run.out, "QR code read on the"));
}

static void
test_wrong_id_number_fails_its_check (void)
{
  g_autoptr(JsonObject) t = NULL;
  g_autofree char *payload = NULL;
  g_auto(Run) run = { 0 };
  JsonObject *check;

  if (!have_cards ())
    return;
  t = truth (0);
  payload = g_strdup (json_object_get_string_member (t, "qr_payload"));
  /* digit 4 gives the century and sex: swap the sex */
  payload[3] = (char) ('0' + ((payload[3] - '0') ^ 1));
  {
    const char *argv[] = { g_getenv ("EKYC_CLI"), "read-card", "--json", "--today",
                           json_object_get_string_member (t, "issue_date"), "--qr-payload",
                           payload, NULL };
    run_argv (&run, argv);
  }
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (run.json);
  check = checks_by_name (json_node_get_object (run.json), "id-sex-century");
  g_assert_nonnull (check);
  g_assert_false (json_object_get_boolean_member (check, "passed"));
  /* the structure itself (12 digits, a known province) is still fine */
  check = checks_by_name (json_node_get_object (run.json), "id-number");
  g_assert_true (json_object_get_boolean_member (check, "passed"));
  /* the rest of what the QR says is still shown */
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (run.json), "full_name"),
                   ==, json_object_get_string_member (t, "full_name"));
  check = checks_by_name (json_node_get_object (run.json), "age-14");
  g_assert_true (json_object_get_boolean_member (check, "passed"));
}

static void
test_expired_card_fails (void)
{
  g_autoptr(JsonObject) t = NULL;
  g_auto(Run) run = { 0 };
  JsonObject *check;

  if (!have_cards ())
    return;
  t = truth (0);
  if (json_object_get_null_member (t, "date_of_expiry"))
    {
      g_test_skip ("card 0 has no expiry");
      return;
    }
  {
    const char *argv[] = { g_getenv ("EKYC_CLI"), "read-card", "--json", "--today", "2399-01-01",
                           "--qr-payload", json_object_get_string_member (t, "qr_payload"), NULL };
    run_argv (&run, argv);
  }
  g_assert_cmpint (run.status, ==, 1);
  check = checks_by_name (json_node_get_object (run.json), "not-expired");
  g_assert_false (json_object_get_boolean_member (check, "passed"));
}

static void
assert_error (const Run *run, const char *code)
{
  JsonObject *error;

  g_assert_cmpint (run->status, ==, 2);
  g_assert_nonnull (run->json);
  error = json_object_get_object_member (json_node_get_object (run->json), "error");
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  g_assert_nonnull (strstr (run->err, code));
}

static void
test_face_photo_is_not_a_card (void)
{
  g_autofree char *photo = ekyc_test_shared_path ("faces", "deepface", "img27.jpg", NULL);
  g_auto(Run) run = { 0 };

  if (photo == NULL)
    return;
  {
    const char *argv[] = { g_getenv ("EKYC_CLI"), "read-card", "--json", photo, NULL };
    run_argv (&run, argv);
  }
  assert_error (&run, "not-a-card");
}

static void
test_empty_file (void)
{
  g_autofree char *empty = g_build_filename (root, "empty.jpg", NULL);
  g_auto(Run) run = { 0 };

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  {
    const char *argv[] = { g_getenv ("EKYC_CLI"), "read-card", "--json", empty, NULL };
    run_argv (&run, argv);
  }
  assert_error (&run, "file-empty");
  g_remove (empty);
}

static void
test_eval_cards (void)
{
  g_auto(Run) run = { 0 };
  JsonObject *levels;
  GList *names;
  int total = 0;

  if (mixed_dir == NULL)
    {
      g_test_skip ("the shared face photos are missing");
      return;
    }
  {
    const char *argv[] = { g_getenv ("EKYC_CLI"), "eval-cards", "--json", mixed_dir, NULL };
    run_argv (&run, argv);
  }
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (run.json);
  levels = json_object_get_object_member (json_node_get_object (run.json), "difficulties");
  names = json_object_get_members (levels);
  g_assert_nonnull (names);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *level = json_object_get_object_member (levels, l->data);
      JsonObject *fields = json_object_get_object_member (level, "field_exact_rate");
      GList *field_names = json_object_get_members (fields);
      double read = json_object_get_double_member (level, "read_rate");
      double checks = json_object_get_double_member (level, "checks_pass_rate");

      total += (int) json_object_get_int_member (level, "cards");
      g_assert_cmpfloat (read, >=, 0);
      g_assert_cmpfloat (read, <=, 1);
      g_assert_cmpfloat (checks, >=, 0);
      g_assert_cmpfloat (checks, <=, 1);
      g_assert_true (json_object_has_member (fields, "id_number"));
      g_assert_true (json_object_has_member (level, "printed_exact_rate"));
      g_assert_true (json_object_has_member (level, "corner_error_px"));
      g_assert_cmpfloat (json_object_get_double_member (level, "qr_read_rate"), <=, 1);
      g_assert_cmpfloat (json_object_get_double_member (level, "mrz_read_rate"), <=,
                         json_object_get_double_member (level, "mrz_valid_rate"));
      g_assert_cmpfloat (json_object_get_double_member (level, "mrz_valid_rate"), <=, read);
      for (GList *f = field_names; f != NULL; f = f->next)
        {
          double r = json_object_get_double_member (fields, f->data);
          g_assert_cmpfloat (r, >=, 0);
          g_assert_cmpfloat (r, <=, read);
        }
      g_assert_cmpfloat (json_object_get_double_member (
                           json_object_get_object_member (level, "ms_per_card"), "p95"), >, 0);
      g_list_free (field_names);
    }
  g_list_free (names);
  g_assert_cmpint (total, ==, 6);
}

int
main (int argc, char **argv)
{
  int status;

  ekyc_test_init (&argc, &argv);
  root = g_dir_make_tmp ("read-card-XXXXXX", NULL);
  g_assert_nonnull (root);
  clean_dir = g_build_filename (root, "clean", NULL);
  mixed_dir = g_build_filename (root, "mixed", NULL);
  if (!ekyc_test_make_cards (clean_dir, N_CLEAN, "clean", SEED))
    {
      g_clear_pointer (&clean_dir, g_free);
      g_clear_pointer (&mixed_dir, g_free);
    }
  else
    ekyc_test_make_cards (mixed_dir, 6, "mixed", SEED);

  g_test_add_func ("/read-card/clean-cards-give-back-the-ground-truth",
                   test_clean_cards_match_truth);
  g_test_add_func ("/read-card/text-output-names-the-checks", test_text_output);
  g_test_add_func ("/read-card/upside-down-back-is-the-back", test_upside_down_back);
  g_test_add_func ("/read-card/wrong-id-number-fails-its-check",
                   test_wrong_id_number_fails_its_check);
  g_test_add_func ("/read-card/expired-card-fails-not-expired", test_expired_card_fails);
  g_test_add_func ("/read-card/face-photo-is-not-a-card", test_face_photo_is_not_a_card);
  g_test_add_func ("/read-card/empty-file-is-file-empty", test_empty_file);
  g_test_add_func ("/eval-cards/six-cards-give-rates-in-0-1", test_eval_cards);
  status = g_test_run ();

  ekyc_test_remove_tree (clean_dir);
  ekyc_test_remove_tree (mixed_dir);
  g_rmdir (root);
  g_free (clean_dir);
  g_free (mixed_dir);
  g_free (root);
  return status;
}
