/* ekyc-working-days.c — working days, working-time deadlines and months in the operator's zone
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-business"
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "ekyc-business-error.h"
#include "ekyc-working-days.h"

struct _EkycCalendar {
  GTimeZone  *zone;
  GHashTable *holidays; /* julian day number → itself */
};

EkycCalendar *
ekyc_calendar_new (const char *time_zone, GError **error)
{
  const char *name = time_zone != NULL ? time_zone : EKYC_DEFAULT_TIME_ZONE;
  GTimeZone *zone = g_time_zone_new_identifier (name);
  EkycCalendar *calendar;

  if (zone == NULL)
    {
      g_set_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT,
                   _("Unknown time zone “%s”: give an IANA name such as Asia/Ho_Chi_Minh."),
                   name);
      return NULL;
    }
  calendar = g_new0 (EkycCalendar, 1);
  calendar->zone = zone;
  calendar->holidays = g_hash_table_new (g_direct_hash, g_direct_equal);
  return calendar;
}

void
ekyc_calendar_free (EkycCalendar *calendar)
{
  if (calendar == NULL)
    return;
  g_time_zone_unref (calendar->zone);
  g_hash_table_unref (calendar->holidays);
  g_free (calendar);
}

GTimeZone *
ekyc_calendar_get_time_zone (EkycCalendar *calendar)
{
  g_return_val_if_fail (calendar != NULL, NULL);
  return calendar->zone;
}

void
ekyc_calendar_add_holiday (EkycCalendar *calendar, const GDate *date)
{
  g_return_if_fail (calendar != NULL);
  g_return_if_fail (date != NULL && g_date_valid (date));

  g_hash_table_add (calendar->holidays, GUINT_TO_POINTER (g_date_get_julian (date)));
}

gboolean
ekyc_calendar_add_holidays_from_text (EkycCalendar  *calendar,
                                      const char    *text,
                                      GError       **error)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GArray) dates = g_array_new (FALSE, FALSE, sizeof (GDate));

  g_return_val_if_fail (calendar != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *hash = strchr (lines[i], '#');
      GDate date;
      g_autoptr(GError) local_error = NULL;

      if (hash != NULL)
        *hash = '\0';
      g_strstrip (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      if (!ekyc_date_parse (lines[i], &date, &local_error))
        {
          g_set_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT,
                       _("Holiday list, line %u: %s"), i + 1, local_error->message);
          return FALSE;
        }
      g_array_append_val (dates, date);
    }
  for (guint i = 0; i < dates->len; i++)
    ekyc_calendar_add_holiday (calendar, &g_array_index (dates, GDate, i));
  return TRUE;
}

gboolean
ekyc_calendar_is_working_day (EkycCalendar *calendar, const GDate *date)
{
  GDateWeekday weekday;

  g_return_val_if_fail (calendar != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  weekday = g_date_get_weekday (date);
  if (weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY)
    return FALSE;
  return !g_hash_table_contains (calendar->holidays,
                                 GUINT_TO_POINTER (g_date_get_julian (date)));
}

void
ekyc_calendar_local_date (EkycCalendar *calendar, gint64 unix_time, GDate *date)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_if_fail (calendar != NULL && date != NULL);

  utc = g_date_time_new_from_unix_utc (unix_time);
  g_return_if_fail (utc != NULL);
  local = g_date_time_to_timezone (utc, calendar->zone);
  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
}

gint64
ekyc_calendar_day_start (EkycCalendar *calendar, const GDate *date)
{
  g_autoptr(GDateTime) start = NULL;

  g_return_val_if_fail (calendar != NULL, 0);
  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);

  start = g_date_time_new (calendar->zone, g_date_get_year (date), g_date_get_month (date),
                           g_date_get_day (date), 0, 0, 0);
  g_return_val_if_fail (start != NULL, 0);
  return g_date_time_to_unix (start);
}

