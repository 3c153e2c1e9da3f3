/* fuzz-image-probe.c — libFuzzer target: untrusted bytes through the image header probe
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Besides memory errors (ASan/UBSan in the clang build), it checks the probe's contract: a
 * success gives a known kind and a size inside the engine's limits; a failure gives an
 * EKYC_ERROR with a message.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "ekyc/ekyc-error.h"
#include "ekyc/ekyc-image.h"
#include "ekyc-image-probe.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  EkycImageInfo info;
  GError *error = NULL;

  if (_ekyc_image_probe (data, size, &info, &error))
    {
      g_assert_null (error);
      g_assert_true (info.kind == EKYC_IMAGE_KIND_JPEG || info.kind == EKYC_IMAGE_KIND_PNG ||
                     info.kind == EKYC_IMAGE_KIND_WEBP ||
                     info.kind == EKYC_IMAGE_KIND_JPEG2000);
      g_assert_cmpuint (info.width, >, 0);
      g_assert_cmpuint (info.height, >, 0);
      g_assert_cmpuint (info.width, <=, EKYC_IMAGE_MAX_SIDE);
      g_assert_cmpuint (info.height, <=, EKYC_IMAGE_MAX_SIDE);
      g_assert_cmpuint ((guint64) info.width * info.height, <=, EKYC_IMAGE_MAX_PIXELS);
    }
  else
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == EKYC_ERROR);
      g_assert_nonnull (error->message);
      g_clear_error (&error);
    }
  return 0;
}
