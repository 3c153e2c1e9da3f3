/* test-mrz.c — the MRZ reader on ICAO specimens, a fictional CCCD and broken readings
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The ICAO specimens (Utopia, "UTO") are quoted from Doc 9303: TD3 from Part 4, TD1 from Part 5,
 * TD2 from Part 6, and the long document number from Part 11, Appendix D.2.
 *
 * The Vietnamese card is fictional but consistent, built the way real CCCD MRZs are (see
 * ekyc-mrz.c): TRAN THI MAI ANH, female, born 14 March 1990, ID number 079190012345 (079 = Ho Chi
 * Minh City, 1 = female born in the 1900s, 90 = year of birth, 012345 = serial), so the document
 * number is 190012345; the card expires on her 40th birthday, 14 March 2030. Check digits: 7 for
 * the document number, 7 for the 12 digits, 1 birth, 9 expiry, 2 composite.
 */
#include "config.h"

#include <string.h>
#include <ekyc/ekyc-error.h>
#include <ekyc/ekyc-mrz.h>

#include "test-utils.h"

static const char *const td1_icao[] = {
  "I<UTOD231458907<<<<<<<<<<<<<<<",
  "7408122F1204159UTO<<<<<<<<<<<6",
  "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
};
static const char *const td1_icao_long[] = {
  "I<UTOD23145890<7349<<<<<<<<<<<",
  "3407127M9507122UTO<<<<<<<<<<<2",
  "STEVENSON<<PETER<JOHN<<<<<<<<<",
};
static const char *const td2_icao[] = {
  "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
  "D231458907UTO7408122F1204159<<<<<<<6",
};
static const char *const td2_icao_long[] = {
  "I<UTOSTEVENSON<<PETER<JOHN<<<<<<<<<<",
  "D23145890<UTO3407127M95071227349<<<8",
};
static const char *const td3_icao[] = {
  "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
  "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
};
static const char *const cccd[] = {
  "IDVNM1900123457079190012345<<7",
  "9003141F3003149VNM<<<<<<<<<<<2",
  "TRAN<<THI<MAI<ANH<<<<<<<<<<<<<",
};

/* 15 June 2025: every test resolves centuries against the same day. */
static GDate *
today (void)
{
  static GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 15, G_DATE_JUNE, 2025);
  return &date;
}

static EkycMrz *
parse_ok (const char *const *lines, gsize n)
{
  g_autoptr(GError) error = NULL;
  EkycMrz *mrz = ekyc_mrz_parse_at (lines, n, today (), &error);

  g_assert_no_error (error);
  g_assert_nonnull (mrz);
  return mrz;
}

/* Parses @lines with one character replaced. */
static EkycMrz *
parse_edited (const char *const *lines, gsize n, guint line, guint col, char c)
{
  char copy[3][64];
  const char *ptrs[3];

  for (gsize i = 0; i < n; i++)
    {
      g_strlcpy (copy[i], lines[i], sizeof copy[i]);
      ptrs[i] = copy[i];
    }
  g_assert_cmpuint (col, <, strlen (copy[line]));
  copy[line][col] = c;
  return parse_ok (ptrs, n);
}

static void
assert_parse_error (const char *const *lines, gsize n, const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycMrz) mrz = ekyc_mrz_parse_at (lines, n, today (), &error);

  g_assert_null (mrz);
  g_assert_error (error, EKYC_ERROR, EKYC_ERROR_MRZ_INVALID);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” not in the message “%s”", fragment, error->message);
}

static void
assert_all_checks_valid (const EkycMrz *mrz)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < EKYC_MRZ_N_CHECKS; i++)
    if (mrz->checks[i].present)
      {
        g_assert_true (mrz->checks[i].valid);
        g_assert_false (mrz->checks[i].ambiguous);
        if (mrz->checks[i].found != '<') /* an empty personal number's */
          g_assert_cmpint (mrz->checks[i].expected, ==, mrz->checks[i].found);
      }
  g_assert_true (mrz->valid);
  g_assert_true (ekyc_mrz_validate (mrz, &error));
  g_assert_no_error (error);
}

static void
assert_repair (const EkycMrz *mrz, guint index, guint line, guint col, char from, char to)
{
  g_assert_cmpuint (index, <, mrz->n_repairs);
  g_assert_cmpuint (mrz->repairs[index].line, ==, line);
  g_assert_cmpuint (mrz->repairs[index].column, ==, col);
  g_assert_cmpint (mrz->repairs[index].from, ==, from);
  g_assert_cmpint (mrz->repairs[index].to, ==, to);
}

static void
test_check_digit (void)
{
  g_assert_cmpint (ekyc_mrz_check_digit ("L898902C3", 9), ==, 6);
  g_assert_cmpint (ekyc_mrz_check_digit ("740812", 6), ==, 2);
  g_assert_cmpint (ekyc_mrz_check_digit ("120415", 6), ==, 9);
  g_assert_cmpint (ekyc_mrz_check_digit ("ZE184226B<<<<<", 14), ==, 1);
  g_assert_cmpint (ekyc_mrz_check_digit ("D23145890734", 12), ==, 9);
  g_assert_cmpint (ekyc_mrz_check_digit ("079190012345", 12), ==, 7);
  g_assert_cmpint (ekyc_mrz_check_digit ("<<<", 3), ==, 0);
  g_assert_cmpint (ekyc_mrz_check_digit ("", 0), ==, 0);
  g_assert_cmpint (ekyc_mrz_check_digit ("AB9", 2), ==, (10 * 7 + 11 * 3) % 10);
  g_assert_cmpint (ekyc_mrz_check_digit ("l898902C3", 9), ==, -1);
  g_assert_cmpint (ekyc_mrz_check_digit ("12 4", 4), ==, -1);
}

