/* ekyc-card-qr.c — the QR code of the Vietnamese citizen ID card (CCCD 2021, Căn cước 2024)
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The payload is untrusted bytes from a camera: it is checked as UTF-8 before anything reads it
 * as text, normalised to NFC (a name typed on one system in NFD must compare equal to the same
 * name from the chip or the OCR), and every field is checked before the struct is returned.
 */
#define G_LOG_DOMAIN "ekyc-card"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ekyc/ekyc-card-qr.h"
#include "ekyc/ekyc-error.h"
#include "ekyc-i18n-private.h"

#define N_KNOWN_FIELDS 7

enum {
  FIELD_ID_NUMBER,
  FIELD_OLD_ID_NUMBER,
  FIELD_NAME,
  FIELD_BIRTH_DATE,
  FIELD_SEX,
  FIELD_RESIDENCE,
  FIELD_ISSUE_DATE,
};

static const char *const problem_names[] = {
  [EKYC_CARD_QR_PROBLEM_NONE] = "none",
  [EKYC_CARD_QR_PROBLEM_NOT_TEXT] = "not-text",
  [EKYC_CARD_QR_PROBLEM_TOO_LONG] = "too-long",
  [EKYC_CARD_QR_PROBLEM_FIELD_COUNT] = "field-count",
  [EKYC_CARD_QR_PROBLEM_ID_NUMBER] = "id-number",
  [EKYC_CARD_QR_PROBLEM_OLD_ID_NUMBER] = "old-id-number",
  [EKYC_CARD_QR_PROBLEM_EMPTY_NAME] = "empty-name",
  [EKYC_CARD_QR_PROBLEM_BIRTH_DATE] = "birth-date",
  [EKYC_CARD_QR_PROBLEM_SEX] = "sex",
  [EKYC_CARD_QR_PROBLEM_ISSUE_DATE] = "issue-date",
  [EKYC_CARD_QR_PROBLEM_ISSUE_BEFORE_BIRTH] = "issue-before-birth",
  [EKYC_CARD_QR_PROBLEM_ISSUE_IN_FUTURE] = "issue-in-future",
};

const char *
ekyc_card_qr_problem_name (EkycCardQrProblem problem)
{
  if ((guint) problem < G_N_ELEMENTS (problem_names))
    return problem_names[problem];
  return "unknown";
}

void
ekyc_card_qr_free (EkycCardQr *qr)
{
  if (qr == NULL)
    return;
  g_free (qr->id_number);
  g_free (qr->old_id_number);
  g_free (qr->full_name);
  g_free (qr->residence);
  g_strfreev (qr->extra_fields);
  g_free (qr);
}

/* Sets the problem and a QR_INVALID error; returns NULL for the caller to return. */
static gpointer
reject (EkycCardQrProblem *problem, EkycCardQrProblem what, GError **error, const char *message)
{
  if (problem != NULL)
    *problem = what;
  g_set_error_literal (error, EKYC_ERROR, EKYC_ERROR_QR_INVALID, message);
  return NULL;
}

