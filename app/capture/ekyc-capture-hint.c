/* ekyc-capture-hint.c — the plain-language advice for each capture hint
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-capture"
#include "config.h"

#include <glib/gi18n.h>

#include "ekyc-capture-enums.h"

const char *
ekyc_capture_hint_get_message (EkycCaptureHint hint)
{
  switch (hint)
    {
    case EKYC_CAPTURE_HINT_NONE: return "";
    case EKYC_CAPTURE_HINT_GOOD: return _("Good: hold still");
    case EKYC_CAPTURE_HINT_NO_CARD: return _("Place the card inside the frame");
    case EKYC_CAPTURE_HINT_CARD_CUT_OFF: return _("Show the whole card");
    case EKYC_CAPTURE_HINT_NO_FACE: return _("Look at the camera");
    case EKYC_CAPTURE_HINT_MULTIPLE_FACES: return _("Only one person in front of the camera");
    case EKYC_CAPTURE_HINT_MOVE_CLOSER: return _("Move closer");
    case EKYC_CAPTURE_HINT_CENTRE_FACE: return _("Centre your face in the oval");
    case EKYC_CAPTURE_HINT_LOOK_STRAIGHT: return _("Look straight at the camera");
    case EKYC_CAPTURE_HINT_OPEN_EYES: return _("Keep your eyes open");
    case EKYC_CAPTURE_HINT_TOO_DARK: return _("Too dark: add light");
    case EKYC_CAPTURE_HINT_TOO_BRIGHT: return _("Too bright: move away from the light");
    case EKYC_CAPTURE_HINT_GLARE: return _("Too much glare: tilt the card away from the light");
    case EKYC_CAPTURE_HINT_BLURRED: return _("Blurred: hold still");
    case EKYC_CAPTURE_HINT_HOLD_STILL: return _("Hold still");
    case EKYC_CAPTURE_HINT_SHOW_FRONT:
      return _("This is the back of the card: turn it over to show the front");
    case EKYC_CAPTURE_HINT_SHOW_BACK:
      return _("This is the front of the card: turn it over to show the back");
    default: break;
    }
  g_return_val_if_reached ("");
}

const char *
ekyc_capture_hint_get_name (EkycCaptureHint hint)
{
  static const char *const names[] = {
    "none", "good", "no-card", "card-cut-off", "no-face", "multiple-faces", "move-closer",
    "centre-face", "look-straight", "open-eyes", "too-dark", "too-bright", "glare", "blurred",
    "hold-still", "show-front", "show-back",
  };

  g_return_val_if_fail ((guint) hint < G_N_ELEMENTS (names), "");
  return names[hint];
}