static void
test_td1_icao (void)
{
  g_autoptr(EkycMrz) mrz = parse_ok (td1_icao, 3);

  g_assert_cmpint (mrz->format, ==, EKYC_MRZ_FORMAT_TD1);
  g_assert_cmpstr (mrz->document_code, ==, "I");
  g_assert_cmpstr (mrz->issuing_state, ==, "UTO");
  g_assert_cmpstr (mrz->document_number, ==, "D23145890");
  g_assert_cmpstr (mrz->optional_data, ==, "<<<<<<<<<<<<<<<");
  g_assert_cmpstr (mrz->optional_data2, ==, "<<<<<<<<<<<");
  g_assert_cmpint (mrz->birth_year, ==, 1974);
  g_assert_cmpint (mrz->birth_month, ==, 8);
  g_assert_cmpint (mrz->birth_day, ==, 12);
  g_assert_cmpint (mrz->expiry_year, ==, 2012);
  g_assert_cmpint (mrz->expiry_month, ==, 4);
  g_assert_cmpint (mrz->expiry_day, ==, 15);
  g_assert_cmpint (mrz->sex, ==, 'F');
  g_assert_cmpstr (mrz->nationality, ==, "UTO");
  g_assert_cmpstr (mrz->surname, ==, "ERIKSSON");
  g_assert_cmpstr (mrz->given_names, ==, "ANNA MARIA");
  g_assert_cmpint (mrz->checks[EKYC_MRZ_CHECK_DOCUMENT_NUMBER].found, ==, '7');
  g_assert_cmpint (mrz->checks[EKYC_MRZ_CHECK_COMPOSITE].found, ==, '6');
  g_assert_false (mrz->checks[EKYC_MRZ_CHECK_OPTIONAL_DATA].present);
  g_assert_cmpint (mrz->vn_id_status, ==, EKYC_MRZ_VN_ID_NOT_APPLICABLE);
  g_assert_cmpuint (mrz->n_repairs, ==, 0);
  g_assert_false (mrz->case_folded);
  g_assert_cmpuint (mrz->n_lines, ==, 3);
  g_assert_cmpstr (mrz->lines[2], ==, td1_icao[2]);
  assert_all_checks_valid (mrz);
}

static void
test_td1_long_number (void)
{
  g_autoptr(EkycMrz) mrz = parse_ok (td1_icao_long, 3);

  g_assert_cmpstr (mrz->document_number, ==, "D23145890734");
  g_assert_cmpint (mrz->checks[EKYC_MRZ_CHECK_DOCUMENT_NUMBER].found, ==, '9');
  g_assert_cmpstr (mrz->optional_data, ==, "<<<<<<<<<<<");
  g_assert_cmpint (mrz->birth_year, ==, 1934);
  g_assert_cmpint (mrz->expiry_year, ==, 1995);
  g_assert_cmpint (mrz->sex, ==, 'M');
  g_assert_cmpstr (mrz->surname, ==, "STEVENSON");
  g_assert_cmpstr (mrz->given_names, ==, "PETER JOHN");
  assert_all_checks_valid (mrz);
}

static void
test_td2_icao (void)
{
  g_autoptr(EkycMrz) mrz = parse_ok (td2_icao, 2);

  g_assert_cmpint (mrz->format, ==, EKYC_MRZ_FORMAT_TD2);
  g_assert_cmpstr (mrz->document_code, ==, "I");
  g_assert_cmpstr (mrz->document_number, ==, "D23145890");
  g_assert_cmpstr (mrz->optional_data, ==, "<<<<<<<");
  g_assert_cmpint (mrz->birth_year, ==, 1974);
  g_assert_cmpint (mrz->expiry_year, ==, 2012);
  g_assert_cmpstr (mrz->surname, ==, "ERIKSSON");
  g_assert_cmpstr (mrz->given_names, ==, "ANNA MARIA");
  assert_all_checks_valid (mrz);
}

static void
test_td2_long_number (void)
{
  g_autoptr(EkycMrz) mrz = parse_ok (td2_icao_long, 2);

  g_assert_cmpstr (mrz->document_number, ==, "D23145890734");
  g_assert_cmpstr (mrz->optional_data, ==, "<<<");
  g_assert_cmpstr (mrz->given_names, ==, "PETER JOHN");
  assert_all_checks_valid (mrz);
}

static void
test_td3_icao (void)
{
  g_autoptr(EkycMrz) mrz = parse_ok (td3_icao, 2);

  g_assert_cmpint (mrz->format, ==, EKYC_MRZ_FORMAT_TD3);
  g_assert_cmpstr (mrz->document_code, ==, "P");
  g_assert_cmpstr (mrz->issuing_state, ==, "UTO");
  g_assert_cmpstr (mrz->document_number, ==, "L898902C3");
  g_assert_cmpstr (mrz->optional_data, ==, "ZE184226B<<<<<");
  g_assert_cmpstr (mrz->nationality, ==, "UTO");
  g_assert_cmpint (mrz->checks[EKYC_MRZ_CHECK_OPTIONAL_DATA].expected, ==, '1');
  g_assert_cmpint (mrz->checks[EKYC_MRZ_CHECK_COMPOSITE].expected, ==, '0');
  assert_all_checks_valid (mrz);
}

/* An unused personal number may have `<` or 0 as its check digit (Part 4). */
static void
test_td3_empty_personal_number (void)
{
  static const char *const lines[] = {
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159<<<<<<<<<<<<<<<8",
  };
  g_autoptr(EkycMrz) mrz = parse_ok (lines, 2);
  g_autoptr(EkycMrz) zero = parse_edited (lines, 2, 1, 42, '0');

  g_assert_cmpint (mrz->checks[EKYC_MRZ_CHECK_OPTIONAL_DATA].found, ==, '<');
  assert_all_checks_valid (mrz);
  assert_all_checks_valid (zero);
}

