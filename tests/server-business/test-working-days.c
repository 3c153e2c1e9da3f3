/* test-working-days.c — weekends, holidays, the operator's time zone, month boundaries
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <string.h>

#include "ekyc-business-error.h"
#include "ekyc-working-days.h"
#include "test-utils.h"

static gint64
at (EkycCalendar *calendar, const char *iso)
{
  gint64 t = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (ekyc_calendar_parse_time (calendar, iso, &t, &error));
  g_assert_no_error (error);
  return t;
}

static void
assert_deadline (EkycCalendar *calendar, const char *from, guint days, const char *expected)
{
  gint64 due = ekyc_calendar_deadline (calendar, at (calendar, from), days);
  g_autofree char *text = ekyc_calendar_format_time (calendar, due);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_weekday_and_weekend (void)
{
  g_autoptr(EkycCalendar) calendar = ekyc_calendar_new (NULL, NULL);

  /* Wednesday → Thursday, same clock time. */
  assert_deadline (calendar, "2026-11-25T09:00:00+07:00", 1, "2026-11-26T09:00:00+07:00");
  /* Friday afternoon → Monday afternoon: the weekend does not count. */
  assert_deadline (calendar, "2026-11-27T15:00:00+07:00", 1, "2026-11-30T15:00:00+07:00");
  /* Signed on Saturday: the clock starts on Monday 00:00 and runs a whole day. */
  assert_deadline (calendar, "2026-11-28T10:00:00+07:00", 1, "2026-12-01T00:00:00+07:00");
  assert_deadline (calendar, "2026-11-29T23:59:59+07:00", 1, "2026-12-01T00:00:00+07:00");
  /* Two working days from Thursday. */
  assert_deadline (calendar, "2026-11-26T11:00:00+07:00", 2, "2026-11-30T11:00:00+07:00");
  /* Zero days is the same instant. */
  assert_deadline (calendar, "2026-11-26T11:00:00+07:00", 0, "2026-11-26T11:00:00+07:00");
}

static void
test_holidays (void)
{
  g_autoptr(EkycCalendar) calendar = ekyc_calendar_new (NULL, NULL);
  g_autoptr(GError) error = NULL;

  assert_deadline (calendar, "2026-09-01T10:00:00+07:00", 1, "2026-09-02T10:00:00+07:00");
  g_assert_true (ekyc_calendar_add_holidays_from_text (calendar,
                                                       "# Vietnam 2026 (excerpt)\n"
                                                       "2026-04-30  # Reunification Day\n"
                                                       "2026-05-01\n"
                                                       "\n"
                                                       "2026-09-02\n", &error));
  g_assert_no_error (error);
  /* National Day on Wednesday: Tuesday's deadline moves to Thursday. */
  assert_deadline (calendar, "2026-09-01T10:00:00+07:00", 1, "2026-09-03T10:00:00+07:00");
  /* Wednesday before two holidays and a weekend → Monday. */
  assert_deadline (calendar, "2026-04-29T14:00:00+07:00", 1, "2026-05-04T14:00:00+07:00");
  /* Received on the holiday itself. */
  assert_deadline (calendar, "2026-04-30T08:00:00+07:00", 1, "2026-05-05T00:00:00+07:00");
}

static void
test_holiday_text_errors (void)
{
  g_autoptr(EkycCalendar) calendar = ekyc_calendar_new (NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (ekyc_calendar_add_holidays_from_text (calendar, "2026-09-02\n2026-02-30\n",
                                                        &error));
  g_assert_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "2"));
  /* Nothing added when one line is wrong. */
  assert_deadline (calendar, "2026-09-01T10:00:00+07:00", 1, "2026-09-02T10:00:00+07:00");
}

/* Monday 06:00 in Hanoi is still Sunday in UTC: a calendar that used UTC days would start the
 * clock an hour later. */
static void
test_time_zone (void)
{
  g_autoptr(EkycCalendar) calendar = ekyc_calendar_new ("Asia/Ho_Chi_Minh", NULL);
  g_autoptr(EkycCalendar) utc = ekyc_calendar_new ("UTC", NULL);
  g_autoptr(GError) error = NULL;
  GDate date;

  assert_deadline (calendar, "2026-11-29T23:00:00Z", 1, "2026-12-01T06:00:00+07:00");
  assert_deadline (utc, "2026-11-29T23:00:00Z", 1, "2026-12-01T00:00:00+00:00");
  ekyc_calendar_local_date (calendar, at (calendar, "2026-11-29T23:00:00Z"), &date);
  g_assert_cmpint (g_date_get_weekday (&date), ==, G_DATE_MONDAY);
  g_assert_true (ekyc_calendar_is_working_day (calendar, &date));
  g_assert_null (ekyc_calendar_new ("Mars/Olympus_Mons", &error));
  g_assert_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT);
}

static void
test_month_bounds (void)
{
  g_autoptr(EkycCalendar) calendar = ekyc_calendar_new (NULL, NULL);
  gint64 start, end;
  gint64 last_minute_of_november_local = at (calendar, "2026-11-30T16:59:59Z");
  gint64 first_minute_of_december_local = at (calendar, "2026-11-30T17:00:00Z");

  ekyc_calendar_month_bounds (calendar, 2026, 12, &start, &end);
  g_assert_cmpint (start, ==, first_minute_of_december_local);
  g_assert_cmpint (end, ==, at (calendar, "2026-12-31T17:00:00Z"));
  g_assert_false (last_minute_of_november_local >= start);
  ekyc_calendar_month_bounds (calendar, 2026, 11, &start, &end);
  g_assert_cmpint (end, ==, first_minute_of_december_local);
  g_assert_true (last_minute_of_november_local < end);
  /* February of a leap year. */
  ekyc_calendar_month_bounds (calendar, 2028, 2, &start, &end);
  g_assert_cmpint (end - start, ==, 29 * 24 * 3600);
}

static void
test_parsing (void)
{
  int year = 0, month = 0;
  GDate date;
  static const char *const bad_months[] = { "2026-13", "2026-00", "2026-1", "26-11", "2026/11",
                                            "2026-11x", "", "abcd-ef", "2026-+1" };
  static const char *const bad_dates[] = { "2026-02-29", "2026-11-31", "2026-1-01", "2026-11-25T",
                                           "1999-12-31", "" };

  g_assert_true (ekyc_month_parse ("2026-11", &year, &month, NULL));
  g_assert_cmpint (year, ==, 2026);
  g_assert_cmpint (month, ==, 11);
  for (guint i = 0; i < G_N_ELEMENTS (bad_months); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (ekyc_month_parse (bad_months[i], &year, &month, &error));
      g_assert_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT);
    }
  g_assert_true (ekyc_date_parse ("2028-02-29", &date, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (ekyc_date_parse (bad_dates[i], &date, &error));
      g_assert_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT);
    }
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);
  g_test_add_func ("/business/working-days/weekday-and-weekend", test_weekday_and_weekend);
  g_test_add_func ("/business/working-days/holidays", test_holidays);
  g_test_add_func ("/business/working-days/holiday-text-errors", test_holiday_text_errors);
  g_test_add_func ("/business/working-days/time-zone", test_time_zone);
  g_test_add_func ("/business/working-days/month-bounds", test_month_bounds);
  g_test_add_func ("/business/working-days/parsing", test_parsing);
  return g_test_run ();
}
