/* fuzz-id-number.c — libFuzzer target: the ID-number rules and the card-date arithmetic
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Input layout: byte 0 picks the sex and the law; bytes 1–8 are a date of birth and bytes 9–16
 * a date of issue, both as ddmmyyyy text (an invalid one counts as unknown); the rest is the
 * number (up to its first NUL). Short inputs leave the later parts out. The target checks that
 * parse, check_consistency and validate agree, and the expiry invariants.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ekyc/ekyc-card-dates.h"
#include "ekyc/ekyc-error.h"
#include "ekyc/ekyc-id-number.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_expiry (const EkycCardDate *birth, const EkycCardDate *issue, EkycCardLaw law)
{
  g_autoptr(GError) error = NULL;
  EkycCardExpiry expiry;
  int age_at_issue = ekyc_card_date_age_on (birth, issue);

  if (!ekyc_card_compute_expiry (birth, issue, law, &expiry, &error))
    {
      g_assert_error (error, EKYC_ERROR, EKYC_ERROR_INVALID_ARGUMENT);
      g_assert_true (age_at_issue < 0 || birth->year > 9999 - 62);
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpint (age_at_issue, >=, 0);
  g_assert_false (ekyc_card_is_expired_on (&expiry, issue));
  if (expiry.no_expiry)
    {
      g_assert_cmpint (age_at_issue, >=, 58);
      g_assert_cmpint (expiry.renewal_age, ==, 0);
      return;
    }
  g_assert_true (expiry.renewal_age == 25 || expiry.renewal_age == 40 ||
                 expiry.renewal_age == 60 ||
                 (expiry.renewal_age == 14 && law == EKYC_CARD_LAW_CAN_CUOC_2023));
  g_assert_true (ekyc_card_date_is_valid (&expiry.expiry));
  g_assert_cmpint (ekyc_card_date_compare (&expiry.expiry, issue), >, 0);
  g_assert_cmpint (ekyc_card_date_age_on (birth, &expiry.expiry), ==, expiry.renewal_age);
  /* Issued before the 2-year window that opens ahead of the renewal age. */
  g_assert_cmpint (age_at_issue, <, expiry.renewal_age - 2);
  g_assert_false (ekyc_card_is_expired_on (&expiry, &expiry.expiry));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const EkycIdSex sexes[] = { EKYC_ID_SEX_UNKNOWN, EKYC_ID_SEX_MALE, EKYC_ID_SEX_FEMALE };
  EkycCardDate birth_date, issue_date;
  const EkycCardDate *birth = NULL, *issue = NULL;
  EkycIdSex sex = EKYC_ID_SEX_UNKNOWN;
  EkycCardLaw law = EKYC_CARD_LAW_CCCD_2014;
  EkycIdNumberProblems format, problems, validated = 0;
  g_autofree char *number = NULL;
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;
  EkycIdNumber id;
  gboolean parsed;

  if (size >= 1)
    {
      sex = sexes[data[0] % 3];
      law = (data[0] / 3) % 2 ? EKYC_CARD_LAW_CAN_CUOC_2023 : EKYC_CARD_LAW_CCCD_2014;
      data++, size--;
    }
  if (size >= 8)
    {
      if (ekyc_card_date_parse_ddmmyyyy ((const char *) data, 8, &birth_date))
        birth = &birth_date;
      data += 8, size -= 8;
    }
  if (size >= 8)
    {
      if (ekyc_card_date_parse_ddmmyyyy ((const char *) data, 8, &issue_date))
        issue = &issue_date;
      data += 8, size -= 8;
    }
  /* data may be NULL when size is 0. */
  number = size > 0 ? g_strndup ((const char *) data, size) : g_strdup ("");

  /* Format rules alone decide whether the number parses. */
  format = ekyc_id_number_check_consistency (number, NULL, EKYC_ID_SEX_UNKNOWN);
  parsed = ekyc_id_number_parse (number, &id, &error);
  g_assert_true (parsed == ((format & (EKYC_ID_NUMBER_PROBLEM_WRONG_LENGTH |
                                       EKYC_ID_NUMBER_PROBLEM_NOT_DIGITS)) == 0));
  if (parsed)
    {
      g_assert_no_error (error);
      g_assert_cmpstr (id.digits, ==, number);
      g_assert_cmpint (id.province_code, >=, 0);
      g_assert_cmpint (id.province_code, <=, 999);
      g_assert_true ((id.province_name == NULL) ==
                     ((format & EKYC_ID_NUMBER_PROBLEM_UNKNOWN_PROVINCE) != 0));
      g_assert_true (id.sex == EKYC_ID_SEX_MALE || id.sex == EKYC_ID_SEX_FEMALE);
      g_assert_cmpint (id.birth_century, >=, 20);
      g_assert_cmpint (id.birth_century, <=, 24);
      g_assert_cmpint (id.birth_year, ==, (id.birth_century - 1) * 100 + id.birth_year_2digits);
    }
  else
    {
      g_assert_error (error, EKYC_ERROR, EKYC_ERROR_ID_NUMBER_INVALID);
      g_clear_error (&error);
    }

  problems = ekyc_id_number_check_consistency (number, birth, sex);
  g_assert_cmpint (problems & ~0x3f, ==, 0);
  if (ekyc_id_number_validate (number, birth, sex, &validated, &error))
    g_assert_cmpint (problems, ==, EKYC_ID_NUMBER_PROBLEM_NONE);
  else
    {
      g_assert_error (error, EKYC_ERROR, EKYC_ERROR_ID_NUMBER_INVALID);
      /* A number of 3 digits or more is personal data and never in the message. */
      if (strlen (number) >= 3 && strspn (number, "0123456789") == strlen (number))
        g_assert_null (strstr (error->message, number));
      g_clear_error (&error);
    }
  g_assert_cmpint (validated, ==, problems);
  if (parsed && problems == EKYC_ID_NUMBER_PROBLEM_NONE && birth != NULL)
    g_assert_cmpint (id.birth_year, ==, birth->year);
  if (parsed && problems == EKYC_ID_NUMBER_PROBLEM_NONE && sex != EKYC_ID_SEX_UNKNOWN)
    g_assert_cmpint (id.sex, ==, sex);
  names = ekyc_id_number_problems_to_string (problems);
  g_assert_true ((names[0] == '\0') == (problems == EKYC_ID_NUMBER_PROBLEM_NONE));
  g_assert_cmpint (ekyc_cmnd_number_check (number) &
                   ~(EKYC_ID_NUMBER_PROBLEM_WRONG_LENGTH | EKYC_ID_NUMBER_PROBLEM_NOT_DIGITS),
                   ==, 0);

  if (birth != NULL && issue != NULL)
    check_expiry (birth, issue, law);
  return 0;
}