/* MRV-A visa (the Part 7 specimen): no personal number check and no composite. */
static void
test_td3_visa (void)
{
  static const char *const lines[] = {
    "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L8988901C4XXX4009078F96121096ZE184226B<<<<<<",
  };
  g_autoptr(EkycMrz) mrz = parse_ok (lines, 2);

  g_assert_cmpstr (mrz->document_code, ==, "V");
  g_assert_cmpstr (mrz->document_number, ==, "L8988901C");
  g_assert_cmpstr (mrz->optional_data, ==, "6ZE184226B<<<<<<");
  g_assert_false (mrz->checks[EKYC_MRZ_CHECK_COMPOSITE].present);
  g_assert_false (mrz->checks[EKYC_MRZ_CHECK_OPTIONAL_DATA].present);
  assert_all_checks_valid (mrz);
}

/* /work/shared/data/mrz/mrz_groundtruth_tests_data.csv holds PassportEye's expected fields for
 * its ICAO specimen images, not the MRZ text: the text is the specimen it pictures. */
static void
test_groundtruth_csv (void)
{
  g_autofree char *path = ekyc_test_shared_path ("mrz", "mrz_groundtruth_tests_data.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rows = NULL;
  guint n_rows = 0;

  if (path == NULL)
    return;
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  rows = g_strsplit (contents, "\n", -1);
  g_assert_true (g_str_has_prefix (rows[0], "image,mrz_type,doc_type,country,number,"));
  for (guint i = 1; rows[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      g_autoptr(EkycMrz) mrz = NULL;
      g_autofree char *doc_type = NULL, *dob = NULL, *expiry = NULL;
      gboolean td3;

      g_strchomp (rows[i]);
      if (rows[i][0] == '\0')
        continue;
      f = g_strsplit (rows[i], ",", 17);
      g_assert_cmpuint (g_strv_length (f), ==, 17);
      td3 = g_str_equal (f[1], "TD3");
      g_assert_true (td3 || g_str_equal (f[1], "TD2"));
      mrz = parse_ok (td3 ? td3_icao : td2_icao, 2);

      g_assert_cmpint (mrz->format, ==, td3 ? EKYC_MRZ_FORMAT_TD3 : EKYC_MRZ_FORMAT_TD2);
      doc_type = g_strndup (mrz->lines[0], 2);
      g_assert_cmpstr (doc_type, ==, f[2]);
      g_assert_cmpstr (mrz->issuing_state, ==, f[3]);
      g_assert_cmpstr (mrz->document_number, ==, f[4]);
      dob = g_strdup_printf ("%02d%02d%02d", mrz->birth_year % 100, mrz->birth_month,
                             mrz->birth_day);
      expiry = g_strdup_printf ("%02d%02d%02d", mrz->expiry_year % 100, mrz->expiry_month,
                                mrz->expiry_day);
      g_assert_cmpstr (dob, ==, f[5]);
      g_assert_cmpstr (expiry, ==, f[6]);
      g_assert_cmpstr (mrz->nationality, ==, f[7]);
      g_assert_cmpint (mrz->sex, ==, f[8][0]);
      g_assert_cmpstr (mrz->surname, ==, f[9]);
      g_assert_cmpstr (mrz->given_names, ==, f[10]);
      /* "2E184226B<<<<< (test also accepts ZE184226B<<<<<)": the specimen prints ZE…; 2E… is
       * what PassportEye's OCR reads, and this parser's repair leaves ambiguous (see below). */
      if (td3)
        g_assert_nonnull (strstr (f[11], mrz->optional_data));
      else
        g_assert_cmpstr (mrz->optional_data, ==, f[11]);
      g_assert_cmpint (mrz->checks[EKYC_MRZ_CHECK_DOCUMENT_NUMBER].found, ==, f[12][0]);
      g_assert_cmpint (mrz->checks[EKYC_MRZ_CHECK_BIRTH_DATE].found, ==, f[13][0]);
      g_assert_cmpint (mrz->checks[EKYC_MRZ_CHECK_EXPIRY_DATE].found, ==, f[14][0]);
      g_assert_cmpint (mrz->checks[EKYC_MRZ_CHECK_COMPOSITE].found, ==, f[15][0]);
      assert_all_checks_valid (mrz);
      n_rows++;
    }
  g_assert_cmpuint (n_rows, ==, 4);
}

static void
test_vn_cccd (void)
{
  g_autoptr(EkycMrz) mrz = parse_ok (cccd, 3);

  g_assert_cmpstr (mrz->document_code, ==, "ID");
  g_assert_cmpstr (mrz->issuing_state, ==, "VNM");
  g_assert_cmpstr (mrz->document_number, ==, "190012345");
  g_assert_cmpstr (mrz->optional_data, ==, "079190012345<<7");
  g_assert_cmpint (mrz->vn_id_status, ==, EKYC_MRZ_VN_ID_OK);
  g_assert_cmpstr (mrz->vn_id_number, ==, "079190012345");
  g_assert_true (mrz->checks[EKYC_MRZ_CHECK_OPTIONAL_DATA].present);
  g_assert_cmpint (mrz->checks[EKYC_MRZ_CHECK_OPTIONAL_DATA].expected, ==, '7');
  g_assert_cmpint (mrz->birth_year, ==, 1990);
  g_assert_cmpint (mrz->birth_month, ==, 3);
  g_assert_cmpint (mrz->birth_day, ==, 14);
  g_assert_cmpint (mrz->expiry_year, ==, 2030);
  g_assert_cmpint (mrz->sex, ==, 'F');
  g_assert_cmpstr (mrz->nationality, ==, "VNM");
  g_assert_cmpstr (mrz->surname, ==, "TRAN");
  g_assert_cmpstr (mrz->given_names, ==, "THI MAI ANH");
  g_assert_cmpstr (ekyc_mrz_vn_id_status_name (mrz->vn_id_status), ==, "ok");
  assert_all_checks_valid (mrz);
}

/* Builds a CCCD MRZ whose every check digit is right, from its fields. */
static void
build_cccd (char lines[3][31], const char *id12, const char *doc9, const char *birth, char sex,
            const char *expiry, const char *name)
{
  char comp[64];

  g_snprintf (lines[0], 31, "IDVNM%s%d%s<<%d", doc9, ekyc_mrz_check_digit (doc9, 9), id12,
              ekyc_mrz_check_digit (id12, 12));
  g_snprintf (lines[1], 31, "%s%d%c%s%dVNM<<<<<<<<<<<0", birth, ekyc_mrz_check_digit (birth, 6),
              sex, expiry, ekyc_mrz_check_digit (expiry, 6));
  g_snprintf (comp, sizeof comp, "%.25s%.7s%.7s%.11s", lines[0] + 5, lines[1], lines[1] + 8,
              lines[1] + 18);
  lines[1][29] = (char) ('0' + ekyc_mrz_check_digit (comp, strlen (comp)));
  g_snprintf (lines[2], 31, "%-30s", name);
  for (char *c = lines[2]; *c; c++)
    if (*c == ' ')
      *c = '<';
}

static EkycMrz *
parse_cccd (const char *id12, const char *doc9, const char *birth, char sex, const char *expiry)
{
  char lines[3][31];
  const char *ptrs[3] = { lines[0], lines[1], lines[2] };

  build_cccd (lines, id12, doc9, birth, sex, expiry, "NGUYEN<<VAN<AN");
  return parse_ok (ptrs, 3);
}

static void
assert_vn_status (EkycMrz *mrz, EkycMrzVnIdStatus status, const char *fragment)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mrz->vn_id_status, ==, status);
  g_assert_false (mrz->valid);
  g_assert_false (ekyc_mrz_validate (mrz, &error));
  g_assert_error (error, EKYC_ERROR, EKYC_ERROR_MRZ_CHECK_FAILED);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” not in the message “%s”", fragment, error->message);
}

