/* ekyc-capture.c — one capture source: its pipeline, state, errors and properties
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

G_DEFINE_FINAL_TYPE (EkycCapture, ekyc_capture, G_TYPE_OBJECT)

GParamSpec *_ekyc_capture_props[N_PROPS];
guint _ekyc_capture_signals[N_SIGNALS];

void
_ekyc_capture_recent_frame_free (gpointer data)
{
  RecentFrame *f = data;

  g_clear_pointer (&f->image, ekyc_image_unref);
  g_clear_pointer (&f->analysis, ekyc_frame_analysis_unref);
  g_free (f);
}

void
_ekyc_capture_set_state (EkycCapture *self, EkycCameraState state)
{
  if (self->state == state)
    return;
  GST_INFO ("camera state %d → %d", self->state, state);
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), _ekyc_capture_props[PROP_STATE]);
}

static void
fail (EkycCapture *self, GError *error)
{
  g_object_freeze_notify (G_OBJECT (self));
  g_clear_error (&self->error);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), _ekyc_capture_props[PROP_ERROR]);
  /* Stop in place: frames and stills taken so far stay. */
  g_atomic_int_inc (&self->generation);
  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_NULL);
  _ekyc_capture_set_state (self, error->code == EKYC_CAPTURE_ERROR_NO_DEVICE ? EKYC_CAMERA_STATE_NO_CAMERAS
                                                               : EKYC_CAMERA_STATE_ERROR);
  g_object_thaw_notify (G_OBJECT (self));
}

/* ---- the pipeline's life ---- */

void
_ekyc_capture_finish_eos (EkycCapture *self)
{
  GST_INFO ("end of stream");
  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_NULL);
  g_atomic_int_inc (&self->generation);
  _ekyc_capture_set_state (self, EKYC_CAMERA_STATE_STOPPED);
  g_signal_emit (self, _ekyc_capture_signals[SIGNAL_EOS], 0);
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
                                             /* A description is a camera too
                                              * ("v4l2src device=…"): live once it ran. */
                                             self->source_kind != SOURCE_FILE,
                                             self->state == EKYC_CAMERA_STATE_READY));
        break;
      }
    case GST_MESSAGE_EOS:
      if (self->loop
          && gst_element_seek_simple (self->pipeline, GST_FORMAT_TIME,
                                      GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_KEY_UNIT, 0))
        break;
      /* After every analysis already queued, in order. */
      _ekyc_capture_push_eos (self);
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
  GstAppSinkCallbacks preview_callbacks = { .new_sample = _ekyc_capture_on_preview_sample };
  GstAppSinkCallbacks analysis_callbacks = { .new_sample = _ekyc_capture_on_analysis_sample };
  GstElement *source;

  g_return_val_if_fail (EKYC_IS_CAPTURE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ekyc_capture_stop (self);
  g_object_freeze_notify (G_OBJECT (self));
  if (self->error != NULL)
    {
      g_clear_error (&self->error);
      g_object_notify_by_pspec (G_OBJECT (self), _ekyc_capture_props[PROP_ERROR]);
    }
  _ekyc_capture_set_state (self, EKYC_CAMERA_STATE_LOADING);
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
  g_queue_clear_full (&self->recent, _ekyc_capture_recent_frame_free);
  if (self->state == EKYC_CAMERA_STATE_LOADING || self->state == EKYC_CAMERA_STATE_READY)
    _ekyc_capture_set_state (self, EKYC_CAMERA_STATE_STOPPED);
}

