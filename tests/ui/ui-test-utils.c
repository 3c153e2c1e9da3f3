/* ui-test-utils.c — driving the app in tests and screenshots: start it, wait, render pages
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include "ui-test-utils.h"

void
ui_test_init (int *argc, char ***argv)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GIO_USE_VFS", "local", TRUE);
  g_test_init (argc, argv, NULL);
  gtk_init ();
  adw_init ();
}

EkycWindow *
ui_test_start (EkycApplication **app_out, int width, int height)
{
  g_autoptr(GError) error = NULL;
  EkycApplication *app = ekyc_application_new ();
  EkycWindow *window;

  /* Pictures and tests see the end state of every transition at once. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  /* Without an id the app does not claim a bus name: tests may start it more than once. */
  g_application_set_application_id (G_APPLICATION (app), NULL);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("register: %s", error->message);
  window = ekyc_window_new (app);
  ekyc_application_load_engine (app);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_settle (300);
  *app_out = app;
  return window;
}

gboolean
ui_test_wait (gboolean (*done) (gpointer data), gpointer data, double timeout_s)
{
  gint64 end = g_get_monotonic_time () + (gint64) (timeout_s * G_USEC_PER_SEC);

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  return TRUE;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
ui_test_settle (guint ms)
{
  ui_test_wait (never, NULL, ms / 1000.0);
}

static gboolean
engine_done (gpointer data)
{
  EkycApplication *app = data;

  return ekyc_application_get_engine (app) != NULL
         || ekyc_application_get_engine_error (app) != NULL;
}

gboolean
ui_test_wait_engine (EkycApplication *app, double timeout_s)
{
  return ui_test_wait (engine_done, app, timeout_s) && ekyc_application_get_engine (app) != NULL;
}

typedef struct {
  EkycWindow *window;
  guint       step;
} StepWait;

static gboolean
step_done (gpointer data)
{
  StepWait *w = data;
  EkycCapturePage *page;

  if (ekyc_window_get_step (w->window) != w->step)
    return TRUE;
  page = EKYC_CAPTURE_PAGE (ekyc_window_get_step_page (w->window, w->step));
  return !ekyc_capture_page_get_busy (page) && ekyc_capture_page_get_problem (page) != NULL;
}

guint
ui_test_import (EkycWindow *window, const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  StepWait w = { window, ekyc_window_get_step (window) };

  ekyc_window_import_file (window, file);
  /* The file is decoded in a worker: the page waits meanwhile. */
  g_assert_true (ekyc_capture_page_get_busy (EKYC_CAPTURE_PAGE (ekyc_window_get_step_page
                                                                (window, w.step))));
  ui_test_wait (step_done, &w, 120);
  ui_test_settle (100);
  return ekyc_window_get_step (window);
}

static gboolean
window_idle (gpointer data)
{
  return !ekyc_window_get_busy (data);
}

gboolean
ui_test_wait_idle (EkycWindow *window, double timeout_s)
{
  return ui_test_wait (window_idle, window, timeout_s);
}

void
ui_test_sign_in (EkycWindow *window, EkycApplication *app)
{
  EkycSignInPage *page = ekyc_window_get_sign_in_page (window);

  if (ekyc_application_get_signed_in (app))
    return;
  g_assert_cmpstr (ekyc_window_get_page_name (window), ==, "sign-in");
  ekyc_sign_in_page_submit (page, "giamsat", "mat-khau-dai-1");
  /* Argon2id runs in a worker: the page waits, the main loop stays free. */
  g_assert_true (ekyc_sign_in_page_get_busy (page));
  g_assert_true (ekyc_window_get_busy (window));
  g_assert_true (ui_test_wait_idle (window, 60));
  g_assert_null (ekyc_sign_in_page_get_error (page));
  g_assert_false (ekyc_sign_in_page_get_busy (page));
  g_assert_true (ekyc_application_get_signed_in (app));
  g_assert_true (ui_test_wait_idle (window, 60));
}

void
ui_test_save (EkycWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "flow.save", NULL));
  g_assert_true (ui_test_wait_idle (window, 60));
}

gboolean
ui_test_save_png (GtkWidget *widget, const char *path, GError **error)
{
  GtkNative *native = gtk_widget_get_native (widget);
  int width = gtk_widget_get_width (GTK_WIDGET (native));
  int height = gtk_widget_get_height (GTK_WIDGET (native));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (native));
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "nothing drawn");
      return FALSE;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (native), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write %s", path);
      return FALSE;
    }
  return TRUE;
}
