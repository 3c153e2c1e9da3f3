/* test-card-dates.c — calendar rules, age, and the expiry printed on CCCD / Căn cước cards
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <ekyc/ekyc.h>

#include "test-utils.h"

#define DATE(y, m, d) ((EkycCardDate) { (y), (m), (d) })

static void
assert_date (const EkycCardDate *date, int year, int month, int day)
{
  g_assert_cmpint (date->year, ==, year);
  g_assert_cmpint (date->month, ==, month);
  g_assert_cmpint (date->day, ==, day);
}

/* ---- calendar ---------------------------------------------------------------------------- */

static void
test_leap_years (void)
{
  g_assert_true (ekyc_card_date_is_leap_year (2000));
  g_assert_true (ekyc_card_date_is_leap_year (2024));
  g_assert_true (ekyc_card_date_is_leap_year (1996));
  g_assert_false (ekyc_card_date_is_leap_year (1900));
  g_assert_false (ekyc_card_date_is_leap_year (2100));
  g_assert_false (ekyc_card_date_is_leap_year (2023));

  g_assert_cmpint (ekyc_card_date_days_in_month (2024, 2), ==, 29);
  g_assert_cmpint (ekyc_card_date_days_in_month (2023, 2), ==, 28);
  g_assert_cmpint (ekyc_card_date_days_in_month (1900, 2), ==, 28);
  g_assert_cmpint (ekyc_card_date_days_in_month (2000, 2), ==, 29);
  g_assert_cmpint (ekyc_card_date_days_in_month (2023, 4), ==, 30);
  g_assert_cmpint (ekyc_card_date_days_in_month (2023, 12), ==, 31);
  g_assert_cmpint (ekyc_card_date_days_in_month (2023, 0), ==, 0);
  g_assert_cmpint (ekyc_card_date_days_in_month (2023, 13), ==, 0);
}

