/* test-qr-card.c — the card's QR code where the whole photo does not decode it: factory cards
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Hard factory cards (small, blurred, glare, JPEG) whose QR zbar misses on the whole photo are
 * read from a sharpened close-up of the card's top-right corner (ekyc_qr_decode_card()); the
 * same photo turned upside down from the bottom-left corner; and no pass ever returns bytes
 * other than the code's. zbar runs on a close-up only where the finder check sees a code's
 * three finder patterns: on every corner a code was read from, on no corner of a side
 * without a code.
 */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>
#include <ekyc/ekyc.h>

#include "ekyc-qr-decode-private.h"
#include "test-utils.h"

/* 16 hard cards of seed 7: the whole photo reads 4 of their codes, the close-ups 5 more (4 from
 * the card's corner; measured, the rest is the benchmark's business), and the 4 again upside
 * down from the opposite corner. */
#define N_HARD 16
#define SEED "7"
#define MIN_CLOSE_UP_READS 4
#define MIN_UPSIDE_DOWN_READS 2

static char *hard_dir;

typedef struct {
  char      *payload;  /* the truth */
  EkycImage *photo;    /* the side carrying the QR */
  EkycImage *other;    /* the side without it */
} Card;

static void
card_clear (Card *card)
{
  g_free (card->payload);
  g_clear_pointer (&card->photo, ekyc_image_unref);
  g_clear_pointer (&card->other, ekyc_image_unref);
}

static gboolean
load_card (int index, Card *card)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("%04d.json", index);
  g_autofree char *path = g_build_filename (hard_dir, name, NULL);
  g_autofree char *photo_name = NULL;
  g_autofree char *photo = NULL;
  JsonObject *truth;

  if (!json_parser_load_from_file (parser, path, &error))
    return FALSE;
  truth = json_node_get_object (json_parser_get_root (parser));
  card->payload = g_strdup (json_object_get_string_member (truth, "qr_payload"));
  for (int s = 0; s < 2; s++)
    {
      const char *side = s == 0 ? "front" : "back";
      gboolean with_qr = g_str_equal (side, json_object_get_string_member (truth, "qr_side"));

      photo_name = g_strdup_printf ("%04d-%s.jpg", index, side);
      photo = g_build_filename (hard_dir, photo_name, NULL);
      *(with_qr ? &card->photo : &card->other) = ekyc_image_new_from_file (photo, &error);
      g_assert_no_error (error);
      g_clear_pointer (&photo_name, g_free);
      g_clear_pointer (&photo, g_free);
    }
  return TRUE;
}

/* The first code @image yields with its card found first; NULL when none. The bytes must be the
 * truth's whenever there are any. */
static EkycQrCode *
decode (EkycImage *image, const char *payload)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  EkycCardDetection detection;

  g_assert_true (ekyc_card_detect (image, &detection, &error));
  g_assert_no_error (error);
  codes = ekyc_qr_decode_card (image, &detection, &error);
  g_assert_no_error (error);
  g_assert_nonnull (codes);
  for (guint i = 0; i < codes->len; i++)
    {
      EkycQrCode *code = g_ptr_array_index (codes, i);

      g_assert_cmpmem (code->data, code->length, payload, strlen (payload));
    }
  return codes->len > 0 ? g_ptr_array_steal_index (codes, 0) : NULL;
}

/* The same image turned by 180°. */
static EkycImage *
turned (const EkycImage *image)
{
  int w = ekyc_image_get_width (image), h = ekyc_image_get_height (image);
  gsize stride = ekyc_image_get_stride (image);
  const guint8 *src = ekyc_image_get_pixels (image);
  EkycPixelFormat format = ekyc_image_get_format (image);
  int bpp = format == EKYC_PIXEL_FORMAT_GRAY8 ? 1
            : format == EKYC_PIXEL_FORMAT_RGB || format == EKYC_PIXEL_FORMAT_BGR ? 3 : 4;
  g_autofree guint8 *dst = NULL;
  g_autoptr(GError) error = NULL;
  EkycImage *out;

  dst = g_malloc ((gsize) w * h * bpp);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      memcpy (dst + ((gsize) (h - 1 - y) * w + (w - 1 - x)) * bpp,
              src + y * stride + (gsize) x * bpp, bpp);
  out = ekyc_image_new_from_memory_copy (dst, w, h, (gsize) w * bpp, format, &error);
  g_assert_no_error (error);
  return out;
}