gint64
ekyc_calendar_add_working_time (EkycCalendar *calendar, gint64 from, gint64 seconds)
{
  gint64 t = from;
  gint64 remaining = seconds;

  g_return_val_if_fail (calendar != NULL, from);
  g_return_val_if_fail (seconds >= 0, from);

  for (;;)
    {
      GDate day;
      gint64 day_end;

      ekyc_calendar_local_date (calendar, t, &day);
      g_date_add_days (&day, 1);
      day_end = ekyc_calendar_day_start (calendar, &day);
      g_date_subtract_days (&day, 1);
      if (ekyc_calendar_is_working_day (calendar, &day))
        {
          if (remaining <= day_end - t)
            return t + remaining;
          remaining -= day_end - t;
        }
      t = day_end;
    }
}

gint64
ekyc_calendar_deadline (EkycCalendar *calendar, gint64 from, guint working_days)
{
  return ekyc_calendar_add_working_time (calendar, from, (gint64) working_days * 24 * 3600);
}

gboolean
ekyc_month_parse (const char *text, int *year, int *month, GError **error)
{
  int y = 0, m = 0, consumed = 0;

  g_return_val_if_fail (year != NULL && month != NULL, FALSE);

  if (text == NULL || strlen (text) != 7
      || sscanf (text, "%4d-%2d%n", &y, &m, &consumed) != 2 || consumed != 7
      || !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[5])
      || y < 2000 || y > 9998 || m < 1 || m > 12)
    {
      g_set_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT,
                   _("“%s” is not a month: write it as YYYY-MM, e.g. 2026-11."),
                   text != NULL ? text : "");
      return FALSE;
    }
  *year = y;
  *month = m;
  return TRUE;
}

gboolean
ekyc_date_parse (const char *text, GDate *date, GError **error)
{
  int y = 0, m = 0, d = 0, consumed = 0;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10
      || sscanf (text, "%4d-%2d-%2d%n", &y, &m, &d, &consumed) != 3 || consumed != 10
      || !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[8])
      || y < 2000 || y > 9998 || !g_date_valid_dmy (d, m, y))
    {
      g_set_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT,
                   _("“%s” is not a date: write it as YYYY-MM-DD, e.g. 2026-11-25."),
                   text != NULL ? text : "");
      return FALSE;
    }
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

char *
ekyc_date_to_string (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

void
ekyc_calendar_month_bounds (EkycCalendar *calendar, int year, int month,
                            gint64 *start, gint64 *end)
{
  GDate first;

  g_return_if_fail (calendar != NULL && start != NULL && end != NULL);
  g_return_if_fail (g_date_valid_dmy (1, month, year));

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, month, year);
  *start = ekyc_calendar_day_start (calendar, &first);
  g_date_add_months (&first, 1);
  *end = ekyc_calendar_day_start (calendar, &first);
}

char *
ekyc_calendar_format_time (EkycCalendar *calendar, gint64 unix_time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (calendar != NULL, NULL);

  utc = g_date_time_new_from_unix_utc (unix_time);
  g_return_val_if_fail (utc != NULL, NULL);
  local = g_date_time_to_timezone (utc, calendar->zone);
  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
}

gboolean
ekyc_calendar_parse_time (EkycCalendar *calendar, const char *text,
                          gint64 *unix_time, GError **error)
{
  g_autoptr(GDateTime) parsed = NULL;

  g_return_val_if_fail (calendar != NULL && unix_time != NULL, FALSE);

  if (text != NULL)
    parsed = g_date_time_new_from_iso8601 (text, calendar->zone);
  if (parsed == NULL)
    {
      g_set_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT,
                   _("“%s” is not a time: write it as ISO 8601, e.g. 2026-11-25T09:00:00+07:00."),
                   text != NULL ? text : "");
      return FALSE;
    }
  *unix_time = g_date_time_to_unix (parsed);
  return TRUE;
}
