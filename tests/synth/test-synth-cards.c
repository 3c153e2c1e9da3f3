/* test-synth-cards.c — the card factory's cards are consistent, and their QR codes read back
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Runs ekyc-synth-cards once (4 clean cards of both layouts, 2 hard ones), then checks every
 * rule again with code of its own: MRZ check digits, QR fields against the JSON, the ID number,
 * the renewal ages, the corners, and a zbar decode of the printed QR code; and the engine's own
 * card logic (ID number, QR payload, expiry, MRZ) must accept every card.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <zbar.h>

#include <ekyc/ekyc.h>

#include "synth-cv.h"
#include "test-utils.h"

#define N_CLEAN 4
#define N_HARD  2
#define SEED    "20240701"

static char *clean_dir, *hard_dir, *again_dir;
static JsonObject *clean_truth[N_CLEAN], *hard_truth[N_HARD];

/* Province codes of Thông tư 07/2016/TT-BCA, annex 1. */
static const char *province_codes[] = {
  "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020",
  "022", "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038",
  "040", "042", "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060",
  "062", "064", "066", "067", "068", "070", "072", "074", "075", "077", "079", "080", "082",
  "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096",
};

static JsonObject *
load_truth (const char *dir, int index)
{
  g_autofree char *name = g_strdup_printf ("%04d.json", index);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static const char *
member (JsonObject *o, const char *key)
{
  g_assert_true (json_object_has_member (o, key));
  return json_object_get_string_member_with_default (o, key, NULL);
}

static gboolean
have_cards (void)
{
  if (clean_dir == NULL)
    {
      g_test_skip ("the shared face photos are missing");
      return FALSE;
    }
  return TRUE;
}

static int
check_digit (const char *s, gsize n)
{
  static const int weights[] = { 7, 3, 1 };
  int sum = 0;

  for (gsize i = 0; i < n; i++)
    {
      int v = g_ascii_isdigit (s[i]) ? s[i] - '0' : g_ascii_isupper (s[i]) ? s[i] - 'A' + 10 : 0;
      g_assert_true (g_ascii_isdigit (s[i]) || g_ascii_isupper (s[i]) || s[i] == '<');
      sum += v * weights[i % 3];
    }
  return sum % 10;
}

/* "YYYY-MM-DD" → "YYMMDD" or "DDMMYYYY" */
static char *
yymmdd (const char *iso)
{
  return g_strdup_printf ("%.2s%.2s%.2s", iso + 2, iso + 5, iso + 8);
}

static char *
ddmmyyyy (const char *iso)
{
  return g_strdup_printf ("%.2s%.2s%.4s", iso + 8, iso + 5, iso);
}

static void
parse_date (const char *iso, GDate *date)
{
  g_assert_nonnull (iso);
  g_assert_cmpuint (strlen (iso), ==, 10);
  g_date_clear (date, 1);
  g_date_set_parse (date, iso);
  g_assert_true (g_date_valid (date));
  g_assert_cmpint (g_date_get_year (date), ==, atoi (iso));
}

static void
for_each_card (void (*check) (JsonObject *truth, gboolean clean))
{
  if (!have_cards ())
    return;
  for (int i = 0; i < N_CLEAN; i++)
    check (clean_truth[i], TRUE);
  for (int i = 0; i < N_HARD; i++)
    check (hard_truth[i], FALSE);
}

/* ---- the tests -------------------------------------------------------------------------- */

static void
test_files_exist (void)
{
  const char *suffixes[] = { "-front.jpg", "-back.jpg", ".json" };
  g_autofree char *csv_path = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;

  if (!have_cards ())
    return;
  for (int i = 0; i < N_CLEAN; i++)
    for (gsize s = 0; s < G_N_ELEMENTS (suffixes); s++)
      {
        g_autofree char *name = g_strdup_printf ("%04d%s", i, suffixes[s]);
        g_autofree char *path = g_build_filename (clean_dir, name, NULL);
        g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      }
  csv_path = g_build_filename (clean_dir, "index.csv", NULL);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  lines = g_strsplit (g_strstrip (csv), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, N_CLEAN + 1);
  g_assert_true (g_str_has_prefix (lines[0], "index,layout,difficulty,front,back,json"));
}

static void
check_fields (JsonObject *t, gboolean clean)
{
  const char *strings[] = { "id_number", "full_name", "date_of_birth", "sex", "nationality",
                            "place_of_origin", "place_of_residence", "issue_date", "qr_payload",
                            "layout", "difficulty" };
  const char *layout = member (t, "layout");

  for (gsize i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      const char *value = member (t, strings[i]);
      g_autofree char *nfc = NULL;

      g_assert_nonnull (value);
      g_assert_true (g_utf8_validate (value, -1, NULL));
      nfc = g_utf8_normalize (value, -1, G_NORMALIZE_NFC);
      g_assert_cmpstr (nfc, ==, value);
    }
  g_assert_true (json_object_has_member (t, "old_id_number"));
  g_assert_true (json_object_has_member (t, "date_of_expiry"));
  g_assert_true (g_str_equal (layout, "cccd-2021") || g_str_equal (layout, "cancuoc-2024"));
  g_assert_cmpstr (member (t, "difficulty"), ==, clean ? "clean" : "hard");
  g_assert_true (g_str_equal (member (t, "sex"), "M") || g_str_equal (member (t, "sex"), "F"));
  g_assert_cmpstr (member (t, "nationality"), ==, "Việt Nam");
}

static void
test_json_fields (void)
{
  gboolean seen_2021 = FALSE, seen_2024 = FALSE;

  for_each_card (check_fields);
  if (!have_cards ())
    return;
  for (int i = 0; i < N_CLEAN; i++)
    {
      seen_2021 |= g_str_equal (member (clean_truth[i], "layout"), "cccd-2021");
      seen_2024 |= g_str_equal (member (clean_truth[i], "layout"), "cancuoc-2024");
    }
  g_assert_true (seen_2021 && seen_2024); /* the seed is chosen so that both layouts appear */
}

static void
check_mrz (JsonObject *t, gboolean clean)
{
  JsonArray *mrz = json_object_get_array_member (t, "mrz");
  const char *l1, *l2, *l3, *id = member (t, "id_number");
  const char *expiry = member (t, "date_of_expiry");
  g_autofree char *composite = NULL;
  g_autofree char *birth = yymmdd (member (t, "date_of_birth"));
  g_autofree char *exp = expiry ? yymmdd (expiry) : g_strdup ("<<<<<<");
  g_autofree char *optional = NULL;

  g_assert_cmpuint (json_array_get_length (mrz), ==, 3);
  l1 = json_array_get_string_element (mrz, 0);
  l2 = json_array_get_string_element (mrz, 1);
  l3 = json_array_get_string_element (mrz, 2);
  g_assert_cmpuint (strlen (l1), ==, 30);
  g_assert_cmpuint (strlen (l2), ==, 30);
  g_assert_cmpuint (strlen (l3), ==, 30);

  /* line 1: IDVNM, document number = the last 9 digits, its check digit, the 12-digit number */
  g_assert_true (g_str_has_prefix (l1, "IDVNM"));
  g_assert_cmpint (strncmp (l1 + 5, id + 3, 9), ==, 0);
  g_assert_cmpint (l1[14] - '0', ==, check_digit (l1 + 5, 9));
  optional = g_strndup (l1 + 15, 15);
  g_assert_cmpint (strncmp (optional, id, 12), ==, 0);
  g_assert_cmpint (strncmp (optional + 12, "<<", 2), ==, 0);
  g_assert_cmpint (optional[14] - '0', ==, check_digit (id, 12));

  /* line 2: birth, sex, expiry, nationality, composite */
  g_assert_cmpint (strncmp (l2, birth, 6), ==, 0);
  g_assert_cmpint (l2[6] - '0', ==, check_digit (l2, 6));
  g_assert_cmpint (l2[7], ==, member (t, "sex")[0]);
  g_assert_cmpint (strncmp (l2 + 8, exp, 6), ==, 0);
  g_assert_cmpint (l2[14] - '0', ==, check_digit (l2 + 8, 6));
  g_assert_cmpint (strncmp (l2 + 15, "VNM", 3), ==, 0);
  composite = g_strdup_printf ("%.25s%.7s%.7s%.11s", l1 + 5, l2, l2 + 8, l2 + 18);
  g_assert_cmpint (l2[29] - '0', ==, check_digit (composite, 50));

  /* line 3: SURNAME<<GIVEN<NAMES, plain A–Z */
  g_assert_nonnull (strstr (l3, "<<"));
  for (const char *p = l3; *p; p++)
    g_assert_true (g_ascii_isupper (*p) || *p == '<');
}

/* The test's own check digit against ICAO 9303 part 5's TD1 specimen. */
static void
test_check_digit_icao_specimen (void)
{
  const char *l1 = "I<UTOD231458907<<<<<<<<<<<<<<<";
  const char *l2 = "7408122F1204159UTO<<<<<<<<<<<6";
  g_autofree char *composite = g_strdup_printf ("%.25s%.7s%.7s%.11s", l1 + 5, l2, l2 + 8, l2 + 18);

  g_assert_cmpint (check_digit (l1 + 5, 9), ==, 7);
  g_assert_cmpint (check_digit (l2, 6), ==, 2);
  g_assert_cmpint (check_digit (l2 + 8, 6), ==, 9);
  g_assert_cmpint (check_digit (composite, 50), ==, 6);
}

static void
test_mrz_check_digits (void)
{
  for_each_card (check_mrz);
}

static void
check_qr (JsonObject *t, gboolean clean)
{
  g_auto(GStrv) f = g_strsplit (member (t, "qr_payload"), "|", -1);
  const char *old = member (t, "old_id_number");
  g_autofree char *birth = ddmmyyyy (member (t, "date_of_birth"));
  g_autofree char *issue = ddmmyyyy (member (t, "issue_date"));

  g_assert_cmpuint (g_strv_length (f), ==, 7);
  g_assert_cmpstr (f[0], ==, member (t, "id_number"));
  g_assert_cmpstr (f[1], ==, old ? old : "");
  g_assert_cmpstr (f[2], ==, member (t, "full_name"));
  g_assert_cmpstr (f[3], ==, birth);
  g_assert_cmpstr (f[4], ==, g_str_equal (member (t, "sex"), "F") ? "Nữ" : "Nam");
  g_assert_cmpstr (f[5], ==, member (t, "place_of_residence"));
  g_assert_cmpstr (f[6], ==, issue);
}

static void
test_qr_payload (void)
{
  for_each_card (check_qr);
}

static void
check_id_rules (JsonObject *t, gboolean clean)
{
  const char *id = member (t, "id_number");
  const char *old = member (t, "old_id_number");
  const char *expiry = member (t, "date_of_expiry");
  gboolean female = g_str_equal (member (t, "sex"), "F");
  gboolean known = FALSE;
  GDate birth, issue, fourteen, issue_plus_2;
  int year, want_century_sex;
  const int ages[] = { 25, 40, 60 };
  const char *want_expiry = NULL;
  g_autofree char *want = NULL;

  g_assert_cmpuint (strlen (id), ==, 12);
  for (int i = 0; i < 12; i++)
    g_assert_true (g_ascii_isdigit (id[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (province_codes); i++)
    known |= strncmp (id, province_codes[i], 3) == 0;
  g_assert_true (known);

  parse_date (member (t, "date_of_birth"), &birth);
  parse_date (member (t, "issue_date"), &issue);
  year = g_date_get_year (&birth);
  want_century_sex = (year >= 2000 ? 2 : 0) + (female ? 1 : 0);
  g_assert_cmpint (id[3] - '0', ==, want_century_sex);
  g_assert_cmpint (atoi ((char[]) { id[4], id[5], 0 }), ==, year % 100);
  if (old)
    {
      g_assert_cmpuint (strlen (old), ==, 9);
      for (int i = 0; i < 9; i++)
        g_assert_true (g_ascii_isdigit (old[i]));
    }

  /* issued from the 14th birthday, within the layout's period */
  fourteen = birth;
  g_date_add_years (&fourteen, 14);
  g_assert_cmpint (g_date_compare (&issue, &fourteen), >=, 0);
  if (g_str_equal (member (t, "layout"), "cccd-2021"))
    {
      g_assert_cmpstr (member (t, "issue_date"), >=, "2021-01-23");
      g_assert_cmpstr (member (t, "issue_date"), <=, "2024-06-30");
    }
  else
    g_assert_cmpstr (member (t, "issue_date"), >=, "2024-07-01");

  /* valid until 25, 40 or 60; a card issued within 2 years of one of those runs to the next */
  issue_plus_2 = issue;
  g_date_add_years (&issue_plus_2, 2);
  for (gsize i = 0; i < G_N_ELEMENTS (ages) && want_expiry == NULL; i++)
    {
      GDate milestone = birth;
      g_date_add_years (&milestone, ages[i]);
      if (g_date_compare (&milestone, &issue_plus_2) > 0)
        {
          char buffer[16];
          g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", &milestone);
          want = g_strdup (buffer);
          want_expiry = want;
        }
    }
  g_assert_cmpstr (expiry, ==, want_expiry);
}

static void
test_id_rules (void)
{
  for_each_card (check_id_rules);
}

static void
check_corners (JsonObject *t, gboolean clean)
{
  const char *keys[] = { "front_corners", "back_corners" };

  for (gsize k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      JsonArray *corners = json_object_get_array_member (t, keys[k]);
      double area = 0, width;
      double x[4], y[4];

      g_assert_cmpuint (json_array_get_length (corners), ==, 4);
      for (int i = 0; i < 4; i++)
        {
          JsonArray *p = json_array_get_array_element (corners, i);
          x[i] = json_array_get_double_element (p, 0);
          y[i] = json_array_get_double_element (p, 1);
          g_assert_cmpfloat (x[i], >=, 0);
          g_assert_cmpfloat (x[i], <=, 1280);
          g_assert_cmpfloat (y[i], >=, 0);
          g_assert_cmpfloat (y[i], <=, 720);
        }
      /* clockwise in image coordinates (y down) means a positive shoelace sum */
      for (int i = 0; i < 4; i++)
        area += x[i] * y[(i + 1) % 4] - x[(i + 1) % 4] * y[i];
      g_assert_cmpfloat (area, >, 0);
      width = hypot (x[1] - x[0], y[1] - y[0]);
      if (clean)
        {
          /* no tilt: an upright card 60–90 % of the frame wide (less if the height limits it) */
          g_assert_cmpfloat (fabs (y[1] - y[0]), <, 1);
          g_assert_cmpfloat (width, >=, 0.6 * 1280 * 0.9);
          g_assert_cmpfloat (width, <=, 0.9 * 1280 + 1);
        }
    }
}

static void
test_corners (void)
{
  for_each_card (check_corners);
}

static char *
zbar_decode (const char *path)
{
  g_autofree guint8 *bgra = NULL;
  g_autofree guint8 *gray = NULL;
  g_autofree char *message = NULL;
  zbar_image_scanner_t *scanner;
  zbar_image_t *image;
  const zbar_symbol_t *symbol;
  char *text = NULL;
  int w, h;

  if (!synth_cv_load_bgra (path, &bgra, &w, &h, &message))
    g_error ("%s", message);
  gray = g_malloc ((gsize) w * h);
  for (gsize i = 0; i < (gsize) w * h; i++)
    gray[i] = (guint8) ((bgra[4 * i] * 29 + bgra[4 * i + 1] * 150 + bgra[4 * i + 2] * 77) >> 8);

  scanner = zbar_image_scanner_create ();
  zbar_image_scanner_set_config (scanner, 0, ZBAR_CFG_ENABLE, 0);
  zbar_image_scanner_set_config (scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
  zbar_image_scanner_set_config (scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);
  image = zbar_image_create ();
  zbar_image_set_format (image, zbar_fourcc ('Y', '8', '0', '0'));
  zbar_image_set_size (image, (unsigned) w, (unsigned) h);
  zbar_image_set_data (image, gray, (unsigned long) w * h, NULL);
  if (zbar_scan_image (scanner, image) > 0)
    {
      symbol = zbar_image_first_symbol (image);
      text = g_strndup (zbar_symbol_get_data (symbol), zbar_symbol_get_data_length (symbol));
    }
  zbar_image_destroy (image);
  zbar_image_scanner_destroy (scanner);
  return text;
}

static void
test_qr_decodes (void)
{
  if (!have_cards ())
    return;
  for (int i = 0; i < N_CLEAN; i++)
    {
      /* the 2021 card prints its QR on the front, the 2024 card on the back */
      const char *side = member (clean_truth[i], "qr_side");
      g_autofree char *name = g_strdup_printf ("%04d-%s.jpg", i, side);
      g_autofree char *path = g_build_filename (clean_dir, name, NULL);
      g_autofree char *decoded = zbar_decode (path);

      g_assert_cmpstr (side, ==, g_str_equal (member (clean_truth[i], "layout"), "cccd-2021")
                                 ? "front" : "back");
      g_assert_cmpstr (decoded, ==, member (clean_truth[i], "qr_payload"));
    }
}

static void
test_seed_reproduces (void)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (!have_cards ())
    return;
  a = g_build_filename (clean_dir, "0000.json", NULL);
  b = g_build_filename (again_dir, "0000.json", NULL);
  g_assert_true (g_file_get_contents (a, &first, NULL, NULL));
  g_assert_true (g_file_get_contents (b, &second, NULL, NULL));
  g_assert_cmpstr (first, ==, second);
}

static void remove_tree (const char *dir);

/* --other-look: the same identity as the default card of that seed, photographed otherwise;
 * and the default card of the seed is still byte for byte what it was (the "again" card). */
static void
test_other_look (void)
{
  g_autofree char *root = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *faces = NULL;
  g_autofree char *err = NULL;
  g_autofree char *photo_default = NULL, *photo_other = NULL, *photo_again = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) other = NULL;
  static const char *const same[] = { "id_number", "full_name", "date_of_birth",
                                      "place_of_origin", "place_of_residence", "qr_payload",
                                      "layout" };
  gsize n_default, n_other, n_again;
  int status = 0;

  if (!have_cards ())
    return;
  root = g_path_get_dirname (clean_dir);
  dir = g_build_filename (root, "other", NULL);
  faces = g_build_filename (g_getenv ("EKYC_SHARED_DATA"), "faces", "lfw", NULL);
  {
    const char *argv[] = { g_getenv ("EKYC_SYNTH_CARDS"), "--out", dir, "--count", "1",
                           "--difficulty", "clean", "--layout", "mixed", "--seed", SEED,
                           "--faces", faces, "--other-look", NULL };
    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                       &err, &status, &error)
        || !g_spawn_check_wait_status (status, &error))
      g_error ("ekyc-synth-cards --other-look failed: %s\n%s", error->message, err ? err : "");
  }
  other = load_truth (dir, 0);
  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    g_assert_cmpstr (json_object_get_string_member (other, same[i]), ==,
                     json_object_get_string_member (clean_truth[0], same[i]));
  path = g_build_filename (dir, "0000-front.jpg", NULL);
  g_assert_true (g_file_get_contents (path, &photo_other, &n_other, NULL));
  g_free (path);
  path = g_build_filename (clean_dir, "0000-front.jpg", NULL);
  g_assert_true (g_file_get_contents (path, &photo_default, &n_default, NULL));
  g_free (path);
  path = g_build_filename (again_dir, "0000-front.jpg", NULL);
  g_assert_true (g_file_get_contents (path, &photo_again, &n_again, NULL));
  g_assert_true (n_other != n_default || memcmp (photo_other, photo_default, n_other) != 0);
  g_assert_cmpuint (n_again, ==, n_default);
  g_assert_true (memcmp (photo_again, photo_default, n_default) == 0);
  remove_tree (dir);
}

