/* ekyc-working-days.h — working days, deadlines and calendar months in the operator's time zone
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Timestamps are Unix seconds (UTC); days and months are those of the calendar's time zone
 * (Asia/Ho_Chi_Minh by default). A working day is a Monday–Friday that is not a configured
 * public holiday.
 *
 * "Within N working days" is read as N × 24 hours of *working time*: the clock runs only
 * during working days. A contract signed on Friday 15:00 must therefore be declared by Monday
 * 15:00; one signed on Saturday, when the clock is stopped, by the end of Monday (Tuesday 00:00).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define EKYC_DEFAULT_TIME_ZONE "Asia/Ho_Chi_Minh"

typedef struct _EkycCalendar EkycCalendar;

/**
 * ekyc_calendar_new:
 * @time_zone: (nullable): an IANA identifier, %NULL for %EKYC_DEFAULT_TIME_ZONE
 * @error: %EKYC_BUSINESS_ERROR_INVALID_INPUT when the zone is unknown
 * Returns: (transfer full): a calendar without holidays; free with ekyc_calendar_free(). Not
 * thread-safe while holidays are being added; read-only use is.
 */
EkycCalendar *ekyc_calendar_new (const char *time_zone, GError **error);

/**
 * ekyc_calendar_free:
 * Frees @calendar (%NULL is ignored).
 */
void ekyc_calendar_free (EkycCalendar *calendar);

/**
 * ekyc_calendar_get_time_zone:
 * Returns: (transfer none): the calendar's time zone.
 */
GTimeZone *ekyc_calendar_get_time_zone (EkycCalendar *calendar);

/**
 * ekyc_calendar_add_holiday:
 * @date: a valid date, made a non-working day
 */
void ekyc_calendar_add_holiday (EkycCalendar *calendar, const GDate *date);

/**
 * ekyc_calendar_add_holidays_from_text:
 * @text: one YYYY-MM-DD per line; blank lines and text after '#' ignored
 * @error: %EKYC_BUSINESS_ERROR_INVALID_INPUT naming the first bad line; no holiday is added then
 * Returns: %TRUE when every line parsed.
 */
gboolean ekyc_calendar_add_holidays_from_text (EkycCalendar  *calendar,
                                               const char    *text,
                                               GError       **error);

/**
 * ekyc_calendar_is_working_day:
 * Returns: %TRUE when @date is a Monday–Friday and not a holiday.
 */
gboolean ekyc_calendar_is_working_day (EkycCalendar *calendar, const GDate *date);

/**
 * ekyc_calendar_local_date:
 * @unix_time: a timestamp
 * @date: (out caller-allocates): its calendar date in the calendar's time zone
 */
void ekyc_calendar_local_date (EkycCalendar *calendar, gint64 unix_time, GDate *date);

/**
 * ekyc_calendar_day_start:
 * Returns: the timestamp of 00:00 of @date in the calendar's time zone.
 */
gint64 ekyc_calendar_day_start (EkycCalendar *calendar, const GDate *date);

/**
 * ekyc_calendar_add_working_time:
 * @from: a timestamp
 * @seconds: working time to add, ≥ 0
 * Returns: the timestamp when @seconds of working time will have passed since @from.
 */
gint64 ekyc_calendar_add_working_time (EkycCalendar *calendar, gint64 from, gint64 seconds);

/**
 * ekyc_calendar_deadline:
 * @from: when the clock starts (the previous step's time)
 * @working_days: the allowed delay
 * Returns: ekyc_calendar_add_working_time (@from, @working_days × 24 h). A step is late when
 * done after this instant.
 */
gint64 ekyc_calendar_deadline (EkycCalendar *calendar, gint64 from, guint working_days);

/**
 * ekyc_month_parse:
 * @text: "YYYY-MM"
 * @year: (out): 2000–9998
 * @month: (out): 1–12
 * @error: %EKYC_BUSINESS_ERROR_INVALID_INPUT, translated
 * Returns: %TRUE when @text names a month.
 */
gboolean ekyc_month_parse (const char *text, int *year, int *month, GError **error);

/**
 * ekyc_date_parse:
 * @text: "YYYY-MM-DD"
 * @date: (out caller-allocates): the date
 * @error: %EKYC_BUSINESS_ERROR_INVALID_INPUT, translated
 * Returns: %TRUE when @text is a valid calendar date.
 */
gboolean ekyc_date_parse (const char *text, GDate *date, GError **error);

/**
 * ekyc_date_to_string:
 * Returns: (transfer full): @date as "YYYY-MM-DD".
 */
char *ekyc_date_to_string (const GDate *date);

/**
 * ekyc_calendar_month_bounds:
 * @start: (out): 00:00 local of the month's first day
 * @end: (out): 00:00 local of the next month's first day (exclusive)
 * Usage at @t belongs to the month when @start ≤ @t < @end.
 */
void ekyc_calendar_month_bounds (EkycCalendar *calendar, int year, int month,
                                 gint64 *start, gint64 *end);

/**
 * ekyc_calendar_format_time:
 * Returns: (transfer full): @unix_time in the calendar's zone, ISO 8601 with offset
 * ("2026-11-25T09:00:00+07:00").
 */
char *ekyc_calendar_format_time (EkycCalendar *calendar, gint64 unix_time);

/**
 * ekyc_calendar_parse_time:
 * @text: ISO 8601; without an offset it is read in the calendar's zone
 * @unix_time: (out): the timestamp
 * @error: %EKYC_BUSINESS_ERROR_INVALID_INPUT, translated
 */
gboolean ekyc_calendar_parse_time (EkycCalendar *calendar, const char *text,
                                   gint64 *unix_time, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkycCalendar, ekyc_calendar_free)

G_END_DECLS
