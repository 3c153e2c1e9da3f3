/* test-ui-templates.c — every composite template builds (the version macros do not reach .ui
 * files, so a widget newer than GTK 4.8 or libadwaita 1.2 would fail here)
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include "ekyc-case-detail-page.h"
#include "ekyc-case-list-page.h"
#include "ekyc-preferences-window.h"
#include "ekyc-review-page.h"
#include "ekyc-sign-in-page.h"
#include "test-utils.h"
#include "ui-test-utils.h"

static void
test_every_page_builds (void)
{
  GType types[] = { EKYC_TYPE_SIGN_IN_PAGE, EKYC_TYPE_CAPTURE_PAGE, EKYC_TYPE_RESULT_PAGE,
                    EKYC_TYPE_CASE_LIST_PAGE, EKYC_TYPE_CASE_DETAIL_PAGE, EKYC_TYPE_REVIEW_PAGE };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      GtkWidget *widget = g_object_new (types[i], NULL);

      g_assert_true (GTK_IS_WIDGET (widget));
      g_object_ref_sink (widget);
      g_object_unref (widget);
    }
}

static void
test_window_preferences_and_shortcuts_build (void)
{
  g_autoptr(EkycApplication) app = NULL;
  EkycWindow *window = ui_test_start (&app, 1000, 700);
  EkycPreferencesWindow *prefs = ekyc_preferences_window_new (app);
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/vn/ekyc/Ekyc/gtk/help-overlay.ui");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
  /* A new store asks for its first account before anything else. */
  g_assert_cmpstr (ekyc_window_get_page_name (window), ==,
                   ekyc_application_get_has_accounts (app) ? "sign-in" : "front");
  for (guint step = 0; step <= 3; step++)
    g_assert_nonnull (ekyc_window_get_step_page (window, step));
  /* The shortcuts window is found by the application (win.show-help-overlay). */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_assert_true (ui_test_wait_engine (app, 120));
  ui_test_finish (g_steal_pointer (&app));
}

int
main (int argc, char *argv[])
{
  ui_test_init (&argc, &argv);
  g_test_add_func ("/ui/templates/every-page-builds", test_every_page_builds);
  g_test_add_func ("/ui/templates/window-preferences-and-shortcuts-build",
                   test_window_preferences_and_shortcuts_build);
  return g_test_run ();
}
