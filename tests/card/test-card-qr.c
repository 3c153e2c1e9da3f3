/* test-card-qr.c — parsing the QR payload of the CCCD / Căn cước card, and every rejection
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * All people, numbers and addresses are made up; each payload is consistent (the number's
 * century, sex and year agree with the date of birth and sex) unless a test breaks one rule.
 */
#include "config.h"

#include <string.h>
#include <ekyc/ekyc.h>

#include "test-utils.h"

#define VALID_MALE \
  "001090000001|012000001|Nguyễn Văn An|15041990|Nam|Số 1 Phố Huế, Hà Nội|01072021"
#define VALID_FEMALE \
  "079305000002||Trần Thị Bình|31122005|Nữ|Phường 1, Quận 3, TP. Hồ Chí Minh|29022024"

static const EkycCardDate today = { 2025, 1, 15 };

static EkycCardQr *
parse (const char *payload, EkycCardQrProblem *problem, GError **error)
{
  return ekyc_card_qr_parse ((const guint8 *) payload, strlen (payload), &today, problem, error);
}

/* Asserts @payload is rejected for @expected with error @code and a message that quotes none of
 * @personal (nullable). */
static void
assert_rejected_bytes (const guint8 *data, gsize length, EkycCardQrProblem expected, int code,
                       const char *personal)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycCardQr) qr = NULL;
  EkycCardQrProblem problem = EKYC_CARD_QR_PROBLEM_NONE;

  qr = ekyc_card_qr_parse (data, length, &today, &problem, &error);
  g_assert_null (qr);
  g_assert_error (error, EKYC_ERROR, code);
  g_assert_cmpstr (ekyc_card_qr_problem_name (problem), ==, ekyc_card_qr_problem_name (expected));
  g_assert_cmpuint (strlen (error->message), >, 10);
  if (personal != NULL)
    g_assert_null (strstr (error->message, personal));
}

static void
assert_rejected (const char *payload, EkycCardQrProblem expected, int code)
{
  assert_rejected_bytes ((const guint8 *) payload, strlen (payload), expected, code,
                         "Nguyễn Văn An");
}

/* ---- accepted payloads ------------------------------------------------------------------- */

static void
test_parse_valid_male (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycCardQr) qr = NULL;
  EkycCardQrProblem problem = EKYC_CARD_QR_PROBLEM_ISSUE_DATE;

  qr = parse (VALID_MALE, &problem, &error);
  g_assert_no_error (error);
  g_assert_nonnull (qr);
  g_assert_cmpint (problem, ==, EKYC_CARD_QR_PROBLEM_NONE);
  g_assert_cmpstr (qr->id_number, ==, "001090000001");
  g_assert_cmpstr (qr->old_id_number, ==, "012000001");
  g_assert_cmpstr (qr->full_name, ==, "Nguyễn Văn An");
  g_assert_cmpint (qr->birth_date.year, ==, 1990);
  g_assert_cmpint (qr->birth_date.month, ==, 4);
  g_assert_cmpint (qr->birth_date.day, ==, 15);
  g_assert_cmpint (qr->sex, ==, EKYC_ID_SEX_MALE);
  g_assert_cmpstr (qr->residence, ==, "Số 1 Phố Huế, Hà Nội");
  g_assert_cmpint (qr->issue_date.year, ==, 2021);
  g_assert_cmpint (qr->issue_date.month, ==, 7);
  g_assert_cmpint (qr->issue_date.day, ==, 1);
  g_assert_nonnull (qr->extra_fields);
  g_assert_cmpuint (g_strv_length (qr->extra_fields), ==, 0);
  g_assert_cmpstr (qr->id.province_name, ==, "Hà Nội");
  g_assert_cmpint (qr->id.birth_year, ==, 1990);
}

static void
test_parse_valid_female_leap_day_issue (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycCardQr) qr = parse (VALID_FEMALE, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (qr);
  g_assert_null (qr->old_id_number);
  g_assert_cmpstr (qr->full_name, ==, "Trần Thị Bình");
  g_assert_cmpint (qr->sex, ==, EKYC_ID_SEX_FEMALE);
  g_assert_cmpint (qr->birth_date.year, ==, 2005);
  g_assert_cmpint (qr->issue_date.month, ==, 2);
  g_assert_cmpint (qr->issue_date.day, ==, 29);
  g_assert_cmpstr (qr->id.province_name, ==, "Hồ Chí Minh");
  g_assert_cmpint (qr->id.birth_century, ==, 21);
}

