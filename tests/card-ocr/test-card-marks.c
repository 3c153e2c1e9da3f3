/* test-card-marks.c — the marks over a name's capitals and the values set apart from their labels
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A line read again alone must keep the marks above its capitals (the acute of Ế, the tilde of Ĩ
 * sit higher than the page OCR's box of the letters) and none of the next lines'. On the factory's
 * clean cards of seed 5151, the print alone once read TIẾN as TIỀN, THU as THỦ, KHÁNH as KHANH,
 * ĐÌNH HẢI as ĐĨNH HAI; lost an issue date set apart from its label, an expiry followed on its line
 * by the address, and read "Việt Nam" as "ViÑÑam": each such card must now read exactly.
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <ekyc/ekyc.h>

#include "ekyc-card-line-private.h"
#include "test-utils.h"

#define SEED    "5151"
#define N_CARDS 40

static char *cards_dir;
static EkycCardReader *reader;

/* ---- the line's crop, on a drawn card ----------------------------------------------------- */

static void
fill (guint8 *bgr, int width, int x0, int y0, int x1, int y1, guint8 v)
{
  for (int y = y0; y < y1; y++)
    memset (bgr + ((gsize) y * width + x0) * 3, v, (gsize) (x1 - x0) * 3);
}

static int
ink_rows (const guint8 *gray, int w, int from, int to)
{
  int n = 0;

  for (int y = from; y < to; y++)
    for (int x = 0; x < w; x++)
      if (gray[(gsize) y * w + x] < 128)
        {
          n++;
          break;
        }
  return n;
}

/* Rows, 1×: a label line above (its ink at 128–139), a gap of 6, a mark (146–149) over capitals
 * (153–175), a dot below (178–180), a gap of 5, the next line (186–199): both within the room
 * looked at. The page OCR's box holds the capitals alone (153–175). */
static void
test_line_keeps_its_marks_and_drops_its_neighbours (void)
{
  int w = 400, h = 260, gw = 0, gh = 0, top, bottom, capitals = 0;
  g_autofree guint8 *bgr = g_malloc ((gsize) w * h * 3);
  g_autoptr(EkycImage) card = NULL;
  g_autofree guint8 *gray = NULL;
  EkycCardValueBox box = { TRUE, 40, 153, 360, 176 };

  memset (bgr, 225, (gsize) w * h * 3);
  fill (bgr, w, 20, 128, 200, 140, 30);       /* the label above */
  for (int x = 50; x < 350; x += 40)
    fill (bgr, w, x, 153, x + 24, 176, 20);   /* capitals */
  fill (bgr, w, 90, 146, 104, 150, 20);        /* an acute over one of them */
  fill (bgr, w, 130, 178, 136, 181, 20);       /* a dot below another */
  fill (bgr, w, 20, 186, 380, 200, 30);        /* the next line */
  card = ekyc_image_new_from_memory (bgr, w, h, (gsize) w * 3, EKYC_PIXEL_FORMAT_BGR, NULL, NULL,
                                     NULL);
  g_assert_nonnull (card);

  gray = _ekyc_card_line_gray (card, &box, 1.0, &gw, &gh);
  g_assert_nonnull (gray);
  g_assert_cmpint (gw, ==, 360 - 40 + 16);
  /* the ink rows, top to bottom: mark, capitals, dot; nothing else */
  for (top = 0; top < gh && ink_rows (gray, gw, top, top + 1) == 0; top++)
    ;
  for (bottom = gh - 1; bottom >= 0 && ink_rows (gray, gw, bottom, bottom + 1) == 0; bottom--)
    ;
  g_assert_cmpint (ink_rows (gray, gw, 0, gh), ==, 4 + 23 + 3);
  capitals = ink_rows (gray, gw, top + 4 + 3, top + 4 + 3 + 23);
  g_assert_cmpint (capitals, ==, 23);
  g_assert_cmpint (bottom - top + 1, ==, 4 + 3 + 23 + 2 + 3);
  /* white room above the mark and below the dot */
  g_assert_cmpint (top, >=, 4);
  g_assert_cmpint (gh - 1 - bottom, >=, 4);

  /* at 2×, the same rows twice as many */
  g_clear_pointer (&gray, g_free);
  gray = _ekyc_card_line_gray (card, &box, 2.0, &gw, &gh);
  g_assert_nonnull (gray);
  g_assert_cmpint (gw, ==, 2 * (360 - 40 + 16));
  g_assert_cmpint (ABS (ink_rows (gray, gw, 0, gh) - 2 * 30), <=, 4);
}

/* The next line touching this one (no gap within reach): the tight room of old, not the next
 * line's text. */
