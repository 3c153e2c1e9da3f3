/* ekyc-screenshots.c — a PNG of every page of the app, for docs/screenshots
 * (tools/take-screenshots.sh runs it under Xvfb once per language)
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "ekyc-preferences-window.h"
#include "ekyc-result-page.h"
#include "ekyc-screenshots-account.h"
#include "ekyc-screenshots-case.h"
#include "ekyc-window-private.h"
#include "ui-test-utils.h"

static const char *out_dir;

/* The window as it is, its messages ("saved") included. */
static void
shoot_as_is (GtkWidget *widget, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strdup_printf ("%s.png", name);
  g_autofree char *path = g_build_filename (out_dir, file, NULL);

  ui_test_settle (400);
  if (!ui_test_save_png (widget, path, &error))
    g_printerr ("%s: %s\n", path, error->message);
  else
    g_print ("%s\n", path);
}

/* The page without the messages of earlier steps over it: waiting is not enough (they are
 * queued one after another, and a message's timeout stops while the pointer is on it). */
static void
shoot (GtkWidget *widget, const char *name)
{
  if (EKYC_IS_WINDOW (widget))
    _ekyc_window_dismiss_toasts (EKYC_WINDOW (widget));
  shoot_as_is (widget, name);
}

/* The live preview analysed a few frames (the hint shows). */
static gboolean
hint_shown (gpointer data)
{
  const char *hint = ekyc_capture_page_get_hint (data);

  return hint != NULL && *hint != '\0';
}

/* The selfie page asks for a challenge and counts down. */
static gboolean
challenge_shown (gpointer data)
{
  EkycLivenessSession *session = ekyc_capture_page_get_liveness (data);

  return session != NULL
         && ekyc_liveness_session_get_state (session) == EKYC_LIVENESS_STATE_CHALLENGE
         && ekyc_liveness_session_get_time_left (session) < 7;
}

/* The selfie step ended: the result page shows (or the selfie page stopped on a problem). */
static gboolean
at_result (gpointer data)
{
  EkycWindow *window = data;
  EkycCapturePage *selfie = EKYC_CAPTURE_PAGE (ekyc_window_get_step_page (window, 2));

  return ekyc_window_get_step (window) == 3
         || (!ekyc_capture_page_get_busy (selfie) && ekyc_capture_page_get_problem (selfie));
}

/* A verification of @front and @back with a still @selfie (the live challenges cannot be done
 * on a still, so the decision is REVIEW), saved as a teller does. */
static void
save_still_selfie_case (EkycWindow *window, const char *front, const char *back,
                        const char *selfie)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "flow.restart", NULL);
  ui_test_settle (100);
  if (ui_test_import (window, front) != 1 || ui_test_import (window, back) != 2
      || ui_test_import (window, selfie) != 3)
    {
      g_printerr ("the verification of %s did not reach the result\n", front);
      return;
    }
  g_print ("decision for %s: %s\n", front,
           ekyc_result_page_get_decision_name (ekyc_window_get_result_page (window)));
  gtk_widget_activate_action (GTK_WIDGET (window), "flow.save", NULL);
  ui_test_wait_idle (window, 60);
}

static GtkWindow *
newest_other_window (EkycApplication *app, GtkWindow *main_window)
{
  GList *windows = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = windows; l != NULL; l = l->next)
    if (l->data != main_window && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (windows);
  return found;
}

static gboolean
chip_readers_listed (gpointer group)
{
  return !ekyc_chip_settings_group_get_listing (group);
}