static void
test_parse_old_id_of_12_digits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycCardQr) qr =
    parse ("001090000001|001090000009|Nguyễn Văn An|15041990|Nam|Hà Nội|01072021", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (qr->old_id_number, ==, "001090000009");
}

static void
assert_same_card (const EkycCardQr *a, const EkycCardQr *b)
{
  g_assert_cmpstr (a->id_number, ==, b->id_number);
  g_assert_cmpstr (a->old_id_number, ==, b->old_id_number);
  g_assert_cmpstr (a->full_name, ==, b->full_name);
  g_assert_cmpstr (a->residence, ==, b->residence);
  g_assert_cmpint (a->sex, ==, b->sex);
  g_assert_cmpint (ekyc_card_date_compare (&a->birth_date, &b->birth_date), ==, 0);
  g_assert_cmpint (ekyc_card_date_compare (&a->issue_date, &b->issue_date), ==, 0);
  g_assert_cmpuint (g_strv_length (a->extra_fields), ==, g_strv_length (b->extra_fields));
}

static void
test_nfd_gives_the_nfc_result (void)
{
  const char *payloads[] = { VALID_MALE, VALID_FEMALE };

  for (gsize i = 0; i < G_N_ELEMENTS (payloads); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *nfd = g_utf8_normalize (payloads[i], -1, G_NORMALIZE_NFD);
      g_autoptr(EkycCardQr) from_nfc = NULL;
      g_autoptr(EkycCardQr) from_nfd = NULL;
      g_autofree char *name_nfc = NULL;

      /* The decomposed form really is different bytes. */
      g_assert_cmpstr (nfd, !=, payloads[i]);
      from_nfc = parse (payloads[i], NULL, &error);
      g_assert_no_error (error);
      from_nfd = parse (nfd, NULL, &error);
      g_assert_no_error (error);
      assert_same_card (from_nfc, from_nfd);
      name_nfc = g_utf8_normalize (from_nfd->full_name, -1, G_NORMALIZE_NFC);
      g_assert_cmpstr (from_nfd->full_name, ==, name_nfc);
    }
}

static void
test_white_space_bom_and_case (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycCardQr) reference = parse (VALID_MALE, NULL, &error);
  g_autoptr(EkycCardQr) padded = NULL;
  g_autoptr(EkycCardQr) bom = NULL;
  g_autoptr(EkycCardQr) upper = NULL;

  g_assert_no_error (error);
  /* Spaces, no-break spaces (U+00A0) and a scanner's CR LF around the fields. */
  padded = parse ("  001090000001 | 012000001 |\xC2\xA0Nguyễn Văn An  |15041990| Nam |"
                  " Số 1 Phố Huế, Hà Nội |01072021\r\n", NULL, &error);
  g_assert_no_error (error);
  assert_same_card (reference, padded);

  bom = parse ("\xEF\xBB\xBF" VALID_MALE, NULL, &error);
  g_assert_no_error (error);
  assert_same_card (reference, bom);

  upper = parse ("079305000002||Trần Thị Bình|31122005|NỮ|Phường 1|29022024", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (upper->sex, ==, EKYC_ID_SEX_FEMALE);
}

static void
test_extra_fields_kept_trailing_empties_dropped (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycCardQr) trailing = NULL;
  g_autoptr(EkycCardQr) extra = NULL;
  g_autoptr(EkycCardQr) inner_empty = NULL;

  trailing = parse (VALID_MALE "||", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (trailing->extra_fields), ==, 0);

  extra = parse (VALID_MALE "|Nguyễn Văn Cha | Lê Thị Mẹ|", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (extra->extra_fields), ==, 2);
  g_assert_cmpstr (extra->extra_fields[0], ==, "Nguyễn Văn Cha");
  g_assert_cmpstr (extra->extra_fields[1], ==, "Lê Thị Mẹ");

  inner_empty = parse (VALID_MALE "||001190000002", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (inner_empty->extra_fields), ==, 2);
  g_assert_cmpstr (inner_empty->extra_fields[0], ==, "");
  g_assert_cmpstr (inner_empty->extra_fields[1], ==, "001190000002");
}

