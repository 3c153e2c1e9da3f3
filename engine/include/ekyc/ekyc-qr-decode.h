/* ekyc-qr-decode.h — finding and decoding QR codes in a photo (zbar, binary mode)
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The decoder returns the QR code's raw bytes: what they mean is ekyc-card-qr.h's business.
 * zbar runs in binary mode because its text mode guesses an encoding and turns some Vietnamese
 * UTF-8 payloads into Shift-JIS mojibake; the caller decodes the UTF-8 itself.
 */
#pragma once

#include <glib.h>
#include "ekyc-version.h"
#include "ekyc-image.h"
#include "ekyc-face.h"
#include "ekyc-card-detect.h"

EKYC_BEGIN_DECLS

/**
 * EkycQrPass:
 * Which look at the image found a code.
 * @EKYC_QR_PASS_FULL: the whole image at its own size.
 * @EKYC_QR_PASS_TOP_RIGHT: the top-right region (60 % × 60 % of the image, so a code on the
 *   middle lines is not cut in two), upscaled 2× — where the QR of both card layouts sits when
 *   the card fills the photo and is too small for the first pass.
 * @EKYC_QR_PASS_BOTTOM_RIGHT: the bottom-right region likewise (a card photographed upside down).
 *   Both sampled bicubic and sharpened (unsharp mask); after the card passes when a card is known.
 * @EKYC_QR_PASS_CARD_TOP_RIGHT: the top-right corner of the card found (30 % × 48 % of it: the
 *   QR of the 2021 CCCD's front and of the 2024 Căn cước's back), sampled straight from the photo
 *   at about 20 px per mm of card and sharpened.
 * @EKYC_QR_PASS_CARD_BOTTOM_LEFT: the card's bottom-left corner likewise (a card upside down).
 */
typedef enum {
  EKYC_QR_PASS_FULL,
  EKYC_QR_PASS_TOP_RIGHT,
  EKYC_QR_PASS_BOTTOM_RIGHT,
  EKYC_QR_PASS_CARD_TOP_RIGHT,
  EKYC_QR_PASS_CARD_BOTTOM_LEFT,
} EkycQrPass;

/**
 * EkycQrCode:
 * One decoded QR code.
 * @data: (array length=length): the raw bytes of the code's data segments, exactly as encoded
 *   (no character set conversion); one NUL byte follows them for convenience, not counted.
 * @length: the number of bytes.
 * @corners: the code's four corners in the image's pixel coordinates, in the order zbar gives
 *   them (zbar_symbol_get_loc_x/y; not yet normalised to a fixed winding).
 * @pass: the pass that found it.
 */
typedef struct {
  guint8    *data;
  gsize      length;
  EkycPoint  corners[4];
  EkycQrPass pass;
} EkycQrCode;

/**
 * ekyc_qr_decode:
 * @image: the photo (any pixel format; converted to grey internally). Not kept.
 *
 * Looks for QR codes: the whole image first; when nothing decodes, the top-right then the
 * bottom-right region sampled at 2× (bicubic) and sharpened. Stops at the first pass that decodes
 * something.
 *
 * Finding nothing is not an error: the array is then empty.
 * Errors: %EKYC_ERROR_INTERNAL when zbar cannot run (out of memory).
 * Returns: (transfer full) (element-type EkycQrCode) (nullable): the codes found, in zbar's
 * order, each freed by the array (g_ptr_array_unref()); %NULL with @error set on failure.
 * Thread-safe: each call uses its own zbar scanner.
 */
EKYC_API GPtrArray *ekyc_qr_decode (const EkycImage *image, GError **error);

/**
 * ekyc_qr_decode_card:
 * @image: the photo. Not kept.
 * @card: (nullable): where a card was found in @image (ekyc_card_detect()); %NULL or not found:
 *   the same as ekyc_qr_decode().
 *
 * Like ekyc_qr_decode(), but when the whole image decodes nothing, looks first at the card's
 * top-right corner, then its bottom-left corner (the other way round when @card is flagged
 * upside down), each sampled large from the photo and sharpened
 * (%EKYC_QR_PASS_CARD_TOP_RIGHT, %EKYC_QR_PASS_CARD_BOTTOM_LEFT), then at the photo's regions.
 * zbar runs on a close-up only when it shows a QR code's three finder patterns, so a side
 * without a code costs little more than the whole image's pass. A card whose code the whole
 * image decodes costs no more than with ekyc_qr_decode().
 * Returns and errors: as ekyc_qr_decode(). Thread-safe.
 */
EKYC_API GPtrArray *ekyc_qr_decode_card (const EkycImage *image, const EkycCardDetection *card,
                                         GError **error);

/* Frees @code and its data; NULL is allowed. */
EKYC_API void ekyc_qr_code_free (EkycQrCode *code);

/* A stable machine-readable name of @pass, e.g. "top-right" (for JSON and logs). */
EKYC_API const char *ekyc_qr_pass_name (EkycQrPass pass);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkycQrCode, ekyc_qr_code_free)

EKYC_END_DECLS
