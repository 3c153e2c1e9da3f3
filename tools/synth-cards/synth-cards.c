/* synth-cards.c — ekyc-synth-cards: a factory of fictional Vietnamese ID cards, photographed
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   ekyc-synth-cards --out DIR --count N --faces DIR [--difficulty clean|easy|hard|mixed]
 *                    [--layout cccd-2021|cancuoc-2024|mixed] [--seed S] [--flat] [--other-look]
 *                    [--tamper FIELD] [--first I]
 *                    [--frame WxH] [--turn 0|90|180|270|random] [--scan DPI] [--crop]
 *
 * Writes DIR/NNNN-front.jpg, DIR/NNNN-back.jpg, DIR/NNNN.json (ground truth) and DIR/index.csv.
 * Card i depends only on the seed and i, so a set is reproducible and can be extended.
 */
#define G_LOG_DOMAIN "synth-cards"

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "synth-capture.h"
#include "synth-cv.h"
#include "synth-identity.h"
#include "synth-render.h"

typedef struct {
  char      *out_dir;
  char      *faces_dir;
  int        count;
  int        first;     /* index of the first card */
  gint64     seed;
  gboolean   flat;
  gboolean   other_look;
  const char *tamper;  /* a truth key: printed from another identity, the codes unchanged */
  const char *mrz_family; /* NULL: OCR-B */
  SynthShot  shot;   /* how the cards are captured (--frame, --turn, --scan, --crop) */
  GPtrArray *faces;  /* sorted paths */
  GDate      valid_on; /* when valid: every card is unexpired on that day */
} Options;

static gint
compare_paths (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static void
collect_faces (const char *dir, GPtrArray *out)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *lower = g_ascii_strdown (name, -1);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_faces (path, out);
      else if (g_str_has_suffix (lower, ".jpg") || g_str_has_suffix (lower, ".jpeg")
               || g_str_has_suffix (lower, ".png"))
        g_ptr_array_add (out, g_steal_pointer (&path));
    }
}

static cairo_surface_t *
load_portrait (const char *path, GError **error)
{
  guint8 *pixels = NULL;
  int width, height;
  char *message = NULL;
  cairo_surface_t *surface;
  static const cairo_user_data_key_t key;

  if (!synth_cv_load_bgra (path, &pixels, &width, &height, &message))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s", message);
      g_free (message);
      return NULL;
    }
  surface = cairo_image_surface_create_for_data (pixels, CAIRO_FORMAT_RGB24, width, height,
                                                 width * 4);
  cairo_surface_set_user_data (surface, &key, pixels, g_free);
  return surface;
}

