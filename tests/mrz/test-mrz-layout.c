/* test-mrz-layout.c — the MRZ reader picks each cell's likeliest character that the layout allows
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The glyph classifier gives each cell its likeliest characters with their probabilities
 * (EkycCvMrzText). No check digit covers the name, so a digit read in a name cell must become the
 * classifier's best letter there, not the parser's fixed look-alike: a held-out hard card's "T"
 * read "1" (0.59) or "T" (0.40) became "IRINH" for "TRINH", and the MRZ passed every check.
 * The lines are a fictional Vietnamese card whose check digits hold; the ICAO TD3 specimen is
 * quoted from Doc 9303 Part 4.
 */
#include "config.h"

#include <string.h>
#include <ekyc/ekyc-mrz.h>

#include "ekyc-mrz-read-private.h"
#include "test-utils.h"

static const char *const cccd[] = {
  "IDVNM1847003740048184700374<<0",
  "8410087F4410089VNM<<<<<<<<<<<4",
  "TRINH<<THANH<UYEN<<<<<<<<<<<<<",
};
static const char *const td3_icao[] = {
  "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
  "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
};

/* A reading of @lines where the classifier is sure of every cell. */
static void
text_from_lines (EkycCvMrzText *text, const char *const *lines, int n_lines)
{
  memset (text, 0, sizeof *text);
  text->n_lines = n_lines;
  text->n_chars = (int) strlen (lines[0]);
  for (int l = 0; l < n_lines; l++)
    for (int c = 0; c < text->n_chars; c++)
      {
        text->alt[l][c][0] = lines[l][c];
        text->prob[l][c][0] = 1.0f;
        for (int k = 1; k < EKYC_CV_MRZ_NBEST; k++)
          text->alt[l][c][k] = '<', text->prob[l][c][k] = 0.0f;
      }
}

static void
set_cell (EkycCvMrzText *text, int l, int c, const char *alts, const float *probs)
{
  for (int k = 0; k < EKYC_CV_MRZ_NBEST; k++)
    {
      text->alt[l][c][k] = alts[k];
      text->prob[l][c][k] = probs[k];
    }
}

static EkycMrz *
parse (char lines[3][45], int n_lines)
{
  const char *ptrs[3] = { lines[0], lines[1], lines[2] };
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, G_DATE_JULY, 2025);
  return ekyc_mrz_parse_at (ptrs, (gsize) n_lines, &today, NULL);
}

static void
test_name_cell_takes_the_likeliest_letter (void)
{
  static const float probs[] = { 0.591f, 0.395f, 0.007f, 0.005f };
  EkycCvMrzText text;
  char lines[3][45] = { { 0 } };
  guint chosen[3][44] = { { 0 } };
  g_autoptr(EkycMrz) first_choices = NULL;
  g_autoptr(EkycMrz) mrz = NULL;

  text_from_lines (&text, cccd, 3);
  set_cell (&text, 2, 0, "1T3M", probs);

  /* What the parser alone made of the first choices: valid, and wrong. */
  for (int l = 0; l < 3; l++)
    for (int c = 0; c < 30; c++)
      lines[l][c] = text.alt[l][c][0];
  first_choices = parse (lines, 3);
  g_assert_nonnull (first_choices);
  g_assert_true (first_choices->valid);
  g_assert_cmpstr (first_choices->surname, ==, "IRINH");

  memset (lines, 0, sizeof lines);
  _ekyc_mrz_choose_by_layout (&text, lines, chosen);
  g_assert_cmpstr (lines[2], ==, cccd[2]);
  g_assert_cmpuint (chosen[2][0], ==, 1);
  mrz = parse (lines, 3);
  g_assert_true (mrz->valid);
  g_assert_cmpstr (mrz->surname, ==, "TRINH");
  g_assert_cmpuint (mrz->n_repairs, ==, 0);
}

static void
test_digit_cells_take_the_likeliest_digit (void)
{
  static const float probs[] = { 0.62f, 0.37f, 0.01f, 0.0f };
  EkycCvMrzText text;
  char lines[3][45] = { { 0 } };
  guint chosen[3][44] = { { 0 } };

  text_from_lines (&text, cccd, 3);
  /* "8" of the birth date read "B" or "8"; "0" of the document number read "O" or "0"; "F"
   * (sex) read "E" or "F" */
  set_cell (&text, 1, 0, "B8S<", probs);
  set_cell (&text, 0, 10, "O0UQ", probs);
  set_cell (&text, 1, 7, "EFP<", probs);
  _ekyc_mrz_choose_by_layout (&text, lines, chosen);
  for (int l = 0; l < 3; l++)
    g_assert_cmpstr (lines[l], ==, cccd[l]);
}

static void
test_unlikely_alternatives_are_left_to_the_parser (void)
{
  static const float sure[] = { 0.985f, 0.01f, 0.005f, 0.0f };
  static const float doubt[] = { 0.6f, 0.4f, 0.0f, 0.0f };
  EkycCvMrzText text;
  char lines[3][45] = { { 0 } };
  guint chosen[3][44] = { { 0 } };

  text_from_lines (&text, cccd, 3);
  /* a name cell read "1" with letters below 2 %: kept (the parser makes it an "I") */
  set_cell (&text, 2, 8, "1TL7", sure);
  /* a mixed cell (a Vietnamese card's filler positions 28–29 of line 1) is not constrained */
  set_cell (&text, 0, 27, "K<XZ", doubt);
  _ekyc_mrz_choose_by_layout (&text, lines, chosen);
  g_assert_cmpint (lines[2][8], ==, '1');
  g_assert_cmpint (lines[0][27], ==, 'K');
  g_assert_cmpuint (chosen[2][8], ==, 0);
}

