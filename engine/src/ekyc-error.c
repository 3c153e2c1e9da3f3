/* ekyc-error.c — the engine's error domain and its stable code names
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ekyc/ekyc-error.h"
#include "ekyc-i18n-private.h"

G_DEFINE_QUARK (ekyc-error-quark, ekyc_error)

const char *
ekyc_error_code_name (int code)
{
  switch ((EkycError) code)
    {
    case EKYC_ERROR_INVALID_ARGUMENT: return "invalid-argument";
    case EKYC_ERROR_FILE_NOT_FOUND: return "file-not-found";
    case EKYC_ERROR_FILE_EMPTY: return "file-empty";
    case EKYC_ERROR_NOT_AN_IMAGE: return "not-an-image";
    case EKYC_ERROR_IMAGE_TRUNCATED: return "image-truncated";
    case EKYC_ERROR_IMAGE_TOO_LARGE: return "image-too-large";
    case EKYC_ERROR_IMAGE_TOO_SMALL: return "image-too-small";
    case EKYC_ERROR_NO_FACE: return "no-face";
    case EKYC_ERROR_MULTIPLE_FACES: return "multiple-faces";
    case EKYC_ERROR_FACE_TOO_SMALL: return "face-too-small";
    case EKYC_ERROR_MODEL_MISSING: return "model-missing";
    case EKYC_ERROR_MODEL_INVALID: return "model-invalid";
    case EKYC_ERROR_INTERNAL: return "internal";
    case EKYC_ERROR_MRZ_INVALID: return "mrz-invalid";
    case EKYC_ERROR_MRZ_CHECK_FAILED: return "mrz-check-failed";
    case EKYC_ERROR_QR_INVALID: return "qr-invalid";
    case EKYC_ERROR_ID_NUMBER_INVALID: return "id-number-invalid";
    case EKYC_ERROR_CHIP_NO_READER: return "chip-no-reader";
    case EKYC_ERROR_CHIP_NO_CARD: return "chip-no-card";
    case EKYC_ERROR_CHIP_REMOVED: return "chip-removed";
    case EKYC_ERROR_CHIP_NOT_ICAO: return "chip-not-icao";
    case EKYC_ERROR_CHIP_ACCESS_DENIED: return "chip-access-denied";
    case EKYC_ERROR_CHIP_COMMUNICATION: return "chip-communication";
    case EKYC_ERROR_CHIP_DATA_INVALID: return "chip-data-invalid";
    case EKYC_ERROR_MRZ_NOT_FOUND: return "mrz-not-found";
    case EKYC_ERROR_MRZ_UNREADABLE: return "mrz-unreadable";
    case EKYC_ERROR_NOT_A_CARD: return "not-a-card";
    case EKYC_ERROR_CARD_FOREIGN: return "card-foreign";
    case EKYC_ERROR_CARD_INCOMPLETE: return "card-incomplete";
    case EKYC_ERROR_CARD_SAME_SIDE: return "card-same-side";
    case EKYC_ERROR_CARD_UNREADABLE: return "card-unreadable";
    default: return "unknown";
    }
}

/* Binds the engine's message catalogue once, so that programs using the library get translated
 * errors without doing it themselves. */
void
_ekyc_i18n_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      g_once_init_leave (&done, 1);
    }
}
