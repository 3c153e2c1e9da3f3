/* ekyc-mrz.h — read a machine readable zone (ICAO 9303 TD1, TD2, TD3) with its check digits
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>
#include "ekyc-version.h"

EKYC_BEGIN_DECLS

typedef enum {
  EKYC_MRZ_FORMAT_TD1, /* ID cards: 3 lines of 30 (ICAO 9303 Part 5), e.g. the Vietnamese CCCD */
  EKYC_MRZ_FORMAT_TD2, /* 2 lines of 36 (Part 6); also MRV-B visas */
  EKYC_MRZ_FORMAT_TD3, /* passports: 2 lines of 44 (Part 4); also MRV-A visas */
} EkycMrzFormat;

/* The check digits an MRZ can carry, in the order ekyc_mrz_validate() reports them. */
typedef enum {
  EKYC_MRZ_CHECK_DOCUMENT_NUMBER,
  EKYC_MRZ_CHECK_BIRTH_DATE,
  EKYC_MRZ_CHECK_EXPIRY_DATE,
  /* TD3: the personal number's; Vietnamese CCCD (TD1): the 12-digit ID number's (line 1,
   * position 30). Absent elsewhere. */
  EKYC_MRZ_CHECK_OPTIONAL_DATA,
  EKYC_MRZ_CHECK_COMPOSITE, /* absent on visas */
  EKYC_MRZ_N_CHECKS,
} EkycMrzCheckField;

typedef struct {
  gboolean present;   /* FALSE where the document has no such check digit */
  char     expected;  /* '0'..'9', computed from the field as read (after repairs) */
  char     found;     /* the character in the check position (after class repair), or '<' */
  gboolean valid;
  /* A check that failed, where more than one single-character OCR repair of its field would
   * have made it pass: none was applied, the field stays as read. */
  gboolean ambiguous;
} EkycMrzCheck;

/* One character the parser changed: @line and @column count from 0. */
typedef struct {
  guint line;
  guint column;
  char  from;
  char  to;
} EkycMrzRepair;

/* The Vietnamese citizen ID card (CCCD, document code "ID", issuer "VNM") carries the holder's
 * 12-digit personal ID number in line 1's optional data; see ekyc-mrz.c for the layout. */
typedef enum {
  EKYC_MRZ_VN_ID_NOT_APPLICABLE,     /* not a Vietnamese ID card */
  EKYC_MRZ_VN_ID_OK,                 /* the 12-digit number agrees with everything below */
  EKYC_MRZ_VN_ID_MISSING,            /* line 1, positions 16–27 do not hold 12 digits */
  EKYC_MRZ_VN_ID_CHECK_FAILED,       /* the number's check digit (position 30) fails */
  EKYC_MRZ_VN_ID_NUMBER_MISMATCH,    /* its last 9 digits are not the document number */
  EKYC_MRZ_VN_ID_SEX_MISMATCH,       /* its 4th digit gives the other sex than line 2 */
  EKYC_MRZ_VN_ID_BIRTH_MISMATCH,     /* its 5th–6th digits are not the year of birth */
} EkycMrzVnIdStatus;

/**
 * EkycMrz:
 * What an MRZ says, as plain NUL-terminated ASCII fields with the `<` fillers removed (inside
 * names they become spaces). Read-only for the caller; free with ekyc_mrz_free().
 *
 * Dates: year, month and day as numbers; a component printed as `<` (unknown) is 0. The MRZ
 * has two-digit years; the century is resolved against a reference date ("today"):
 * - birth: the latest year that does not put the birth after today (a 5-year-old, not a
 *   105-year-old; on a Vietnamese ID card the ID number's century digit decides instead);
 * - expiry: the year in (today − 80, today + 20], so a passport that ran out in 2012 reads
 *   2012 and a card valid until "45" reads 2045.
 */