static void
test_td3_letters_and_digits (void)
{
  static const float probs[] = { 0.55f, 0.45f, 0.0f, 0.0f };
  EkycCvMrzText text;
  char lines[3][45] = { { 0 } };
  guint chosen[3][44] = { { 0 } };
  g_autoptr(EkycMrz) mrz = NULL;

  text_from_lines (&text, td3_icao, 2);
  set_cell (&text, 0, 5, "3EB8", probs);   /* the name's "E" */
  set_cell (&text, 1, 10, "0UQD", probs);  /* nationality "U" */
  set_cell (&text, 1, 19, "Z2<<", probs);  /* the birth date's check digit "2" */
  set_cell (&text, 1, 43, "O0<<", probs);  /* the composite check digit "0" */
  set_cell (&text, 1, 0, "7L1I", probs);   /* the number's "L": mixed, the first choice stays */
  _ekyc_mrz_choose_by_layout (&text, lines, chosen);
  g_assert_cmpstr (lines[0], ==, td3_icao[0]);
  g_assert_cmpint (lines[1][0], ==, '7');
  lines[1][0] = 'L';
  g_assert_cmpstr (lines[1], ==, td3_icao[1]);
  mrz = parse (lines, 2);
  g_assert_true (mrz->valid);
  g_assert_cmpstr (mrz->surname, ==, "ERIKSSON");
}

/* An MRZ in another face than OCR-B (Courier Prime, Inconsolata, DejaVu Sans Mono): on a
 * Vietnamese card the code is "ID" (read "IO"), the nationality "VNM" (read "WNM"), and a word
 * of the name that is no Vietnamese syllable takes the classifier's next choice that makes it
 * one ("HQANG" → "HOANG", "IHANG" → "THANG", "NGGYEN" → "NGUYEN"); a word that is a syllable
 * stays, QUANG's Q too. */
static void
test_vietnamese_card_rules (void)
{
  static const char *const card[] = {
    "IDVNM1847003740048184700374<<0",
    "8410087F4410089VNM<<<<<<<<<<<4",
    "HOANG<<QUANG<THANG<NGUYEN<<<<<",
  };
  static const float probs[] = { 0.7f, 0.25f, 0.05f, 0.0f };
  EkycCvMrzText text;
  char lines[3][45] = { { 0 } };
  guint chosen[3][44] = { { 0 } };

  text_from_lines (&text, card, 3);
  set_cell (&text, 0, 1, "OQC0", probs);    /* "D" not even among the choices */
  set_cell (&text, 1, 15, "WVMN", probs);
  set_cell (&text, 2, 1, "QOGD", probs);    /* HQANG */
  set_cell (&text, 2, 7, "QOGD", probs);    /* QUANG: a Q before a U stays */
  set_cell (&text, 2, 13, "ITL1", probs);   /* IHANG */
  set_cell (&text, 2, 21, "GUOC", probs);   /* NGGYEN */
  _ekyc_mrz_choose_by_layout (&text, lines, chosen);
  for (int l = 0; l < 3; l++)
    g_assert_cmpstr (lines[l], ==, card[l]);
  g_assert_cmpuint (chosen[2][13], ==, 1);

  /* "HANG" read "HONG": a syllable, left as read */
  text_from_lines (&text, card, 3);
  set_cell (&text, 2, 15, "OAUE", probs);
  _ekyc_mrz_choose_by_layout (&text, lines, chosen);
  g_assert_cmpstr (lines[2], ==, "HOANG<<QUANG<THONG<NGUYEN<<<<<");

  /* a passport's name keeps its Q (TD3: no Vietnamese rule) */
  {
    static const char *const td3[] = {
      "P<UTOIQBAL<<TARIQ<<<<<<<<<<<<<<<<<<<<<<<<<<<",
      "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    };

    text_from_lines (&text, td3, 2);
    set_cell (&text, 0, 6, "QOGD", probs);
    _ekyc_mrz_choose_by_layout (&text, lines, chosen);
    g_assert_cmpstr (lines[0], ==, td3[0]);
  }
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);
  g_test_add_func ("/mrz-layout/name-cell-takes-the-likeliest-letter",
                   test_name_cell_takes_the_likeliest_letter);
  g_test_add_func ("/mrz-layout/digit-cells-take-the-likeliest-digit",
                   test_digit_cells_take_the_likeliest_digit);
  g_test_add_func ("/mrz-layout/unlikely-alternatives-are-left-to-the-parser",
                   test_unlikely_alternatives_are_left_to_the_parser);
  g_test_add_func ("/mrz-layout/td3-letters-and-digits", test_td3_letters_and_digits);
  g_test_add_func ("/mrz-layout/vietnamese-card-rules", test_vietnamese_card_rules);
  return g_test_run ();
}
