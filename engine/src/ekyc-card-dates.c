/* ekyc-card-dates.c — calendar dates on Vietnamese ID cards: validation, age, printed expiry
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The expiry rule is art. 21 of the Law on Citizen Identification 33/2014/QH13 ("Độ tuổi đổi thẻ
 * Căn cước công dân") and art. 21 of the Law on Identification 26/2023/QH15, in force from
 * 1 July 2024 ("Độ tuổi cấp đổi thẻ căn cước"):
 *   1. the card must be renewed when the holder reaches 25, 40 and 60 (2023: 14, 25, 40 and 60);
 *   2. a card issued, renewed or re-issued within the 2 years before one of those ages stays
 *      valid until the next one.
 * A card issued from 58 on therefore has no expiry. CCCD cards issued before 1 July 2024 keep the
 * expiry printed on them (transitional provisions of the 2023 law), which is what
 * EKYC_CARD_LAW_CCCD_2014 computes.
 */
#define G_LOG_DOMAIN "ekyc-card"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ekyc/ekyc-card-dates.h"
#include "ekyc/ekyc-error.h"
#include "ekyc-i18n-private.h"

static const int renewal_ages_2014[] = { 25, 40, 60 };
static const int renewal_ages_2023[] = { 14, 25, 40, 60 };

/* The 2-year grace window of art. 21(2). */
#define RENEWAL_WINDOW_YEARS 2

gboolean
ekyc_card_date_is_leap_year (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int
ekyc_card_date_days_in_month (int year, int month)
{
  static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month < 1 || month > 12)
    return 0;
  if (month == 2 && ekyc_card_date_is_leap_year (year))
    return 29;
  return days[month - 1];
}

gboolean
ekyc_card_date_is_valid (const EkycCardDate *date)
{
  if (date == NULL)
    return FALSE;
  if (date->year < 1 || date->year > 9999)
    return FALSE;
  if (date->month < 1 || date->month > 12)
    return FALSE;
  return date->day >= 1 && date->day <= ekyc_card_date_days_in_month (date->year, date->month);
}

int
ekyc_card_date_compare (const EkycCardDate *a, const EkycCardDate *b)
{
  g_return_val_if_fail (a != NULL, 0);
  g_return_val_if_fail (b != NULL, 0);

  if (a->year != b->year)
    return a->year < b->year ? -1 : 1;
  if (a->month != b->month)
    return a->month < b->month ? -1 : 1;
  if (a->day != b->day)
    return a->day < b->day ? -1 : 1;
  return 0;
}

static int
digits_value (const char *p, int n)
{
  int value = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return -1;
      value = value * 10 + (p[i] - '0');
    }
  return value;
}

gboolean
ekyc_card_date_parse_ddmmyyyy (const char *text, gssize length, EkycCardDate *date)
{
  EkycCardDate parsed;
  gsize len;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  len = length < 0 ? strlen (text) : (gsize) length;
  if (len != 8)
    return FALSE;
  /* strnlen guards against a NUL inside an explicit length. */
  if (length >= 0 && strnlen (text, 8) != 8)
    return FALSE;
  parsed.day = digits_value (text, 2);
  parsed.month = digits_value (text + 2, 2);
  parsed.year = digits_value (text + 4, 4);
  if (parsed.day < 0 || parsed.month < 0 || parsed.year < 0)
    return FALSE;
  if (!ekyc_card_date_is_valid (&parsed))
    return FALSE;
  *date = parsed;
  return TRUE;
}

gboolean
ekyc_card_date_add_years (const EkycCardDate *date, int years, EkycCardDate *out)
{
  EkycCardDate result;
  int days;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!ekyc_card_date_is_valid (date))
    return FALSE;
  if (years > 9999 || years < -9999)
    return FALSE;
  result.year = date->year + years;
  result.month = date->month;
  if (result.year < 1 || result.year > 9999)
    return FALSE;
  days = ekyc_card_date_days_in_month (result.year, result.month);
  result.day = MIN (date->day, days);
  *out = result;
  return TRUE;
}

