/* ui-test-utils.h — driving the app in tests and screenshots: start it, wait, render pages
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ekyc-window.h"

G_BEGIN_DECLS

/* Like ekyc_test_init() but keeps the system XDG data folders (icons, MIME types), which a
 * GTK test needs; xvfb-wrapper.sh already gives the test private user folders. */
void        ui_test_init        (int *argc, char ***argv);
/* Creates the application (registered, not run) and its window, sized @width × @height. */
EkycWindow *ui_test_start       (EkycApplication **app_out, int width, int height);
/* Iterates the main loop until @done (checked after each iteration) or @timeout_s; FALSE on
 * timeout. */
gboolean    ui_test_wait        (gboolean (*done) (gpointer data), gpointer data,
                                 double timeout_s);
/* Iterates the main loop for @ms milliseconds (lets the window lay out and draw). */
void        ui_test_settle      (guint ms);
gboolean    ui_test_wait_engine (EkycApplication *app, double timeout_s);
/* Imports @path into the current step and waits until the step changes or a problem shows.
 * Returns the step shown afterwards. */
guint       ui_test_import      (EkycWindow *window, const char *path);
/* Iterates the main loop until no store call of @window (sign-in, save, search, review) is in
 * flight; FALSE on timeout. */
gboolean    ui_test_wait_idle   (EkycWindow *window, double timeout_s);
/* Signs in through the sign-in page (typing, Enter) as "giamsat", the first supervisor of a
 * new store; asserts that the page waits with its spinner while the password is checked in a
 * worker, and that the window is signed in afterwards. Nothing when already signed in. */
void        ui_test_sign_in     (EkycWindow *window, EkycApplication *app);
/* Saves the result as the teller does (flow.save) and waits until the case is written. */
void        ui_test_save        (EkycWindow *window);
/* Renders @widget's window as a PNG file. */
gboolean    ui_test_save_png    (GtkWidget *widget, const char *path, GError **error);

G_END_DECLS
