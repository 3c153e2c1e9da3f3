/* bench-startup.c — how long from launch to the first painted frame that shows the preview
 * (tools/bench-startup.sh runs it under Xvfb and passes the launch time in EKYC_BENCH_T0_US)
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <stdlib.h>
#include <sys/resource.h>

#include "ekyc-window.h"

static void
after_paint (GdkFrameClock *clock, EkycWindow *window)
{
  EkycCapturePage *page = EKYC_CAPTURE_PAGE (ekyc_window_get_step_page (window, 0));
  const char *t0 = g_getenv ("EKYC_BENCH_T0_US");
  gint64 now = g_get_real_time ();
  GApplication *app;
  struct rusage usage;

  if (ekyc_capture_page_get_paintable (page) == NULL || !gtk_widget_get_mapped (GTK_WIDGET (page)))
    return;
  getrusage (RUSAGE_SELF, &usage);
  /* CPU time says what the app costs; wall time also counts waiting for a busy machine. */
  g_print ("first preview frame: %.0f ms after launch, %.0f ms CPU (all threads)\n",
           t0 ? (now - g_ascii_strtoll (t0, NULL, 10)) / 1000.0 : -1.0,
           (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0
           + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0);
  g_signal_handlers_disconnect_by_func (clock, after_paint, window);
  app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  g_application_quit (app);
}

static void
window_added (GtkApplication *app, GtkWindow *window)
{
  gtk_widget_realize (GTK_WIDGET (window));
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                           G_CALLBACK (after_paint), window, 0);
}

int
main (int argc, char *argv[])
{
  g_autoptr(EkycApplication) app = NULL;

  ekyc_application_bind_translations ();
  app = ekyc_application_new ();
  g_application_set_application_id (G_APPLICATION (app), NULL);
  g_signal_connect (app, "window-added", G_CALLBACK (window_added), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
