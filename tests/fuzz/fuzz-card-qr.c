/* fuzz-card-qr.c — libFuzzer target: untrusted bytes through the CCCD / Căn cước QR parser
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Besides memory errors (ASan/UBSan in the clang build), it checks the parser's contract: a
 * success gives NFC text, valid and ordered dates and a number that passes every rule, and
 * writing the result back as a payload parses to the same card; a failure gives a named problem
 * and an EKYC_ERROR with a message.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ekyc/ekyc-card-qr.h"
#include "ekyc/ekyc-error.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A fixed "today", so that a crash reproduces on any day. */
static const EkycCardDate today = { 2025, 6, 30 };

static void
assert_clean_text (const char *text)
{
  g_autofree char *nfc = NULL;

  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  g_assert_cmpstr (text, ==, nfc);
  g_assert_null (strchr (text, '|'));
  if (text[0] != '\0')
    {
      g_assert_false (g_unichar_isspace (g_utf8_get_char (text)));
      g_assert_false (g_unichar_isspace (
        g_utf8_get_char (g_utf8_find_prev_char (text, text + strlen (text)))));
    }
}

static char *
format_date (const EkycCardDate *date)
{
  return g_strdup_printf ("%02d%02d%04d", date->day, date->month, date->year);
}

static char *
serialise (const EkycCardQr *qr)
{
  g_autofree char *birth = format_date (&qr->birth_date);
  g_autofree char *issue = format_date (&qr->issue_date);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%s|%s|%s|%s|%s|%s|%s", qr->id_number,
                          qr->old_id_number ? qr->old_id_number : "", qr->full_name, birth,
                          qr->sex == EKYC_ID_SEX_MALE ? "Nam" : "Nữ", qr->residence, issue);
  for (char **extra = qr->extra_fields; *extra != NULL; extra++)
    g_string_append_printf (out, "|%s", *extra);
  return g_string_free (out, FALSE);
}

static void
check_success (const EkycCardQr *qr)
{
  g_autofree char *again_text = NULL;
  g_autoptr(EkycCardQr) again = NULL;
  g_autoptr(GError) error = NULL;
  guint n_extra;

  assert_clean_text (qr->id_number);
  g_assert_cmpuint (strlen (qr->id_number), ==, EKYC_ID_NUMBER_LENGTH);
  if (qr->old_id_number != NULL)
    {
      gsize len = strlen (qr->old_id_number);
      g_assert_true (len == EKYC_CMND_NUMBER_LENGTH || len == EKYC_ID_NUMBER_LENGTH);
    }
  assert_clean_text (qr->full_name);
  g_assert_cmpuint (strlen (qr->full_name), >, 0);
  assert_clean_text (qr->residence);
  g_assert_true (ekyc_card_date_is_valid (&qr->birth_date));
  g_assert_true (ekyc_card_date_is_valid (&qr->issue_date));
  g_assert_cmpint (ekyc_card_date_compare (&qr->birth_date, &qr->issue_date), <=, 0);
  g_assert_cmpint (ekyc_card_date_compare (&qr->issue_date, &today), <=, 0);
  g_assert_true (qr->sex == EKYC_ID_SEX_MALE || qr->sex == EKYC_ID_SEX_FEMALE);
  g_assert_cmpint (ekyc_id_number_check_consistency (qr->id_number, &qr->birth_date, qr->sex),
                   ==, EKYC_ID_NUMBER_PROBLEM_NONE);
  g_assert_cmpstr (qr->id.digits, ==, qr->id_number);
  g_assert_nonnull (qr->id.province_name);
  g_assert_cmpint (qr->id.birth_year, ==, qr->birth_date.year);
  n_extra = g_strv_length (qr->extra_fields);
  g_assert_cmpuint (n_extra + 7, <=, EKYC_CARD_QR_MAX_FIELDS);
  for (guint i = 0; i < n_extra; i++)
    assert_clean_text (qr->extra_fields[i]);
  if (n_extra > 0)
    g_assert_cmpuint (strlen (qr->extra_fields[n_extra - 1]), >, 0);

  /* Round trip: the normalised card written back as a payload is the same card. */
  again_text = serialise (qr);
  again = ekyc_card_qr_parse ((const guint8 *) again_text, strlen (again_text), &today, NULL,
                              &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_cmpstr (again->id_number, ==, qr->id_number);
  g_assert_cmpstr (again->old_id_number, ==, qr->old_id_number);
  g_assert_cmpstr (again->full_name, ==, qr->full_name);
  g_assert_cmpstr (again->residence, ==, qr->residence);
  g_assert_cmpint (again->sex, ==, qr->sex);
  g_assert_cmpint (ekyc_card_date_compare (&again->birth_date, &qr->birth_date), ==, 0);
  g_assert_cmpint (ekyc_card_date_compare (&again->issue_date, &qr->issue_date), ==, 0);
  g_assert_cmpuint (g_strv_length (again->extra_fields), ==, n_extra);
  for (guint i = 0; i < n_extra; i++)
    g_assert_cmpstr (again->extra_fields[i], ==, qr->extra_fields[i]);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(EkycCardQr) qr = NULL;
  GError *error = NULL;
  EkycCardQrProblem problem = EKYC_CARD_QR_PROBLEM_ISSUE_DATE;

  qr = ekyc_card_qr_parse (data, size, &today, &problem, &error);
  if (qr != NULL)
    {
      g_assert_null (error);
      g_assert_cmpint (problem, ==, EKYC_CARD_QR_PROBLEM_NONE);
      check_success (qr);
    }
  else
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == EKYC_ERROR);
      g_assert_true (error->code == EKYC_ERROR_QR_INVALID ||
                     error->code == EKYC_ERROR_ID_NUMBER_INVALID);
      g_assert_true ((error->code == EKYC_ERROR_ID_NUMBER_INVALID) ==
                     (problem == EKYC_CARD_QR_PROBLEM_ID_NUMBER));
      g_assert_cmpint (problem, !=, EKYC_CARD_QR_PROBLEM_NONE);
      g_assert_cmpstr (ekyc_card_qr_problem_name (problem), !=, "unknown");
      g_assert_nonnull (error->message);
      g_clear_error (&error);
    }
  return 0;
}
