/* ekyc-capture.h — one capture source: GStreamer pipeline, live preview, per-frame analysis, stills
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gtk/gtk.h>
#include <gst/gst.h>
#include <ekyc/ekyc.h>

#include "ekyc-capture-enums.h"
#include "ekyc-capture-enum-types.h"
#include "ekyc-capture-error.h"
#include "ekyc-capture-paintable.h"
#include "ekyc-camera-monitor.h"
#include "ekyc-frame-analysis.h"
#include "ekyc-still.h"

G_BEGIN_DECLS

#define EKYC_TYPE_CAPTURE (ekyc_capture_get_type ())
G_DECLARE_FINAL_TYPE (EkycCapture, ekyc_capture, EKYC, CAPTURE, GObject)

/**
 * EkycCapture:
 *
 * Runs `SOURCE ! videoconvert ! tee`, one branch to the preview (appsink → GdkMemoryTexture →
 * #EkycCapturePaintable), one behind `videorate max-rate=N drop-only=true` to a one-thread
 * analysis pool that takes only the latest frame ("latest wins"). Everything it notifies or emits
 * happens on the main context it was created in; nothing blocks it.
 *
 * Sources, set before ekyc_capture_start() (each replaces the previous one):
 * - ekyc_capture_set_device(): a camera from #EkycCameraMonitor;
 * - ekyc_capture_set_source_description(): any GStreamer source (`videotestsrc`,
 *   `filesrc location=x.webm ! decodebin`, `v4l2src device=/dev/video2`);
 * - ekyc_capture_set_file(): a video or an image file (an image goes through `imagefreeze`, so it
 *   is a source of identical frames like any other);
 * - ekyc_capture_set_source(): the `--source` option: an existing file, else a description;
 * - none: the first camera the monitor finds (state NO_CAMERAS when there is none).
 *
 * Properties (read-only unless said):
 * - "state" (#EkycCameraState), "error" (GError boxed, nullable: set with state ERROR; codes
 *   in #EkycCaptureError);
 * - "paintable" (#EkycCapturePaintable), "frame-width", "frame-height", "frames" (guint64:
 *   preview frames delivered);
 * - "mode" (#EkycCaptureMode, read-write; changing it resets face tracking and stability),
 *   "engine" (construct-only pointer to a shared #EkycEngine, nullable: without it FACE mode
 *   only reports NO_FACE; CARD mode needs no engine);
 * - "analysis" (#EkycFrameAnalysis, the latest), "hint" (#EkycCaptureHint), "hint-message"
 *   (translated), "good" (boolean), "stable" (boolean: good for "stable-duration" seconds,
 *   read-write, default 0.8);
 * - "auto-capture" (read-write boolean): when TRUE, the first time "stable" becomes TRUE the
 *   best recent frame is captured (as ekyc_capture_take_still() does) and auto-capture turns
 *   itself off;
 * - "stills" (GListModel of #EkycStill): every still taken since the capture was created, kept
 *   across source errors, restarts and camera unplugs;
 * - "analysis-rate" (read-write, frames per second, default 15), "liveness-interval"
 *   (read-write, passive liveness on every Nth analysed face frame, default 3),
 * - "analyze-every-frame" (read-write, default FALSE): for recorded sources in tests and
 *   evaluation: no frame dropped, decoded as fast as the analysis goes (the streaming thread
 *   waits for the pool), so results do not depend on the machine's speed;
 * - "loop" (read-write, default FALSE): restart a recorded source at its end instead of stopping.
 *
 * Signals:
 * - "frame-analyzed" (EkycFrameAnalysis *): each analysis result, in frame order;
 * - "still-captured" (EkycStill *): a still was added to "stills" (manual or automatic);
 * - "eos": a recorded source ended, after its last "frame-analyzed" (state becomes STOPPED).
 */
EkycCapture       *ekyc_capture_new                       (EkycEngine *engine);

void               ekyc_capture_set_device                (EkycCapture *self, GstDevice *device);
void               ekyc_capture_set_source_description    (EkycCapture *self, const char *description);
void               ekyc_capture_set_file                  (EkycCapture *self, const char *path);
void               ekyc_capture_set_source                (EkycCapture *self, const char *source);
/* (transfer none): the monitor used to find the default camera and to notice unplugging. */
EkycCameraMonitor *ekyc_capture_get_camera_monitor        (EkycCapture *self);

/* Builds and starts the pipeline. Returns FALSE (and sets state ERROR) when it cannot even be
 * built: unknown element, bad description, missing file, not a media file, no camera. Errors
 * after that (the source fails to start, the camera is unplugged) arrive as state ERROR. */
gboolean           ekyc_capture_start                     (EkycCapture *self, GError **error);
void               ekyc_capture_stop                      (EkycCapture *self);

EkycCameraState    ekyc_capture_get_state                 (EkycCapture *self);
const GError      *ekyc_capture_get_error                 (EkycCapture *self);
EkycCapturePaintable *ekyc_capture_get_paintable          (EkycCapture *self);
void               ekyc_capture_set_mode                  (EkycCapture *self, EkycCaptureMode mode);
EkycCaptureMode    ekyc_capture_get_mode                  (EkycCapture *self);
/* In CARD mode, the side the step wants (UNKNOWN: either). A card seen surely from the other
 * side gives the hint SHOW_FRONT or SHOW_BACK and is not captured automatically. */
void               ekyc_capture_set_card_side             (EkycCapture *self, EkycCardSide side);
EkycCardSide       ekyc_capture_get_card_side             (EkycCapture *self);
/* (transfer none) (nullable) */
EkycFrameAnalysis *ekyc_capture_get_analysis              (EkycCapture *self);
EkycCaptureHint    ekyc_capture_get_hint                  (EkycCapture *self);
const char        *ekyc_capture_get_hint_message          (EkycCapture *self);
gboolean           ekyc_capture_get_good                  (EkycCapture *self);
gboolean           ekyc_capture_get_stable                (EkycCapture *self);
void               ekyc_capture_set_auto_capture          (EkycCapture *self, gboolean auto_capture);
gboolean           ekyc_capture_get_auto_capture          (EkycCapture *self);
void               ekyc_capture_set_analyze_every_frame   (EkycCapture *self, gboolean every);
void               ekyc_capture_set_loop                  (EkycCapture *self, gboolean loop);
void               ekyc_capture_set_analysis_rate         (EkycCapture *self, guint fps);
/* (transfer none): GListModel of EkycStill */
GListModel        *ekyc_capture_get_stills                (EkycCapture *self);

/**
 * ekyc_capture_take_still:
 * Captures now: the best frame (highest #EkycFrameAnalysis:quality) of the last second of
 * analysed frames, or the latest frame when nothing was analysed (mode NONE). The still is
 * appended to "stills" and "still-captured" is emitted.
 * Returns: (transfer none) (nullable): the still, or %NULL with @error when no frame arrived yet
 * (%EKYC_CAPTURE_ERROR_SOURCE_FAILED).
 */
EkycStill         *ekyc_capture_take_still                (EkycCapture *self, GError **error);

G_END_DECLS
