/* ekyc-capture-demo.c — a window to try capture by hand: preview, overlays, hints, liveness
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   EKYC_MODEL_DIR=build/data build/tests/app-capture/ekyc-capture-demo [--source SRC]
 *       [--mode card|face] [--liveness] [--seed N]
 *
 * SRC: a file, a GStreamer source description ("v4l2src device=/dev/video2"), or nothing for
 * the first camera. Keys: c captures a still (saved as JPEG in the current directory). */
#include "config.h"

#include "ekyc-capture.h"
#include "ekyc-liveness-session.h"

static char *source;
static char *mode_name = (char *) "face";
static gboolean liveness;
static gint64 seed;
static EkycEngine *engine;

static const GOptionEntry entries[] = {
  { "source", 's', 0, G_OPTION_ARG_STRING, &source, "File or GStreamer source", "SRC" },
  { "mode", 'm', 0, G_OPTION_ARG_STRING, &mode_name, "card or face", "MODE" },
  { "liveness", 'l', 0, G_OPTION_ARG_NONE, &liveness, "Run an active liveness session", NULL },
  { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Challenge seed (0: random)", "N" },
  { NULL }
};

static void
on_still (EkycCapture *capture, EkycStill *still, gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) jpeg = ekyc_still_to_jpeg (still, 92, &error);
  g_autofree char *name = g_strdup_printf ("ekyc-still-%" G_GINT64_FORMAT ".jpg",
                                           g_get_real_time () / 1000);

  if (jpeg == NULL || !g_file_set_contents (name, g_bytes_get_data (jpeg, NULL),
                                            g_bytes_get_size (jpeg), &error))
    g_printerr ("still not saved: %s\n", error->message);
  else
    g_print ("still saved: %s (%s)\n", name, ekyc_still_get_automatic (still) ? "auto" : "manual");
}

static void
on_state (EkycCapture *capture, GParamSpec *pspec, GtkLabel *label)
{
  const GError *error = ekyc_capture_get_error (capture);

  if (error != NULL)
    gtk_label_set_text (label, error->message);
  else if (ekyc_capture_get_state (capture) == EKYC_CAMERA_STATE_LOADING)
    gtk_label_set_text (label, "Starting…");
}

static gboolean
on_key (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state,
        EkycCapture *capture)
{
  g_autoptr(GError) error = NULL;

  if (keyval != GDK_KEY_c)
    return FALSE;
  if (ekyc_capture_take_still (capture, &error) == NULL)
    g_printerr ("%s\n", error->message);
  return TRUE;
}

static void
activate (GtkApplication *app, gpointer user_data)
{
  EkycCapture *capture = ekyc_capture_new (engine);
  GtkWidget *window = gtk_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *picture = gtk_picture_new_for_paintable (
    GDK_PAINTABLE (ekyc_capture_get_paintable (capture)));
  GtkWidget *hint = gtk_label_new ("");
  GtkWidget *status = gtk_label_new ("");
  GtkEventController *keys = gtk_event_controller_key_new ();
  g_autoptr(GError) error = NULL;
  gboolean face = g_strcmp0 (mode_name, "card") != 0;

  g_object_set_data_full (G_OBJECT (window), "capture", capture, g_object_unref);
  ekyc_capture_set_source (capture, source);
  ekyc_capture_set_mode (capture, face ? EKYC_CAPTURE_MODE_FACE : EKYC_CAPTURE_MODE_CARD);
  ekyc_capture_set_auto_capture (capture, !liveness);
  ekyc_capture_set_loop (capture, TRUE);
  ekyc_capture_paintable_set_show_overlay (ekyc_capture_get_paintable (capture), TRUE);
  ekyc_capture_paintable_set_mirror (ekyc_capture_get_paintable (capture), face);
  g_object_bind_property (capture, "hint-message", hint, "label", G_BINDING_SYNC_CREATE);
  g_signal_connect (capture, "notify::state", G_CALLBACK (on_state), status);
  g_signal_connect (capture, "still-captured", G_CALLBACK (on_still), NULL);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key), capture);
  gtk_widget_add_controller (window, keys);

  if (liveness)
    {
      EkycLivenessSession *session = ekyc_liveness_session_new ((guint64) seed);

      g_object_set_data_full (G_OBJECT (window), "session", session, g_object_unref);
      g_object_bind_property (session, "message", status, "label", G_BINDING_SYNC_CREATE);
      ekyc_liveness_session_follow (session, G_OBJECT (capture));
      ekyc_liveness_session_start (session);
    }

  gtk_widget_set_vexpand (picture, TRUE);
  gtk_box_append (GTK_BOX (box), picture);
  gtk_box_append (GTK_BOX (box), hint);
  gtk_box_append (GTK_BOX (box), status);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 640);
  gtk_window_set_title (GTK_WINDOW (window), "ekyc capture demo");
  gtk_window_present (GTK_WINDOW (window));
  if (!ekyc_capture_start (capture, &error))
    gtk_label_set_text (GTK_LABEL (status), error->message);
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— try the camera by hand");
  g_autoptr(GtkApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  gst_init (&argc, &argv);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  engine = ekyc_engine_new (NULL, &error);
  if (engine == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  app = gtk_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate), NULL);
  status = g_application_run (G_APPLICATION (app), 1, argv);
  ekyc_engine_free (engine);
  return status;
}
