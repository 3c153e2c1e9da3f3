/* ekyc-camera-monitor.h — the cameras connected now, as a GListModel of GstDevice
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gio/gio.h>
#include <gst/gst.h>

G_BEGIN_DECLS

#define EKYC_TYPE_CAMERA_MONITOR (ekyc_camera_monitor_get_type ())
G_DECLARE_FINAL_TYPE (EkycCameraMonitor, ekyc_camera_monitor, EKYC, CAMERA_MONITOR, GObject)

/**
 * EkycCameraMonitor:
 * A #GListModel of #GstDevice (class "Video/Source"), kept current on hot-plug by a
 * GstDeviceMonitor whose bus is watched on the thread-default main context. Signals:
 * "device-removed" (GstDevice *) when a camera is unplugged. Property "n-items".
 * Use gst_device_get_display_name() for a preference list, and
 * ekyc_camera_monitor_get_device_id() for a stable id to store in GSettings.
 */
EkycCameraMonitor *ekyc_camera_monitor_new        (void);
/* (transfer full) (nullable): the camera with this id, or the first one when @id is NULL/"". */
GstDevice         *ekyc_camera_monitor_find       (EkycCameraMonitor *self, const char *id);
/* (transfer full): a stable id (the device path when the device has one, else its name). */
char              *ekyc_camera_monitor_get_device_id (GstDevice *device);

G_END_DECLS
