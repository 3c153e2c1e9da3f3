/* bench-startup.c — how long from launch to the first painted frame that shows the preview
 * (tools/bench-startup.sh runs it under Xvfb and passes the launch time in EKYC_BENCH_T0_US):
 * the window painted (sign-in page), then, signed in, the first frame with the preview
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <stdlib.h>
#include <sys/resource.h>

#include "ekyc-window.h"

typedef struct
{
  gint64 t0_us;           /* launch (EKYC_BENCH_T0_US), or process start */
  gint64 sign_in_us;      /* when the bench signed in; 0 before */
} Bench;

static Bench bench;

static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

/* First the window (the sign-in page, ready for typing); then the bench signs in (a new store
 * makes this its first supervisor) and waits for the first painted frame with the preview. */
static void
after_paint (GdkFrameClock *clock, EkycWindow *window)
{
  EkycCapturePage *page = EKYC_CAPTURE_PAGE (ekyc_window_get_step_page (window, 0));
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  EkycApplication *ekyc_app = EKYC_APPLICATION (app);
  gint64 now = g_get_real_time ();
  g_autoptr(GError) error = NULL;

  if (bench.sign_in_us == 0)
    {
      /* CPU time says what the app costs; wall time also counts waiting for a busy machine. */
      g_print ("window painted: %.0f ms after launch, %.0f ms CPU (all threads)\n",
               (now - bench.t0_us) / 1000.0, cpu_ms ());
      bench.sign_in_us = g_get_real_time ();
      if (!ekyc_application_get_signed_in (ekyc_app)
          && !ekyc_application_sign_in (ekyc_app, "bench", "bench-mat-khau-1", &error))
        {
          g_printerr ("bench-startup: cannot sign in: %s\n", error->message);
          g_signal_handlers_disconnect_by_func (clock, after_paint, window);
          g_application_quit (app);
        }
      return;
    }
  if (ekyc_capture_page_get_paintable (page) == NULL || !gtk_widget_get_mapped (GTK_WIDGET (page)))
    return;
  g_print ("first preview frame: %.0f ms after launch, %.0f ms after signing in, %.0f ms CPU\n",
           (now - bench.t0_us) / 1000.0, (now - bench.sign_in_us) / 1000.0, cpu_ms ());
  g_signal_handlers_disconnect_by_func (clock, after_paint, window);
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
  const char *t0 = g_getenv ("EKYC_BENCH_T0_US");

  bench.t0_us = t0 ? g_ascii_strtoll (t0, NULL, 10) : g_get_real_time ();
  ekyc_application_bind_translations ();
  app = ekyc_application_new ();
  g_application_set_application_id (G_APPLICATION (app), NULL);
  g_signal_connect (app, "window-added", G_CALLBACK (window_added), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
