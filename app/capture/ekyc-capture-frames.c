/* ekyc-capture-frames.c — frames from the streaming threads to the main context: preview
 * textures, the latest-wins analysis pool, stability, stills
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-capture"
#include "config.h"

#include <glib/gi18n.h>
#include <gst/video/video.h>

#include "ekyc-capture-private.h"

#define RECENT_MAX     16
#define RECENT_WINDOW  G_USEC_PER_SEC

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
      g_object_notify_by_pspec (G_OBJECT (self), _ekyc_capture_props[PROP_FRAME_WIDTH]);
    }
  if (height != self->frame_height)
    {
      self->frame_height = height;
      g_object_notify_by_pspec (G_OBJECT (self), _ekyc_capture_props[PROP_FRAME_HEIGHT]);
    }
  self->frames++;
  g_object_notify_by_pspec (G_OBJECT (self), _ekyc_capture_props[PROP_FRAMES]);
  if (self->state == EKYC_CAMERA_STATE_LOADING)
    _ekyc_capture_set_state (self, EKYC_CAMERA_STATE_READY);
  g_object_thaw_notify (G_OBJECT (self));
  return G_SOURCE_REMOVE;
}

GstFlowReturn
_ekyc_capture_on_preview_sample (GstAppSink *sink, gpointer user_data)
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
  EkycCardSide     card_side;
  guint            mode_generation;
  guint            generation;
  guint            liveness_interval;
  gboolean         eos;
} Job;

static void apply_analysis (EkycCapture *self, EkycImage *image, EkycFrameAnalysis *analysis);

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
    _ekyc_capture_finish_eos (self);
  else
    apply_analysis (self, d->image, d->analysis);
  return G_SOURCE_REMOVE;
}

void
_ekyc_capture_run_job (gpointer data, gpointer user_data)
{
  Job *job = data;
  EkycCapture *self = user_data;
  Delivery *d = delivery_new (self, job->generation);

  if (job->eos)
    d->eos = TRUE;
  else
    {
      d->analysis = _ekyc_analyzer_run (self->analyzer, job->image, job->mode, job->card_side,
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

GstFlowReturn
_ekyc_capture_on_analysis_sample (GstAppSink *sink, gpointer user_data)
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
  job->card_side = g_atomic_int_get (&self->card_side);
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
      g_object_notify_by_pspec (G_OBJECT (self), _ekyc_capture_props[PROP_HINT]);
      g_object_notify_by_pspec (G_OBJECT (self), _ekyc_capture_props[PROP_HINT_MESSAGE]);
    }
  if (self->analysis == NULL || self->analysis->good != analysis->good)
    g_object_notify_by_pspec (G_OBJECT (self), _ekyc_capture_props[PROP_GOOD]);
  g_clear_pointer (&self->analysis, ekyc_frame_analysis_unref);
  self->analysis = ekyc_frame_analysis_ref (analysis);
  g_object_notify_by_pspec (G_OBJECT (self), _ekyc_capture_props[PROP_ANALYSIS]);
  ekyc_capture_paintable_set_analysis (self->paintable, analysis);

  frame = g_new0 (RecentFrame, 1);
  frame->image = ekyc_image_ref (image);
  frame->analysis = ekyc_frame_analysis_ref (analysis);
  g_queue_push_tail (&self->recent, frame);
  while (self->recent.length > RECENT_MAX
         || analysis->pts_us - ((RecentFrame *) g_queue_peek_head (&self->recent))->analysis->pts_us
            > RECENT_WINDOW)
    _ekyc_capture_recent_frame_free (g_queue_pop_head (&self->recent));

  if (!analysis->good)
    self->good_since_us = -1;
  else if (self->good_since_us < 0)
    self->good_since_us = analysis->pts_us;
  stable = analysis->good
           && (analysis->pts_us - self->good_since_us) >= self->stable_duration * G_USEC_PER_SEC;
  if (stable != self->stable)
    {
      self->stable = stable;
      g_object_notify_by_pspec (G_OBJECT (self), _ekyc_capture_props[PROP_STABLE]);
    }
  g_signal_emit (self, _ekyc_capture_signals[SIGNAL_FRAME_ANALYZED], 0, analysis);
  if (stable && self->auto_capture)
    {
      EkycStill *still;

      ekyc_capture_set_auto_capture (self, FALSE);
      still = _ekyc_capture_take_still (self, TRUE, NULL);
      GST_INFO ("auto-captured frame %" G_GUINT64_FORMAT,
                still ? ekyc_still_get_analysis (still)->frame_number : 0);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

EkycStill *
_ekyc_capture_take_still (EkycCapture *self, gboolean automatic, GError **error)
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
  g_signal_emit (self, _ekyc_capture_signals[SIGNAL_STILL_CAPTURED], 0, still);
  return still;
}


void
_ekyc_capture_push_eos (EkycCapture *self)
{
  Job *job = g_new0 (Job, 1);

  job->eos = TRUE;
  job->generation = self->generation;
  push_job (self, job, FALSE);
}