static void
test_vn_builder_matches (void)
{
  char lines[3][31];

  build_cccd (lines, "079190012345", "190012345", "900314", 'F', "300314", "TRAN<<THI<MAI<ANH");
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (lines[i], ==, cccd[i]);
}

static void
test_vn_century_from_id (void)
{
  /* Born 1925 (code 0: a man of the 1900s): "25" alone would read as 2025, before today. */
  g_autoptr(EkycMrz) old = parse_cccd ("001025000123", "025000123", "250101", 'M', "991231");
  /* Born 2007 (code 3: a woman of the 2000s). */
  g_autoptr(EkycMrz) young = parse_cccd ("079307000456", "307000456", "070520", 'F', "320520");

  g_assert_cmpint (old->vn_id_status, ==, EKYC_MRZ_VN_ID_OK);
  g_assert_cmpint (old->birth_year, ==, 1925);
  assert_all_checks_valid (old);
  g_assert_cmpint (young->vn_id_status, ==, EKYC_MRZ_VN_ID_OK);
  g_assert_cmpint (young->birth_year, ==, 2007);
  g_assert_cmpint (young->expiry_year, ==, 2032);
  assert_all_checks_valid (young);
}

static void
test_vn_mismatches (void)
{
  g_autoptr(EkycMrz) number = parse_cccd ("079190012345", "190012346", "900314", 'F', "300314");
  g_autoptr(EkycMrz) sex = parse_cccd ("079190012345", "190012345", "900314", 'M', "300314");
  g_autoptr(EkycMrz) year = parse_cccd ("079190012345", "190012345", "910314", 'F', "300314");
  g_autoptr(EkycMrz) x = parse_cccd ("079190012345", "190012345", "900314", '<', "300314");
  g_autoptr(EkycMrz) missing = NULL;
  g_autoptr(EkycMrz) check = NULL;

  /* Every check digit passes: only the agreement between fields fails. */
  g_assert_true (number->checks[EKYC_MRZ_CHECK_DOCUMENT_NUMBER].valid);
  g_assert_true (number->checks[EKYC_MRZ_CHECK_COMPOSITE].valid);
  assert_vn_status (number, EKYC_MRZ_VN_ID_NUMBER_MISMATCH, "190012346");
  assert_vn_status (sex, EKYC_MRZ_VN_ID_SEX_MISMATCH, "079190012345");
  assert_vn_status (year, EKYC_MRZ_VN_ID_BIRTH_MISMATCH, "year of birth");
  g_assert_cmpint (x->sex, ==, 'X');
  assert_all_checks_valid (x);

  /* The generic VNM layout of some documentation: no 12-digit number at all. */
  {
    static const char *const lines[] = {
      "IDVNM1900123457<<<<<<<<<<<<<<<",
      "9003141F3003149VNM<<<<<<<<<<<0",
      "TRAN<<THI<MAI<ANH<<<<<<<<<<<<<",
    };
    char l1[31];
    const char *ptrs[3] = { lines[0], l1, lines[2] };
    char comp[64];

    g_strlcpy (l1, lines[1], sizeof l1);
    g_snprintf (comp, sizeof comp, "%.25s%.7s%.7s%.11s", lines[0] + 5, l1, l1 + 8, l1 + 18);
    l1[29] = (char) ('0' + ekyc_mrz_check_digit (comp, strlen (comp)));
    missing = parse_ok (ptrs, 3);
  }
  g_assert_false (missing->checks[EKYC_MRZ_CHECK_OPTIONAL_DATA].present);
  g_assert_cmpstr (missing->vn_id_number, ==, "");
  assert_vn_status (missing, EKYC_MRZ_VN_ID_MISSING, "12-digit");

  /* The 12 digits' own check digit (position 30): 7, printed 8. */
  check = parse_edited (cccd, 3, 0, 29, '8');
  g_assert_cmpint (check->vn_id_status, ==, EKYC_MRZ_VN_ID_CHECK_FAILED);
  g_assert_false (check->checks[EKYC_MRZ_CHECK_OPTIONAL_DATA].valid);
  g_assert_cmpuint (check->n_repairs, ==, 0);
  assert_vn_status (check, EKYC_MRZ_VN_ID_CHECK_FAILED, "12-digit ID number");
}

