/* ekyc-capture.c — one capture source: pipeline state, preview frames, analysis results, stills
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-capture"
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <gst/app/gstappsink.h>
#include <gst/video/video.h>

#include "ekyc-capture-enum-types.h"
#include "ekyc-capture-private.h"

GST_DEBUG_CATEGORY (ekyc_capture_debug);

#define RECENT_MAX     16
#define RECENT_WINDOW  G_USEC_PER_SEC

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

  EkycFrameAnalysis    *analysis;
  GQueue                recent;        /* RecentFrame, oldest first */
  gint64                good_since_us;
  gboolean              stable;
  double                stable_duration;
  gboolean              auto_capture;
  GListStore           *stills;
};

G_DEFINE_FINAL_TYPE (EkycCapture, ekyc_capture, G_TYPE_OBJECT)

enum {
  PROP_0, PROP_ENGINE, PROP_STATE, PROP_ERROR, PROP_PAINTABLE, PROP_FRAME_WIDTH,
  PROP_FRAME_HEIGHT, PROP_FRAMES, PROP_MODE, PROP_ANALYSIS, PROP_HINT, PROP_HINT_MESSAGE,
  PROP_GOOD, PROP_STABLE, PROP_STABLE_DURATION, PROP_AUTO_CAPTURE, PROP_STILLS,
  PROP_ANALYSIS_RATE, PROP_LIVENESS_INTERVAL, PROP_ANALYZE_EVERY_FRAME, PROP_LOOP, N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_FRAME_ANALYZED, SIGNAL_STILL_CAPTURED, SIGNAL_EOS, N_SIGNALS };
static guint signals[N_SIGNALS];

/* What crosses from a worker or streaming thread to the main context. */
typedef struct {
  GWeakRef           capture;
  guint              generation;
  EkycImage         *image;
  EkycFrameAnalysis *analysis;
  gboolean           eos;
} Delivery;

static void
delivery_free (gpointer data)
{
  Delivery *d = data;

  g_weak_ref_clear (&d->capture);
  g_clear_pointer (&d->image, ekyc_image_unref);
  g_clear_pointer (&d->analysis, ekyc_frame_analysis_unref);
  g_free (d);
}

/* Always queued on the capture's context, never run in the calling thread (as
 * g_main_context_invoke would when the context happens to be free). */
static void
invoke_on_main (EkycCapture *self, GSourceFunc func, Delivery *delivery, GDestroyNotify notify)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, delivery, notify);
  g_source_set_static_name (source, "[ekyc-capture] delivery");
  g_source_attach (source, self->context);
}

static Delivery *
delivery_new (EkycCapture *self, guint generation)
{
  Delivery *d = g_new0 (Delivery, 1);

  g_weak_ref_init (&d->capture, self);
  d->generation = generation;
  return d;
}

static void
recent_frame_free (gpointer data)
{
  RecentFrame *f = data;

  g_clear_pointer (&f->image, ekyc_image_unref);
  g_clear_pointer (&f->analysis, ekyc_frame_analysis_unref);
  g_free (f);
}

static void
set_state (EkycCapture *self, EkycCameraState state)
{
  if (self->state == state)
    return;
  GST_INFO ("camera state %d → %d", self->state, state);
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
fail (EkycCapture *self, GError *error)
{
  g_object_freeze_notify (G_OBJECT (self));
  g_clear_error (&self->error);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
  /* Stop in place: frames and stills taken so far stay. */
  g_atomic_int_inc (&self->generation);
  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_NULL);
  set_state (self, error->code == EKYC_CAPTURE_ERROR_NO_DEVICE ? EKYC_CAMERA_STATE_NO_CAMERAS
                                                               : EKYC_CAMERA_STATE_ERROR);
  g_object_thaw_notify (G_OBJECT (self));
}

/* ---- preview: streaming thread → main context, latest frame wins ---- */

typedef struct {
  GstBuffer   *buffer;
  GstVideoFrame frame;
} MappedFrame;

static void
mapped_frame_free (gpointer data)
{
  MappedFrame *m = data;

  gst_video_frame_unmap (&m->frame);
  gst_buffer_unref (m->buffer);
  g_free (m);
}