static EkycCardDate
card_date (const char *iso)
{
  return (EkycCardDate) { atoi (iso), atoi (iso + 5), atoi (iso + 8) };
}

/* The factory and the engine were written apart: they must agree on every rule. */
static void
check_with_engine (JsonObject *t, gboolean clean)
{
  const char *id = member (t, "id_number");
  const char *payload = member (t, "qr_payload");
  const char *expiry = member (t, "date_of_expiry");
  const char *old = member (t, "old_id_number");
  EkycCardDate birth = card_date (member (t, "date_of_birth"));
  EkycCardDate issue = card_date (member (t, "issue_date"));
  EkycIdSex sex = g_str_equal (member (t, "sex"), "F") ? EKYC_ID_SEX_FEMALE : EKYC_ID_SEX_MALE;
  JsonArray *mrz_array = json_object_get_array_member (t, "mrz");
  const char *lines[3];
  EkycCardQrProblem problem;
  EkycCardExpiry computed;
  g_autoptr(EkycCardQr) qr = NULL;
  g_autoptr(EkycMrz) mrz = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (ekyc_id_number_check_consistency (id, &birth, sex), ==,
                   EKYC_ID_NUMBER_PROBLEM_NONE);
  if (old)
    g_assert_cmpint (ekyc_cmnd_number_check (old), ==, EKYC_ID_NUMBER_PROBLEM_NONE);

  qr = ekyc_card_qr_parse ((const guint8 *) payload, strlen (payload), NULL, &problem, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qr->id_number, ==, id);
  g_assert_cmpstr (qr->full_name, ==, member (t, "full_name"));
  g_assert_cmpstr (qr->residence, ==, member (t, "place_of_residence"));
  g_assert_cmpint (qr->sex, ==, sex);
  g_assert_cmpint (ekyc_card_date_compare (&qr->birth_date, &birth), ==, 0);
  g_assert_cmpint (ekyc_card_date_compare (&qr->issue_date, &issue), ==, 0);

  g_assert_true (ekyc_card_compute_expiry (&birth, &issue, ekyc_card_law_for_issue_date (&issue),
                                           &computed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (computed.no_expiry, ==, expiry == NULL);
  if (expiry)
    {
      EkycCardDate printed = card_date (expiry);
      g_assert_cmpint (ekyc_card_date_compare (&computed.expiry, &printed), ==, 0);
    }

  for (int i = 0; i < 3; i++)
    lines[i] = json_array_get_string_element (mrz_array, i);
  mrz = ekyc_mrz_parse (lines, 3, &error);
  g_assert_no_error (error);
  g_assert_true (mrz->valid);
  g_assert_cmpint (mrz->n_repairs, ==, 0);
  g_assert_cmpint (mrz->vn_id_status, ==, EKYC_MRZ_VN_ID_OK);
  g_assert_cmpstr (mrz->vn_id_number, ==, id);
  g_assert_cmpint (mrz->sex, ==, member (t, "sex")[0]);
  g_assert_cmpint (mrz->birth_year, ==, birth.year);
}

static void
test_engine_accepts (void)
{
  for_each_card (check_with_engine);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = dir ? g_dir_open (dir, 0, NULL) : NULL;
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_autofree char *root = NULL;
  int status;

  ekyc_test_init (&argc, &argv);
  root = g_dir_make_tmp ("synth-cards-XXXXXX", NULL);
  g_assert_nonnull (root);
  clean_dir = g_build_filename (root, "clean", NULL);
  hard_dir = g_build_filename (root, "hard", NULL);
  again_dir = g_build_filename (root, "again", NULL);
  g_test_add_func ("/synth-cards/writes-the-files", test_files_exist);
  g_test_add_func ("/synth-cards/json-has-every-field-in-nfc", test_json_fields);
  g_test_add_func ("/synth-cards/check-digit-matches-icao-specimen",
                   test_check_digit_icao_specimen);
  g_test_add_func ("/synth-cards/mrz-check-digits-recompute", test_mrz_check_digits);
  g_test_add_func ("/synth-cards/qr-payload-matches-the-fields", test_qr_payload);
  g_test_add_func ("/synth-cards/id-number-and-dates-obey-the-rules", test_id_rules);
  g_test_add_func ("/synth-cards/corners-lie-inside-the-photo", test_corners);
  g_test_add_func ("/synth-cards/zbar-reads-the-clean-qr-code", test_qr_decodes);
  g_test_add_func ("/synth-cards/engine-accepts-every-card", test_engine_accepts);
  g_test_add_func ("/synth-cards/seed-reproduces-a-card", test_seed_reproduces);
  g_test_add_func ("/synth-cards/other-look-keeps-the-identity", test_other_look);

  /* the cards are made once for all the tests; without the shared faces every test skips */
  if (ekyc_test_make_cards (clean_dir, N_CLEAN, "clean", SEED))
    {
      ekyc_test_make_cards (hard_dir, N_HARD, "hard", SEED);
      ekyc_test_make_cards (again_dir, 1, "clean", SEED);
      for (int i = 0; i < N_CLEAN; i++)
        clean_truth[i] = load_truth (clean_dir, i);
      for (int i = 0; i < N_HARD; i++)
        hard_truth[i] = load_truth (hard_dir, i);
    }
  else
    g_clear_pointer (&clean_dir, g_free);

  status = g_test_run ();

  for (int i = 0; i < N_CLEAN; i++)
    g_clear_pointer (&clean_truth[i], json_object_unref);
  for (int i = 0; i < N_HARD; i++)
    g_clear_pointer (&hard_truth[i], json_object_unref);
  remove_tree (clean_dir);
  remove_tree (hard_dir);
  remove_tree (again_dir);
  g_rmdir (root);
  g_free (clean_dir);
  g_free (hard_dir);
  g_free (again_dir);
  return status;
}