/* Each check digit made wrong in turn (+1): that check fails (and the composite where it covers
 * the digit), nothing is repaired, and ekyc_mrz_validate() names the field. */
static void
check_each_digit (const char *const *lines, gsize n, const guint (*cases)[3], gsize n_cases)
{
  for (gsize k = 0; k < n_cases; k++)
    {
      guint line = cases[k][0], col = cases[k][1];
      EkycMrzCheckField field = cases[k][2];
      char c = (char) ('0' + (lines[line][col] - '0' + 1) % 10);
      g_autoptr(EkycMrz) mrz = parse_edited (lines, n, line, col, c);
      g_autoptr(GError) error = NULL;

      g_test_message ("line %u column %u -> %c", line + 1, col + 1, c);
      g_assert_cmpuint (mrz->n_repairs, ==, 0);
      g_assert_false (mrz->valid);
      g_assert_false (mrz->checks[field].valid);
      g_assert_false (mrz->checks[field].ambiguous);
      g_assert_cmpint (mrz->checks[field].found, ==, c);
      for (guint i = 0; i < EKYC_MRZ_N_CHECKS; i++)
        if (i != field && i != EKYC_MRZ_CHECK_COMPOSITE && mrz->checks[i].present)
          g_assert_true (mrz->checks[i].valid);
      g_assert_false (ekyc_mrz_validate (mrz, &error));
      g_assert_error (error, EKYC_ERROR, EKYC_ERROR_MRZ_CHECK_FAILED);
    }
}

static void
test_each_check_fails (void)
{
  static const guint td3[][3] = {
    { 1, 9, EKYC_MRZ_CHECK_DOCUMENT_NUMBER }, { 1, 19, EKYC_MRZ_CHECK_BIRTH_DATE },
    { 1, 27, EKYC_MRZ_CHECK_EXPIRY_DATE }, { 1, 42, EKYC_MRZ_CHECK_OPTIONAL_DATA },
    { 1, 43, EKYC_MRZ_CHECK_COMPOSITE },
  };
  static const guint td2[][3] = {
    { 1, 9, EKYC_MRZ_CHECK_DOCUMENT_NUMBER }, { 1, 19, EKYC_MRZ_CHECK_BIRTH_DATE },
    { 1, 27, EKYC_MRZ_CHECK_EXPIRY_DATE }, { 1, 35, EKYC_MRZ_CHECK_COMPOSITE },
  };
  static const guint td1[][3] = {
    { 0, 14, EKYC_MRZ_CHECK_DOCUMENT_NUMBER }, { 1, 6, EKYC_MRZ_CHECK_BIRTH_DATE },
    { 1, 14, EKYC_MRZ_CHECK_EXPIRY_DATE }, { 1, 29, EKYC_MRZ_CHECK_COMPOSITE },
  };
  static const guint vn[][3] = {
    { 0, 14, EKYC_MRZ_CHECK_DOCUMENT_NUMBER }, { 0, 29, EKYC_MRZ_CHECK_OPTIONAL_DATA },
    { 1, 6, EKYC_MRZ_CHECK_BIRTH_DATE }, { 1, 14, EKYC_MRZ_CHECK_EXPIRY_DATE },
    { 1, 29, EKYC_MRZ_CHECK_COMPOSITE },
  };

  check_each_digit (td3_icao, 2, td3, G_N_ELEMENTS (td3));
  check_each_digit (td2_icao, 2, td2, G_N_ELEMENTS (td2));
  check_each_digit (td1_icao, 3, td1, G_N_ELEMENTS (td1));
  check_each_digit (cccd, 3, vn, G_N_ELEMENTS (vn));
}

/* A digit misread as another digit inside a date cannot be proven: the check fails, no repair. */
static void
test_date_digit_slip (void)
{
  g_autoptr(EkycMrz) mrz = parse_edited (td3_icao, 2, 1, 18, '3'); /* 740812 → 740813 */
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (mrz->n_repairs, ==, 0);
  g_assert_false (mrz->checks[EKYC_MRZ_CHECK_BIRTH_DATE].valid);
  g_assert_false (ekyc_mrz_validate (mrz, &error));
  g_assert_error (error, EKYC_ERROR, EKYC_ERROR_MRZ_CHECK_FAILED);
  g_assert_nonnull (strstr (error->message, "date of birth"));
}

static void
test_repair_digit_class (void)
{
  /* TD1 birth date 740812 read as 74O8I2, expiry 120415 as IZO4IS. */
  static const char *const lines[] = {
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "74O8I22FIZO4IS9UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
  };
  g_autoptr(EkycMrz) mrz = parse_ok (lines, 3);

  g_assert_cmpuint (mrz->n_repairs, ==, 7);
  assert_repair (mrz, 0, 1, 2, 'O', '0');
  assert_repair (mrz, 1, 1, 4, 'I', '1');
  assert_repair (mrz, 2, 1, 8, 'I', '1');
  assert_repair (mrz, 3, 1, 9, 'Z', '2');
  assert_repair (mrz, 4, 1, 10, 'O', '0');
  assert_repair (mrz, 5, 1, 12, 'I', '1');
  assert_repair (mrz, 6, 1, 13, 'S', '5');
  g_assert_cmpstr (mrz->lines[1], ==, td1_icao[1]);
  g_assert_cmpint (mrz->birth_year, ==, 1974);
  g_assert_cmpint (mrz->expiry_day, ==, 15);
  assert_all_checks_valid (mrz);
}

