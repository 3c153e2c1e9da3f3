/* fuzz-tlv.c — libFuzzer target: untrusted chip bytes through the BER-TLV reader, the ASN.1
 * walkers of the LDS (EF.COM, DG1, DG2) and EF.SOD's passive authentication
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Besides memory errors it checks the reader's contract: every element read lies inside the
 * buffer, an iteration ends at the buffer's end or with an EKYC_ERROR, and a whole parse of
 * the input as each LDS file either succeeds or fails with an EKYC_ERROR.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ekyc/ekyc-chip.h"
#include "ekyc/ekyc-error.h"
#include "ekyc/ekyc-tlv.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
walk (const uint8_t *data, size_t size, const uint8_t *start, const uint8_t *end, guint depth)
{
  EkycTlvIter iter;
  EkycTlv tlv;
  GError *error = NULL;

  if (depth > 12)
    return;
  ekyc_tlv_iter_init (&iter, data, size);
  while (ekyc_tlv_iter_next (&iter, &tlv, &error))
    {
      g_assert_true (tlv.value >= start && tlv.value + tlv.length <= end);
      g_assert_true (tlv.length <= EKYC_TLV_MAX_LENGTH);
      if (tlv.constructed)
        walk (tlv.value, tlv.length, start, end, depth + 1);
    }
  if (error != NULL)
    {
      g_assert_true (error->domain == EKYC_ERROR && error->code == EKYC_ERROR_CHIP_DATA_INVALID);
      g_error_free (error);
    }
  else
    g_assert_cmpuint (iter.offset, >=, iter.size);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  GBytes *files[EKYC_CHIP_N_FILES] = { NULL };
  EkycChipPortrait portrait;
  EkycChipReadOptions options = { .trust_dir = NULL };
  GError *error = NULL;
  EkycChipDocument *doc;
  static const EkycChipFile as[] = { EKYC_CHIP_FILE_COM, EKYC_CHIP_FILE_DG1,
                                     EKYC_CHIP_FILE_DG1 + 1, EKYC_CHIP_FILE_SOD };

  walk (data, size, data, data + size, 0);

  if (ekyc_chip_parse_dg2 (data, size, &portrait, &error))
    {
      g_assert_nonnull (portrait.image);
      g_assert_cmpuint (g_bytes_get_size (portrait.image), <=, size);
      g_bytes_unref (portrait.image);
    }
  else
    g_assert_true (error != NULL && error->domain == EKYC_ERROR);
  g_clear_error (&error);

  /* The input as each file of a chip, with passive authentication over it. */
  for (guint i = 0; i < G_N_ELEMENTS (as); i++)
    {
      files[as[i]] = g_bytes_new_static (data, size);
      doc = ekyc_chip_document_new_from_files (files, &options, &error);
      if (doc != NULL)
        {
          g_assert_true (doc->passive.result != EKYC_CHIP_PA_OK);
          ekyc_chip_document_free (doc);
        }
      else
        g_assert_true (error != NULL && error->domain == EKYC_ERROR);
      g_clear_error (&error);
      g_clear_pointer (&files[as[i]], g_bytes_unref);
    }
  return 0;
}