int
main (int argc, char *argv[])
{
  g_autoptr(EkycApplication) app = NULL;
  EkycWindow *window;
  GtkWindow *other;
  EkycPreferencesWindow *prefs;

  if (argc != 5 && argc != 6 && argc != 9)
    {
      g_printerr ("usage: %s OUT-DIR FRONT BACK SELFIE [SELFIE-VIDEO [FRONT2 BACK2 SELFIE2]]\n",
                  argv[0]);
      return 2;
    }
  out_dir = argv[1];
  setlocale (LC_ALL, "");
  ekyc_application_bind_translations ();
  gtk_init ();
  adw_init ();
  g_mkdir_with_parents (out_dir, 0755);

  window = ui_test_start (&app, 1100, 760);
  if (!ui_test_wait_engine (app, 180))
    g_printerr ("the engine did not load: %s\n", ekyc_application_get_engine_error (app));

  ekyc_window_show_page (window, "sign-in");
  shoot (GTK_WIDGET (window), "01-sign-in");
  if (!ekyc_application_get_signed_in (app)
      && !ekyc_application_sign_in (app, "giamsat", "mat-khau-dai-1", NULL))
    g_printerr ("could not sign in\n");

  /* The live pages stay on screen: no automatic capture while they are photographed. */
  g_settings_set_boolean (ekyc_application_get_settings (app), "auto-capture", FALSE);
  ekyc_application_set_source (app, argv[2]);
  ekyc_window_show_page (window, "front");
  ui_test_wait (hint_shown, ekyc_window_get_step_page (window, 0), 30);
  shoot (GTK_WIDGET (window), "02-card-front");
  ekyc_application_set_source (app, argv[3]);
  ekyc_window_show_page (window, "back");
  ui_test_wait (hint_shown, ekyc_window_get_step_page (window, 1), 30);
  shoot (GTK_WIDGET (window), "03-card-back");
  ekyc_application_set_source (app, argc > 5 ? argv[5] : argv[4]);
  ekyc_window_show_page (window, "selfie");
  ui_test_wait (challenge_shown, ekyc_window_get_step_page (window, 2), 60);
  shoot (GTK_WIDGET (window), "04-selfie");

  ekyc_application_set_source (app, NULL);
  ekyc_window_show_page (window, "front");
  shoot (GTK_WIDGET (window), "05-no-camera");
  ui_test_import (window, argv[3]);
  shoot (GTK_WIDGET (window), "06-card-front-problem");
  gtk_widget_activate_action (ekyc_window_get_step_page (window, 0), "flow.restart", NULL);

  ui_test_import (window, argv[2]);
  ui_test_import (window, argv[3]);
  if (argc > 5)
    {
      /* The selfie as a customer gives it: the live challenges on the recorded video. */
      ekyc_application_set_source (app, argv[5]);
      if (!ui_test_wait (at_result, window, 180))
        g_printerr ("the selfie step did not end\n");
      ekyc_application_set_source (app, NULL);
    }
  else
    ui_test_import (window, argv[4]);
  shoot (GTK_WIDGET (window), "07-result");
  gtk_widget_activate_action (GTK_WIDGET (window), "flow.save", NULL);
  ui_test_wait_idle (window, 60);
  shoot_as_is (GTK_WIDGET (window), "07-result-saved");

  /* The supervisor's queue holds real REVIEW cases: verifications whose selfie is a still
   * photo (no live challenges), of a second factory card and of the first one. */
  if (argc == 9)
    save_still_selfie_case (window, argv[6], argv[7], argv[8]);
  save_still_selfie_case (window, argv[2], argv[3], argv[4]);

  ekyc_window_show_page (window, "cases");
  ui_test_wait_idle (window, 60);
  shoot (GTK_WIDGET (window), "08-cases");
  screenshots_case_detail (window, shoot);
  ekyc_window_show_page (window, "review");
  if (g_strcmp0 (ekyc_window_get_page_name (window), "review") == 0)
    {
      ekyc_window_select_first_review_case (window);
      ui_test_wait_idle (window, 60);
      shoot (GTK_WIDGET (window), "09-review");
    }

  prefs = ekyc_preferences_window_new (app);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (window));
  /* Tall enough for every group of a page (the chip settings, the retention). */
  gtk_window_set_default_size (GTK_WINDOW (prefs), 640, 960);
  gtk_window_present (GTK_WINDOW (prefs));
  ui_test_wait (chip_readers_listed, ekyc_preferences_window_get_chip_group (prefs), 30);
  shoot (GTK_WIDGET (prefs), "10-preferences");
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "policy");
  shoot (GTK_WIDGET (prefs), "10-preferences-policy");
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "privacy");
  shoot (GTK_WIDGET (prefs), "10-preferences-privacy");
  gtk_window_destroy (GTK_WINDOW (prefs));
  screenshots_account (app, window, shoot);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  other = newest_other_window (app, GTK_WINDOW (window));
  if (other != NULL)
    {
      shoot (GTK_WIDGET (other), "11-shortcuts");
      gtk_window_destroy (other);
    }
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  other = newest_other_window (app, GTK_WINDOW (window));
  if (other != NULL)
    {
      shoot (GTK_WIDGET (other), "12-about");
      gtk_window_destroy (other);
    }
  ui_test_finish (g_steal_pointer (&app));
  return 0;
}