/* A check digit read as a letter is transliterated (O → 0), never chosen to fit. */
static void
test_repair_check_digit_class (void)
{
  g_autoptr(EkycMrz) ok = parse_edited (td3_icao, 2, 1, 43, 'O');
  g_autoptr(EkycMrz) bad = parse_edited (td3_icao, 2, 1, 43, 'B'); /* 0 read as B → 8 */

  g_assert_cmpuint (ok->n_repairs, ==, 1);
  assert_repair (ok, 0, 1, 43, 'O', '0');
  assert_all_checks_valid (ok);
  g_assert_cmpuint (bad->n_repairs, ==, 1);
  assert_repair (bad, 0, 1, 43, 'B', '8');
  g_assert_false (bad->checks[EKYC_MRZ_CHECK_COMPOSITE].valid);
  g_assert_cmpint (bad->checks[EKYC_MRZ_CHECK_COMPOSITE].found, ==, '8');
}

static void
test_repair_letter_class (void)
{
  static const char *const lines[] = {
    "1<UT0D231458907<<<<<<<<<<<<<<<",
    "7408122F1204159U7O<<<<<<<<<<<6",
    "ER1K55ON<<ANNA<MAR1A<<<<<<<<<<",
  };
  g_autoptr(EkycMrz) mrz = parse_ok (lines, 3);

  g_assert_cmpstr (mrz->document_code, ==, "I");
  g_assert_cmpstr (mrz->issuing_state, ==, "UTO");
  g_assert_cmpstr (mrz->nationality, ==, "UTO");
  g_assert_cmpstr (mrz->surname, ==, "ERIKSSON");
  g_assert_cmpstr (mrz->given_names, ==, "ANNA MARIA");
  g_assert_cmpuint (mrz->n_repairs, ==, 7);
  assert_repair (mrz, 0, 0, 0, '1', 'I');
  assert_repair (mrz, 1, 0, 4, '0', 'O');
  assert_repair (mrz, 2, 1, 16, '7', 'T');
  assert_repair (mrz, 3, 2, 2, '1', 'I');
  assert_repair (mrz, 4, 2, 4, '5', 'S');
  assert_repair (mrz, 5, 2, 5, '5', 'S');
  assert_repair (mrz, 6, 2, 18, '1', 'I');
  assert_all_checks_valid (mrz);
}

/* Vietnamese card: the document number and the 12 digits are digits only. */
static void
test_repair_vn_digits (void)
{
  static const char *const lines[] = {
    "IDVNM19OO1234S7O79I9OO12345<<7",
    "9003141F3003149VNM<<<<<<<<<<<2",
    "TRAN<<TH1<MA1<ANH<<<<<<<<<<<<<",
  };
  g_autoptr(EkycMrz) mrz = parse_ok (lines, 3);

  g_assert_cmpuint (mrz->n_repairs, ==, 9);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (mrz->lines[i], ==, cccd[i]);
  g_assert_cmpint (mrz->vn_id_status, ==, EKYC_MRZ_VN_ID_OK);
  assert_all_checks_valid (mrz);
}

/* Mixed field: L898902C3 read as L8989O2C3; only O → 0 makes check 6 (and the composite) pass. */
static void
test_repair_mixed_by_check (void)
{
  g_autoptr(EkycMrz) mrz = parse_edited (td3_icao, 2, 1, 5, 'O');

  g_assert_cmpuint (mrz->n_repairs, ==, 1);
  assert_repair (mrz, 0, 1, 5, 'O', '0');
  g_assert_cmpstr (mrz->document_number, ==, "L898902C3");
  assert_all_checks_valid (mrz);
}

/* L898902C3 read as L89B902C3: B → 8 at column 4 and 8 → B at column 2 both make check 6 (and
 * the composite) pass, so neither is applied. PassportEye's 2E184226B for ZE184226B likewise
 * has three fits (2 → Z twice, 8 → B). */
static void
test_repair_ambiguous (void)
{
  g_autoptr(EkycMrz) doc = parse_edited (td3_icao, 2, 1, 3, 'B');
  g_autoptr(EkycMrz) personal = parse_edited (td3_icao, 2, 1, 28, '2');
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (doc->n_repairs, ==, 0);
  g_assert_cmpstr (doc->document_number, ==, "L89B902C3");
  g_assert_false (doc->checks[EKYC_MRZ_CHECK_DOCUMENT_NUMBER].valid);
  g_assert_true (doc->checks[EKYC_MRZ_CHECK_DOCUMENT_NUMBER].ambiguous);
  g_assert_false (doc->valid);
  g_assert_false (ekyc_mrz_validate (doc, &error));
  g_assert_error (error, EKYC_ERROR, EKYC_ERROR_MRZ_CHECK_FAILED);
  g_assert_nonnull (strstr (error->message, "more than one"));

  g_assert_cmpuint (personal->n_repairs, ==, 0);
  g_assert_cmpstr (personal->optional_data, ==, "2E184226B<<<<<");
  g_assert_true (personal->checks[EKYC_MRZ_CHECK_OPTIONAL_DATA].ambiguous);
}

/* A misread check digit is not "fixed" by changing the data to fit it: the composite, which
 * covers both, rejects such a fit unless the check digit is off by exactly 5 (6 → 1 here). */
static void
test_repair_never_fits_data_to_check (void)
{
  for (char c = '0'; c <= '9'; c++)
    {
      g_autoptr(EkycMrz) mrz = NULL;

      if (c == '6' || c == '1') /* right, and off by 5 (the composite cannot tell) */
        continue;
      mrz = parse_edited (td3_icao, 2, 1, 9, c);
      g_assert_cmpuint (mrz->n_repairs, ==, 0);
      g_assert_cmpstr (mrz->document_number, ==, "L898902C3");
    }
}

