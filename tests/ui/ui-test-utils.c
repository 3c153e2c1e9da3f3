/* ui-test-utils.c — driving the app in tests and screenshots: start it, wait, render pages
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "test-utils.h"
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

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static int
no_command_line (GApplication *app, GVariantDict *options, gpointer data)
{
  return 0;
}

void
ui_test_finish (EkycApplication *app)
{
  gpointer alive = app;
  GList *windows;

  g_assert_true (EKYC_IS_APPLICATION (app));
  /* Each window holds the application (GtkApplication), the model load too. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  /* The tests register the application but never run it. Run now without a command line (no
   * activation, no window), it waits while the models load, then shuts down and leaves D-Bus
   * as quitting the app does. */
  g_signal_connect (app, "handle-local-options", G_CALLBACK (no_command_line), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
  g_assert_true (engine_done (app));
  g_object_add_weak_pointer (G_OBJECT (app), &alive);
  g_object_unref (app);
  /* A store call or an HTTP request in a worker holds the application until it returns. */
  g_assert_true (ui_test_wait (pointer_cleared, &alive, 120));
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

GtkWidget *
ui_test_find_child (GtkWidget *root, GType type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (child, type) ? child
                         : ui_test_find_child (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct {
  GtkWidget     *native;
  GskRenderNode *node;
  int            width;
  int            height;
  guint          frames;
} FrameCapture;

/* Right after a frame was painted the window's layout is done: a widget that changed between two
 * frames (a live page's hint, a label going from English to Vietnamese) has no allocation until
 * the next layout and draws nothing, and the whole picture came out empty ("nothing drawn"). */
static void
capture_after_paint (GdkFrameClock *clock, FrameCapture *capture)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  GtkSnapshot *snapshot;

  if (capture->node != NULL)
    return;
  capture->frames++;
  capture->width = gtk_widget_get_width (capture->native);
  capture->height = gtk_widget_get_height (capture->native);
  paintable = gtk_widget_paintable_new (capture->native);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, capture->width, capture->height);
  capture->node = gtk_snapshot_free_to_node (snapshot);
  if (capture->node == NULL)
    gtk_widget_queue_draw (capture->native);
}

static gboolean
frame_captured (gpointer data)
{
  FrameCapture *capture = data;

  return capture->node != NULL || capture->frames >= 50;
}

gboolean
ui_test_save_png (GtkWidget *widget, const char *path, GError **error)
{
  GtkNative *native = gtk_widget_get_native (widget);
  FrameCapture capture = { GTK_WIDGET (native), NULL, 0, 0, 0 };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (native));
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  gulong handler;

  if (clock == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the window is not shown");
      return FALSE;
    }
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (capture_after_paint), &capture);
  gtk_widget_queue_draw (GTK_WIDGET (native));
  ui_test_wait (frame_captured, &capture, 30);
  g_signal_handler_disconnect (clock, handler);
  node = g_steal_pointer (&capture.node);
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "nothing drawn in %u frames",
                   capture.frames);
      return FALSE;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (native), node,
                                         &GRAPHENE_RECT_INIT (0, 0, capture.width,
                                                              capture.height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write %s", path);
      return FALSE;
    }
  return TRUE;
}

gboolean
ui_test_card_make (UiTestCard *card, const char *prefix, const char *seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *template = g_strdup_printf ("%s-XXXXXX", prefix);
  g_autofree char *json = NULL, *faces = NULL, *person = NULL, *other = NULL;
  JsonObject *truth;
  const char *portrait;

  memset (card, 0, sizeof *card);
  card->dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  if (!ekyc_test_make_cards (card->dir, 1, "clean", seed))
    {
      g_test_skip ("shared faces missing");
      return FALSE;
    }
  card->front = g_build_filename (card->dir, "0000-front.jpg", NULL);
  card->back = g_build_filename (card->dir, "0000-back.jpg", NULL);
  json = g_build_filename (card->dir, "0000.json", NULL);
  json_parser_load_from_file (parser, json, &error);
  g_assert_no_error (error);
  truth = json_node_get_object (json_parser_get_root (parser));
  card->id_number = g_strdup (json_object_get_string_member (truth, "id_number"));
  card->full_name = g_strdup (json_object_get_string_member (truth, "full_name"));
  portrait = json_object_get_string_member (truth, "portrait_source");
  faces = ekyc_test_shared_path ("faces", "lfw", NULL);
  card->portrait = g_build_filename (faces, portrait, NULL);
  person = g_path_get_dirname (portrait);
  other = g_strdup_printf ("%s/%s_0002.jpg", person, person);
  card->other_photo = g_build_filename (faces, other, NULL);
  if (!g_file_test (card->other_photo, G_FILE_TEST_EXISTS))
    {
      g_free (card->other_photo);
      card->other_photo = g_strdup (card->portrait);
    }
  return TRUE;
}

void
ui_test_card_clear (UiTestCard *card)
{
  ekyc_test_remove_tree (card->dir);
  g_clear_pointer (&card->dir, g_free);
  g_clear_pointer (&card->front, g_free);
  g_clear_pointer (&card->back, g_free);
  g_clear_pointer (&card->id_number, g_free);
  g_clear_pointer (&card->full_name, g_free);
  g_clear_pointer (&card->portrait, g_free);
  g_clear_pointer (&card->other_photo, g_free);
}

static EkycApplication *shared_app;
static EkycWindow *shared_window;

EkycWindow *
ui_test_shared_window (EkycApplication **app_out)
{
  if (shared_window == NULL)
    {
      shared_window = ui_test_start (&shared_app, 1000, 700);
      g_assert_true (ui_test_wait_engine (shared_app, 120));
    }
  ui_test_sign_in (shared_window, shared_app);
  *app_out = shared_app;
  return shared_window;
}

void
ui_test_shared_free (void)
{
  shared_window = NULL;
  if (shared_app != NULL)
    ui_test_finish (g_steal_pointer (&shared_app));
}

gboolean
ui_test_audit_has (EkycApplication *app, const char *action, const char *detail)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) audit = ekyc_application_list_audit (app, NULL, &error);
  gboolean found = FALSE;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (audit) && !found; i++)
    {
      g_autoptr(GObject) entry = g_list_model_get_item (audit, i);
      g_autofree char *name = NULL, *text = NULL;

      g_object_get (entry, "action", &name, "detail", &text, NULL);
      found = g_strcmp0 (name, action) == 0 && (detail == NULL || g_strcmp0 (text, detail) == 0);
    }
  return found;
}