static EkycImage *
image_from_sample (GstSample *sample)
{
  GstVideoInfo info;
  MappedFrame *m;
  EkycImage *image;

  if (!gst_video_info_from_caps (&info, gst_sample_get_caps (sample)))
    return NULL;
  m = g_new0 (MappedFrame, 1);
  m->buffer = gst_buffer_ref (gst_sample_get_buffer (sample));
  if (!gst_video_frame_map (&m->frame, &info, m->buffer, GST_MAP_READ))
    {
      gst_buffer_unref (m->buffer);
      g_free (m);
      return NULL;
    }
  /* Borrowed, not copied: the image unmaps and releases the buffer when its last user is done. */
  image = ekyc_image_new_from_memory (GST_VIDEO_FRAME_PLANE_DATA (&m->frame, 0),
                                      GST_VIDEO_FRAME_WIDTH (&m->frame),
                                      GST_VIDEO_FRAME_HEIGHT (&m->frame),
                                      GST_VIDEO_FRAME_PLANE_STRIDE (&m->frame, 0),
                                      EKYC_PIXEL_FORMAT_BGRA, mapped_frame_free, m, NULL);
  if (image == NULL)
    mapped_frame_free (m);
  return image;
}

static void
unref_image (gpointer data)
{
  ekyc_image_unref (data);
}

static GdkTexture *
texture_from_bgra (EkycImage *image)
{
  int height = ekyc_image_get_height (image);
  gsize stride = ekyc_image_get_stride (image);
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_bytes_new_with_free_func (ekyc_image_get_pixels (image), stride * height,
                                      unref_image, ekyc_image_ref (image));
  return gdk_memory_texture_new (ekyc_image_get_width (image), height, GDK_MEMORY_B8G8R8A8,
                                 bytes, stride);
}

static gboolean
deliver_preview (gpointer data)
{
  Delivery *d = data;
  g_autoptr(EkycCapture) self = g_weak_ref_get (&d->capture);
  g_autoptr(EkycImage) image = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width, height;

  if (self == NULL)
    return G_SOURCE_REMOVE;
  g_mutex_lock (&self->preview_lock);
  image = g_steal_pointer (&self->pending_preview);
  g_mutex_unlock (&self->preview_lock);
  if (image == NULL || d->generation != self->generation)
    return G_SOURCE_REMOVE;

  texture = texture_from_bgra (image);
  width = ekyc_image_get_width (image);
  height = ekyc_image_get_height (image);
  g_object_freeze_notify (G_OBJECT (self));
  g_clear_pointer (&self->latest_image, ekyc_image_unref);
  self->latest_image = g_steal_pointer (&image);
  ekyc_capture_paintable_set_texture (self->paintable, texture);
  if (width != self->frame_width)
    {
      self->frame_width = width;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAME_WIDTH]);
    }
  if (height != self->frame_height)
    {
      self->frame_height = height;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAME_HEIGHT]);
    }
  self->frames++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAMES]);
  if (self->state == EKYC_CAMERA_STATE_LOADING)
    set_state (self, EKYC_CAMERA_STATE_READY);
  g_object_thaw_notify (G_OBJECT (self));
  return G_SOURCE_REMOVE;
}

static GstFlowReturn
on_preview_sample (GstAppSink *sink, gpointer user_data)
{
  EkycCapture *self = user_data;
  g_autoptr(GstSample) sample = gst_app_sink_pull_sample (sink);
  EkycImage *image;
  gboolean schedule;

  if (sample == NULL)
    return GST_FLOW_EOS;
  image = image_from_sample (sample);
  if (image == NULL)
    return GST_FLOW_OK;
  g_mutex_lock (&self->preview_lock);
  schedule = self->pending_preview == NULL;
  g_clear_pointer (&self->pending_preview, ekyc_image_unref);
  self->pending_preview = image;
  g_mutex_unlock (&self->preview_lock);
  /* One delivery in flight at most: a busy main loop skips frames instead of queueing them. */
  if (schedule)
    invoke_on_main (self, deliver_preview,
                                delivery_new (self, g_atomic_int_get (&self->generation)),
                                delivery_free);
  return GST_FLOW_OK;
}

/* ---- analysis: latest frame wins on a one-thread pool ---- */

typedef struct {
  EkycImage       *image;
  guint64          frame_number;
  gint64           pts_us;
  EkycCaptureMode  mode;
  guint            mode_generation;
  guint            generation;
  guint            liveness_interval;
  gboolean         eos;
} Job;

static EkycStill *take_still (EkycCapture *self, gboolean automatic, GError **error);
static void apply_analysis (EkycCapture *self, EkycImage *image, EkycFrameAnalysis *analysis);
static void finish_eos (EkycCapture *self);

static gboolean
deliver_analysis (gpointer data)
{
  Delivery *d = data;
  g_autoptr(EkycCapture) self = g_weak_ref_get (&d->capture);

  if (self == NULL || d->generation != self->generation)
    {
      GST_LOG ("dropping a late analysis (generation %u, now %u)", d->generation,
               self ? self->generation : 0);
      return G_SOURCE_REMOVE;
    }
  if (d->eos)
    finish_eos (self);
  else
    apply_analysis (self, d->image, d->analysis);
  return G_SOURCE_REMOVE;
}