/* Optional data that only the composite covers: X7B read as X78 on a TD1. */
static void
test_repair_composite_only (void)
{
  static const char *const lines[] = {
    "I<UTOD231458907X7B<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<9",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
  };
  /* The same slip with the birth date misread too (740812 → 840812): the composite proves
   * nothing while another check fails, so nothing is repaired. */
  static const char *const two_slips[] = {
    "I<UTOD231458907X78<<<<<<<<<<<<",
    "8408122F1204159UTO<<<<<<<<<<<9",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
  };
  g_autoptr(EkycMrz) good = parse_ok (lines, 3);
  g_autoptr(EkycMrz) mrz = parse_edited (lines, 3, 0, 17, '8');
  g_autoptr(EkycMrz) two = parse_ok (two_slips, 3);

  assert_all_checks_valid (good);
  g_assert_cmpstr (good->optional_data, ==, "X7B<<<<<<<<<<<<");
  g_assert_cmpuint (mrz->n_repairs, ==, 1);
  assert_repair (mrz, 0, 0, 17, '8', 'B');
  assert_all_checks_valid (mrz);
  g_assert_cmpuint (two->n_repairs, ==, 0);
  g_assert_false (two->checks[EKYC_MRZ_CHECK_BIRTH_DATE].valid);
  g_assert_false (two->checks[EKYC_MRZ_CHECK_COMPOSITE].valid);
}

static void
test_lowercase_and_text (void)
{
  static const char *const lower[] = {
    "p<utoeriksson<<anna<maria<<<<<<<<<<<<<<<<<<<",
    "l898902c36uto7408122f1204159ze184226b<<<<<10",
  };
  g_autoptr(EkycMrz) mrz = parse_ok (lower, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycMrz) text = ekyc_mrz_parse_text (
    "\n  P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\r\n\r\n"
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10  \n", -1, &error);

  g_assert_true (mrz->case_folded);
  g_assert_cmpuint (mrz->n_repairs, ==, 0);
  g_assert_cmpstr (mrz->lines[0], ==, td3_icao[0]);
  g_assert_cmpstr (mrz->surname, ==, "ERIKSSON");
  assert_all_checks_valid (mrz);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  g_assert_false (text->case_folded);
  g_assert_cmpstr (text->lines[1], ==, td3_icao[1]);
  assert_all_checks_valid (text);
}

static void
test_errors (void)
{
  static const char *const empty[] = { NULL };
  static const char *const four[] = { td1_icao[0], td1_icao[1], td1_icao[2], td1_icao[2] };
  static const char *const short_td1[] = {
    td1_icao[0], "7408122F1204159UTO<<<<<<<<<<6", td1_icao[2],
  };
  static const char *const td3_short[] = {
    td3_icao[0], "L898902C36UTO7408122F1204159ZE184226B<<<<<1",
  };
  static const char *const forty[] = { "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<", td3_icao[1] };
  static const char *const guillemet[] = {
    "P<UTOERIKSSON«ANNA<MARIA<<<<<<<<<<<<<<<<<<<<", td3_icao[1],
  };
  static const char *const control[] = {
    td3_icao[0], "L898902C36UTO7408122F1204159ZE184226B<<<<\x01" "10",
  };
  static const char *const inner_space[] = {
    "P<UTOERIKSSON<<ANNA MARIA<<<<<<<<<<<<<<<<<<<", td3_icao[1],
  };
  static const char *const bad_sex[] = {
    td3_icao[0], "L898902C36UTO7408122K1204159ZE184226B<<<<<10",
  };
  static const char *const letter_in_date[] = {
    td3_icao[0], "L898902C36UTO74X8122F1204159ZE184226B<<<<<10",
  };
  static const char *const digit_in_name[] = {
    "P<UTOERIK3SON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", td3_icao[1],
  };
  static const char *const filler_code[] = {
    "<<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", td3_icao[1],
  };
  /* A 13th month or a 29 February of a common year, with a right check digit (set below). */
  char no_date[45];
  const char *const not_a_date[] = { td3_icao[0], no_date };
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycMrz) mrz = NULL;

  assert_parse_error (empty, 0, "empty");
  assert_parse_error (td1_icao, 1, "2 or 3 lines");
  assert_parse_error (four, 4, "2 or 3 lines");
  assert_parse_error (short_td1, 3, "Line 2 has 29 characters");
  assert_parse_error (td3_short, 2, "Line 2 has 43 characters, but line 1 has 44");
  assert_parse_error (forty, 2, "Line 1 has 40 characters");
  assert_parse_error (guillemet, 2, "column 14: “«”");
  assert_parse_error (control, 2, "“\\x01”");
  assert_parse_error (inner_space, 2, "column 20: “ ”");
  assert_parse_error (bad_sex, 2, "the sex is “K”");
  assert_parse_error (letter_in_date, 2, "date of birth");
  assert_parse_error (digit_in_name, 2, "name");
  assert_parse_error (filler_code, 2, "document code");

  g_strlcpy (no_date, td3_icao[1], sizeof no_date);
  memcpy (no_date + 13, "741312", 6);
  no_date[19] = (char) ('0' + ekyc_mrz_check_digit ("741312", 6));
  assert_parse_error (not_a_date, 2, "not a calendar date");
  memcpy (no_date + 13, "750229", 6); /* 1975 was not a leap year */
  no_date[19] = (char) ('0' + ekyc_mrz_check_digit ("750229", 6));
  assert_parse_error (not_a_date, 2, "“750229”");

  mrz = ekyc_mrz_parse_text ("", 0, &error);
  g_assert_null (mrz);
  g_assert_error (error, EKYC_ERROR, EKYC_ERROR_MRZ_INVALID);
  g_clear_error (&error);
  mrz = ekyc_mrz_parse_text (" \n\r\n", -1, &error);
  g_assert_error (error, EKYC_ERROR, EKYC_ERROR_MRZ_INVALID);
  g_clear_error (&error);
  /* An embedded NUL is a character like any other. */
  mrz = ekyc_mrz_parse_text ("P<UTO\0RIKSSON\nX", 15, &error);
  g_assert_error (error, EKYC_ERROR, EKYC_ERROR_MRZ_INVALID);
  g_assert_nonnull (strstr (error->message, "\\x00"));
  g_assert_cmpstr (ekyc_error_code_name (EKYC_ERROR_MRZ_INVALID), ==, "mrz-invalid");
  g_assert_cmpstr (ekyc_error_code_name (EKYC_ERROR_MRZ_CHECK_FAILED), ==, "mrz-check-failed");
}