static void
test_validity (void)
{
  const EkycCardDate good[] = { DATE (2024, 2, 29), DATE (2000, 2, 29), DATE (1, 1, 1),
                                DATE (9999, 12, 31), DATE (2023, 1, 31) };
  const EkycCardDate bad[] = { DATE (2023, 2, 29), DATE (1900, 2, 29), DATE (2021, 2, 31),
                               DATE (2021, 13, 1), DATE (2021, 0, 1), DATE (2021, 4, 31),
                               DATE (2021, 1, 0), DATE (0, 1, 1), DATE (10000, 1, 1),
                               DATE (-5, 1, 1) };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (ekyc_card_date_is_valid (&good[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (ekyc_card_date_is_valid (&bad[i]));
  g_assert_false (ekyc_card_date_is_valid (NULL));
}

static void
test_compare (void)
{
  EkycCardDate a = DATE (2021, 7, 1), b = DATE (2021, 7, 2), c = DATE (2021, 8, 1);
  EkycCardDate d = DATE (2022, 1, 1);

  g_assert_cmpint (ekyc_card_date_compare (&a, &a), ==, 0);
  g_assert_cmpint (ekyc_card_date_compare (&a, &b), <, 0);
  g_assert_cmpint (ekyc_card_date_compare (&c, &b), >, 0);
  g_assert_cmpint (ekyc_card_date_compare (&d, &c), >, 0);
  g_assert_cmpint (ekyc_card_date_compare (&a, &d), <, 0);
}

static void
test_parse_ddmmyyyy (void)
{
  const char *bad[] = { "31022021", "29022023", "01132021", "00012021", "01002021", "1504199",
                        "150419900", "15-04-1990", "15/04/90", "1504199O", " 5041990",
                        "+1041990", "", "00000000" };
  EkycCardDate date = DATE (7, 7, 7);

  g_assert_true (ekyc_card_date_parse_ddmmyyyy ("15041990", -1, &date));
  assert_date (&date, 1990, 4, 15);
  g_assert_true (ekyc_card_date_parse_ddmmyyyy ("29022024", -1, &date));
  assert_date (&date, 2024, 2, 29);
  g_assert_true (ekyc_card_date_parse_ddmmyyyy ("29022000", 8, &date));
  assert_date (&date, 2000, 2, 29);
  /* An explicit length reads just those bytes. */
  g_assert_true (ekyc_card_date_parse_ddmmyyyy ("01012021|tail", 8, &date));
  assert_date (&date, 2021, 1, 1);
  /* A NUL inside the explicit length is refused. */
  g_assert_false (ekyc_card_date_parse_ddmmyyyy ("0101\0" "021", 8, &date));

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      EkycCardDate untouched = DATE (7, 7, 7);

      g_assert_false (ekyc_card_date_parse_ddmmyyyy (bad[i], -1, &untouched));
      assert_date (&untouched, 7, 7, 7);
    }
}

static void
test_add_years_leap_day (void)
{
  EkycCardDate leap = DATE (2004, 2, 29), out;

  g_assert_true (ekyc_card_date_add_years (&leap, 4, &out));
  assert_date (&out, 2008, 2, 29);
  g_assert_true (ekyc_card_date_add_years (&leap, 21, &out));
  assert_date (&out, 2025, 2, 28);
  g_assert_true (ekyc_card_date_add_years (&leap, 96, &out));
  assert_date (&out, 2100, 2, 28);
  g_assert_true (ekyc_card_date_add_years (&leap, -4, &out));
  assert_date (&out, 2000, 2, 29);
  g_assert_false (ekyc_card_date_add_years (&leap, 8000, &out));
  g_assert_false (ekyc_card_date_add_years (&leap, -2004, &out));
  g_assert_false (ekyc_card_date_add_years (&DATE (2023, 2, 29), 1, &out));
}

static void
test_age_on (void)
{
  EkycCardDate birth = DATE (1990, 4, 15);
  EkycCardDate leap = DATE (2004, 2, 29);

  g_assert_cmpint (ekyc_card_date_age_on (&birth, &birth), ==, 0);
  g_assert_cmpint (ekyc_card_date_age_on (&birth, &DATE (2015, 4, 14)), ==, 24);
  g_assert_cmpint (ekyc_card_date_age_on (&birth, &DATE (2015, 4, 15)), ==, 25);
  g_assert_cmpint (ekyc_card_date_age_on (&birth, &DATE (2015, 12, 31)), ==, 25);
  g_assert_cmpint (ekyc_card_date_age_on (&birth, &DATE (1990, 4, 14)), ==, -1);
  g_assert_cmpint (ekyc_card_date_age_on (&birth, &DATE (2021, 2, 31)), ==, -1);

  /* Born on 29 February: one year older on 28 February of a common year. */
  g_assert_cmpint (ekyc_card_date_age_on (&leap, &DATE (2022, 2, 27)), ==, 17);
  g_assert_cmpint (ekyc_card_date_age_on (&leap, &DATE (2022, 2, 28)), ==, 18);
  g_assert_cmpint (ekyc_card_date_age_on (&leap, &DATE (2024, 2, 28)), ==, 19);
  g_assert_cmpint (ekyc_card_date_age_on (&leap, &DATE (2024, 2, 29)), ==, 20);
}

/* ---- expiry ------------------------------------------------------------------------------ */

static void
assert_expiry (EkycCardDate birth, EkycCardDate issue, EkycCardLaw law, int renewal_age,
               int year, int month, int day)
{
  g_autoptr(GError) error = NULL;
  EkycCardExpiry expiry;

  g_assert_true (ekyc_card_compute_expiry (&birth, &issue, law, &expiry, &error));
  g_assert_no_error (error);
  g_assert_false (expiry.no_expiry);
  g_assert_cmpint (expiry.renewal_age, ==, renewal_age);
  assert_date (&expiry.expiry, year, month, day);
}

static void
assert_no_expiry (EkycCardDate birth, EkycCardDate issue, EkycCardLaw law)
{
  g_autoptr(GError) error = NULL;
  EkycCardExpiry expiry;

  g_assert_true (ekyc_card_compute_expiry (&birth, &issue, law, &expiry, &error));
  g_assert_no_error (error);
  g_assert_true (expiry.no_expiry);
  g_assert_cmpint (expiry.renewal_age, ==, 0);
}

static void
test_expiry_2014_law (void)
{
  EkycCardDate birth = DATE (1990, 4, 15);
  EkycCardLaw law = EKYC_CARD_LAW_CCCD_2014;

  /* Issued at 14: valid until 25. */
  assert_expiry (birth, DATE (2004, 5, 1), law, 25, 2015, 4, 15);
  /* The day before the 23rd birthday: still until 25. */
  assert_expiry (birth, DATE (2013, 4, 14), law, 25, 2015, 4, 15);
  /* From the 23rd birthday (inside the 2 years before 25): until 40. */
  assert_expiry (birth, DATE (2013, 4, 15), law, 40, 2030, 4, 15);
  assert_expiry (birth, DATE (2015, 4, 15), law, 40, 2030, 4, 15);
  assert_expiry (birth, DATE (2028, 4, 14), law, 40, 2030, 4, 15);
  /* From 38: until 60. */
  assert_expiry (birth, DATE (2028, 4, 15), law, 60, 2050, 4, 15);
  assert_expiry (birth, DATE (2048, 4, 14), law, 60, 2050, 4, 15);
  /* From 58: for life. */
  assert_no_expiry (birth, DATE (2048, 4, 15), law);
  assert_no_expiry (birth, DATE (2060, 1, 1), law);
}

static void
test_expiry_2023_law_adds_14 (void)
{
  EkycCardDate birth = DATE (2018, 9, 2);
  EkycCardLaw law = EKYC_CARD_LAW_CAN_CUOC_2023;

  /* A child's card: renewed at 14, unless issued from 12 on. */
  assert_expiry (birth, DATE (2024, 7, 1), law, 14, 2032, 9, 2);
  assert_expiry (birth, DATE (2030, 9, 1), law, 14, 2032, 9, 2);
  assert_expiry (birth, DATE (2030, 9, 2), law, 25, 2043, 9, 2);
  /* Adults as under the 2014 law. */
  assert_expiry (DATE (1990, 4, 15), DATE (2024, 7, 1), law, 40, 2030, 4, 15);
  assert_no_expiry (DATE (1960, 1, 1), DATE (2024, 7, 1), law);
}

static void
test_expiry_leap_day_birth (void)
{
  EkycCardDate leap = DATE (2004, 2, 29);

  /* The 25th birthday falls in 2029, a common year: 28 February. */
  assert_expiry (leap, DATE (2022, 3, 1), EKYC_CARD_LAW_CCCD_2014, 25, 2029, 2, 28);
  /* The 23rd "birthday" is 28/02/2027: issued that day, the card runs until 40 (2044 is leap). */
  assert_expiry (leap, DATE (2027, 2, 27), EKYC_CARD_LAW_CCCD_2014, 25, 2029, 2, 28);
  assert_expiry (leap, DATE (2027, 2, 28), EKYC_CARD_LAW_CCCD_2014, 40, 2044, 2, 29);
}

static void
test_expiry_law_for_issue_date (void)
{
  g_assert_cmpint (ekyc_card_law_for_issue_date (&DATE (2024, 6, 30)), ==,
                   EKYC_CARD_LAW_CCCD_2014);
  g_assert_cmpint (ekyc_card_law_for_issue_date (&DATE (2024, 7, 1)), ==,
                   EKYC_CARD_LAW_CAN_CUOC_2023);
  g_assert_cmpint (ekyc_card_law_for_issue_date (&DATE (2016, 1, 1)), ==,
                   EKYC_CARD_LAW_CCCD_2014);
}

static void
test_expiry_rejects_bad_input (void)
{
  EkycCardExpiry expiry;
  struct {
    EkycCardDate birth, issue;
    EkycCardLaw  law;
  } cases[] = {
    { DATE (1990, 2, 30), DATE (2021, 1, 1), EKYC_CARD_LAW_CCCD_2014 },
    { DATE (1990, 1, 1), DATE (2021, 13, 1), EKYC_CARD_LAW_CCCD_2014 },
    { DATE (1990, 1, 1), DATE (1989, 12, 31), EKYC_CARD_LAW_CCCD_2014 },
    { DATE (1990, 1, 1), DATE (2021, 1, 1), 0 },
    { DATE (1990, 1, 1), DATE (2021, 1, 1), 77 },
    { DATE (9980, 1, 1), DATE (9981, 1, 1), EKYC_CARD_LAW_CCCD_2014 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (ekyc_card_compute_expiry (&cases[i].birth, &cases[i].issue, cases[i].law,
                                                &expiry, &error));
      g_assert_error (error, EKYC_ERROR, EKYC_ERROR_INVALID_ARGUMENT);
    }
}

static void
test_expired_on (void)
{
  EkycCardExpiry until_2030 = { FALSE, 40, DATE (2030, 4, 15) };
  EkycCardExpiry for_life = { TRUE, 0, DATE (0, 0, 0) };
  EkycCardExpiry broken = { FALSE, 40, DATE (2030, 2, 30) };

  /* The printed day is the last valid day. */
  g_assert_false (ekyc_card_is_expired_on (&until_2030, &DATE (2030, 4, 14)));
  g_assert_false (ekyc_card_is_expired_on (&until_2030, &DATE (2030, 4, 15)));
  g_assert_true (ekyc_card_is_expired_on (&until_2030, &DATE (2030, 4, 16)));
  g_assert_true (ekyc_card_is_expired_on (&until_2030, &DATE (2031, 1, 1)));
  g_assert_false (ekyc_card_is_expired_on (&for_life, &DATE (2130, 1, 1)));
  /* Fails closed. */
  g_assert_true (ekyc_card_is_expired_on (&until_2030, &DATE (2025, 2, 29)));
  g_assert_true (ekyc_card_is_expired_on (&broken, &DATE (2025, 1, 1)));
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);

  g_test_add_func ("/card-dates/calendar/leap-years", test_leap_years);
  g_test_add_func ("/card-dates/calendar/validity", test_validity);
  g_test_add_func ("/card-dates/calendar/compare", test_compare);
  g_test_add_func ("/card-dates/calendar/parse-ddmmyyyy", test_parse_ddmmyyyy);
  g_test_add_func ("/card-dates/calendar/add-years-from-a-leap-day", test_add_years_leap_day);
  g_test_add_func ("/card-dates/age/goes-up-on-the-birthday", test_age_on);
  g_test_add_func ("/card-dates/expiry/2014-law-25-40-60-with-2-year-window",
                   test_expiry_2014_law);
  g_test_add_func ("/card-dates/expiry/2023-law-adds-14", test_expiry_2023_law_adds_14);
  g_test_add_func ("/card-dates/expiry/born-on-29-february", test_expiry_leap_day_birth);
  g_test_add_func ("/card-dates/expiry/law-follows-issue-date", test_expiry_law_for_issue_date);
  g_test_add_func ("/card-dates/expiry/rejects-impossible-input", test_expiry_rejects_bad_input);
  g_test_add_func ("/card-dates/expired/from-the-day-after", test_expired_on);

  return g_test_run ();
}
