/* ui-test-utils.h — driving the app in tests and screenshots: start it, wait, render pages
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ekyc-window.h"

G_BEGIN_DECLS

/* One synthetic card (tests/test-utils' factory) in a temporary folder, with its ground truth. */
typedef struct {
  char *dir;
  char *front;           /* the photographed sides */
  char *back;
  char *id_number;       /* from the ground truth */
  char *full_name;
  char *portrait;        /* the LFW photo printed on the card (absolute) */
  char *other_photo;     /* another LFW photo of that person when there is one, else portrait */
} UiTestCard;

/* Makes card 0 of @seed ("clean" difficulty) in a new folder named after @prefix. FALSE (and the
 * test skipped) when the shared faces are missing. */
gboolean    ui_test_card_make   (UiTestCard *card, const char *prefix, const char *seed);
/* Removes the folder and frees the strings. */
void        ui_test_card_clear  (UiTestCard *card);

/* The application and window every test of a program shares (a GApplication registers once):
 * started on first use, 1000 × 700, with the engine loaded and signed in through the sign-in
 * page (ui_test_sign_in). ui_test_shared_free() (ui_test_finish() on it) at the end of main(). */
EkycWindow *ui_test_shared_window (EkycApplication **app_out);
void        ui_test_shared_free   (void);

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
/* Ends @app as quitting the app does (its windows close and their capture stops, a model load
 * still running finishes, the retention purge stops, it leaves D-Bus), drops the caller's
 * reference and waits until the application is finalized, so that no worker thread (OpenCV
 * loading the models, the store's) still runs when the process exits: exit() under one crashes.
 * Every test program that started an application calls it before main() returns. */
void        ui_test_finish      (EkycApplication *app);
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
/* (transfer none) (nullable): the first descendant of @root (depth first) of @type. */
GtkWidget  *ui_test_find_child  (GtkWidget *root, GType type);
/* The audit log has an entry @action with @detail (any detail when NULL). */
gboolean    ui_test_audit_has   (EkycApplication *app, const char *action, const char *detail);
/* Renders @widget's window as a PNG file. */
gboolean    ui_test_save_png    (GtkWidget *widget, const char *path, GError **error);

G_END_DECLS