static void
run_job (gpointer data, gpointer user_data)
{
  Job *job = data;
  EkycCapture *self = user_data;
  Delivery *d = delivery_new (self, job->generation);

  if (job->eos)
    d->eos = TRUE;
  else
    {
      d->analysis = _ekyc_analyzer_run (self->analyzer, job->image, job->mode,
                                        job->mode_generation, job->liveness_interval);
      d->analysis->frame_number = job->frame_number;
      d->analysis->pts_us = job->pts_us;
      d->image = g_steal_pointer (&job->image);
    }
  invoke_on_main (self, deliver_analysis, d,
                              delivery_free);
  g_clear_pointer (&job->image, ekyc_image_unref);
  g_free (job);

  g_mutex_lock (&self->pool_lock);
  self->busy--;
  g_cond_broadcast (&self->pool_cond);
  g_mutex_unlock (&self->pool_lock);
}

static void
push_job (EkycCapture *self, Job *job, gboolean wait)
{
  g_mutex_lock (&self->pool_lock);
  self->busy++;
  g_mutex_unlock (&self->pool_lock);
  g_thread_pool_push (self->pool, job, NULL);
  if (!wait)
    return;
  /* Every frame analysed: hold the streaming thread until the worker is done. */
  g_mutex_lock (&self->pool_lock);
  while (self->busy > 0)
    g_cond_wait (&self->pool_cond, &self->pool_lock);
  g_mutex_unlock (&self->pool_lock);
}

static GstFlowReturn
on_analysis_sample (GstAppSink *sink, gpointer user_data)
{
  EkycCapture *self = user_data;
  g_autoptr(GstSample) sample = gst_app_sink_pull_sample (sink);
  EkycCaptureMode mode = g_atomic_int_get (&self->mode);
  gboolean every_frame = self->every_frame;
  GstSegment *segment;
  GstBuffer *buffer;
  Job *job;

  if (sample == NULL)
    return GST_FLOW_EOS;
  self->frames_in++;
  g_mutex_lock (&self->pool_lock);
  /* Latest wins: a frame that arrives while the worker is busy is dropped. */
  if (!every_frame && self->busy > 0)
    {
      g_mutex_unlock (&self->pool_lock);
      return GST_FLOW_OK;
    }
  g_mutex_unlock (&self->pool_lock);

  job = g_new0 (Job, 1);
  job->image = image_from_sample (sample);
  if (job->image == NULL)
    {
      g_free (job);
      return GST_FLOW_OK;
    }
  buffer = gst_sample_get_buffer (sample);
  segment = gst_sample_get_segment (sample);
  job->pts_us = GST_BUFFER_PTS_IS_VALID (buffer)
                ? (gint64) gst_segment_to_stream_time (segment, GST_FORMAT_TIME,
                                                       GST_BUFFER_PTS (buffer)) / GST_USECOND
                : g_get_monotonic_time ();
  job->frame_number = self->frames_in;
  job->mode = mode;
  job->mode_generation = g_atomic_int_get (&self->mode_generation);
  job->generation = g_atomic_int_get (&self->generation);
  job->liveness_interval = g_atomic_int_get (&self->liveness_interval);
  push_job (self, job, every_frame);
  return GST_FLOW_OK;
}

static void
apply_analysis (EkycCapture *self, EkycImage *image, EkycFrameAnalysis *analysis)
{
  RecentFrame *frame;
  gboolean stable;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->analysis == NULL || self->analysis->hint != analysis->hint)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HINT]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HINT_MESSAGE]);
    }
  if (self->analysis == NULL || self->analysis->good != analysis->good)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GOOD]);
  g_clear_pointer (&self->analysis, ekyc_frame_analysis_unref);
  self->analysis = ekyc_frame_analysis_ref (analysis);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYSIS]);
  ekyc_capture_paintable_set_analysis (self->paintable, analysis);

  frame = g_new0 (RecentFrame, 1);
  frame->image = ekyc_image_ref (image);
  frame->analysis = ekyc_frame_analysis_ref (analysis);
  g_queue_push_tail (&self->recent, frame);
  while (self->recent.length > RECENT_MAX
         || analysis->pts_us - ((RecentFrame *) g_queue_peek_head (&self->recent))->analysis->pts_us
            > RECENT_WINDOW)
    recent_frame_free (g_queue_pop_head (&self->recent));

  if (!analysis->good)
    self->good_since_us = -1;
  else if (self->good_since_us < 0)
    self->good_since_us = analysis->pts_us;
  stable = analysis->good
           && (analysis->pts_us - self->good_since_us) >= self->stable_duration * G_USEC_PER_SEC;
  if (stable != self->stable)
    {
      self->stable = stable;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STABLE]);
    }
  g_signal_emit (self, signals[SIGNAL_FRAME_ANALYZED], 0, analysis);
  if (stable && self->auto_capture)
    {
      EkycStill *still;

      ekyc_capture_set_auto_capture (self, FALSE);
      still = take_still (self, TRUE, NULL);
      GST_INFO ("auto-captured frame %" G_GUINT64_FORMAT,
                still ? ekyc_still_get_analysis (still)->frame_number : 0);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* ---- the pipeline's life ---- */

static void
finish_eos (EkycCapture *self)
{
  GST_INFO ("end of stream");
  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_NULL);
  g_atomic_int_inc (&self->generation);
  set_state (self, EKYC_CAMERA_STATE_STOPPED);
  g_signal_emit (self, signals[SIGNAL_EOS], 0);
}

