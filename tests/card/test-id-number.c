/* test-id-number.c — the 12-digit personal identification number and the old CMND number
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every number here is made up: a real province code and birth year, then a placeholder
 * "00000N" for the random part, consistent with the made-up birth dates beside it.
 */
#include "config.h"

#include <string.h>
#include <ekyc/ekyc.h>

#include "test-utils.h"

static void
assert_nfc (const char *text)
{
  g_autofree char *nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpstr (text, ==, nfc);
}

/* ---- parse ------------------------------------------------------------------------------ */

static void
test_parse_male_20th_century (void)
{
  g_autoptr(GError) error = NULL;
  EkycIdNumber id;

  g_assert_true (ekyc_id_number_parse ("001090000001", &id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (id.digits, ==, "001090000001");
  g_assert_cmpint (id.province_code, ==, 1);
  g_assert_cmpstr (id.province_name, ==, "Hà Nội");
  g_assert_cmpint (id.sex, ==, EKYC_ID_SEX_MALE);
  g_assert_cmpint (id.birth_century, ==, 20);
  g_assert_cmpint (id.birth_year_2digits, ==, 90);
  g_assert_cmpint (id.birth_year, ==, 1990);
}

static void
test_parse_female_21st_century (void)
{
  g_autoptr(GError) error = NULL;
  EkycIdNumber id;

  g_assert_true (ekyc_id_number_parse ("079305000002", &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id.province_code, ==, 79);
  g_assert_cmpstr (id.province_name, ==, "Hồ Chí Minh");
  g_assert_cmpint (id.sex, ==, EKYC_ID_SEX_FEMALE);
  g_assert_cmpint (id.birth_century, ==, 21);
  g_assert_cmpint (id.birth_year, ==, 2005);
}

static void
test_parse_every_century_digit (void)
{
  for (int d = 0; d <= 9; d++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *number = g_strdup_printf ("096%d00000003", d);
      EkycIdNumber id;

      g_assert_true (ekyc_id_number_parse (number, &id, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (id.province_name, ==, "Cà Mau");
      g_assert_cmpint (id.sex, ==, d % 2 == 0 ? EKYC_ID_SEX_MALE : EKYC_ID_SEX_FEMALE);
      g_assert_cmpint (id.birth_century, ==, 20 + d / 2);
      g_assert_cmpint (id.birth_year, ==, 1900 + 100 * (d / 2));
    }
}

static void
test_parse_unknown_province_still_parses (void)
{
  g_autoptr(GError) error = NULL;
  EkycIdNumber id;

  g_assert_true (ekyc_id_number_parse ("003090000001", &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id.province_code, ==, 3);
  g_assert_null (id.province_name);
}

static void
test_parse_rejects_bad_format (void)
{
  const char *bad[] = {
    "", "00109000000", "0010900000011", "00109000000A", " 001090000001", "001090000001 ",
    "001-090-000001", "００１０９００００００１", "001090\xC3\xA9" "00001",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      EkycIdNumber id;

      g_assert_false (ekyc_id_number_parse (bad[i], &id, &error));
      g_assert_error (error, EKYC_ERROR, EKYC_ERROR_ID_NUMBER_INVALID);
    }
}

/* ---- the province table ------------------------------------------------------------------ */

static void
test_provinces_table (void)
{
  static const int gaps[] = { 0, 3, 5, 7, 9, 13, 16, 18, 21, 23, 28, 29, 32, 39, 41, 43, 47, 50,
                              53, 55, 57, 59, 61, 63, 65, 69, 71, 73, 76, 78, 81, 85, 88, 90, 97,
                              99, 100, 999, -1 };
  int known = 0;

  for (int code = 0; code <= 999; code++)
    {
      const char *name = ekyc_id_province_name (code);

      if (name == NULL)
        continue;
      known++;
      assert_nfc (name);
      g_assert_cmpuint (strlen (name), >, 0);
    }
  g_assert_cmpint (known, ==, 63);
  for (gsize i = 0; i < G_N_ELEMENTS (gaps); i++)
    g_assert_null (ekyc_id_province_name (gaps[i]));

  g_assert_cmpstr (ekyc_id_province_name (1), ==, "Hà Nội");
  g_assert_cmpstr (ekyc_id_province_name (2), ==, "Hà Giang");
  g_assert_cmpstr (ekyc_id_province_name (17), ==, "Hòa Bình");
  g_assert_cmpstr (ekyc_id_province_name (46), ==, "Thừa Thiên Huế");
  g_assert_cmpstr (ekyc_id_province_name (48), ==, "Đà Nẵng");
  g_assert_cmpstr (ekyc_id_province_name (66), ==, "Đắk Lắk");
  g_assert_cmpstr (ekyc_id_province_name (77), ==, "Bà Rịa - Vũng Tàu");
  g_assert_cmpstr (ekyc_id_province_name (92), ==, "Cần Thơ");
  g_assert_cmpstr (ekyc_id_province_name (96), ==, "Cà Mau");
}

/* ---- consistency ------------------------------------------------------------------------- */

static void
test_consistency_all_rules_pass (void)
{
  EkycCardDate birth_1990 = { 1990, 4, 15 };
  EkycCardDate birth_2005 = { 2005, 12, 31 };

  g_assert_cmpint (ekyc_id_number_check_consistency ("001090000001", &birth_1990,
                                                     EKYC_ID_SEX_MALE),
                   ==, EKYC_ID_NUMBER_PROBLEM_NONE);
  g_assert_cmpint (ekyc_id_number_check_consistency ("079305000002", &birth_2005,
                                                     EKYC_ID_SEX_FEMALE),
                   ==, EKYC_ID_NUMBER_PROBLEM_NONE);
}

static void
test_consistency_skips_unknown_facts (void)
{
  /* Without a birth date and sex, only format and province are checked. */
  g_assert_cmpint (ekyc_id_number_check_consistency ("001190000001", NULL, EKYC_ID_SEX_UNKNOWN),
                   ==, EKYC_ID_NUMBER_PROBLEM_NONE);
}

static void
test_consistency_wrong_length (void)
{
  g_assert_cmpint (ekyc_id_number_check_consistency ("00109000000", NULL, EKYC_ID_SEX_UNKNOWN),
                   ==, EKYC_ID_NUMBER_PROBLEM_WRONG_LENGTH);
  g_assert_cmpint (ekyc_id_number_check_consistency ("", NULL, EKYC_ID_SEX_UNKNOWN),
                   ==, EKYC_ID_NUMBER_PROBLEM_WRONG_LENGTH);
}

static void
test_consistency_not_digits (void)
{
  EkycCardDate birth = { 1990, 4, 15 };

  g_assert_cmpint (ekyc_id_number_check_consistency ("00109000000O", &birth, EKYC_ID_SEX_MALE),
                   ==, EKYC_ID_NUMBER_PROBLEM_NOT_DIGITS);
  /* Both format rules at once; the later rules are not looked at. */
  g_assert_cmpint (ekyc_id_number_check_consistency ("0010x", &birth, EKYC_ID_SEX_FEMALE),
                   ==, EKYC_ID_NUMBER_PROBLEM_WRONG_LENGTH | EKYC_ID_NUMBER_PROBLEM_NOT_DIGITS);
}

static void
test_consistency_unknown_province (void)
{
  EkycCardDate birth = { 1990, 4, 15 };

  g_assert_cmpint (ekyc_id_number_check_consistency ("097090000001", &birth, EKYC_ID_SEX_MALE),
                   ==, EKYC_ID_NUMBER_PROBLEM_UNKNOWN_PROVINCE);
  g_assert_cmpint (ekyc_id_number_check_consistency ("000090000001", &birth, EKYC_ID_SEX_MALE),
                   ==, EKYC_ID_NUMBER_PROBLEM_UNKNOWN_PROVINCE);
}

static void
test_consistency_sex_mismatch (void)
{
  EkycCardDate birth = { 1990, 4, 15 };

  g_assert_cmpint (ekyc_id_number_check_consistency ("001090000001", &birth, EKYC_ID_SEX_FEMALE),
                   ==, EKYC_ID_NUMBER_PROBLEM_SEX_MISMATCH);
  g_assert_cmpint (ekyc_id_number_check_consistency ("001190000001", &birth, EKYC_ID_SEX_MALE),
                   ==, EKYC_ID_NUMBER_PROBLEM_SEX_MISMATCH);
}

static void
test_consistency_birth_year_mismatch (void)
{
  EkycCardDate birth = { 1991, 1, 1 };

  g_assert_cmpint (ekyc_id_number_check_consistency ("001090000001", &birth, EKYC_ID_SEX_MALE),
                   ==, EKYC_ID_NUMBER_PROBLEM_BIRTH_YEAR_MISMATCH);
}

static void
test_consistency_century_mismatch (void)
{
  EkycCardDate born_2090 = { 2090, 6, 1 };
  EkycCardDate born_1899 = { 1899, 12, 31 };
  EkycCardDate born_2400 = { 2400, 1, 1 };

  /* Same two last digits, other century. */
  g_assert_cmpint (ekyc_id_number_check_consistency ("001090000001", &born_2090,
                                                     EKYC_ID_SEX_MALE),
                   ==, EKYC_ID_NUMBER_PROBLEM_CENTURY_MISMATCH);
  /* A year no digit 4 can encode. */
  g_assert_cmpint (ekyc_id_number_check_consistency ("001099000001", &born_1899,
                                                     EKYC_ID_SEX_MALE),
                   ==, EKYC_ID_NUMBER_PROBLEM_CENTURY_MISMATCH);
  g_assert_cmpint (ekyc_id_number_check_consistency ("001800000001", &born_2400,
                                                     EKYC_ID_SEX_MALE),
                   ==, EKYC_ID_NUMBER_PROBLEM_CENTURY_MISMATCH);
}

static void
test_consistency_several_at_once (void)
{
  EkycCardDate birth = { 2001, 2, 3 };

  g_assert_cmpint (ekyc_id_number_check_consistency ("098090000001", &birth, EKYC_ID_SEX_FEMALE),
                   ==, EKYC_ID_NUMBER_PROBLEM_UNKNOWN_PROVINCE |
                       EKYC_ID_NUMBER_PROBLEM_SEX_MISMATCH |
                       EKYC_ID_NUMBER_PROBLEM_BIRTH_YEAR_MISMATCH |
                       EKYC_ID_NUMBER_PROBLEM_CENTURY_MISMATCH);
}

/* ---- validate, names --------------------------------------------------------------------- */

static void
test_validate_error_names_each_rule (void)
{
  g_autoptr(GError) error = NULL;
  EkycCardDate birth = { 1991, 1, 1 };
  EkycIdNumberProblems problems = EKYC_ID_NUMBER_PROBLEM_NONE;

  g_assert_false (ekyc_id_number_validate ("001090000001", &birth, EKYC_ID_SEX_FEMALE,
                                           &problems, &error));
  g_assert_error (error, EKYC_ERROR, EKYC_ERROR_ID_NUMBER_INVALID);
  g_assert_cmpint (problems, ==,
                   EKYC_ID_NUMBER_PROBLEM_SEX_MISMATCH |
                     EKYC_ID_NUMBER_PROBLEM_BIRTH_YEAR_MISMATCH);
  g_assert_nonnull (strstr (error->message, "sex"));
  g_assert_nonnull (strstr (error->message, "year of birth"));
  /* The number is personal data: never in a message. */
  g_assert_null (strstr (error->message, "001090000001"));
  g_assert_cmpstr (ekyc_error_code_name (error->code), ==, "id-number-invalid");

  g_clear_error (&error);
  g_assert_true (ekyc_id_number_validate ("001090000001", NULL, EKYC_ID_SEX_MALE, &problems,
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpint (problems, ==, EKYC_ID_NUMBER_PROBLEM_NONE);
}

static void
test_problem_names (void)
{
  g_autofree char *all = ekyc_id_number_problems_to_string (0x3f);
  g_autofree char *none = ekyc_id_number_problems_to_string (0);

  g_assert_cmpstr (ekyc_id_number_problem_name (EKYC_ID_NUMBER_PROBLEM_NONE), ==, "none");
  g_assert_cmpstr (ekyc_id_number_problem_name (EKYC_ID_NUMBER_PROBLEM_WRONG_LENGTH), ==,
                   "wrong-length");
  g_assert_cmpstr (ekyc_id_number_problem_name (EKYC_ID_NUMBER_PROBLEM_NOT_DIGITS), ==,
                   "not-digits");
  g_assert_cmpstr (ekyc_id_number_problem_name (EKYC_ID_NUMBER_PROBLEM_UNKNOWN_PROVINCE), ==,
                   "unknown-province");
  g_assert_cmpstr (ekyc_id_number_problem_name (EKYC_ID_NUMBER_PROBLEM_SEX_MISMATCH), ==,
                   "sex-mismatch");
  g_assert_cmpstr (ekyc_id_number_problem_name (EKYC_ID_NUMBER_PROBLEM_BIRTH_YEAR_MISMATCH), ==,
                   "birth-year-mismatch");
  g_assert_cmpstr (ekyc_id_number_problem_name (EKYC_ID_NUMBER_PROBLEM_CENTURY_MISMATCH), ==,
                   "century-mismatch");
  g_assert_cmpstr (ekyc_id_number_problem_name (EKYC_ID_NUMBER_PROBLEM_SEX_MISMATCH |
                                                EKYC_ID_NUMBER_PROBLEM_NOT_DIGITS), ==, "unknown");
  g_assert_cmpstr (all, ==, "wrong-length,not-digits,unknown-province,sex-mismatch,"
                            "birth-year-mismatch,century-mismatch");
  g_assert_cmpstr (none, ==, "");
}

/* ---- old CMND ---------------------------------------------------------------------------- */

static void
test_cmnd_format (void)
{
  g_assert_cmpint (ekyc_cmnd_number_check ("012000001"), ==, EKYC_ID_NUMBER_PROBLEM_NONE);
  g_assert_cmpint (ekyc_cmnd_number_check ("01200000"), ==, EKYC_ID_NUMBER_PROBLEM_WRONG_LENGTH);
  g_assert_cmpint (ekyc_cmnd_number_check ("0120000011"), ==,
                   EKYC_ID_NUMBER_PROBLEM_WRONG_LENGTH);
  g_assert_cmpint (ekyc_cmnd_number_check (""), ==, EKYC_ID_NUMBER_PROBLEM_WRONG_LENGTH);
  g_assert_cmpint (ekyc_cmnd_number_check ("01200000I"), ==, EKYC_ID_NUMBER_PROBLEM_NOT_DIGITS);
  g_assert_cmpint (ekyc_cmnd_number_check ("0120-01"), ==,
                   EKYC_ID_NUMBER_PROBLEM_WRONG_LENGTH | EKYC_ID_NUMBER_PROBLEM_NOT_DIGITS);
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);

  g_test_add_func ("/id-number/parse/male-born-in-the-20th-century", test_parse_male_20th_century);
  g_test_add_func ("/id-number/parse/female-born-in-the-21st-century",
                   test_parse_female_21st_century);
  g_test_add_func ("/id-number/parse/every-century-and-sex-digit", test_parse_every_century_digit);
  g_test_add_func ("/id-number/parse/unknown-province-still-parses",
                   test_parse_unknown_province_still_parses);
  g_test_add_func ("/id-number/parse/rejects-anything-but-12-digits",
                   test_parse_rejects_bad_format);
  g_test_add_func ("/id-number/provinces/63-codes-in-nfc", test_provinces_table);
  g_test_add_func ("/id-number/consistency/all-rules-pass", test_consistency_all_rules_pass);
  g_test_add_func ("/id-number/consistency/skips-unknown-birth-and-sex",
                   test_consistency_skips_unknown_facts);
  g_test_add_func ("/id-number/consistency/wrong-length", test_consistency_wrong_length);
  g_test_add_func ("/id-number/consistency/not-digits", test_consistency_not_digits);
  g_test_add_func ("/id-number/consistency/unknown-province", test_consistency_unknown_province);
  g_test_add_func ("/id-number/consistency/sex-mismatch", test_consistency_sex_mismatch);
  g_test_add_func ("/id-number/consistency/birth-year-mismatch",
                   test_consistency_birth_year_mismatch);
  g_test_add_func ("/id-number/consistency/century-mismatch", test_consistency_century_mismatch);
  g_test_add_func ("/id-number/consistency/reports-every-failed-rule",
                   test_consistency_several_at_once);
  g_test_add_func ("/id-number/validate/error-names-each-rule-not-the-number",
                   test_validate_error_names_each_rule);
  g_test_add_func ("/id-number/problem-names", test_problem_names);
  g_test_add_func ("/id-number/cmnd/nine-digits", test_cmnd_format);

  return g_test_run ();
}
