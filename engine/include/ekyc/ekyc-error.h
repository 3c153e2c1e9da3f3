/* ekyc-error.h — the engine's error domain: one code per thing a caller can act on
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>
#include "ekyc-version.h"

EKYC_BEGIN_DECLS

#define EKYC_ERROR (ekyc_error_quark ())

/**
 * EkycError:
 * Codes of the %EKYC_ERROR domain. Every engine call that can fail returns %FALSE or %NULL and
 * fills a #GError the caller owns (never a process-wide error buffer). Messages are translated
 * and say what the user can do.
 */
typedef enum {
  EKYC_ERROR_INVALID_ARGUMENT = 1, /* a programming error: NULL, bad size, bad stride */
  EKYC_ERROR_FILE_NOT_FOUND,       /* the path does not exist or cannot be opened */
  EKYC_ERROR_FILE_EMPTY,           /* the file has zero bytes */
  EKYC_ERROR_NOT_AN_IMAGE,         /* not JPEG, PNG or WebP, or undecodable */
  EKYC_ERROR_IMAGE_TRUNCATED,      /* the image data stops before its end */
  EKYC_ERROR_IMAGE_TOO_LARGE,      /* more pixels than the engine accepts (see ekyc-image.h) */
  EKYC_ERROR_IMAGE_TOO_SMALL,      /* too few pixels to hold a usable face */
  EKYC_ERROR_NO_FACE,              /* no face found */
  EKYC_ERROR_MULTIPLE_FACES,       /* more than one face where exactly one is required */
  EKYC_ERROR_FACE_TOO_SMALL,       /* the face is too small to be compared reliably */
  EKYC_ERROR_MODEL_MISSING,        /* a model file is not installed */
  EKYC_ERROR_MODEL_INVALID,        /* a model file does not load or has the wrong shape */
  EKYC_ERROR_INTERNAL,             /* an unexpected failure inside OpenCV */
  EKYC_ERROR_MRZ_INVALID,          /* not an MRZ: line count, length, character, date */
  EKYC_ERROR_MRZ_CHECK_FAILED,     /* an MRZ check digit or the CCCD ID number fails */
  EKYC_ERROR_QR_INVALID,           /* a card QR payload is malformed (see ekyc-card-qr.h) */
  EKYC_ERROR_ID_NUMBER_INVALID,    /* a 12-digit ID number fails its rules (ekyc-id-number.h) */
  EKYC_ERROR_CHIP_NO_READER,       /* no PC/SC reader (or none of the given name), or no pcscd */
  EKYC_ERROR_CHIP_NO_CARD,         /* no card on the reader before the timeout */
  EKYC_ERROR_CHIP_REMOVED,         /* the card left the reader during the read */
  EKYC_ERROR_CHIP_NOT_ICAO,        /* the card has no ICAO 9303 (eMRTD) application */
  EKYC_ERROR_CHIP_ACCESS_DENIED,   /* BAC and PACE both refused: the MRZ key does not fit */
  EKYC_ERROR_CHIP_COMMUNICATION,   /* a transmission failed or the chip answered nonsense */
  EKYC_ERROR_CHIP_DATA_INVALID,    /* a chip file or TLV element is malformed (ekyc-tlv.h) */
  EKYC_ERROR_MRZ_NOT_FOUND,        /* no MRZ in the picture (ekyc-mrz-read.h) */
  EKYC_ERROR_MRZ_UNREADABLE,       /* an MRZ-like block whose characters cannot be read */
  EKYC_ERROR_NOT_A_CARD,           /* no ID card in the picture */
  EKYC_ERROR_CARD_FOREIGN,         /* a card, but not a Vietnamese citizen ID card */
  EKYC_ERROR_CARD_INCOMPLETE,      /* part of a card: cut off, cut in half */
  EKYC_ERROR_CARD_SAME_SIDE,       /* front and back photos show the same side */
  EKYC_ERROR_CARD_UNREADABLE,      /* a Vietnamese card whose text cannot be read */
} EkycError;

EKYC_API GQuark      ekyc_error_quark (void);
/* A stable machine-readable name for a code, e.g. "no-face" (for JSON output and logs). */
EKYC_API const char *ekyc_error_code_name (int code);

EKYC_END_DECLS