static void
test_dates (void)
{
  char lines[3][31];
  const char *ptrs[3] = { lines[0], lines[1], lines[2] };
  g_autoptr(EkycMrz) a = NULL;
  g_autoptr(EkycMrz) b = NULL;
  g_autoptr(EkycMrz) unknown = NULL;

  /* Today is 2025-06-15. Birth 250615 is today (2025); 250616 is tomorrow, so 1925. Expiry 45 is
   * 2045 (≤ today + 20), 46 is 1946. Not a CCCD: VNM passport-like TD1 with code I. */
  build_cccd (lines, "000000000000", "000000000", "250615", 'M', "451231", "A<<B");
  lines[0][1] = '<';
  a = parse_ok (ptrs, 3);
  g_assert_cmpint (a->vn_id_status, ==, EKYC_MRZ_VN_ID_NOT_APPLICABLE);
  g_assert_cmpint (a->birth_year, ==, 2025);
  g_assert_cmpint (a->expiry_year, ==, 2045);

  build_cccd (lines, "000000000000", "000000000", "250616", 'M', "460101", "A<<B");
  lines[0][1] = '<';
  b = parse_ok (ptrs, 3);
  g_assert_cmpint (b->birth_year, ==, 1925);
  g_assert_cmpint (b->expiry_year, ==, 1946);

  /* Unknown day and month (`<<`) are 0. */
  build_cccd (lines, "000000000000", "000000000", "74<<<<", 'F', "300101", "A<<B");
  lines[0][1] = '<';
  unknown = parse_ok (ptrs, 3);
  g_assert_cmpint (unknown->birth_year, ==, 1974);
  g_assert_cmpint (unknown->birth_month, ==, 0);
  g_assert_cmpint (unknown->birth_day, ==, 0);
  g_assert_true (unknown->checks[EKYC_MRZ_CHECK_BIRTH_DATE].valid);
}

static void
test_names (void)
{
  static const char *const lines[] = {
    "P<UTODE<LA<CRUZ<<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
  };
  g_autoptr(EkycMrz) mrz = parse_ok (lines, 2);

  g_assert_cmpstr (mrz->surname, ==, "DE LA CRUZ");
  g_assert_cmpstr (mrz->given_names, ==, "");
  g_assert_cmpstr (ekyc_mrz_check_field_name (EKYC_MRZ_CHECK_COMPOSITE), ==, "composite");
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);

  g_test_add_func ("/mrz/check-digit/icao-weights", test_check_digit);
  g_test_add_func ("/mrz/td1/icao-specimen", test_td1_icao);
  g_test_add_func ("/mrz/td1/long-document-number", test_td1_long_number);
  g_test_add_func ("/mrz/td2/icao-specimen", test_td2_icao);
  g_test_add_func ("/mrz/td2/long-document-number", test_td2_long_number);
  g_test_add_func ("/mrz/td3/icao-specimen", test_td3_icao);
  g_test_add_func ("/mrz/td3/empty-personal-number", test_td3_empty_personal_number);
  g_test_add_func ("/mrz/td3/visa-has-no-composite", test_td3_visa);
  g_test_add_func ("/mrz/groundtruth/passporteye-specimens", test_groundtruth_csv);
  g_test_add_func ("/mrz/vn/cccd-fields", test_vn_cccd);
  g_test_add_func ("/mrz/vn/builder-matches-fixture", test_vn_builder_matches);
  g_test_add_func ("/mrz/vn/century-from-id-number", test_vn_century_from_id);
  g_test_add_func ("/mrz/vn/id-number-mismatches", test_vn_mismatches);
  g_test_add_func ("/mrz/checks/each-fails-in-turn", test_each_check_fails);
  g_test_add_func ("/mrz/checks/date-digit-slip-is-not-repaired", test_date_digit_slip);
  g_test_add_func ("/mrz/repair/digits-in-dates", test_repair_digit_class);
  g_test_add_func ("/mrz/repair/check-digit-transliterated", test_repair_check_digit_class);
  g_test_add_func ("/mrz/repair/letters-in-codes-and-names", test_repair_letter_class);
  g_test_add_func ("/mrz/repair/vn-digits", test_repair_vn_digits);
  g_test_add_func ("/mrz/repair/mixed-field-by-check", test_repair_mixed_by_check);
  g_test_add_func ("/mrz/repair/ambiguous-is-not-applied", test_repair_ambiguous);
  g_test_add_func ("/mrz/repair/never-fits-data-to-a-misread-check",
                   test_repair_never_fits_data_to_check);
  g_test_add_func ("/mrz/repair/composite-only-field", test_repair_composite_only);
  g_test_add_func ("/mrz/input/lowercase-and-text", test_lowercase_and_text);
  g_test_add_func ("/mrz/input/errors", test_errors);
  g_test_add_func ("/mrz/dates/century-windows", test_dates);
  g_test_add_func ("/mrz/names/multi-part-surname", test_names);

  return g_test_run ();
}
