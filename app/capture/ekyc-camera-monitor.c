/* ekyc-camera-monitor.c — the connected cameras as a GListModel, kept current on hot-plug
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-capture"
#include "config.h"

#include "ekyc-camera-monitor.h"

struct _EkycCameraMonitor
{
  GObject           parent_instance;
  GstDeviceMonitor *monitor;
  GPtrArray        *devices;
  guint             bus_watch;
};

static void ekyc_camera_monitor_list_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EkycCameraMonitor, ekyc_camera_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      ekyc_camera_monitor_list_init))

enum { PROP_0, PROP_N_ITEMS, N_PROPS };
static GParamSpec *properties[N_PROPS];
enum { SIGNAL_DEVICE_REMOVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static GType
ekyc_camera_monitor_get_item_type (GListModel *model)
{
  return GST_TYPE_DEVICE;
}

static guint
ekyc_camera_monitor_get_n_items (GListModel *model)
{
  return EKYC_CAMERA_MONITOR (model)->devices->len;
}

static gpointer
ekyc_camera_monitor_get_item (GListModel *model, guint position)
{
  EkycCameraMonitor *self = EKYC_CAMERA_MONITOR (model);

  if (position >= self->devices->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->devices, position));
}

static void
ekyc_camera_monitor_list_init (GListModelInterface *iface)
{
  iface->get_item_type = ekyc_camera_monitor_get_item_type;
  iface->get_n_items = ekyc_camera_monitor_get_n_items;
  iface->get_item = ekyc_camera_monitor_get_item;
}

static gboolean
on_bus_message (GstBus *bus, GstMessage *message, gpointer user_data)
{
  EkycCameraMonitor *self = user_data;
  g_autoptr(GstDevice) device = NULL;
  guint position;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_DEVICE_ADDED:
      gst_message_parse_device_added (message, &device);
      g_ptr_array_add (self->devices, g_object_ref (device));
      g_list_model_items_changed (G_LIST_MODEL (self), self->devices->len - 1, 0, 1);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
      break;
    case GST_MESSAGE_DEVICE_REMOVED:
      gst_message_parse_device_removed (message, &device);
      if (g_ptr_array_find (self->devices, device, &position))
        {
          g_ptr_array_remove_index (self->devices, position);
          g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
        }
      g_signal_emit (self, signals[SIGNAL_DEVICE_REMOVED], 0, device);
      break;
    default:
      break;
    }
  return G_SOURCE_CONTINUE;
}

EkycCameraMonitor *
ekyc_camera_monitor_new (void)
{
  return g_object_new (EKYC_TYPE_CAMERA_MONITOR, NULL);
}

char *
ekyc_camera_monitor_get_device_id (GstDevice *device)
{
  g_autoptr(GstStructure) props = NULL;
  const char *path = NULL;

  g_return_val_if_fail (GST_IS_DEVICE (device), NULL);

  props = gst_device_get_properties (device);
  if (props != NULL)
    {
      path = gst_structure_get_string (props, "device.path");
      if (path == NULL)
        path = gst_structure_get_string (props, "api.v4l2.path");
      if (path == NULL)
        path = gst_structure_get_string (props, "object.path");
    }
  return path ? g_strdup (path) : gst_device_get_display_name (device);
}

GstDevice *
ekyc_camera_monitor_find (EkycCameraMonitor *self, const char *id)
{
  g_return_val_if_fail (EKYC_IS_CAMERA_MONITOR (self), NULL);

  for (guint i = 0; i < self->devices->len; i++)
    {
      GstDevice *device = g_ptr_array_index (self->devices, i);
      g_autofree char *device_id = ekyc_camera_monitor_get_device_id (device);

      if (id == NULL || *id == '\0' || g_strcmp0 (id, device_id) == 0)
        return g_object_ref (device);
    }
  return NULL;
}

static void
ekyc_camera_monitor_dispose (GObject *object)
{
  EkycCameraMonitor *self = EKYC_CAMERA_MONITOR (object);

  g_clear_handle_id (&self->bus_watch, g_source_remove);
  if (self->monitor != NULL)
    gst_device_monitor_stop (self->monitor);
  gst_clear_object (&self->monitor);
  g_clear_pointer (&self->devices, g_ptr_array_unref);
  G_OBJECT_CLASS (ekyc_camera_monitor_parent_class)->dispose (object);
}

static void
ekyc_camera_monitor_get_property (GObject *object, guint prop_id, GValue *value,
                                  GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, EKYC_CAMERA_MONITOR (object)->devices->len);
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekyc_camera_monitor_class_init (EkycCameraMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ekyc_camera_monitor_dispose;
  object_class->get_property = ekyc_camera_monitor_get_property;

  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                                | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[SIGNAL_DEVICE_REMOVED] =
    g_signal_new ("device-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, GST_TYPE_DEVICE);
}

static void
ekyc_camera_monitor_init (EkycCameraMonitor *self)
{
  g_autoptr(GstBus) bus = NULL;
  GList *devices;

  if (!gst_is_initialized ())
    gst_init (NULL, NULL);
  self->devices = g_ptr_array_new_with_free_func (g_object_unref);
  self->monitor = gst_device_monitor_new ();
  gst_device_monitor_add_filter (self->monitor, "Video/Source", NULL);
  bus = gst_device_monitor_get_bus (self->monitor);
  self->bus_watch = gst_bus_add_watch (bus, on_bus_message, self);
  if (!gst_device_monitor_start (self->monitor))
    g_debug ("no camera provider could start: no cameras");
  devices = gst_device_monitor_get_devices (self->monitor);
  for (GList *l = devices; l != NULL; l = l->next)
    g_ptr_array_add (self->devices, l->data);
  g_list_free (devices);
}
