/* fuzz-dg13.c — libFuzzer target: untrusted bytes as the Vietnamese card's DG13
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A success gives valid UTF-8 fields and ISO dates only where the card's date parses; a failure
 * is EKYC_ERROR_CHIP_DATA_INVALID.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ekyc/ekyc-chip.h"
#include "ekyc/ekyc-error.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_text (const char *text)
{
  if (text != NULL)
    g_assert_true (g_utf8_validate (text, -1, NULL));
}

static void
check_iso (const char *iso, const char *card)
{
  if (iso == NULL)
    return;
  g_assert_nonnull (card);
  g_assert_cmpuint (strlen (iso), ==, 10);
  g_assert_true (iso[4] == '-' && iso[7] == '-');
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  GError *error = NULL;
  EkycChipVnData *vn = ekyc_chip_parse_dg13 (data, size, &error);

  if (vn == NULL)
    {
      g_assert_true (error != NULL && error->domain == EKYC_ERROR &&
                     error->code == EKYC_ERROR_CHIP_DATA_INVALID);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_error_free (error);
      return 0;
    }
  g_assert_null (error);
  check_text (vn->id_number);
  check_text (vn->full_name);
  check_text (vn->date_of_birth);
  check_text (vn->sex);
  check_text (vn->nationality);
  check_text (vn->ethnicity);
  check_text (vn->religion);
  check_text (vn->place_of_origin);
  check_text (vn->place_of_residence);
  check_text (vn->identifying_marks);
  check_text (vn->issue_date);
  check_text (vn->expiry_date);
  check_text (vn->father_name);
  check_text (vn->mother_name);
  check_text (vn->spouse_name);
  check_text (vn->old_id_number);
  check_iso (vn->date_of_birth_iso, vn->date_of_birth);
  check_iso (vn->issue_date_iso, vn->issue_date);
  check_iso (vn->expiry_date_iso, vn->expiry_date);
  ekyc_chip_vn_data_free (vn);
  return 0;
}
