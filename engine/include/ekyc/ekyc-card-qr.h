/* ekyc-card-qr.h — the QR code of the Vietnamese citizen ID card (CCCD 2021, Căn cước 2024)
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The QR code on the chip CCCD (front, from 2021) and on the Căn cước card (back, from
 * 1 July 2024) holds UTF-8 text, fields joined by '|':
 *
 *   12-digit number | old CMND number or empty | full name | date of birth ddmmyyyy |
 *   "Nam" or "Nữ" | place of residence | date of issue ddmmyyyy
 *
 * e.g. "001090000001|012000001|Nguyễn Văn An|15041990|Nam|Số 1 Phố Huế, Hà Nội|01072021".
 * Public readers of these codes (open-source parsers) all use these seven fields in this order;
 * none shows a card with another order. The draft circular on the Căn cước card lists more
 * information for its QR code (names and numbers of the household head and family members,
 * cancelled numbers), so fields after the seventh are accepted and kept, uninterpreted, in
 * EkycCardQr.extra_fields; empty trailing fields (a final '|') are dropped. Fewer than seven
 * fields is an error.
 */
#pragma once

#include <glib.h>
#include "ekyc-version.h"
#include "ekyc-card-dates.h"
#include "ekyc-id-number.h"

EKYC_BEGIN_DECLS

/* Payloads longer than this are refused (a version 40 QR code holds at most 2,953 bytes). */
#define EKYC_CARD_QR_MAX_LENGTH 4096
/* At most this many fields (seven known ones and extras). */
#define EKYC_CARD_QR_MAX_FIELDS 64

/**
 * EkycCardQrProblem:
 * Why a payload was rejected (machine-readable; the #GError message says it for a person).
 * @EKYC_CARD_QR_PROBLEM_NOT_TEXT: not valid UTF-8, or holds NUL or control characters.
 * @EKYC_CARD_QR_PROBLEM_TOO_LONG: more than %EKYC_CARD_QR_MAX_LENGTH bytes.
 * @EKYC_CARD_QR_PROBLEM_FIELD_COUNT: fewer than 7 fields, or more than %EKYC_CARD_QR_MAX_FIELDS.
 * @EKYC_CARD_QR_PROBLEM_ID_NUMBER: the 12-digit number fails a rule of ekyc-id-number.h,
 *   including its agreement with the date of birth and sex (error code
 *   %EKYC_ERROR_ID_NUMBER_INVALID).
 * @EKYC_CARD_QR_PROBLEM_OLD_ID_NUMBER: the old number is neither empty, 9 digits nor 12 digits.
 * @EKYC_CARD_QR_PROBLEM_EMPTY_NAME: no name.
 * @EKYC_CARD_QR_PROBLEM_BIRTH_DATE: the date of birth is not a valid ddmmyyyy date.
 * @EKYC_CARD_QR_PROBLEM_SEX: the sex is neither "Nam" nor "Nữ".
 * @EKYC_CARD_QR_PROBLEM_ISSUE_DATE: the date of issue is not a valid ddmmyyyy date.
 * @EKYC_CARD_QR_PROBLEM_ISSUE_BEFORE_BIRTH: the date of issue is before the date of birth.
 * @EKYC_CARD_QR_PROBLEM_ISSUE_IN_FUTURE: the date of issue is after "today".
 */
typedef enum {
  EKYC_CARD_QR_PROBLEM_NONE = 0,
  EKYC_CARD_QR_PROBLEM_NOT_TEXT,
  EKYC_CARD_QR_PROBLEM_TOO_LONG,
  EKYC_CARD_QR_PROBLEM_FIELD_COUNT,
  EKYC_CARD_QR_PROBLEM_ID_NUMBER,
  EKYC_CARD_QR_PROBLEM_OLD_ID_NUMBER,
  EKYC_CARD_QR_PROBLEM_EMPTY_NAME,
  EKYC_CARD_QR_PROBLEM_BIRTH_DATE,
  EKYC_CARD_QR_PROBLEM_SEX,
  EKYC_CARD_QR_PROBLEM_ISSUE_DATE,
  EKYC_CARD_QR_PROBLEM_ISSUE_BEFORE_BIRTH,
  EKYC_CARD_QR_PROBLEM_ISSUE_IN_FUTURE,
} EkycCardQrProblem;

/**
 * EkycCardQr:
 * A parsed payload. All strings are NFC-normalised, trimmed of white space at both ends, and
 * owned by the struct.
 * @id_number: the 12 digits.
 * @old_id_number: (nullable): the old CMND number (9 digits, or 12 for the 2012–2016 CMND), or
 *   %NULL when the field is empty.
 * @full_name: as printed, e.g. "Nguyễn Văn An" (never empty).
 * @birth_date, @issue_date: valid dates.
 * @sex: %EKYC_ID_SEX_MALE ("Nam") or %EKYC_ID_SEX_FEMALE ("Nữ").
 * @residence: the place of residence (may be empty).
 * @extra_fields: (array zero-terminated=1): the fields after the seventh, empty vector when
 *   none.
 * @id: the decoded @id_number (its province, century, year, sex).
 */
typedef struct {
  char          *id_number;
  char          *old_id_number;
  char          *full_name;
  EkycCardDate   birth_date;
  EkycIdSex      sex;
  char          *residence;
  EkycCardDate   issue_date;
  char         **extra_fields;
  EkycIdNumber   id;
} EkycCardQr;

/**
 * ekyc_card_qr_parse:
 * @data: (array length=length): the payload bytes as the QR decoder gives them (zbar returns
 *   bytes; nothing is assumed about their encoding). Not kept.
 * @today: (nullable): the date against which "issued in the future" is judged; %NULL for the
 *   local date of the system clock.
 * @problem: (out) (optional): the reason of a rejection, %EKYC_CARD_QR_PROBLEM_NONE on success.
 *
 * Validates and parses a CCCD / Căn cước QR payload: UTF-8 (a leading BOM is skipped), NFC
 * normalisation, white space trimmed (around the payload and every field), then every field's
 * rule in order; the first failure is reported.
 *
 * Errors: %EKYC_ERROR_ID_NUMBER_INVALID for @EKYC_CARD_QR_PROBLEM_ID_NUMBER,
 * %EKYC_ERROR_QR_INVALID for every other problem. Messages never quote the personal data.
 * Returns: (transfer full) (nullable): the payload, free with ekyc_card_qr_free(); or %NULL with
 * @error set. Thread-safe.
 */
EKYC_API EkycCardQr *ekyc_card_qr_parse (const guint8 *data, gsize length,
                                         const EkycCardDate *today, EkycCardQrProblem *problem,
                                         GError **error);

/* Frees @qr and its strings; NULL is allowed. */
EKYC_API void ekyc_card_qr_free (EkycCardQr *qr);

/* A stable machine-readable name of @problem, e.g. "field-count" (for JSON and logs). */
EKYC_API const char *ekyc_card_qr_problem_name (EkycCardQrProblem problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkycCardQr, ekyc_card_qr_free)

EKYC_END_DECLS
