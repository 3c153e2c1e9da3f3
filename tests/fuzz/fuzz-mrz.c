/* fuzz-mrz.c — libFuzzer target: untrusted OCR text through the MRZ reader
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input is split on newlines and parsed both as an array of lines and as one text. Besides
 * memory errors (ASan/UBSan in the clang build), it checks the reader's contract: a success has
 * NUL-terminated fields, check results that agree with the lines, repairs that point into the
 * lines, and ekyc_mrz_validate() agreeing with mrz->valid; a failure is an EKYC_ERROR.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ekyc/ekyc-error.h"
#include "ekyc/ekyc-mrz.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_result (EkycMrz *mrz, GError *error)
{
  g_autoptr(GError) validate_error = NULL;
  guint len;

  if (mrz == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == EKYC_ERROR);
      g_assert_true (error->code == EKYC_ERROR_MRZ_INVALID);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return;
    }
  g_assert_null (error);
  g_assert_true (mrz->n_lines == 2 || mrz->n_lines == 3);
  len = (guint) strlen (mrz->lines[0]);
  g_assert_true (len == 30 || len == 36 || len == 44);
  for (guint i = 0; i < mrz->n_lines; i++)
    {
      g_assert_cmpuint (strlen (mrz->lines[i]), ==, len);
      for (guint j = 0; j < len; j++)
        g_assert_true (g_ascii_isupper (mrz->lines[i][j]) || g_ascii_isdigit (mrz->lines[i][j]) ||
                       mrz->lines[i][j] == '<');
    }
  g_assert_cmpuint (strlen (mrz->document_number), <, sizeof mrz->document_number);
  g_assert_cmpuint (strlen (mrz->optional_data), <, sizeof mrz->optional_data);
  g_assert_cmpuint (strlen (mrz->surname), <, sizeof mrz->surname);
  g_assert_cmpuint (strlen (mrz->given_names), <, sizeof mrz->given_names);
  g_assert_true (mrz->sex == 'M' || mrz->sex == 'F' || mrz->sex == 'X');
  g_assert_cmpint (mrz->birth_month, >=, 0);
  g_assert_cmpint (mrz->birth_month, <=, 12);
  g_assert_cmpint (mrz->expiry_day, >=, 0);
  g_assert_cmpint (mrz->expiry_day, <=, 31);
  for (guint i = 0; i < EKYC_MRZ_N_CHECKS; i++)
    if (mrz->checks[i].present)
      {
        g_assert_true (mrz->checks[i].expected >= '0' && mrz->checks[i].expected <= '9');
        if (mrz->checks[i].found != '<')
          g_assert_true (mrz->checks[i].valid ==
                         (mrz->checks[i].expected == mrz->checks[i].found));
        g_assert_false (mrz->checks[i].valid && mrz->checks[i].ambiguous);
      }
  for (guint i = 0; i < mrz->n_repairs; i++)
    {
      const EkycMrzRepair *r = &mrz->repairs[i];

      g_assert_cmpuint (r->line, <, mrz->n_lines);
      g_assert_cmpuint (r->column, <, len);
      g_assert_cmpint (r->from, !=, r->to);
      if (i > 0)
        g_assert_true (r->line > r[-1].line ||
                       (r->line == r[-1].line && r->column > r[-1].column));
    }
  g_assert_true (ekyc_mrz_validate (mrz, &validate_error) == mrz->valid);
  g_assert_true (mrz->valid ? validate_error == NULL
                            : validate_error->code == EKYC_ERROR_MRZ_CHECK_FAILED);
  ekyc_mrz_free (mrz);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GDate today;
  GError *error = NULL;
  EkycMrz *mrz;
  size_t start = 0;

  /* As lines (a NUL ends a line early, as it would for a C caller). */
  while (start <= size)
    {
      const uint8_t *nl = start < size ? memchr (data + start, '\n', size - start) : NULL;
      size_t end = nl != NULL ? (size_t) (nl - data) : size;

      if (end > start || end < size)
        g_ptr_array_add (lines, g_strndup ((const char *) data + start, end - start));
      start = end + 1;
    }
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_JUNE, 2025);
  mrz = ekyc_mrz_parse_at ((const char *const *) lines->pdata, lines->len, &today, &error);
  check_result (mrz, error);
  g_clear_error (&error);

  /* As one text, embedded NULs included. */
  mrz = ekyc_mrz_parse_text ((const char *) data, (gssize) size, &error);
  check_result (mrz, error);
  g_clear_error (&error);
  return 0;
}
