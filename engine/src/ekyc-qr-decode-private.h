/* ekyc-qr-decode-private.h — the QR decoder's close-up check, for tests
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ekyc/ekyc-qr-decode.h"

/* Whether the close-up @pass (not EKYC_QR_PASS_FULL) of @image, sampled as
 * ekyc_qr_decode_card() samples it (@card found for the card's corners), shows a QR code's three
 * finder patterns, the check that decides whether zbar runs on it: 1 yes, 0 no, -1 when OpenCV
 * failed. */
int _ekyc_qr_close_up_shows_finders (const EkycImage *image, const EkycCardDetection *card,
                                     EkycQrPass pass);