static void
test_today_defaults_to_the_clock (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycCardQr) qr = ekyc_card_qr_parse ((const guint8 *) VALID_MALE,
                                                 strlen (VALID_MALE), NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (qr);
}

/* ---- rejections --------------------------------------------------------------------------- */

static void
test_rejects_wrong_field_count (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycCardQr) qr = NULL;
  g_autoptr(GString) many = g_string_new (VALID_MALE);

  /* Six fields: the old number's field left out. */
  qr = parse ("001090000001|Nguyễn Văn An|15041990|Nam|Hà Nội|01072021", NULL, &error);
  g_assert_null (qr);
  g_assert_error (error, EKYC_ERROR, EKYC_ERROR_QR_INVALID);
  g_assert_nonnull (strstr (error->message, "6 fields"));
  g_clear_error (&error);

  qr = parse ("", NULL, &error);
  g_assert_error (error, EKYC_ERROR, EKYC_ERROR_QR_INVALID);
  g_assert_nonnull (strstr (error->message, "0 fields"));
  g_clear_error (&error);

  qr = parse ("001090000001", NULL, &error);
  g_assert_error (error, EKYC_ERROR, EKYC_ERROR_QR_INVALID);
  g_assert_nonnull (strstr (error->message, "1 field "));
  g_clear_error (&error);

  assert_rejected ("https://example.com/not-a-card", EKYC_CARD_QR_PROBLEM_FIELD_COUNT,
                   EKYC_ERROR_QR_INVALID);
  assert_rejected ("||||||", EKYC_CARD_QR_PROBLEM_ID_NUMBER, EKYC_ERROR_ID_NUMBER_INVALID);
  assert_rejected ("|||||", EKYC_CARD_QR_PROBLEM_FIELD_COUNT, EKYC_ERROR_QR_INVALID);

  for (int i = 0; i < EKYC_CARD_QR_MAX_FIELDS; i++)
    g_string_append (many, "|x");
  assert_rejected (many->str, EKYC_CARD_QR_PROBLEM_FIELD_COUNT, EKYC_ERROR_QR_INVALID);
}

static void
test_rejects_not_utf8 (void)
{
  /* "山田" in Shift-JIS, then the same card in Latin-1 / Windows-1258-looking bytes. */
  static const char shift_jis[] =
    "001090000001|012000001|\x8E\x52\x93\x63\x20\x91\xBE\x98\x59|15041990|Nam|Hà Nội|01072021";
  static const char latin1[] =
    "001090000001|012000001|Nguy\xEAn V\xE3n An|15041990|Nam|H\xE0 N\xF4i|01072021";
  static const char overlong[] = "001090000001|\xC0\xAF|An|15041990|Nam|x|01072021";
  static const char with_nul[] = "001090000001|012000001|An\0B|15041990|Nam|x|01072021";

  assert_rejected_bytes ((const guint8 *) shift_jis, sizeof shift_jis - 1,
                         EKYC_CARD_QR_PROBLEM_NOT_TEXT, EKYC_ERROR_QR_INVALID, NULL);
  assert_rejected_bytes ((const guint8 *) latin1, sizeof latin1 - 1,
                         EKYC_CARD_QR_PROBLEM_NOT_TEXT, EKYC_ERROR_QR_INVALID, NULL);
  assert_rejected_bytes ((const guint8 *) overlong, sizeof overlong - 1,
                         EKYC_CARD_QR_PROBLEM_NOT_TEXT, EKYC_ERROR_QR_INVALID, NULL);
  assert_rejected_bytes ((const guint8 *) with_nul, sizeof with_nul - 1,
                         EKYC_CARD_QR_PROBLEM_NOT_TEXT, EKYC_ERROR_QR_INVALID, NULL);
}

static void
test_rejects_control_characters (void)
{
  assert_rejected ("001090000001|012000001|Nguyễn\x01Văn An|15041990|Nam|Hà Nội|01072021",
                   EKYC_CARD_QR_PROBLEM_NOT_TEXT, EKYC_ERROR_QR_INVALID);
  assert_rejected ("001090000001|012000001|Nguyễn Văn An|15041990|Nam|Hà\nNội|01072021",
                   EKYC_CARD_QR_PROBLEM_NOT_TEXT, EKYC_ERROR_QR_INVALID);
}