int
ekyc_card_date_age_on (const EkycCardDate *birth, const EkycCardDate *on)
{
  EkycCardDate birthday;
  int age;

  if (!ekyc_card_date_is_valid (birth) || !ekyc_card_date_is_valid (on))
    return -1;
  if (ekyc_card_date_compare (on, birth) < 0)
    return -1;
  age = on->year - birth->year;
  /* This year's birthday, 28 February standing in for 29 February in a common year. */
  if (!ekyc_card_date_add_years (birth, age, &birthday))
    return -1;
  if (ekyc_card_date_compare (on, &birthday) < 0)
    age--;
  return age;
}

EkycCardLaw
ekyc_card_law_for_issue_date (const EkycCardDate *issue)
{
  static const EkycCardDate law_2023_in_force = { 2024, 7, 1 };

  g_return_val_if_fail (issue != NULL, EKYC_CARD_LAW_CAN_CUOC_2023);

  return ekyc_card_date_compare (issue, &law_2023_in_force) >= 0 ? EKYC_CARD_LAW_CAN_CUOC_2023
                                                                  : EKYC_CARD_LAW_CCCD_2014;
}

static gboolean
invalid_argument (GError **error, const char *message)
{
  _ekyc_i18n_init ();
  g_set_error_literal (error, EKYC_ERROR, EKYC_ERROR_INVALID_ARGUMENT, message);
  return FALSE;
}

gboolean
ekyc_card_compute_expiry (const EkycCardDate *birth, const EkycCardDate *issue, EkycCardLaw law,
                          EkycCardExpiry *out, GError **error)
{
  const int *ages;
  gsize n_ages;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ekyc_card_date_is_valid (birth))
    return invalid_argument (error, _("The date of birth is not a valid date."));
  if (!ekyc_card_date_is_valid (issue))
    return invalid_argument (error, _("The date of issue is not a valid date."));
  if (ekyc_card_date_compare (issue, birth) < 0)
    return invalid_argument (error, _("The card's date of issue is before the holder's birth."));
  switch (law)
    {
    case EKYC_CARD_LAW_CCCD_2014:
      ages = renewal_ages_2014;
      n_ages = G_N_ELEMENTS (renewal_ages_2014);
      break;
    case EKYC_CARD_LAW_CAN_CUOC_2023:
      ages = renewal_ages_2023;
      n_ages = G_N_ELEMENTS (renewal_ages_2023);
      break;
    default:
      return invalid_argument (error, _("Unknown identity card law."));
    }

  for (gsize i = 0; i < n_ages; i++)
    {
      EkycCardDate window_start;

      /* Issued before the window of 2 years ahead of this age opens: renew at this age. */
      if (!ekyc_card_date_add_years (birth, ages[i] - RENEWAL_WINDOW_YEARS, &window_start))
        return invalid_argument (error, _("The date of birth is too late to compute an expiry."));
      if (ekyc_card_date_compare (issue, &window_start) < 0)
        {
          out->no_expiry = FALSE;
          out->renewal_age = ages[i];
          if (!ekyc_card_date_add_years (birth, ages[i], &out->expiry))
            return invalid_argument (error,
                                     _("The date of birth is too late to compute an expiry."));
          return TRUE;
        }
    }
  out->no_expiry = TRUE;
  out->renewal_age = 0;
  out->expiry = (EkycCardDate) { 0, 0, 0 };
  return TRUE;
}

gboolean
ekyc_card_is_expired_on (const EkycCardExpiry *expiry, const EkycCardDate *on)
{
  g_return_val_if_fail (expiry != NULL, TRUE);
  g_return_val_if_fail (on != NULL, TRUE);

  if (!ekyc_card_date_is_valid (on))
    return TRUE;
  if (expiry->no_expiry)
    return FALSE;
  if (!ekyc_card_date_is_valid (&expiry->expiry))
    return TRUE;
  return ekyc_card_date_compare (on, &expiry->expiry) > 0;
}