static void
test_line_without_a_gap_keeps_tight_room (void)
{
  int w = 300, h = 200, gw = 0, gh = 0;
  g_autofree guint8 *bgr = g_malloc ((gsize) w * h * 3);
  g_autoptr(EkycImage) card = NULL;
  g_autofree guint8 *gray = NULL;
  EkycCardValueBox box = { TRUE, 40, 80, 260, 100 };

  memset (bgr, 225, (gsize) w * h * 3);
  fill (bgr, w, 50, 80, 250, 100, 20);
  fill (bgr, w, 50, 40, 250, 80, 20);          /* ink all the way up */
  card = ekyc_image_new_from_memory (bgr, w, h, (gsize) w * 3, EKYC_PIXEL_FORMAT_BGR, NULL, NULL,
                                     NULL);
  gray = _ekyc_card_line_gray (card, &box, 1.0, &gw, &gh);
  g_assert_nonnull (gray);
  /* box height 20: a fifth of it and 2 pixels above, kept, plus at most the white margin */
  g_assert_cmpint (ink_rows (gray, gw, 0, gh), <=, 20 + 20 / 5 + 2 + 2);
}

/* ---- the factory's cards ------------------------------------------------------------------ */

static JsonObject *
truth (int index)
{
  g_autofree char *name = g_strdup_printf ("%04d.json", index);
  g_autofree char *path = g_build_filename (cards_dir, name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The printed value of @field on side @side of card @index, the print alone. */
static char *
printed (int index, const char *side, EkycCardReadField field)
{
  g_autofree char *name = g_strdup_printf ("%04d-%s.jpg", index, side);
  g_autofree char *path = g_build_filename (cards_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycImage) image = ekyc_image_new_from_file (path, &error);
  g_autoptr(EkycCardSideReading) reading = NULL;

  g_assert_no_error (error);
  reading = ekyc_card_reader_read_side (reader, image, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reading);
  return g_strdup (reading->printed[field].value);
}

static void
test_factory_cards_read_exactly (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = NULL;
  static const struct { int index; const char *side; EkycCardReadField field; } cases[] = {
    { 11, "front", EKYC_CARD_READ_FIELD_FULL_NAME },      /* LÊ TIẾN MINH PHƯỚC */
    { 29, "front", EKYC_CARD_READ_FIELD_FULL_NAME },      /* TRỊNH THU ANH */
    { 30, "front", EKYC_CARD_READ_FIELD_FULL_NAME },      /* HUỲNH TRỌNG KHÁNH */
    { 33, "front", EKYC_CARD_READ_FIELD_FULL_NAME },      /* ĐINH ĐÌNH HẢI */
    { 22, "back", EKYC_CARD_READ_FIELD_ISSUE_DATE },      /* "Ngày, tháng, năm /" apart */
    { 35, "front", EKYC_CARD_READ_FIELD_DATE_OF_EXPIRY }, /* the address after it */
    { 39, "front", EKYC_CARD_READ_FIELD_NATIONALITY },    /* "ViÑÑam" at 0.17 */
  };

  root = g_dir_make_tmp ("card-marks-XXXXXX", NULL);
  g_assert_nonnull (root);
  cards_dir = g_build_filename (root, "clean", NULL);
  if (!ekyc_test_make_cards (cards_dir, N_CARDS, "clean", SEED))
    {
      g_rmdir (root);
      g_test_skip ("the shared face photos are missing");
      return;
    }
  reader = ekyc_card_reader_new (NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) t = truth (cases[i].index);
      const char *want = json_object_get_string_member (t, ekyc_card_read_field_name (cases[i].field));
      g_autofree char *got = printed (cases[i].index, cases[i].side, cases[i].field);

      g_test_message ("card %d %s: read %s, truth %s", cases[i].index,
                      ekyc_card_read_field_name (cases[i].field), got, want);
      g_assert_cmpstr (got, ==, want);
    }
  g_clear_pointer (&reader, ekyc_card_reader_free);
  ekyc_test_remove_tree (cards_dir);
  g_clear_pointer (&cards_dir, g_free);
  g_rmdir (root);
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);
  g_test_add_func ("/card-marks/line/keeps-its-marks-and-drops-its-neighbours",
                   test_line_keeps_its_marks_and_drops_its_neighbours);
  g_test_add_func ("/card-marks/line/without-a-gap-keeps-tight-room",
                   test_line_without_a_gap_keeps_tight_room);
  g_test_add_func ("/card-marks/clean/factory-cards-read-exactly", test_factory_cards_read_exactly);
  return g_test_run ();
}