static void
test_rejects_too_long (void)
{
  g_autoptr(GString) long_payload = g_string_new (VALID_MALE "|");

  while (long_payload->len <= EKYC_CARD_QR_MAX_LENGTH)
    g_string_append_c (long_payload, 'x');
  assert_rejected (long_payload->str, EKYC_CARD_QR_PROBLEM_TOO_LONG, EKYC_ERROR_QR_INVALID);
}

static void
test_rejects_bad_id_number (void)
{
  const char *payloads[] = {
    /* wrong length */
    "00109000001|012000001|Nguyễn Văn An|15041990|Nam|Hà Nội|01072021",
    /* non-digit */
    "00109000000l|012000001|Nguyễn Văn An|15041990|Nam|Hà Nội|01072021",
    /* unknown province */
    "003090000001|012000001|Nguyễn Văn An|15041990|Nam|Hà Nội|01072021",
    /* sex mismatch: digit 4 is 0 (male) */
    "001090000001|012000001|Nguyễn Thị An|15041990|Nữ|Hà Nội|01072021",
    /* birth-year mismatch */
    "001091000001|012000001|Nguyễn Văn An|15041990|Nam|Hà Nội|01072021",
    /* century mismatch: born 1890, digit 4 says 1900s */
    "001090000001|012000001|Nguyễn Văn An|15041890|Nam|Hà Nội|01072021",
    /* century mismatch: born 2000, digit 4 says 1900s */
    "001000000001|012000001|Nguyễn Văn An|15042000|Nam|Hà Nội|01072021",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (payloads); i++)
    {
      g_test_message ("payload %" G_GSIZE_FORMAT, i);
      assert_rejected (payloads[i], EKYC_CARD_QR_PROBLEM_ID_NUMBER, EKYC_ERROR_ID_NUMBER_INVALID);
    }
}

static void
test_rejects_bad_old_id_number (void)
{
  assert_rejected ("001090000001|01200000|Nguyễn Văn An|15041990|Nam|Hà Nội|01072021",
                   EKYC_CARD_QR_PROBLEM_OLD_ID_NUMBER, EKYC_ERROR_QR_INVALID);
  assert_rejected ("001090000001|01200000X|Nguyễn Văn An|15041990|Nam|Hà Nội|01072021",
                   EKYC_CARD_QR_PROBLEM_OLD_ID_NUMBER, EKYC_ERROR_QR_INVALID);
}

static void
test_rejects_empty_name (void)
{
  assert_rejected ("001090000001|012000001||15041990|Nam|Hà Nội|01072021",
                   EKYC_CARD_QR_PROBLEM_EMPTY_NAME, EKYC_ERROR_QR_INVALID);
  assert_rejected ("001090000001|012000001| \xC2\xA0 |15041990|Nam|Hà Nội|01072021",
                   EKYC_CARD_QR_PROBLEM_EMPTY_NAME, EKYC_ERROR_QR_INVALID);
}

static void
test_rejects_bad_dates (void)
{
  const char *births[] = { "31021990", "29021990", "15131990", "00041990", "1504199O",
                           "15/04/1990", "1541990", "150419900", "" };
  const char *issues[] = { "31022021", "29022023", "01132021", "32012021", "010720", "x" };

  for (gsize i = 0; i < G_N_ELEMENTS (births); i++)
    {
      g_autofree char *payload = g_strdup_printf (
        "001090000001|012000001|Nguyễn Văn An|%s|Nam|Hà Nội|01072021", births[i]);
      assert_rejected (payload, EKYC_CARD_QR_PROBLEM_BIRTH_DATE, EKYC_ERROR_QR_INVALID);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (issues); i++)
    {
      g_autofree char *payload = g_strdup_printf (
        "001090000001|012000001|Nguyễn Văn An|15041990|Nam|Hà Nội|%s", issues[i]);
      assert_rejected (payload, EKYC_CARD_QR_PROBLEM_ISSUE_DATE, EKYC_ERROR_QR_INVALID);
    }
}