static gboolean
on_bus_message (GstBus *bus, GstMessage *message, gpointer user_data)
{
  EkycCapture *self = user_data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      {
        g_autoptr(GError) gst_error = NULL;
        g_autofree char *debug = NULL;

        gst_message_parse_error (message, &gst_error, &debug);
        fail (self, _ekyc_capture_map_error (gst_error, debug,
                                             self->source_kind == SOURCE_FILE,
                                             self->source_kind == SOURCE_DEVICE
                                             || self->source_kind == SOURCE_DEFAULT,
                                             self->state == EKYC_CAMERA_STATE_READY));
        break;
      }
    case GST_MESSAGE_EOS:
      if (self->loop
          && gst_element_seek_simple (self->pipeline, GST_FORMAT_TIME,
                                      GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_KEY_UNIT, 0))
        break;
      /* After every analysis already queued, in order. */
      {
        Job *job = g_new0 (Job, 1);

        job->eos = TRUE;
        job->generation = self->generation;
        push_job (self, job, FALSE);
      }
      break;
    default:
      break;
    }
  return G_SOURCE_CONTINUE;
}

static void
on_device_removed (EkycCameraMonitor *monitor, GstDevice *device, gpointer user_data)
{
  EkycCapture *self = user_data;

  if (self->device != device || self->pipeline == NULL
      || (self->state != EKYC_CAMERA_STATE_READY && self->state != EKYC_CAMERA_STATE_LOADING))
    return;
  fail (self, g_error_new (EKYC_CAPTURE_ERROR, EKYC_CAPTURE_ERROR_DEVICE_LOST,
                           _("The camera was disconnected. Reconnect it or choose another "
                             "camera; the pictures taken so far are kept.")));
}

EkycCameraMonitor *
ekyc_capture_get_camera_monitor (EkycCapture *self)
{
  g_return_val_if_fail (EKYC_IS_CAPTURE (self), NULL);

  if (self->monitor == NULL)
    {
      self->monitor = ekyc_camera_monitor_new ();
      g_signal_connect_object (self->monitor, "device-removed", G_CALLBACK (on_device_removed),
                               self, 0);
    }
  return self->monitor;
}

static void
set_source (EkycCapture *self, SourceKind kind, GstDevice *device, const char *source)
{
  ekyc_capture_stop (self);
  self->source_kind = kind;
  g_set_object (&self->device, device);
  g_free (self->source);
  self->source = g_strdup (source);
}

void
ekyc_capture_set_device (EkycCapture *self, GstDevice *device)
{
  g_return_if_fail (EKYC_IS_CAPTURE (self));
  g_return_if_fail (device == NULL || GST_IS_DEVICE (device));

  set_source (self, device ? SOURCE_DEVICE : SOURCE_DEFAULT, device, NULL);
}

void
ekyc_capture_set_source_description (EkycCapture *self, const char *description)
{
  g_return_if_fail (EKYC_IS_CAPTURE (self));
  g_return_if_fail (description != NULL);

  set_source (self, SOURCE_DESCRIPTION, NULL, description);
}

void
ekyc_capture_set_file (EkycCapture *self, const char *path)
{
  g_return_if_fail (EKYC_IS_CAPTURE (self));
  g_return_if_fail (path != NULL);

  set_source (self, SOURCE_FILE, NULL, path);
}

void
ekyc_capture_set_source (EkycCapture *self, const char *source)
{
  g_return_if_fail (EKYC_IS_CAPTURE (self));

  if (source == NULL || *source == '\0')
    ekyc_capture_set_device (self, NULL);
  else if (g_file_test (source, G_FILE_TEST_EXISTS)
           || (strchr (source, ' ') == NULL && strchr (source, '!') == NULL
               && strchr (source, '/') != NULL))
    ekyc_capture_set_file (self, source);
  else
    ekyc_capture_set_source_description (self, source);
}

