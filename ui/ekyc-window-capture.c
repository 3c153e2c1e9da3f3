/* ekyc-window-capture.c — the live source behind the capture pages
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "ekyc-image-texture.h"
#include "ekyc-window-private.h"

/* Until app/capture's pipeline is built in, the source can be a still image file; a camera or a
 * GStreamer description says so on the page, and every step can import a file. */
struct _EkycWindowCapture
{
  EkycWindow      *window;   /* borrowed: the window owns this */
  EkycCapturePage *page;
  EkycImage       *still;
  GdkTexture      *texture;
  char            *source;
};

EkycWindowCapture *
_ekyc_window_capture_new (EkycWindow *window)
{
  EkycWindowCapture *capture = g_new0 (EkycWindowCapture, 1);

  capture->window = window;
  return capture;
}

void
_ekyc_window_capture_free (EkycWindowCapture *capture)
{
  g_clear_pointer (&capture->still, ekyc_image_unref);
  g_clear_object (&capture->texture);
  g_free (capture->source);
  g_free (capture);
}

static const char *
current_source (EkycWindowCapture *capture)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (capture->window));

  return app ? ekyc_application_get_source (EKYC_APPLICATION (app)) : NULL;
}

static void
load_source (EkycWindowCapture *capture, const char *source)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&capture->still, ekyc_image_unref);
  g_clear_object (&capture->texture);
  g_free (capture->source);
  capture->source = g_strdup (source);
  if (source == NULL || *source == '\0')
    return;
  if (!g_file_test (source, G_FILE_TEST_EXISTS))
    return;
  capture->still = ekyc_image_new_from_file (source, &error);
  if (capture->still != NULL)
    capture->texture = ekyc_texture_new_for_image (capture->still);
  else
    g_message ("source %s: %s", source, error->message);
}

void
_ekyc_window_capture_show (EkycWindowCapture *capture, EkycCapturePage *page)
{
  const char *source = current_source (capture);

  capture->page = page;
  if (g_strcmp0 (source, capture->source) != 0)
    load_source (capture, source);
  ekyc_capture_page_set_paintable (page, GDK_PAINTABLE (capture->texture));
  if (capture->texture != NULL)
    return;
  if (source == NULL || *source == '\0')
    ekyc_capture_page_set_placeholder (page, _("No camera"),
                                       _("No camera was found. Connect one, choose a source in "
                                         "Preferences, or import a scan or photo."));
  else
    ekyc_capture_page_set_placeholder (page, _("The source cannot be used"),
                                       _("Only image files can be shown in this build. Import "
                                         "a scan or photo instead."));
}

EkycImage *
_ekyc_window_capture_take (EkycWindowCapture *capture, GError **error)
{
  if (capture->still == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("There is no picture to capture yet."));
      return NULL;
    }
  return ekyc_image_ref (capture->still);
}

gboolean
_ekyc_window_capture_liveness (EkycWindowCapture *capture, gboolean *passed, char **detail)
{
  *passed = FALSE;
  *detail = NULL;
  return FALSE;
}

void
_ekyc_window_capture_stop (EkycWindowCapture *capture)
{
  capture->page = NULL;
}