static void
test_rejects_unknown_sex (void)
{
  const char *words[] = { "Male", "M", "Nu", "Nứ", "", "Nam Nữ", "Không" };

  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autofree char *payload = g_strdup_printf (
        "001090000001|012000001|Nguyễn Văn An|15041990|%s|Hà Nội|01072021", words[i]);
      assert_rejected (payload, EKYC_CARD_QR_PROBLEM_SEX, EKYC_ERROR_QR_INVALID);
    }
}

static void
test_rejects_issue_before_birth (void)
{
  assert_rejected ("001090000001|012000001|Nguyễn Văn An|15041990|Nam|Hà Nội|14041990",
                   EKYC_CARD_QR_PROBLEM_ISSUE_BEFORE_BIRTH, EKYC_ERROR_QR_INVALID);
}

static void
test_rejects_issue_in_future (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycCardQr) same_day = NULL;
  EkycCardDate issue_day = { 2021, 7, 1 };

  /* Issued today is fine; tomorrow is not. */
  same_day = ekyc_card_qr_parse ((const guint8 *) VALID_MALE, strlen (VALID_MALE), &issue_day,
                                 NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (same_day);
  assert_rejected ("001090000001|012000001|Nguyễn Văn An|15041990|Nam|Hà Nội|16012025",
                   EKYC_CARD_QR_PROBLEM_ISSUE_IN_FUTURE, EKYC_ERROR_QR_INVALID);
}

static void
test_names (void)
{
  g_assert_cmpstr (ekyc_card_qr_problem_name (EKYC_CARD_QR_PROBLEM_NONE), ==, "none");
  g_assert_cmpstr (ekyc_card_qr_problem_name (EKYC_CARD_QR_PROBLEM_FIELD_COUNT), ==,
                   "field-count");
  g_assert_cmpstr (ekyc_card_qr_problem_name (EKYC_CARD_QR_PROBLEM_ISSUE_IN_FUTURE), ==,
                   "issue-in-future");
  g_assert_cmpstr (ekyc_card_qr_problem_name (999), ==, "unknown");
  g_assert_cmpstr (ekyc_error_code_name (EKYC_ERROR_QR_INVALID), ==, "qr-invalid");
  ekyc_card_qr_free (NULL);
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);

  g_test_add_func ("/card-qr/parse/valid-male-with-old-number", test_parse_valid_male);
  g_test_add_func ("/card-qr/parse/valid-female-issued-on-a-leap-day",
                   test_parse_valid_female_leap_day_issue);
  g_test_add_func ("/card-qr/parse/old-number-of-12-digits", test_parse_old_id_of_12_digits);
  g_test_add_func ("/card-qr/parse/nfd-input-gives-the-nfc-result", test_nfd_gives_the_nfc_result);
  g_test_add_func ("/card-qr/parse/white-space-bom-and-case-ignored",
                   test_white_space_bom_and_case);
  g_test_add_func ("/card-qr/parse/extra-fields-kept-trailing-empties-dropped",
                   test_extra_fields_kept_trailing_empties_dropped);
  g_test_add_func ("/card-qr/parse/today-defaults-to-the-clock", test_today_defaults_to_the_clock);
  g_test_add_func ("/card-qr/reject/wrong-field-count", test_rejects_wrong_field_count);
  g_test_add_func ("/card-qr/reject/shift-jis-and-latin-1-are-not-utf8", test_rejects_not_utf8);
  g_test_add_func ("/card-qr/reject/control-characters", test_rejects_control_characters);
  g_test_add_func ("/card-qr/reject/too-long", test_rejects_too_long);
  g_test_add_func ("/card-qr/reject/id-number-failing-each-rule", test_rejects_bad_id_number);
  g_test_add_func ("/card-qr/reject/bad-old-number", test_rejects_bad_old_id_number);
  g_test_add_func ("/card-qr/reject/empty-name", test_rejects_empty_name);
  g_test_add_func ("/card-qr/reject/impossible-dates", test_rejects_bad_dates);
  g_test_add_func ("/card-qr/reject/unknown-sex-word", test_rejects_unknown_sex);
  g_test_add_func ("/card-qr/reject/issued-before-birth", test_rejects_issue_before_birth);
  g_test_add_func ("/card-qr/reject/issued-in-the-future", test_rejects_issue_in_future);
  g_test_add_func ("/card-qr/names", test_names);

  return g_test_run ();
}