EkycStill *
ekyc_capture_take_still (EkycCapture *self, GError **error)
{
  g_return_val_if_fail (EKYC_IS_CAPTURE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _ekyc_capture_take_still (self, FALSE, error);
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
  g_queue_clear_full (&self->recent, _ekyc_capture_recent_frame_free);
  g_object_notify_by_pspec (G_OBJECT (self), _ekyc_capture_props[PROP_MODE]);
}

void
ekyc_capture_set_card_side (EkycCapture *self, EkycCardSide side)
{
  g_return_if_fail (EKYC_IS_CAPTURE (self));
  g_return_if_fail (side <= EKYC_CARD_SIDE_BACK);

  if ((EkycCardSide) g_atomic_int_get (&self->card_side) == side)
    return;
  g_atomic_int_set (&self->card_side, side);
  /* Like a new mode: what was stable for the other side is not for this one. */
  g_atomic_int_inc (&self->mode_generation);
  self->good_since_us = -1;
  g_queue_clear_full (&self->recent, _ekyc_capture_recent_frame_free);
}

EkycCardSide
ekyc_capture_get_card_side (EkycCapture *self)
{
  g_return_val_if_fail (EKYC_IS_CAPTURE (self), EKYC_CARD_SIDE_UNKNOWN);
  return g_atomic_int_get (&self->card_side);
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
  g_object_notify_by_pspec (G_OBJECT (self), _ekyc_capture_props[PROP_AUTO_CAPTURE]);
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
  g_object_notify_by_pspec (G_OBJECT (self), _ekyc_capture_props[PROP_ANALYZE_EVERY_FRAME]);
}

void
ekyc_capture_set_loop (EkycCapture *self, gboolean loop)
{
  g_return_if_fail (EKYC_IS_CAPTURE (self));

  loop = !!loop;
  if (self->loop == loop)
    return;
  self->loop = loop;
  g_object_notify_by_pspec (G_OBJECT (self), _ekyc_capture_props[PROP_LOOP]);
}

void
ekyc_capture_set_analysis_rate (EkycCapture *self, guint fps)
{
  g_return_if_fail (EKYC_IS_CAPTURE (self));
  g_return_if_fail (fps >= 1);

  if (self->analysis_rate == fps)
    return;
  self->analysis_rate = fps;
  g_object_notify_by_pspec (G_OBJECT (self), _ekyc_capture_props[PROP_ANALYSIS_RATE]);
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
  self->pool = g_thread_pool_new (_ekyc_capture_run_job, self, 1, FALSE, NULL);
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

  _ekyc_capture_props[PROP_ENGINE] = g_param_spec_pointer ("engine", NULL, NULL,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                                  | G_PARAM_STATIC_STRINGS);
  _ekyc_capture_props[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, EKYC_TYPE_CAMERA_STATE,
                                              EKYC_CAMERA_STATE_STOPPED, ro);
  _ekyc_capture_props[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  _ekyc_capture_props[PROP_PAINTABLE] = g_param_spec_object ("paintable", NULL, NULL,
                                                    EKYC_TYPE_CAPTURE_PAINTABLE, ro);
  _ekyc_capture_props[PROP_FRAME_WIDTH] = g_param_spec_int ("frame-width", NULL, NULL, 0, G_MAXINT, 0, ro);
  _ekyc_capture_props[PROP_FRAME_HEIGHT] = g_param_spec_int ("frame-height", NULL, NULL, 0, G_MAXINT, 0,
                                                    ro);
  _ekyc_capture_props[PROP_FRAMES] = g_param_spec_uint64 ("frames", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  _ekyc_capture_props[PROP_MODE] = g_param_spec_enum ("mode", NULL, NULL, EKYC_TYPE_CAPTURE_MODE,
                                             EKYC_CAPTURE_MODE_NONE, rw);
  _ekyc_capture_props[PROP_ANALYSIS] = g_param_spec_boxed ("analysis", NULL, NULL,
                                                  EKYC_TYPE_FRAME_ANALYSIS, ro);
  _ekyc_capture_props[PROP_HINT] = g_param_spec_enum ("hint", NULL, NULL, EKYC_TYPE_CAPTURE_HINT,
                                             EKYC_CAPTURE_HINT_NONE, ro);
  _ekyc_capture_props[PROP_HINT_MESSAGE] = g_param_spec_string ("hint-message", NULL, NULL, "", ro);
  _ekyc_capture_props[PROP_GOOD] = g_param_spec_boolean ("good", NULL, NULL, FALSE, ro);
  _ekyc_capture_props[PROP_STABLE] = g_param_spec_boolean ("stable", NULL, NULL, FALSE, ro);
  _ekyc_capture_props[PROP_STABLE_DURATION] = g_param_spec_double ("stable-duration", NULL, NULL, 0, 60,
                                                          0.8, rw);
  _ekyc_capture_props[PROP_AUTO_CAPTURE] = g_param_spec_boolean ("auto-capture", NULL, NULL, FALSE, rw);
  _ekyc_capture_props[PROP_STILLS] = g_param_spec_object ("stills", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  _ekyc_capture_props[PROP_ANALYSIS_RATE] = g_param_spec_uint ("analysis-rate", NULL, NULL, 1, 120, 15,
                                                      rw);
  _ekyc_capture_props[PROP_LIVENESS_INTERVAL] = g_param_spec_uint ("liveness-interval", NULL, NULL, 0,
                                                          1000, 3, rw);
  _ekyc_capture_props[PROP_ANALYZE_EVERY_FRAME] = g_param_spec_boolean ("analyze-every-frame", NULL, NULL,
                                                               FALSE, rw);
  _ekyc_capture_props[PROP_LOOP] = g_param_spec_boolean ("loop", NULL, NULL, FALSE, rw);
  g_object_class_install_properties (object_class, N_PROPS, _ekyc_capture_props);

  _ekyc_capture_signals[SIGNAL_FRAME_ANALYZED] =
    g_signal_new ("frame-analyzed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, EKYC_TYPE_FRAME_ANALYSIS | G_SIGNAL_TYPE_STATIC_SCOPE);
  _ekyc_capture_signals[SIGNAL_STILL_CAPTURED] =
    g_signal_new ("still-captured", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, EKYC_TYPE_STILL);
  _ekyc_capture_signals[SIGNAL_EOS] =
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