static void
add_corners (JsonBuilder *b, const char *key, const double corners[8])
{
  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  for (int i = 0; i < 4; i++)
    {
      json_builder_begin_array (b);
      /* multiples of 1/64 print exactly, without a tail of binary noise */
      json_builder_add_double_value (b, round (corners[2 * i] * 64) / 64);
      json_builder_add_double_value (b, round (corners[2 * i + 1] * 64) / 64);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
}

static void
add_string (JsonBuilder *b, const char *key, const char *value)
{
  json_builder_set_member_name (b, key);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* What a side's picture is, beside its corners. */
typedef struct {
  double corners[8];
  int    size[2];
  int    turn;
} Shot;

static gboolean
write_truth (const char *path, const SynthIdentity *id, SynthDifficulty difficulty,
             const char *portrait, const SynthStyle *style, const SynthShot *how,
             const Shot *front, const Shot *back, const char *tampered_field,
             const char *tampered_value, GError **error)
{
  SynthShot plain = SYNTH_SHOT_DEFAULT;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *birth = synth_date_format (&id->birth, "%Y-%m-%d");
  g_autofree char *issue = synth_date_format (&id->issue, "%Y-%m-%d");
  g_autofree char *expiry = id->has_expiry ? synth_date_format (&id->expiry, "%Y-%m-%d") : NULL;
  g_autofree char *text = NULL;
  gboolean layout_2021 = id->layout == SYNTH_LAYOUT_CCCD_2021;

  json_builder_begin_object (b);
  add_string (b, "id_number", id->id_number);
  add_string (b, "old_id_number", id->old_id_number);
  add_string (b, "full_name", id->full_name);
  add_string (b, "date_of_birth", birth);
  add_string (b, "sex", id->female ? "F" : "M");
  add_string (b, "nationality", id->nationality);
  add_string (b, "place_of_origin", id->place_of_origin);
  add_string (b, "place_of_residence", id->place_of_residence);
  add_string (b, "date_of_expiry", expiry);
  add_string (b, "issue_date", issue);
  add_string (b, "issuing_authority", id->issuing_authority);
  add_string (b, "personal_identification", layout_2021 ? id->personal_marks : NULL);
  add_string (b, "qr_payload", id->qr_payload);
  add_string (b, "qr_side", layout_2021 ? "front" : "back");
  json_builder_set_member_name (b, "mrz");
  json_builder_begin_array (b);
  for (int i = 0; i < 3; i++)
    json_builder_add_string_value (b, id->mrz[i]);
  json_builder_end_array (b);
  add_string (b, "layout", layout_2021 ? "cccd-2021" : "cancuoc-2024");
  add_string (b, "difficulty", synth_difficulty_to_string (difficulty));
  add_corners (b, "front_corners", front->corners);
  add_corners (b, "back_corners", back->corners);
  json_builder_set_member_name (b, "image_size");
  json_builder_begin_array (b);
  json_builder_add_int_value (b, front->size[0]);
  json_builder_add_int_value (b, front->size[1]);
  json_builder_end_array (b);
  /* only when not the default photo, so that a default set stays byte for byte the same */
  if (memcmp (how, &plain, sizeof plain) != 0)
    {
      json_builder_set_member_name (b, "back_image_size");
      json_builder_begin_array (b);
      json_builder_add_int_value (b, back->size[0]);
      json_builder_add_int_value (b, back->size[1]);
      json_builder_end_array (b);
      add_string (b, "capture", how->scan_dpi > 0 ? "scan" : "photo");
      json_builder_set_member_name (b, "scan_dpi");
      json_builder_add_int_value (b, how->scan_dpi);
      json_builder_set_member_name (b, "cropped");
      json_builder_add_boolean_value (b, how->crop);
      /* clockwise, as seen: the corners above stay the card's own, from its top-left */
      json_builder_set_member_name (b, "front_turn");
      json_builder_add_int_value (b, front->turn);
      json_builder_set_member_name (b, "back_turn");
      json_builder_add_int_value (b, back->turn);
    }
  add_string (b, "portrait_source", portrait);
  /* the faces the card is printed in: a reader's misses sorted by font */
  add_string (b, "label_family", style->label_family);
  add_string (b, "value_family", style->value_family);
  add_string (b, "mrz_family", style->mrz_family != NULL ? style->mrz_family : "OCR B");
  if (tampered_field != NULL)
    {
      /* the fields above are the codes' (QR, MRZ); the print says this instead */
      json_builder_set_member_name (b, "tampered");
      json_builder_begin_object (b);
      add_string (b, "field", tampered_field);
      add_string (b, "printed", tampered_value);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  return g_file_set_contents (path, text, -1, error);
}

static gboolean
parse_choice (const char *value, const char *const *names, int n, int *out)
{
  for (int i = 0; i < n; i++)
    if (g_strcmp0 (value, names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

static const char *const tamper_fields[] = {
  "full_name", "id_number", "date_of_birth", "sex", "place_of_residence", "issue_date",
  "date_of_expiry",
};

/* @printed (a shallow copy of @id) gets @field from @other, an identity of its own random
 * stream, as an altered card's print would; the QR payload and MRZ stay @id's. Returns the
 * printed value in the truth's form, or NULL when @other has the same one. (transfer full) */
static char *
tamper (SynthIdentity *printed, const SynthIdentity *id, const SynthIdentity *other,
        const char *field)
{
  if (g_str_equal (field, "full_name") && !g_str_equal (id->full_name, other->full_name))
    return g_strdup (printed->full_name = other->full_name);
  if (g_str_equal (field, "id_number") && !g_str_equal (id->id_number, other->id_number))
    return g_strdup (printed->id_number = other->id_number);
  if (g_str_equal (field, "place_of_residence")
      && !g_str_equal (id->place_of_residence, other->place_of_residence))
    return g_strdup (printed->place_of_residence = other->place_of_residence);
  if (g_str_equal (field, "sex"))
    {
      printed->female = !id->female;
      return g_strdup (printed->female ? "F" : "M");
    }
  if (g_str_equal (field, "date_of_birth") && g_date_compare (&id->birth, &other->birth) != 0)
    {
      printed->birth = other->birth;
      return synth_date_format (&printed->birth, "%Y-%m-%d");
    }
  if (g_str_equal (field, "issue_date") && g_date_compare (&id->issue, &other->issue) != 0)
    {
      printed->issue = other->issue;
      return synth_date_format (&printed->issue, "%Y-%m-%d");
    }
  if (g_str_equal (field, "date_of_expiry") && other->has_expiry
      && (!id->has_expiry || g_date_compare (&id->expiry, &other->expiry) != 0))
    {
      printed->has_expiry = TRUE;
      printed->expiry = other->expiry;
      return synth_date_format (&printed->expiry, "%Y-%m-%d");
    }
  return NULL;
}

static gboolean
make_card (const Options *o, int index, int difficulty_choice, int layout_choice, GString *csv,
           GError **error)
{
  guint32 seed[3] = { (guint32) o->seed, (guint32) ((guint64) o->seed >> 32), (guint32) index };
  g_autoptr(GRand) rand = g_rand_new_with_seed_array (seed, 3);
  SynthLayout layout = layout_choice < 2 ? (SynthLayout) layout_choice
                                         : (SynthLayout) g_rand_int_range (rand, 0, 2);
  SynthDifficulty difficulty = difficulty_choice < 3
                               ? (SynthDifficulty) difficulty_choice
                               : (SynthDifficulty) g_rand_int_range (rand, 0, 3);
  g_autoptr(SynthIdentity) id = synth_identity_new_random (rand, layout);
  g_autoptr(SynthStyle) style = NULL;
  /* --other-look draws from a generator of its own: the default draws above stay the same */
  guint32 other_seed[4] = { seed[0], seed[1], seed[2], 0x6f746872 };
  g_autoptr(GRand) other = o->other_look ? g_rand_new_with_seed_array (other_seed, 4) : NULL;
  const char *face;
  g_autofree char *stem = g_strdup_printf ("%04d", index);
  g_autofree char *front_name = g_strdup_printf ("%s-front.jpg", stem);
  g_autofree char *back_name = g_strdup_printf ("%s-back.jpg", stem);
  g_autofree char *json_name = g_strdup_printf ("%s.json", stem);
  g_autofree char *front_path = g_build_filename (o->out_dir, front_name, NULL);
  g_autofree char *back_path = g_build_filename (o->out_dir, back_name, NULL);
  g_autofree char *json_path = g_build_filename (o->out_dir, json_name, NULL);
  cairo_surface_t *portrait = NULL, *front = NULL, *back = NULL;
  SynthIdentity printed;     /* what the card prints: @id, or @id with one field altered */
  g_autoptr(SynthIdentity) other_id = NULL;
  g_autofree char *tampered = NULL;
  Shot front_shot, back_shot;
  const char *relative;
  gboolean ok = FALSE;

  /* --valid-on: other identities from the same stream until the card has not expired then
   * (cards issued 2021–2025 for a 25th or 40th birthday may have expired by now). */
  for (int tries = 0; g_date_valid (&o->valid_on) && id->has_expiry
                      && g_date_compare (&id->expiry, &o->valid_on) < 0; tries++)
    {
      if (tries == 1000)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "no card valid on the date asked for");
          return FALSE;
        }
      synth_identity_free (id);
      id = synth_identity_new_random (rand, layout);
    }
  style = synth_style_new_random (rand);
  face = g_ptr_array_index (o->faces, g_rand_int_range (rand, 0, o->faces->len));
  if (other != NULL)
    {
      g_clear_pointer (&style, synth_style_free);
      style = synth_style_new_other (other);
    }
  style->mrz_family = g_strdup (o->mrz_family);
  portrait = load_portrait (face, error);
  if (portrait == NULL)
    goto out;
  printed = *id;
  if (o->tamper != NULL)
    {
      /* --tamper draws from a generator of its own: the draws above and below stay the same */
      guint32 tamper_seed[4] = { seed[0], seed[1], seed[2], 0x746d7072 };
      g_autoptr(GRand) trand = g_rand_new_with_seed_array (tamper_seed, 4);

      for (int tries = 0; tries < 100 && tampered == NULL; tries++)
        {
          g_clear_pointer (&other_id, synth_identity_free);
          other_id = synth_identity_new_random (trand, layout);
          tampered = tamper (&printed, id, other_id, o->tamper);
        }
      if (tampered == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no other %s to print", o->tamper);
          goto out;
        }
    }
  front = synth_render_front (&printed, style, portrait, error);
  if (front == NULL)
    goto out;
  back = synth_render_back (&printed, style, error);
  if (back == NULL)
    goto out;
  if (o->flat)
    {
      g_autofree char *flat_front = g_strdup_printf ("%s/%s-front-flat.png", o->out_dir, stem);
      g_autofree char *flat_back = g_strdup_printf ("%s/%s-back-flat.png", o->out_dir, stem);
      if (cairo_surface_write_to_png (front, flat_front) != CAIRO_STATUS_SUCCESS
          || cairo_surface_write_to_png (back, flat_back) != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write %s", flat_front);
          goto out;
        }
    }
  if (!synth_capture_shoot (front, difficulty, rand, other, &o->shot, front_path,
                            front_shot.corners, front_shot.size, &front_shot.turn, error)
      || !synth_capture_shoot (back, difficulty, rand, other, &o->shot, back_path,
                               back_shot.corners, back_shot.size, &back_shot.turn, error))
    goto out;
  /* relative to --faces: the photo is evaluation data, named but never copied */
  relative = g_str_has_prefix (face, o->faces_dir) ? face + strlen (o->faces_dir) : face;
  while (*relative == G_DIR_SEPARATOR)
    relative++;
  if (!write_truth (json_path, id, difficulty, relative, style, &o->shot, &front_shot, &back_shot,
                    o->tamper, tampered, error))
    goto out;
  g_string_append_printf (csv, "%s,%s,%s,%s,%s,%s,%s,\"%s\"\n", stem,
                          layout == SYNTH_LAYOUT_CCCD_2021 ? "cccd-2021" : "cancuoc-2024",
                          synth_difficulty_to_string (difficulty), front_name, back_name,
                          json_name, id->id_number, id->full_name);
  ok = TRUE;

out:
  g_clear_pointer (&portrait, cairo_surface_destroy);
  g_clear_pointer (&front, cairo_surface_destroy);
  g_clear_pointer (&back, cairo_surface_destroy);
  return ok;
}

int
main (int argc, char **argv)
{
  static const char *difficulties[] = { "clean", "easy", "hard", "mixed" };
  static const char *layouts[] = { "cccd-2021", "cancuoc-2024", "mixed" };
  Options o = { .count = 10, .seed = -1, .shot = SYNTH_SHOT_DEFAULT };
  g_autofree char *difficulty = NULL;
  g_autofree char *layout = NULL;
  g_autofree char *valid_on = NULL;
  g_autofree char *tamper_field = NULL;
  g_autofree char *frame = NULL;
  g_autofree char *turn = NULL;
  GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &o.out_dir, "Output directory (created)", "DIR" },
    { "count", 'n', 0, G_OPTION_ARG_INT, &o.count, "Number of cards (default 10)", "N" },
    { "first", 0, 0, G_OPTION_ARG_INT, &o.first,
      "Index of the first card (default 0): cards I to I+N-1 of the seed's set", "I" },
    { "difficulty", 'd', 0, G_OPTION_ARG_STRING, &difficulty,
      "clean, easy, hard or mixed (default mixed)", "LEVEL" },
    { "layout", 'l', 0, G_OPTION_ARG_STRING, &layout,
      "cccd-2021, cancuoc-2024 or mixed (default mixed)", "LAYOUT" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &o.seed, "Seed (default: random)", "S" },
    { "faces", 'f', 0, G_OPTION_ARG_FILENAME, &o.faces_dir,
      "Directory of face photos, searched recursively (e.g. ../shared/data/faces/lfw)", "DIR" },
    { "flat", 0, 0, G_OPTION_ARG_NONE, &o.flat, "Also write the flat renders as PNG", NULL },
    { "other-look", 0, 0, G_OPTION_ARG_NONE, &o.other_look,
      "Held-out look: other fonts, ink, tint, backgrounds and light (same identities)", NULL },
    { "mrz-family", 0, 0, G_OPTION_ARG_STRING, &o.mrz_family,
      "The MRZ printed in this font family instead of OCR-B (a reader's held-out check, e.g. "
      "\"Liberation Mono\")", "FAMILY" },
    { "valid-on", 0, 0, G_OPTION_ARG_STRING, &valid_on,
      "Only cards that have not expired on this day (YYYY-MM-DD, e.g. today)", "DATE" },
    { "tamper", 0, 0, G_OPTION_ARG_STRING, &tamper_field,
      "Altered cards: FIELD printed from another identity, QR and MRZ unchanged (full_name, "
      "id_number, date_of_birth, sex, place_of_residence, issue_date, date_of_expiry)", "FIELD" },
    { "frame", 0, 0, G_OPTION_ARG_STRING, &frame,
      "Photo size (default 1280x720; e.g. 640x480, 1920x1080, 4032x3024, 3024x4032)", "WxH" },
    { "turn", 0, 0, G_OPTION_ARG_STRING, &turn,
      "The card seen turned clockwise: 0 (default), 90, 180, 270 or random (a photo: the phone "
      "held upright; a scan: the card laid across the glass)", "DEGREES" },
    { "scan", 0, 0, G_OPTION_ARG_INT, &o.shot.scan_dpi,
      "A flatbed scan of an A4 portrait page at DPI (e.g. 200, 300) instead of a photo", "DPI" },
    { "crop", 0, 0, G_OPTION_ARG_NONE, &o.shot.crop,
      "Cut each picture to the card with a margin of 0–8 px", NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— fictional Vietnamese ID cards");
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new ("index,layout,difficulty,front,back,json,id_number,full_name\n");
  g_autofree char *csv_path = NULL;
  const char *missing_family;
  int difficulty_choice = 3, layout_choice = 2;
  gint64 start;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("ekyc-synth-cards: %s\n", error->message);
      return 2;
    }
  if (o.out_dir == NULL || o.faces_dir == NULL || o.count < 1 || o.first < 0
      || (difficulty && !parse_choice (difficulty, difficulties, 4, &difficulty_choice))
      || (layout && !parse_choice (layout, layouts, 3, &layout_choice)))
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("ekyc-synth-cards: --out, --faces and a positive --count are required; "
                  "see the choices below.\n%s", help);
      return 2;
    }
  if (tamper_field != NULL)
    {
      int unused;

      if (!parse_choice (tamper_field, tamper_fields, (int) G_N_ELEMENTS (tamper_fields), &unused))
        {
          g_printerr ("ekyc-synth-cards: --tamper wants one of full_name, id_number, "
                      "date_of_birth, sex, place_of_residence, issue_date, date_of_expiry\n");
          return 2;
        }
      o.tamper = tamper_field;
    }
  if (o.mrz_family != NULL && !synth_render_family_installed (o.mrz_family))
    {
      g_printerr ("ekyc-synth-cards: the font family “%s” (--mrz-family) is not installed\n",
                  o.mrz_family);
      return 2;
    }
  missing_family = synth_render_missing_family ();
  if (missing_family != NULL)
    {
      /* a fallback font would make another set from the same seed on this machine */
      g_printerr ("ekyc-synth-cards: the font family “%s” is not installed (Debian packages "
                  "fonts-dejavu-core fonts-dejavu-extra fonts-liberation2 fonts-noto-core)\n",
                  missing_family);
      return 2;
    }
  if (frame != NULL && (sscanf (frame, "%dx%d", &o.shot.width, &o.shot.height) != 2
                        || o.shot.width < 64 || o.shot.height < 64 || o.shot.width > 10000
                        || o.shot.height > 10000))
    {
      g_printerr ("ekyc-synth-cards: --frame wants WxH between 64 and 10000, not “%s”\n", frame);
      return 2;
    }
  if (turn != NULL)
    {
      static const char *turns[] = { "0", "90", "180", "270", "random" };
      int choice;

      if (!parse_choice (turn, turns, 5, &choice))
        {
          g_printerr ("ekyc-synth-cards: --turn wants 0, 90, 180, 270 or random, not “%s”\n", turn);
          return 2;
        }
      o.shot.turn = choice == 4 ? -1 : 90 * choice;
    }
  if (o.shot.scan_dpi < 0 || o.shot.scan_dpi > 1200)
    {
      g_printerr ("ekyc-synth-cards: --scan wants a resolution of 1 to 1200 dpi\n");
      return 2;
    }
  if (o.seed < 0)
    o.seed = g_get_real_time () & G_MAXINT64;
  g_date_clear (&o.valid_on, 1);
  if (valid_on != NULL)
    {
      g_autoptr(GDateTime) day = NULL;
      g_autofree char *iso = g_strdup_printf ("%sT00:00:00Z", valid_on);

      day = g_date_time_new_from_iso8601 (iso, NULL);
      if (day == NULL)
        {
          g_printerr ("ekyc-synth-cards: --valid-on wants YYYY-MM-DD, not “%s”\n", valid_on);
          return 2;
        }
      g_date_set_dmy (&o.valid_on, g_date_time_get_day_of_month (day),
                      g_date_time_get_month (day), g_date_time_get_year (day));
    }

  o.faces = g_ptr_array_new_with_free_func (g_free);
  collect_faces (o.faces_dir, o.faces);
  if (o.faces->len == 0)
    {
      g_printerr ("ekyc-synth-cards: no .jpg or .png face photos under %s\n", o.faces_dir);
      return 2;
    }
  g_ptr_array_sort (o.faces, compare_paths);
  if (g_mkdir_with_parents (o.out_dir, 0755) != 0)
    {
      g_printerr ("ekyc-synth-cards: cannot create %s\n", o.out_dir);
      return 2;
    }

  start = g_get_monotonic_time ();
  for (int i = o.first; i < o.first + o.count; i++)
    if (!make_card (&o, i, difficulty_choice, layout_choice, csv, &error))
      {
        g_printerr ("ekyc-synth-cards: card %d: %s\n", i, error->message);
        return 1;
      }
  csv_path = g_build_filename (o.out_dir, "index.csv", NULL);
  if (!g_file_set_contents (csv_path, csv->str, (gssize) csv->len, &error))
    {
      g_printerr ("ekyc-synth-cards: %s\n", error->message);
      return 1;
    }
  g_print ("ekyc-synth-cards: %d cards (seed %" G_GINT64_FORMAT ") in %s, %.1f cards/s\n",
           o.count, o.seed, o.out_dir,
           o.count / ((g_get_monotonic_time () - start) / 1e6));
  g_ptr_array_unref (o.faces);
  g_free (o.out_dir);
  g_free (o.faces_dir);
  return 0;
}