static GstElement *
make_source (EkycCapture *self, GError **error)
{
  g_autoptr(GstDevice) device = NULL;
  GstElement *element;

  switch (self->source_kind)
    {
    case SOURCE_DESCRIPTION:
      return _ekyc_capture_description_source (self->source, error);
    case SOURCE_FILE:
      return _ekyc_capture_file_source (self->source, error);
    case SOURCE_DEVICE:
      device = g_object_ref (self->device);
      break;
    case SOURCE_DEFAULT:
    default:
      device = ekyc_camera_monitor_find (ekyc_capture_get_camera_monitor (self), NULL);
      g_set_object (&self->device, device);
      break;
    }
  if (device == NULL)
    {
      g_set_error (error, EKYC_CAPTURE_ERROR, EKYC_CAPTURE_ERROR_NO_DEVICE,
                   _("No camera is connected. Connect a camera, or import the document from a "
                     "file."));
      return NULL;
    }
  element = gst_device_create_element (device, NULL);
  if (element == NULL)
    g_set_error (error, EKYC_CAPTURE_ERROR, EKYC_CAPTURE_ERROR_SOURCE_FAILED,
                 _("The camera “%s” cannot be opened."), gst_device_get_display_name (device));
  return element;
}

gboolean
ekyc_capture_start (EkycCapture *self, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GstBus) bus = NULL;
  GstAppSinkCallbacks preview_callbacks = { .new_sample = on_preview_sample };
  GstAppSinkCallbacks analysis_callbacks = { .new_sample = on_analysis_sample };
  GstElement *source;

  g_return_val_if_fail (EKYC_IS_CAPTURE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ekyc_capture_stop (self);
  g_object_freeze_notify (G_OBJECT (self));
  if (self->error != NULL)
    {
      g_clear_error (&self->error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
  set_state (self, EKYC_CAMERA_STATE_LOADING);
  source = make_source (self, &local_error);
  if (source != NULL)
    self->pipeline = _ekyc_capture_build_pipeline (source, self->every_frame,
                                                   self->analysis_rate, &local_error);
  if (self->pipeline == NULL)
    {
      if (error != NULL)
        *error = g_error_copy (local_error);
      fail (self, g_steal_pointer (&local_error));
      g_object_thaw_notify (G_OBJECT (self));
      return FALSE;
    }
  gst_object_ref_sink (self->pipeline);
  self->frames_in = 0;
  self->good_since_us = -1;

  sink = gst_bin_get_by_name (GST_BIN (self->pipeline), "preview");
  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &preview_callbacks, self, NULL);
  gst_clear_object (&sink);
  sink = gst_bin_get_by_name (GST_BIN (self->pipeline), "analysis");
  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &analysis_callbacks, self, NULL);

  bus = gst_element_get_bus (self->pipeline);
  self->bus_watch = gst_bus_add_watch (bus, on_bus_message, self);
  GST_INFO ("starting %s", self->source ? self->source : "the default camera");
  if (gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    GST_INFO ("the pipeline refused to start; its error message follows on the bus");
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

void
ekyc_capture_stop (EkycCapture *self)
{
  g_return_if_fail (EKYC_IS_CAPTURE (self));

  if (self->pipeline == NULL)
    return;
  g_atomic_int_inc (&self->generation);
  gst_element_set_state (self->pipeline, GST_STATE_NULL);
  g_clear_handle_id (&self->bus_watch, g_source_remove);
  gst_clear_object (&self->pipeline);
  g_mutex_lock (&self->preview_lock);
  g_clear_pointer (&self->pending_preview, ekyc_image_unref);
  g_mutex_unlock (&self->preview_lock);
  g_queue_clear_full (&self->recent, recent_frame_free);
  if (self->state == EKYC_CAMERA_STATE_LOADING || self->state == EKYC_CAMERA_STATE_READY)
    set_state (self, EKYC_CAMERA_STATE_STOPPED);
}

static EkycStill *
take_still (EkycCapture *self, gboolean automatic, GError **error)
{
  g_autoptr(EkycStill) still = NULL;
  RecentFrame *best = NULL;
  g_autofree char *name = NULL;

  for (GList *l = self->recent.head; l != NULL; l = l->next)
    {
      RecentFrame *f = l->data;

      if (best == NULL || f->analysis->quality >= best->analysis->quality)
        best = f;
    }
  name = self->source ? g_strdup (self->source)
                      : self->device ? gst_device_get_display_name (self->device) : NULL;
  if (best != NULL && self->mode != EKYC_CAPTURE_MODE_NONE)
    still = ekyc_still_new_from_image (best->image, best->analysis, automatic, name);
  else if (self->latest_image != NULL)
    still = ekyc_still_new_from_image (self->latest_image, NULL, FALSE, name);
  else
    {
      g_set_error (error, EKYC_CAPTURE_ERROR, EKYC_CAPTURE_ERROR_SOURCE_FAILED,
                   _("No picture yet: wait for the camera to show the preview."));
      return NULL;
    }
  g_list_store_append (self->stills, still);
  g_signal_emit (self, signals[SIGNAL_STILL_CAPTURED], 0, still);
  return still;
}

EkycStill *
ekyc_capture_take_still (EkycCapture *self, GError **error)
{
  g_return_val_if_fail (EKYC_IS_CAPTURE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return take_still (self, FALSE, error);
}

/* ---- properties ---- */

EkycCapture *
ekyc_capture_new (EkycEngine *engine)
{
  return g_object_new (EKYC_TYPE_CAPTURE, "engine", engine, NULL);
}

EkycCameraState
ekyc_capture_get_state (EkycCapture *self)
{
  g_return_val_if_fail (EKYC_IS_CAPTURE (self), EKYC_CAMERA_STATE_ERROR);
  return self->state;
}

const GError *
ekyc_capture_get_error (EkycCapture *self)
{
  g_return_val_if_fail (EKYC_IS_CAPTURE (self), NULL);
  return self->error;
}

EkycCapturePaintable *
ekyc_capture_get_paintable (EkycCapture *self)
{
  g_return_val_if_fail (EKYC_IS_CAPTURE (self), NULL);
  return self->paintable;
}

void
ekyc_capture_set_mode (EkycCapture *self, EkycCaptureMode mode)
{
  g_return_if_fail (EKYC_IS_CAPTURE (self));
  g_return_if_fail (mode <= EKYC_CAPTURE_MODE_FACE);

  if (self->mode == mode)
    return;
  g_atomic_int_set (&self->mode, mode);
  g_atomic_int_inc (&self->mode_generation);
  self->good_since_us = -1;
  g_queue_clear_full (&self->recent, recent_frame_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

EkycCaptureMode
ekyc_capture_get_mode (EkycCapture *self)
{
  g_return_val_if_fail (EKYC_IS_CAPTURE (self), EKYC_CAPTURE_MODE_NONE);
  return self->mode;
}

EkycFrameAnalysis *
ekyc_capture_get_analysis (EkycCapture *self)
{
  g_return_val_if_fail (EKYC_IS_CAPTURE (self), NULL);
  return self->analysis;
}

EkycCaptureHint
ekyc_capture_get_hint (EkycCapture *self)
{
  g_return_val_if_fail (EKYC_IS_CAPTURE (self), EKYC_CAPTURE_HINT_NONE);
  return self->analysis ? self->analysis->hint : EKYC_CAPTURE_HINT_NONE;
}

const char *
ekyc_capture_get_hint_message (EkycCapture *self)
{
  g_return_val_if_fail (EKYC_IS_CAPTURE (self), "");
  return ekyc_capture_hint_get_message (ekyc_capture_get_hint (self));
}

gboolean
ekyc_capture_get_good (EkycCapture *self)
{
  g_return_val_if_fail (EKYC_IS_CAPTURE (self), FALSE);
  return self->analysis != NULL && self->analysis->good;
}

gboolean
ekyc_capture_get_stable (EkycCapture *self)
{
  g_return_val_if_fail (EKYC_IS_CAPTURE (self), FALSE);
  return self->stable;
}

void
ekyc_capture_set_auto_capture (EkycCapture *self, gboolean auto_capture)
{
  g_return_if_fail (EKYC_IS_CAPTURE (self));

  auto_capture = !!auto_capture;
  if (self->auto_capture == auto_capture)
    return;
  self->auto_capture = auto_capture;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_CAPTURE]);
}

gboolean
ekyc_capture_get_auto_capture (EkycCapture *self)
{
  g_return_val_if_fail (EKYC_IS_CAPTURE (self), FALSE);
  return self->auto_capture;
}

void
ekyc_capture_set_analyze_every_frame (EkycCapture *self, gboolean every)
{
  g_return_if_fail (EKYC_IS_CAPTURE (self));

  every = !!every;
  if (self->every_frame == every)
    return;
  self->every_frame = every;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYZE_EVERY_FRAME]);
}

void
ekyc_capture_set_loop (EkycCapture *self, gboolean loop)
{
  g_return_if_fail (EKYC_IS_CAPTURE (self));

  loop = !!loop;
  if (self->loop == loop)
    return;
  self->loop = loop;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOOP]);
}

