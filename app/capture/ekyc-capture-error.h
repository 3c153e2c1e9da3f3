/* ekyc-capture-error.h — the capture error domain: one code per thing the UI can act on
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define EKYC_CAPTURE_ERROR (ekyc_capture_error_quark ())

/**
 * EkycCaptureError:
 * Codes of the %EKYC_CAPTURE_ERROR domain. Messages are translated and say what the user can do.
 */
typedef enum {
  EKYC_CAPTURE_ERROR_NO_DEVICE = 1,      /* no camera is connected */
  EKYC_CAPTURE_ERROR_DEVICE_LOST,        /* the camera was unplugged or stopped delivering frames */
  EKYC_CAPTURE_ERROR_ELEMENT_NOT_FOUND,  /* a GStreamer element (plugin) is not installed */
  EKYC_CAPTURE_ERROR_INVALID_SOURCE,     /* the source description does not parse */
  EKYC_CAPTURE_ERROR_SOURCE_FAILED,      /* the source did not start or broke while running */
  EKYC_CAPTURE_ERROR_FILE_NOT_FOUND,     /* the file does not exist or cannot be read */
  EKYC_CAPTURE_ERROR_NOT_MEDIA,          /* the file is neither an image nor a video */
} EkycCaptureError;

GQuark ekyc_capture_error_quark (void);

G_END_DECLS