static void
test_hard_cards_read_from_the_corner (void)
{
  int close_up = 0, full = 0, upside_down = 0;

  if (hard_dir == NULL)
    {
      g_test_skip ("no shared faces for the card factory");
      return;
    }
  for (int i = 0; i < N_HARD; i++)
    {
      Card card = { 0 };
      g_autoptr(EkycQrCode) code = NULL;

      g_assert_true (load_card (i, &card));
      code = decode (card.photo, card.payload);
      if (code != NULL && code->pass == EKYC_QR_PASS_FULL)
        full++;
      else if (code != NULL)
        close_up++;
      if (code != NULL && code->pass == EKYC_QR_PASS_CARD_TOP_RIGHT)
        {
          g_autoptr(EkycImage) turned_photo = turned (card.photo);
          g_autoptr(EkycQrCode) again = NULL;

          /* the code's corners are mapped back into the photo: inside it */
          for (int c = 0; c < 4; c++)
            {
              g_assert_cmpfloat (code->corners[c].x, >=, -1);
              g_assert_cmpfloat (code->corners[c].x, <=, ekyc_image_get_width (card.photo) + 1);
              g_assert_cmpfloat (code->corners[c].y, >=, -1);
              g_assert_cmpfloat (code->corners[c].y, <=, ekyc_image_get_height (card.photo) + 1);
            }
          again = decode (turned_photo, card.payload);
          if (again != NULL && again->pass == EKYC_QR_PASS_CARD_BOTTOM_LEFT)
            upside_down++;
        }
      g_test_message ("card %d: %s", i, code != NULL ? ekyc_qr_pass_name (code->pass) : "none");
      card_clear (&card);
    }
  g_test_message ("whole photo %d, close-ups %d, upside down %d", full, close_up,
                  upside_down);
  g_assert_cmpint (close_up, >=, MIN_CLOSE_UP_READS);
  g_assert_cmpint (upside_down, >=, MIN_UPSIDE_DOWN_READS);
}

/* The finder check that gates zbar on a close-up: it sees the code on every card corner zbar
 * reads one from, and none on the corners of the sides without a code (a 2021 back, a 2024
 * front; on 250 factory cards no such corner showed one). */
static void
test_finders_only_where_a_code_is (void)
{
  int corner_reads = 0, other_corners = 0;

  if (hard_dir == NULL)
    {
      g_test_skip ("no shared faces for the card factory");
      return;
    }
  for (int i = 0; i < N_HARD; i++)
    {
      Card card = { 0 };
      g_autoptr(EkycQrCode) code = NULL;
      EkycCardDetection detection;

      g_assert_true (load_card (i, &card));
      code = decode (card.photo, card.payload);
      if (code != NULL && code->pass != EKYC_QR_PASS_FULL)
        {
          g_assert_true (ekyc_card_detect (card.photo, &detection, NULL));
          g_assert_cmpint (_ekyc_qr_close_up_shows_finders (card.photo,
                                                            detection.found ? &detection : NULL,
                                                            code->pass), ==, 1);
          corner_reads++;
        }
      g_assert_true (ekyc_card_detect (card.other, &detection, NULL));
      if (detection.found)
        {
          g_assert_cmpint (_ekyc_qr_close_up_shows_finders (card.other, &detection,
                                                            EKYC_QR_PASS_CARD_TOP_RIGHT), ==, 0);
          g_assert_cmpint (_ekyc_qr_close_up_shows_finders (card.other, &detection,
                                                            EKYC_QR_PASS_CARD_BOTTOM_LEFT), ==, 0);
          other_corners += 2;
        }
      card_clear (&card);
    }
  g_test_message ("close-up reads with finders %d, corners without a code %d", corner_reads,
                  other_corners);
  g_assert_cmpint (corner_reads, >=, MIN_CLOSE_UP_READS);
  g_assert_cmpint (other_corners, >=, N_HARD);
}

/* Without a card outline the photo's regions are still looked at, and a photo with no code in it
 * gives an empty array, not an error. */
static void
test_no_card_and_no_code (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(EkycImage) blank = NULL;
  g_autofree guint8 *grey = g_malloc (640 * 400);
  EkycCardDetection none = { .found = FALSE };
  EkycCardDetection bogus = { .found = TRUE,
                              .corners = { { 10, 10 }, { 600, 20 }, { 630, 390 }, { 5, 380 } } };

  for (int i = 0; i < 640 * 400; i++)
    grey[i] = (guint8) (i * 7919 % 251);
  blank = ekyc_image_new_from_memory_copy (grey, 640, 400, 640, EKYC_PIXEL_FORMAT_GRAY8, &error);
  g_assert_no_error (error);
  codes = ekyc_qr_decode_card (blank, &none, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codes->len, ==, 0);
  g_clear_pointer (&codes, g_ptr_array_unref);
  codes = ekyc_qr_decode_card (blank, &bogus, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codes->len, ==, 0);
  g_clear_pointer (&codes, g_ptr_array_unref);
  codes = ekyc_qr_decode_card (blank, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codes->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_autofree char *root = NULL;
  int status;

  ekyc_test_init (&argc, &argv);
  root = g_dir_make_tmp ("ekyc-qr-card-XXXXXX", NULL);
  g_assert_nonnull (root);
  hard_dir = g_build_filename (root, "hard", NULL);
  if (!ekyc_test_make_cards (hard_dir, N_HARD, "hard", SEED))
    g_clear_pointer (&hard_dir, g_free);

  g_test_add_func ("/qr-card/hard-cards-read-from-the-card-corner",
                   test_hard_cards_read_from_the_corner);
  g_test_add_func ("/qr-card/finders-only-where-a-code-is", test_finders_only_where_a_code_is);
  g_test_add_func ("/qr-card/no-card-and-no-code-is-empty", test_no_card_and_no_code);
  status = g_test_run ();
  ekyc_test_remove_tree (root);
  g_free (hard_dir);
  return status;
}