void
ekyc_capture_set_analysis_rate (EkycCapture *self, guint fps)
{
  g_return_if_fail (EKYC_IS_CAPTURE (self));
  g_return_if_fail (fps >= 1);

  if (self->analysis_rate == fps)
    return;
  self->analysis_rate = fps;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYSIS_RATE]);
}

GListModel *
ekyc_capture_get_stills (EkycCapture *self)
{
  g_return_val_if_fail (EKYC_IS_CAPTURE (self), NULL);
  return G_LIST_MODEL (self->stills);
}

static void
ekyc_capture_dispose (GObject *object)
{
  EkycCapture *self = EKYC_CAPTURE (object);

  ekyc_capture_stop (self);
  if (self->pool != NULL)
    {
      /* Waits for the job in progress; the queued ones are dropped. */
      g_thread_pool_free (self->pool, TRUE, TRUE);
      self->pool = NULL;
    }
  g_clear_pointer (&self->analyzer, _ekyc_analyzer_free);
  g_clear_object (&self->monitor);
  g_clear_object (&self->device);
  g_clear_object (&self->paintable);
  g_clear_object (&self->stills);
  G_OBJECT_CLASS (ekyc_capture_parent_class)->dispose (object);
}

static void
ekyc_capture_finalize (GObject *object)
{
  EkycCapture *self = EKYC_CAPTURE (object);

  g_clear_pointer (&self->source, g_free);
  g_clear_error (&self->error);
  g_clear_pointer (&self->analysis, ekyc_frame_analysis_unref);
  g_clear_pointer (&self->latest_image, ekyc_image_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->preview_lock);
  g_mutex_clear (&self->pool_lock);
  g_cond_clear (&self->pool_cond);
  G_OBJECT_CLASS (ekyc_capture_parent_class)->finalize (object);
}

