/* ekyc-card-dates.h — calendar dates on Vietnamese ID cards: validation, age, printed expiry
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Pure logic, no allocation, no clock: every function that needs "today" takes it as an argument,
 * so results are reproducible. All functions are thread-safe.
 */
#pragma once

#include <glib.h>
#include "ekyc-version.h"

EKYC_BEGIN_DECLS

/**
 * EkycCardDate:
 * A proleptic Gregorian calendar date, without time or time zone (card dates are civil dates).
 * A valid date has 1 <= @year <= 9999, 1 <= @month <= 12 and 1 <= @day <= days in that month.
 */
typedef struct {
  int year;
  int month;
  int day;
} EkycCardDate;

/**
 * EkycCardLaw:
 * @EKYC_CARD_LAW_CCCD_2014: Law on Citizen Identification 33/2014/QH13 (the "Căn cước công dân"
 *   cards, chip cards from 2021): renewal at 25, 40 and 60.
 * @EKYC_CARD_LAW_CAN_CUOC_2023: Law on Identification 26/2023/QH15 (the "Căn cước" cards issued
 *   from 1 July 2024, also to children under 14): renewal at 14, 25, 40 and 60.
 */
typedef enum {
  EKYC_CARD_LAW_CCCD_2014 = 1,
  EKYC_CARD_LAW_CAN_CUOC_2023,
} EkycCardLaw;

/**
 * EkycCardExpiry:
 * @no_expiry: %TRUE when the card is valid for life (printed "Không thời hạn").
 * @renewal_age: the age at which the card must be renewed (14, 25, 40 or 60), 0 with @no_expiry.
 * @expiry: the last day of validity printed on the card ("Có giá trị đến"): the holder's
 *   birthday at @renewal_age; unset (all zero) with @no_expiry.
 */
typedef struct {
  gboolean     no_expiry;
  int          renewal_age;
  EkycCardDate expiry;
} EkycCardExpiry;

/* TRUE for a Gregorian leap year (divisible by 4, except centuries not divisible by 400). */
EKYC_API gboolean ekyc_card_date_is_leap_year (int year);

/* Days in @month of @year (28..31), or 0 when @month is not 1..12. */
EKYC_API int      ekyc_card_date_days_in_month (int year, int month);

/* TRUE when @date (nullable) is a real calendar date in years 1..9999 (31/02 and 29/02/2023 are
 * not). */
EKYC_API gboolean ekyc_card_date_is_valid (const EkycCardDate *date);

/* <0, 0, >0 as @a is before, the same day as, or after @b. Both must be valid. */
EKYC_API int      ekyc_card_date_compare (const EkycCardDate *a, const EkycCardDate *b);

/**
 * ekyc_card_date_parse_ddmmyyyy:
 * Reads exactly 8 ASCII digits "ddmmyyyy" (the form of the CCCD QR payload) from @text, which
 * is @length bytes long (-1: NUL-terminated). No separators, spaces or signs are accepted.
 * Returns: %TRUE and fills @date when the text is a valid date; %FALSE (and @date untouched)
 * otherwise.
 */
EKYC_API gboolean ekyc_card_date_parse_ddmmyyyy (const char *text, gssize length,
                                                 EkycCardDate *date);

/**
 * ekyc_card_date_add_years:
 * The anniversary of @date @years later. A 29 February lands on 28 February in a common year
 * (the last day of the month, as art. 148 of the Civil Code 2015 ends a term whose final month
 * lacks the corresponding day).
 * Returns: %FALSE when @date is invalid or the result leaves years 1..9999.
 */
EKYC_API gboolean ekyc_card_date_add_years (const EkycCardDate *date, int years,
                                            EkycCardDate *out);

/**
 * ekyc_card_date_age_on:
 * Completed years of age ("đủ N tuổi") of someone born on @birth, on the day @on: the age goes
 * up on the birthday itself (on 28 February in common years for a 29 February birth).
 * Returns: the age, or -1 when a date is invalid or @on is before @birth.
 */
EKYC_API int      ekyc_card_date_age_on (const EkycCardDate *birth, const EkycCardDate *on);

/* The law a card issued on @issue was issued under: from 1 July 2024 (the Law on Identification
 * 2023 entering into force) %EKYC_CARD_LAW_CAN_CUOC_2023, before it %EKYC_CARD_LAW_CCCD_2014. */
EKYC_API EkycCardLaw ekyc_card_law_for_issue_date (const EkycCardDate *issue);

/**
 * ekyc_card_compute_expiry:
 * The expiry printed on a card issued on @issue to someone born on @birth under @law.
 *
 * The card must be renewed at the first renewal age (Law 33/2014 art. 21(1): 25, 40, 60; Law
 * 26/2023 art. 21(1): 14, 25, 40, 60) still ahead of the holder, except that a card issued, renewed
 * or re-issued within the 2 years before a renewal age stays valid until the next renewal age
 * (art. 21(2) of both laws). So a card issued before the 23rd birthday is valid until the 25th;
 * from the 23rd birthday on, until the 40th; from the 38th, until the 60th; from the 58th on, for
 * life. The 2-year window is counted from the birthday two years before, inclusive: a card issued
 * on the 23rd birthday is valid until 40.
 *
 * Errors: %EKYC_ERROR_INVALID_ARGUMENT when a date is invalid, @issue is before @birth, or @law is
 * not a #EkycCardLaw.
 * Returns: %TRUE and fills @out, or %FALSE with @error set.
 */
EKYC_API gboolean ekyc_card_compute_expiry (const EkycCardDate *birth, const EkycCardDate *issue,
                                            EkycCardLaw law, EkycCardExpiry *out,
                                            GError **error);

/**
 * ekyc_card_is_expired_on:
 * Whether a card with @expiry is no longer valid on @on. The printed day is the last day of
 * validity, so the card is expired from the day after it; a card with no expiry never is.
 * Returns: %TRUE when expired, and also when @expiry or @on is not a valid date (fail closed);
 * %FALSE while the card is valid.
 */
EKYC_API gboolean ekyc_card_is_expired_on (const EkycCardExpiry *expiry, const EkycCardDate *on);

EKYC_END_DECLS
