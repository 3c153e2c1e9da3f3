/* ekyc-capture-private.h — what the capture's pipeline and analysis files share
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gst/gst.h>

#include "ekyc-capture.h"

G_BEGIN_DECLS

GST_DEBUG_CATEGORY_EXTERN (ekyc_capture_debug);
#define GST_CAT_DEFAULT ekyc_capture_debug

/* The worker's state: touched only by the one pool thread (and freed after the pool). */
typedef struct _EkycAnalyzer EkycAnalyzer;

EkycAnalyzer      *_ekyc_analyzer_new     (EkycEngine *engine);
void               _ekyc_analyzer_free    (EkycAnalyzer *analyzer);
/* Analyses @image as @mode; resets the tracking when @mode or @reset changed since the last call. */
EkycFrameAnalysis *_ekyc_analyzer_run     (EkycAnalyzer *analyzer, EkycImage *image,
                                           EkycCaptureMode mode, guint reset,
                                           guint liveness_interval);

/* Builds "SOURCE ! … tee …" around @source (an element or bin with one src pad). */
GstElement        *_ekyc_capture_build_pipeline (GstElement *source, gboolean every_frame,
                                                 guint analysis_rate, GError **error);
/* A source bin for @path: an image through imagefreeze, a video through decodebin. */
GstElement        *_ekyc_capture_file_source    (const char *path, GError **error);
GstElement        *_ekyc_capture_description_source (const char *description, GError **error);
/* Decodes an image file as the engine does (EXIF orientation), with gdk-pixbuf for other
 * formats; errors in the capture domain (FILE_NOT_FOUND, NOT_MEDIA) or the engine's. */
EkycImage         *_ekyc_capture_decode_image   (const char *path, GError **error);
/* Maps a GStreamer error message to the capture domain. */
GError            *_ekyc_capture_map_error      (const GError *gst_error, const char *debug,
                                                 gboolean is_file, gboolean is_device,
                                                 gboolean was_ready);

G_END_DECLS