typedef struct {
  EkycMrzFormat format;
  char          document_code[3];  /* "P", "ID", "I", "V"… */
  char          issuing_state[4];  /* "VNM", "UTO", "D"… */
  /* Fillers removed. On TD1/TD2 a number longer than 9 characters continues in the optional
   * data (ICAO's "<" in the check position); it is joined here. */
  char          document_number[32];
  /* TD1: line 1, positions 16–30 (TD1 long document numbers: the rest after the number);
   * TD2: line 2, 29–35; TD3: the personal number, line 2, 29–42; visas: line 2 from 29 to the
   * end; with `<` kept. */
  char          optional_data[17];
  char          optional_data2[12]; /* TD1 only: line 2, positions 19–29, with `<` kept */
  int           birth_year, birth_month, birth_day;
  int           expiry_year, expiry_month, expiry_day;
  char          sex;               /* 'M', 'F', or 'X' (printed `<` or `X`: unspecified) */
  char          nationality[4];
  char          surname[40];       /* the primary identifier, `<` → space */
  char          given_names[40];   /* the secondary identifier, `<` → space */

  EkycMrzCheck  checks[EKYC_MRZ_N_CHECKS];
  /* Every present check passes (and, on a Vietnamese ID card, vn_id_status is OK). */
  gboolean      valid;

  EkycMrzVnIdStatus vn_id_status;
  char          vn_id_number[13];  /* the 12-digit number, or "" */

  /* The lines as parsed, after repairs (and upper-casing). */
  char          lines[3][45];
  guint         n_lines;
  gboolean      case_folded;       /* lower-case letters were upper-cased */
  /* (transfer none): the characters changed by OCR repair, in line and column order */
  const EkycMrzRepair *repairs;
  guint         n_repairs;
} EkycMrz;

/**
 * ekyc_mrz_check_digit:
 * The ICAO 9303 check digit of @len characters of @s: weights 7, 3, 1 repeating; `0`–`9` count
 * as themselves, `A`–`Z` as 10–35, `<` as 0. Thread-safe.
 * Returns: 0–9, or -1 if a character is outside `0-9A-Z<`.
 */
EKYC_API int ekyc_mrz_check_digit (const char *s, gsize len);

/**
 * ekyc_mrz_parse:
 * Parses the @n_lines lines of an MRZ (3 of 30 characters: TD1; 2 of 36: TD2; 2 of 44: TD3).
 * Spaces and tabs around a line and a trailing CR are ignored; lower case is upper-cased.
 * Dates are resolved against today's local date (see #EkycMrz).
 *
 * OCR confusions (O/0, I/1, B/8, S/5, Z/2, G/6, D/0, Q/0…) are repaired where the field's
 * character class is known: digits in dates and check digits, letters in codes and names.
 * In mixed fields (document number, optional data) a character is changed only where exactly
 * one such change makes the field's check digit pass; a check digit itself is never changed
 * to make its field pass. Every change is listed in #EkycMrz.repairs.
 *
 * A failing check digit is NOT an error here: it is reported in #EkycMrz.checks (use
 * ekyc_mrz_validate() to turn it into one).
 *
 * Errors: %EKYC_ERROR_MRZ_INVALID for a wrong number of lines, a line of the wrong length, a
 * character outside the MRZ alphabet, or a date that does not exist (e.g. month 13).
 * Returns: (transfer full) (nullable): the MRZ, or %NULL with @error set. Thread-safe.
 */
EKYC_API EkycMrz *ekyc_mrz_parse (const char *const *lines, gsize n_lines, GError **error);

/**
 * ekyc_mrz_parse_at:
 * Same as ekyc_mrz_parse(), with two-digit years resolved against @today instead of the
 * current date (nullable: %NULL means the current local date).
 */
EKYC_API EkycMrz *ekyc_mrz_parse_at (const char *const *lines, gsize n_lines,
                                     const GDate *today, GError **error);

/**
 * ekyc_mrz_parse_text:
 * Same as ekyc_mrz_parse() for the lines of one text separated by `\n` (or `\r\n`); blank
 * lines are skipped. @length is the size of @text in bytes, or -1 if it is NUL-terminated.
 * Returns: (transfer full) (nullable)
 */
EKYC_API EkycMrz *ekyc_mrz_parse_text (const char *text, gssize length, GError **error);

/**
 * ekyc_mrz_validate:
 * Whether @mrz is fully consistent: every check digit passes and, on a Vietnamese ID card, the
 * 12-digit ID number agrees with the document number and the birth date.
 * Errors: %EKYC_ERROR_MRZ_CHECK_FAILED naming the first field that fails.
 * Returns: %TRUE when #EkycMrz.valid is set. Thread-safe.
 */
EKYC_API gboolean ekyc_mrz_validate (const EkycMrz *mrz, GError **error);

/* Stable machine-readable names, e.g. "document-number", "birth-mismatch" (for JSON and logs). */
EKYC_API const char *ekyc_mrz_check_field_name (EkycMrzCheckField field);
EKYC_API const char *ekyc_mrz_vn_id_status_name (EkycMrzVnIdStatus status);

/**
 * ekyc_mrz_free:
 * Frees @mrz and its repairs. %NULL is ignored.
 */
EKYC_API void ekyc_mrz_free (EkycMrz *mrz);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkycMrz, ekyc_mrz_free)

EKYC_END_DECLS
