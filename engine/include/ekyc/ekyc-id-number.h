/* ekyc-id-number.h — the Vietnamese personal identification number (12 digits) and old CMND
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The 12-digit personal identification number ("số định danh cá nhân") is the number of the
 * CCCD card (2016–2024) and of the Căn cước card (from 1 July 2024). Its structure (Decree
 * 137/2015/NĐ-CP art. 13, codes in Circular 07/2016/TT-BCA then 59/2021/TT-BCA):
 *   digits 1–3   code of the province or city where the birth was registered (001 … 096);
 *   digit  4     century of birth and sex: 0/1 = 20th century (1900–1999) male/female, 2/3 = 21st,
 *                4/5 = 22nd, 6/7 = 23rd, 8/9 = 24th;
 *   digits 5–6   last two digits of the year of birth;
 *   digits 7–12  random.
 * There is no check digit. The old identity card (CMND) number has 9 digits.
 *
 * Law 26/2023/QH15 art. 12 only promises "12 digits"; numbers already issued keep their value,
 * and the 2025 merger of provinces does not change them, so the table of the 63 provinces of
 * 2016–2025 stays the one to decode them. Citizens whose birth was registered abroad may carry a
 * country code instead: they get %EKYC_ID_NUMBER_PROBLEM_UNKNOWN_PROVINCE, which a caller may
 * treat as "review" rather than "reject".
 *
 * All functions are pure and thread-safe.
 */
#pragma once

#include <glib.h>
#include "ekyc-version.h"
#include "ekyc-card-dates.h"

EKYC_BEGIN_DECLS

#define EKYC_ID_NUMBER_LENGTH   12
#define EKYC_CMND_NUMBER_LENGTH 9

/**
 * EkycIdSex:
 * Sex as written on the card: "Nam" (male) or "Nữ" (female). The values are the ASCII letters
 * 'M' and 'F', as in an MRZ.
 */
typedef enum {
  EKYC_ID_SEX_UNKNOWN = 0,
  EKYC_ID_SEX_MALE    = 'M',
  EKYC_ID_SEX_FEMALE  = 'F',
} EkycIdSex;

/**
 * EkycIdNumberProblems:
 * The rules a number can fail, as flags: a check returns every failed rule at once.
 * @EKYC_ID_NUMBER_PROBLEM_WRONG_LENGTH: not 12 characters (9 for a CMND number).
 * @EKYC_ID_NUMBER_PROBLEM_NOT_DIGITS: a character other than an ASCII digit.
 * @EKYC_ID_NUMBER_PROBLEM_UNKNOWN_PROVINCE: digits 1–3 are not one of the 63 province codes.
 * @EKYC_ID_NUMBER_PROBLEM_SEX_MISMATCH: digit 4 gives the other sex.
 * @EKYC_ID_NUMBER_PROBLEM_BIRTH_YEAR_MISMATCH: digits 5–6 are not the year of birth's last two.
 * @EKYC_ID_NUMBER_PROBLEM_CENTURY_MISMATCH: digit 4 gives another century of birth (also for a
 *   year of birth outside 1900–2399, which no number can encode).
 * When the length or a digit is wrong, the later rules are not checked.
 */
typedef enum {
  EKYC_ID_NUMBER_PROBLEM_NONE                = 0,
  EKYC_ID_NUMBER_PROBLEM_WRONG_LENGTH        = 1 << 0,
  EKYC_ID_NUMBER_PROBLEM_NOT_DIGITS          = 1 << 1,
  EKYC_ID_NUMBER_PROBLEM_UNKNOWN_PROVINCE    = 1 << 2,
  EKYC_ID_NUMBER_PROBLEM_SEX_MISMATCH        = 1 << 3,
  EKYC_ID_NUMBER_PROBLEM_BIRTH_YEAR_MISMATCH = 1 << 4,
  EKYC_ID_NUMBER_PROBLEM_CENTURY_MISMATCH    = 1 << 5,
} EkycIdNumberProblems;

/**
 * EkycIdNumber:
 * @digits: the 12 digits, NUL-terminated.
 * @province_code: digits 1–3 as a number (1 = Hà Nội … 96 = Cà Mau).
 * @province_name: (transfer none) (nullable): the province's name in NFC Vietnamese (static
 *   storage), or %NULL when @province_code is not in the table.
 * @sex: from digit 4.
 * @birth_century: from digit 4: 20 (1900–1999) … 24 (2300–2399).
 * @birth_year_2digits: digits 5–6, 0..99.
 * @birth_year: the year of birth the number encodes, e.g. 1990 or 2005.
 */
typedef struct {
  char        digits[EKYC_ID_NUMBER_LENGTH + 1];
  int         province_code;
  const char *province_name;
  EkycIdSex   sex;
  int         birth_century;
  int         birth_year_2digits;
  int         birth_year;
} EkycIdNumber;

/**
 * ekyc_id_number_parse:
 * Decodes a 12-digit personal identification number. A number whose province code is not in the
 * table still parses (with @province_name %NULL); use ekyc_id_number_check_consistency() for
 * the full set of rules.
 * Errors: %EKYC_ERROR_ID_NUMBER_INVALID when @text is not exactly 12 ASCII digits.
 * Returns: %TRUE and fills @out, or %FALSE with @error set.
 */
EKYC_API gboolean ekyc_id_number_parse (const char *text, EkycIdNumber *out, GError **error);

/**
 * ekyc_id_number_check_consistency:
 * Checks @number against every rule: format, province code and, when given, the holder's
 * @birth date (nullable: skips the year and century rules) and @sex (%EKYC_ID_SEX_UNKNOWN skips
 * the sex rule).
 * Returns: the failed rules, %EKYC_ID_NUMBER_PROBLEM_NONE when all pass.
 */
EKYC_API EkycIdNumberProblems ekyc_id_number_check_consistency (const char *number,
                                                                const EkycCardDate *birth,
                                                                EkycIdSex sex);

/**
 * ekyc_id_number_validate:
 * ekyc_id_number_check_consistency() as a #GError: %FALSE with %EKYC_ERROR_ID_NUMBER_INVALID and
 * a translated message naming each failed rule (never the number itself, which is personal
 * data), and @problems (nullable) set to the failed rules.
 */
EKYC_API gboolean ekyc_id_number_validate (const char *number, const EkycCardDate *birth,
                                           EkycIdSex sex, EkycIdNumberProblems *problems,
                                           GError **error);

/* A stable machine-readable name of one problem flag, e.g. "sex-mismatch" (for JSON and logs);
 * "none" for 0, "unknown" for anything that is not exactly one flag. */
EKYC_API const char *ekyc_id_number_problem_name (EkycIdNumberProblems problem);

/* The names of every flag in @problems joined by ',' ("" for none).
 * Returns: (transfer full): free with g_free(). */
EKYC_API char *ekyc_id_number_problems_to_string (EkycIdNumberProblems problems);

/* The name (NFC, static storage) of the province or city with birth-registration @code (1..96),
 * or %NULL when @code is not one of the 63. */
EKYC_API const char *ekyc_id_province_name (int code);

/**
 * ekyc_cmnd_number_check:
 * Format checks of an old identity card (CMND) number: exactly 9 ASCII digits. (Its first digits
 * are a code of the issuing province in a different, older scheme, not checked here.)
 * Returns: %EKYC_ID_NUMBER_PROBLEM_NONE, or _WRONG_LENGTH and/or _NOT_DIGITS.
 */
EKYC_API EkycIdNumberProblems ekyc_cmnd_number_check (const char *number);

EKYC_END_DECLS