/* Trims Unicode white space (including no-break spaces) at both ends, in place. */
static char *
utf8_strip (char *text)
{
  char *start = text;
  char *end;

  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = start + strlen (start);
  while (end > start)
    {
      char *prev = g_utf8_find_prev_char (start, end);

      if (prev == NULL || !g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  *end = '\0';
  if (start != text)
    memmove (text, start, (gsize) (end - start) + 1);
  return text;
}

static gboolean
has_control_characters (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static gboolean
all_ascii_digits (const char *text, gsize expected_length)
{
  if (strlen (text) != expected_length)
    return FALSE;
  for (gsize i = 0; i < expected_length; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static EkycIdSex
parse_sex (const char *word)
{
  g_autofree char *folded = g_utf8_casefold (word, -1);
  g_autofree char *nfc = g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);

  if (nfc != NULL && strcmp (nfc, "nam") == 0)
    return EKYC_ID_SEX_MALE;
  if (nfc != NULL && strcmp (nfc, "nữ") == 0)
    return EKYC_ID_SEX_FEMALE;
  return EKYC_ID_SEX_UNKNOWN;
}

static void
today_local (EkycCardDate *today)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  today->year = g_date_time_get_year (now);
  today->month = g_date_time_get_month (now);
  today->day = g_date_time_get_day_of_month (now);
}

EkycCardQr *
ekyc_card_qr_parse (const guint8 *data, gsize length, const EkycCardDate *today,
                    EkycCardQrProblem *problem, GError **error)
{
  static const char bom[] = "\xEF\xBB\xBF";
  g_autoptr(EkycCardQr) qr = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *start = data != NULL ? (const char *) data : "";
  EkycCardDate now;
  guint n_fields;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (today == NULL || ekyc_card_date_is_valid (today), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _ekyc_i18n_init ();
  if (problem != NULL)
    *problem = EKYC_CARD_QR_PROBLEM_NONE;

  if (length > EKYC_CARD_QR_MAX_LENGTH)
    return reject (problem, EKYC_CARD_QR_PROBLEM_TOO_LONG, error,
                   _("The QR code holds too much data to be a citizen ID card’s."));
  /* With an explicit length, g_utf8_validate also refuses NUL bytes. */
  if (length > 0 && !g_utf8_validate (start, (gssize) length, NULL))
    return reject (problem, EKYC_CARD_QR_PROBLEM_NOT_TEXT, error,
                   _("The QR code does not hold Unicode (UTF-8) text, so it is not a "
                     "citizen ID card’s. Scan the QR code on the card."));
  if (length >= 3 && memcmp (start, bom, 3) == 0)
    {
      start += 3;
      length -= 3;
    }
  text = g_utf8_normalize (start, (gssize) length, G_NORMALIZE_NFC);
  g_assert (text != NULL);
  utf8_strip (text);
  if (has_control_characters (text))
    return reject (problem, EKYC_CARD_QR_PROBLEM_NOT_TEXT, error,
                   _("The QR code holds control characters, so it is not a citizen ID card’s. "
                     "Scan the QR code on the card."));

  /* NFC cannot create or remove a '|' (U+007C has no decomposition and composes with nothing),
   * so splitting after normalising gives the same fields as before. */
  fields = g_strsplit (text, "|", EKYC_CARD_QR_MAX_FIELDS + 1);
  n_fields = g_strv_length (fields);
  for (guint i = 0; i < n_fields; i++)
    utf8_strip (fields[i]);
  /* A final '|' (or several) leaves empty fields after the last real one. */
  while (n_fields > N_KNOWN_FIELDS && fields[n_fields - 1][0] == '\0')
    {
      g_free (fields[n_fields - 1]);
      fields[--n_fields] = NULL;
    }
  if (n_fields < N_KNOWN_FIELDS || n_fields > EKYC_CARD_QR_MAX_FIELDS)
    {
      g_autofree char *message = NULL;

      if (n_fields > EKYC_CARD_QR_MAX_FIELDS)
        message = g_strdup_printf (_("The QR code has more than %u fields separated by “|”; a "
                                     "citizen ID card’s has 7."),
                                   (guint) EKYC_CARD_QR_MAX_FIELDS);
      else
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "The QR code has %u field separated by “|”; a "
                                                "citizen ID card’s has 7.",
                                                "The QR code has %u fields separated by “|”; a "
                                                "citizen ID card’s has 7.",
                                                n_fields),
                                   n_fields);
      return reject (problem, EKYC_CARD_QR_PROBLEM_FIELD_COUNT, error, message);
    }

  qr = g_new0 (EkycCardQr, 1);

  /* 1. The personal identification number: format and province here; its agreement with the
   * date of birth and sex once those are read. */
  if (!ekyc_id_number_validate (fields[FIELD_ID_NUMBER], NULL, EKYC_ID_SEX_UNKNOWN, NULL, error))
    {
      if (problem != NULL)
        *problem = EKYC_CARD_QR_PROBLEM_ID_NUMBER;
      return NULL;
    }
  qr->id_number = g_strdup (fields[FIELD_ID_NUMBER]);

  /* 2. The old CMND number: 9 digits, 12 for the CMND of 2012–2016, or nothing. */
  if (fields[FIELD_OLD_ID_NUMBER][0] != '\0')
    {
      if (!all_ascii_digits (fields[FIELD_OLD_ID_NUMBER], EKYC_CMND_NUMBER_LENGTH) &&
          !all_ascii_digits (fields[FIELD_OLD_ID_NUMBER], EKYC_ID_NUMBER_LENGTH))
        return reject (problem, EKYC_CARD_QR_PROBLEM_OLD_ID_NUMBER, error,
                       _("The old identity card number in the QR code is not 9 or 12 digits."));
      qr->old_id_number = g_strdup (fields[FIELD_OLD_ID_NUMBER]);
    }

  /* 3. The name. */
  if (fields[FIELD_NAME][0] == '\0')
    return reject (problem, EKYC_CARD_QR_PROBLEM_EMPTY_NAME, error,
                   _("The QR code has no name in it."));
  qr->full_name = g_strdup (fields[FIELD_NAME]);

  /* 4. Date of birth. */
  if (!ekyc_card_date_parse_ddmmyyyy (fields[FIELD_BIRTH_DATE], -1, &qr->birth_date))
    return reject (problem, EKYC_CARD_QR_PROBLEM_BIRTH_DATE, error,
                   _("The date of birth in the QR code is not a valid date (day, month, year "
                     "as ddmmyyyy)."));

  /* 5. Sex. */
  qr->sex = parse_sex (fields[FIELD_SEX]);
  if (qr->sex == EKYC_ID_SEX_UNKNOWN)
    return reject (problem, EKYC_CARD_QR_PROBLEM_SEX, error,
                   _("The sex in the QR code is neither “Nam” nor “Nữ”."));

  /* 6. Place of residence: free text. */
  qr->residence = g_strdup (fields[FIELD_RESIDENCE]);

  /* 7. Date of issue. */
  if (!ekyc_card_date_parse_ddmmyyyy (fields[FIELD_ISSUE_DATE], -1, &qr->issue_date))
    return reject (problem, EKYC_CARD_QR_PROBLEM_ISSUE_DATE, error,
                   _("The date of issue in the QR code is not a valid date (day, month, year "
                     "as ddmmyyyy)."));
  if (ekyc_card_date_compare (&qr->issue_date, &qr->birth_date) < 0)
    return reject (problem, EKYC_CARD_QR_PROBLEM_ISSUE_BEFORE_BIRTH, error,
                   _("The date of issue in the QR code is before the date of birth."));
  if (today == NULL)
    today_local (&now);
  else
    now = *today;
  if (ekyc_card_date_compare (&qr->issue_date, &now) > 0)
    return reject (problem, EKYC_CARD_QR_PROBLEM_ISSUE_IN_FUTURE, error,
                   _("The date of issue in the QR code is in the future. Check the date of this "
                     "device, then the card."));

  /* The number against the date of birth and sex. */
  if (!ekyc_id_number_validate (qr->id_number, &qr->birth_date, qr->sex, NULL, error))
    {
      if (problem != NULL)
        *problem = EKYC_CARD_QR_PROBLEM_ID_NUMBER;
      return NULL;
    }
  if (!ekyc_id_number_parse (qr->id_number, &qr->id, error))
    g_assert_not_reached ();

  qr->extra_fields = g_new0 (char *, n_fields - N_KNOWN_FIELDS + 1);
  for (guint i = N_KNOWN_FIELDS; i < n_fields; i++)
    qr->extra_fields[i - N_KNOWN_FIELDS] = g_strdup (fields[i]);

  return g_steal_pointer (&qr);
}
