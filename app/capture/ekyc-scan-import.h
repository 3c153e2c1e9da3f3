/* ekyc-scan-import.h — document scans (scanner output) imported from files instead of the camera
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gio/gio.h>
#include <ekyc/ekyc.h>

#include "ekyc-still.h"

G_BEGIN_DECLS

/**
 * ekyc_scan_import_async:
 * Decodes @file (JPEG, PNG, WebP; TIFF and other formats gdk-pixbuf reads) on a worker thread and
 * analyses it as @mode would a frame (CARD: card detection and hints; FACE: the face, with
 * @engine). The result is an #EkycStill like a camera still.
 * Errors: %EKYC_CAPTURE_ERROR_FILE_NOT_FOUND, %EKYC_CAPTURE_ERROR_NOT_MEDIA (not an image), or
 * the engine's %EKYC_ERROR (image too large or too small, truncated), G_IO_ERROR_CANCELLED.
 */
void       ekyc_scan_import_async  (GFile *file, EkycEngine *engine, EkycCaptureMode mode,
                                    GCancellable *cancellable, GAsyncReadyCallback callback,
                                    gpointer user_data);
/* Returns: (transfer full) (nullable) */
EkycStill *ekyc_scan_import_finish (GAsyncResult *result, GError **error);

/* The same, blocking (for worker threads and tests). */
EkycStill *ekyc_scan_import_file   (GFile *file, EkycEngine *engine, EkycCaptureMode mode,
                                    GCancellable *cancellable, GError **error);

G_END_DECLS