static void
ekyc_capture_constructed (GObject *object)
{
  EkycCapture *self = EKYC_CAPTURE (object);

  G_OBJECT_CLASS (ekyc_capture_parent_class)->constructed (object);
  self->analyzer = _ekyc_analyzer_new (self->engine);
  self->pool = g_thread_pool_new (run_job, self, 1, FALSE, NULL);
}

static void
ekyc_capture_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  EkycCapture *self = EKYC_CAPTURE (object);

  switch (prop_id)
    {
    case PROP_ENGINE: g_value_set_pointer (value, self->engine); break;
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_ERROR: g_value_set_boxed (value, self->error); break;
    case PROP_PAINTABLE: g_value_set_object (value, self->paintable); break;
    case PROP_FRAME_WIDTH: g_value_set_int (value, self->frame_width); break;
    case PROP_FRAME_HEIGHT: g_value_set_int (value, self->frame_height); break;
    case PROP_FRAMES: g_value_set_uint64 (value, self->frames); break;
    case PROP_MODE: g_value_set_enum (value, self->mode); break;
    case PROP_ANALYSIS: g_value_set_boxed (value, self->analysis); break;
    case PROP_HINT: g_value_set_enum (value, ekyc_capture_get_hint (self)); break;
    case PROP_HINT_MESSAGE: g_value_set_string (value, ekyc_capture_get_hint_message (self)); break;
    case PROP_GOOD: g_value_set_boolean (value, ekyc_capture_get_good (self)); break;
    case PROP_STABLE: g_value_set_boolean (value, self->stable); break;
    case PROP_STABLE_DURATION: g_value_set_double (value, self->stable_duration); break;
    case PROP_AUTO_CAPTURE: g_value_set_boolean (value, self->auto_capture); break;
    case PROP_STILLS: g_value_set_object (value, self->stills); break;
    case PROP_ANALYSIS_RATE: g_value_set_uint (value, self->analysis_rate); break;
    case PROP_LIVENESS_INTERVAL: g_value_set_uint (value, self->liveness_interval); break;
    case PROP_ANALYZE_EVERY_FRAME: g_value_set_boolean (value, self->every_frame); break;
    case PROP_LOOP: g_value_set_boolean (value, self->loop); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekyc_capture_set_property (GObject *object, guint prop_id, const GValue *value,
                           GParamSpec *pspec)
{
  EkycCapture *self = EKYC_CAPTURE (object);

  switch (prop_id)
    {
    case PROP_ENGINE: self->engine = g_value_get_pointer (value); break;
    case PROP_MODE: ekyc_capture_set_mode (self, g_value_get_enum (value)); break;
    case PROP_STABLE_DURATION:
      if (self->stable_duration != g_value_get_double (value))
        {
          self->stable_duration = g_value_get_double (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_AUTO_CAPTURE: ekyc_capture_set_auto_capture (self, g_value_get_boolean (value)); break;
    case PROP_ANALYSIS_RATE: ekyc_capture_set_analysis_rate (self, g_value_get_uint (value)); break;
    case PROP_LIVENESS_INTERVAL:
      if (self->liveness_interval != g_value_get_uint (value))
        {
          g_atomic_int_set (&self->liveness_interval, g_value_get_uint (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_ANALYZE_EVERY_FRAME:
      ekyc_capture_set_analyze_every_frame (self, g_value_get_boolean (value));
      break;
    case PROP_LOOP: ekyc_capture_set_loop (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekyc_capture_class_init (EkycCaptureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = ekyc_capture_constructed;
  object_class->dispose = ekyc_capture_dispose;
  object_class->finalize = ekyc_capture_finalize;
  object_class->get_property = ekyc_capture_get_property;
  object_class->set_property = ekyc_capture_set_property;

  properties[PROP_ENGINE] = g_param_spec_pointer ("engine", NULL, NULL,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                                  | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, EKYC_TYPE_CAMERA_STATE,
                                              EKYC_CAMERA_STATE_STOPPED, ro);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  properties[PROP_PAINTABLE] = g_param_spec_object ("paintable", NULL, NULL,
                                                    EKYC_TYPE_CAPTURE_PAINTABLE, ro);
  properties[PROP_FRAME_WIDTH] = g_param_spec_int ("frame-width", NULL, NULL, 0, G_MAXINT, 0, ro);
  properties[PROP_FRAME_HEIGHT] = g_param_spec_int ("frame-height", NULL, NULL, 0, G_MAXINT, 0,
                                                    ro);
  properties[PROP_FRAMES] = g_param_spec_uint64 ("frames", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_MODE] = g_param_spec_enum ("mode", NULL, NULL, EKYC_TYPE_CAPTURE_MODE,
                                             EKYC_CAPTURE_MODE_NONE, rw);
  properties[PROP_ANALYSIS] = g_param_spec_boxed ("analysis", NULL, NULL,
                                                  EKYC_TYPE_FRAME_ANALYSIS, ro);
  properties[PROP_HINT] = g_param_spec_enum ("hint", NULL, NULL, EKYC_TYPE_CAPTURE_HINT,
                                             EKYC_CAPTURE_HINT_NONE, ro);
  properties[PROP_HINT_MESSAGE] = g_param_spec_string ("hint-message", NULL, NULL, "", ro);
  properties[PROP_GOOD] = g_param_spec_boolean ("good", NULL, NULL, FALSE, ro);
  properties[PROP_STABLE] = g_param_spec_boolean ("stable", NULL, NULL, FALSE, ro);
  properties[PROP_STABLE_DURATION] = g_param_spec_double ("stable-duration", NULL, NULL, 0, 60,
                                                          0.8, rw);
  properties[PROP_AUTO_CAPTURE] = g_param_spec_boolean ("auto-capture", NULL, NULL, FALSE, rw);
  properties[PROP_STILLS] = g_param_spec_object ("stills", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_ANALYSIS_RATE] = g_param_spec_uint ("analysis-rate", NULL, NULL, 1, 120, 15,
                                                      rw);
  properties[PROP_LIVENESS_INTERVAL] = g_param_spec_uint ("liveness-interval", NULL, NULL, 0,
                                                          1000, 3, rw);
  properties[PROP_ANALYZE_EVERY_FRAME] = g_param_spec_boolean ("analyze-every-frame", NULL, NULL,
                                                               FALSE, rw);
  properties[PROP_LOOP] = g_param_spec_boolean ("loop", NULL, NULL, FALSE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_FRAME_ANALYZED] =
    g_signal_new ("frame-analyzed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, EKYC_TYPE_FRAME_ANALYSIS | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[SIGNAL_STILL_CAPTURED] =
    g_signal_new ("still-captured", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, EKYC_TYPE_STILL);
  signals[SIGNAL_EOS] =
    g_signal_new ("eos", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  if (!gst_is_initialized ())
    gst_init (NULL, NULL);
  GST_DEBUG_CATEGORY_INIT (ekyc_capture_debug, "ekyc-capture", 0, "eKYC camera capture");
}

static void
ekyc_capture_init (EkycCapture *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->paintable = ekyc_capture_paintable_new ();
  self->stills = g_list_store_new (EKYC_TYPE_STILL);
  self->analysis_rate = 15;
  self->liveness_interval = 3;
  self->stable_duration = 0.8;
  self->good_since_us = -1;
  g_mutex_init (&self->preview_lock);
  g_mutex_init (&self->pool_lock);
  g_cond_init (&self->pool_cond);
}
