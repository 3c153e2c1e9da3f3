/* ekyc-capture-private.h — what the capture's files share: the instance, the pipeline, the worker
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gst/gst.h>
#include <gst/app/gstappsink.h>

#include "ekyc-capture.h"

G_BEGIN_DECLS

GST_DEBUG_CATEGORY_EXTERN (ekyc_capture_debug);
#define GST_CAT_DEFAULT ekyc_capture_debug

/* The worker's state: touched only by the one pool thread (and freed after the pool). */
typedef struct _EkycAnalyzer EkycAnalyzer;

typedef enum { SOURCE_DEFAULT, SOURCE_DEVICE, SOURCE_DESCRIPTION, SOURCE_FILE } SourceKind;

/* A frame with its pixels, as the pool and the still ring hold it. */
typedef struct {
  EkycImage         *image;
  EkycFrameAnalysis *analysis;
} RecentFrame;

struct _EkycCapture
{
  GObject               parent_instance;
  EkycEngine           *engine;
  GMainContext         *context;

  SourceKind            source_kind;
  GstDevice            *device;
  char                 *source;        /* description or path */
  EkycCameraMonitor    *monitor;

  GstElement           *pipeline;
  guint                 bus_watch;
  guint                 generation;    /* bumped on each start: late results are dropped */
  EkycCameraState       state;
  GError               *error;
  gboolean              every_frame;
  gboolean              loop;
  guint                 analysis_rate;
  guint                 liveness_interval;

  EkycCapturePaintable *paintable;
  int                   frame_width, frame_height;
  guint64               frames;
  EkycImage            *latest_image;
  GMutex                preview_lock;  /* guards pending_preview */
  EkycImage            *pending_preview;
  guint64               frames_in;     /* streaming thread only */

  GThreadPool          *pool;
  EkycAnalyzer         *analyzer;
  GMutex                pool_lock;     /* guards busy, with pool_cond */
  GCond                 pool_cond;
  guint                 busy;
  guint                 mode_generation;
  EkycCaptureMode       mode;          /* read by the streaming thread: atomic */
  EkycCardSide          card_side;     /* the side wanted in CARD mode: atomic */

  EkycFrameAnalysis    *analysis;
  GQueue                recent;        /* RecentFrame, oldest first */
  gint64                good_since_us;
  gboolean              stable;
  double                stable_duration;
  gboolean              auto_capture;
  GListStore           *stills;
};

enum {
  PROP_0, PROP_ENGINE, PROP_STATE, PROP_ERROR, PROP_PAINTABLE, PROP_FRAME_WIDTH,
  PROP_FRAME_HEIGHT, PROP_FRAMES, PROP_MODE, PROP_ANALYSIS, PROP_HINT, PROP_HINT_MESSAGE,
  PROP_GOOD, PROP_STABLE, PROP_STABLE_DURATION, PROP_AUTO_CAPTURE, PROP_STILLS,
  PROP_ANALYSIS_RATE, PROP_LIVENESS_INTERVAL, PROP_ANALYZE_EVERY_FRAME, PROP_LOOP, N_PROPS
};
extern GParamSpec *_ekyc_capture_props[N_PROPS];

enum { SIGNAL_FRAME_ANALYZED, SIGNAL_STILL_CAPTURED, SIGNAL_EOS, N_SIGNALS };
extern guint _ekyc_capture_signals[N_SIGNALS];

/* ekyc-capture.c */
void        _ekyc_capture_set_state          (EkycCapture *self, EkycCameraState state);
void        _ekyc_capture_finish_eos         (EkycCapture *self);
void        _ekyc_capture_recent_frame_free  (gpointer data);

/* ekyc-capture-frames.c: the streaming threads' callbacks, the worker, the deliveries */
GstFlowReturn _ekyc_capture_on_preview_sample  (GstAppSink *sink, gpointer user_data);
GstFlowReturn _ekyc_capture_on_analysis_sample (GstAppSink *sink, gpointer user_data);
void        _ekyc_capture_run_job            (gpointer data, gpointer user_data);
/* Queues an end-of-stream marker behind the analyses in flight. */
void        _ekyc_capture_push_eos           (EkycCapture *self);
EkycStill  *_ekyc_capture_take_still         (EkycCapture *self, gboolean automatic,
                                              GError **error);

EkycAnalyzer      *_ekyc_analyzer_new     (EkycEngine *engine);
void               _ekyc_analyzer_free    (EkycAnalyzer *analyzer);
/* Analyses @image as @mode (a card: expecting @card_side); resets the tracking when @mode or
 * @reset changed since the last call. */
EkycFrameAnalysis *_ekyc_analyzer_run     (EkycAnalyzer *analyzer, EkycImage *image,
                                           EkycCaptureMode mode, EkycCardSide card_side,
                                           guint reset, guint liveness_interval);

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
