/* test-ui-lock.c — the inactivity lock is one setting, the case store's: a teller sees it but
 * cannot change it, a supervisor changes it in Preferences (audited), and the signed-in
 * session locks itself after the stored timeout, taking the window to the lock page, which says
 * why it locked (the time without use, or the user's own Ctrl+L)
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <string.h>

#include "ekyc-preferences-window.h"
#include "ekyc-sign-in-page.h"
#include "ekyc-store.h"
#include "test-utils.h"
#include "ui-test-utils.h"

#define SUPERVISOR "giamsat"
#define TELLER     "giaodichvien"
#define PASSWORD   "mat-khau-dai-1"

/* Before the app starts: a supervisor and a teller, and the default lock timeout. */
static void
prepare_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycStore) store = ekyc_store_open (path, EKYC_STORE_FLAGS_NO_KEYRING, NULL, &error);
  g_autoptr(EkycSession) supervisor = NULL;

  g_assert_no_error (error);
  g_assert_true (ekyc_store_create_user (store, NULL, SUPERVISOR, "Giám sát", PASSWORD,
                                         EKYC_ROLE_SUPERVISOR, NULL, &error));
  g_assert_no_error (error);
  supervisor = ekyc_store_sign_in (store, SUPERVISOR, PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ekyc_store_create_user (store, supervisor, TELLER, "Giao dịch viên", PASSWORD,
                                         EKYC_ROLE_TELLER, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ekyc_store_get_lock_timeout (store), ==, EKYC_SESSION_DEFAULT_LOCK_TIMEOUT);
}

static void
sign_in_as (EkycApplication *app, const char *user)
{
  g_autoptr(GError) error = NULL;

  ekyc_application_sign_out (app);
  g_assert_true (ekyc_application_sign_in (app, user, PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_false (ekyc_application_get_locked (app));
}

/* A teller sees the timeout in Preferences, greyed out, and the app refuses a longer one. */
static void
teller_cannot_change_it (EkycApplication *app)
{
  EkycPreferencesWindow *prefs;
  GtkWidget *spin;
  g_autoptr(GError) error = NULL;

  sign_in_as (app, TELLER);
  prefs = ekyc_preferences_window_new (app);
  spin = ekyc_preferences_window_get_policy_control (prefs, "lock-minutes");
  gtk_window_present (GTK_WINDOW (prefs));
  g_assert_true (GTK_IS_SPIN_BUTTON (spin));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==,
                   EKYC_SESSION_DEFAULT_LOCK_TIMEOUT / 60);
  g_assert_false (gtk_widget_is_sensitive (spin));
  /* Even past the greyed-out control, the store says no. */
  g_assert_false (ekyc_application_set_lock_timeout (app, 3600, &error));
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 60);
  g_assert_false (ekyc_preferences_window_save_lock_timeout (prefs, &error));
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_NOT_ALLOWED);
  /* The control goes back to what is in force. */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==,
                   EKYC_SESSION_DEFAULT_LOCK_TIMEOUT / 60);
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_assert_cmpuint (ekyc_application_get_lock_timeout (app), ==,
                    EKYC_SESSION_DEFAULT_LOCK_TIMEOUT);
}

/* A supervisor sets 2 minutes in Preferences: the store's setting changes, audited. */
static void
supervisor_changes_it (EkycApplication *app)
{
  EkycPreferencesWindow *prefs;
  GtkWidget *spin;
  g_autoptr(GError) error = NULL;

  sign_in_as (app, SUPERVISOR);
  prefs = ekyc_preferences_window_new (app);
  spin = ekyc_preferences_window_get_policy_control (prefs, "lock-minutes");
  gtk_window_present (GTK_WINDOW (prefs));
  g_assert_true (gtk_widget_is_sensitive (spin));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 2);
  /* Closing the window saves the change made just before (as the 0.6 s pause would). */
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_assert_cmpuint (ekyc_application_get_lock_timeout (app), ==, 120);
  g_assert_true (ui_test_audit_has (app, "settings-changed", "lock-timeout=120"));
  /* Turning the lock off is refused with a message, and changes nothing. */
  g_assert_false (ekyc_application_set_lock_timeout (app, 0, &error));
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_INVALID);
  g_test_message ("lock off: %s", error->message);
  g_assert_cmpuint (ekyc_application_get_lock_timeout (app), ==, 120);
}

static gboolean
window_locked (gpointer window)
{
  return g_strcmp0 (ekyc_window_get_page_name (window), "sign-in") == 0;
}

/* The supervisor locks the window by hand (Ctrl+L): the lock page says it is locked, not that
 * time passed without use; signing in again unlocks it. */
static void
locked_by_hand_says_so (EkycApplication *app, EkycWindow *window)
{
  EkycSignInPage *page = ekyc_window_get_sign_in_page (window);
  const char *why;

  g_assert_cmpstr (ekyc_window_get_page_name (window), !=, "sign-in");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL);
  g_assert_true (ui_test_wait (window_locked, window, 30));
  g_assert_true (ekyc_application_get_locked (app));
  why = ekyc_sign_in_page_get_description (page);
  g_test_message ("locked by hand: %s", why);
  g_assert_cmpstr (ekyc_sign_in_page_get_title (page), ==, "Locked");
  g_assert_cmpstr (why, ==, "The session was locked. Enter your password to continue.");
  g_assert_null (strstr (why, "without use"));
  ekyc_sign_in_page_submit (page, SUPERVISOR, PASSWORD);
  g_assert_true (ui_test_wait_idle (window, 60));
  g_assert_false (ekyc_application_get_locked (app));
  g_assert_cmpstr (ekyc_window_get_page_name (window), !=, "sign-in");
  g_assert_cmpstr (ekyc_sign_in_page_get_title (page), !=, "Locked");
}

static void
test_lock_is_the_stores (void)
{
  const char *path = g_getenv ("EKYC_STORE_PATH");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cases = NULL;
  EkycApplication *app;
  EkycWindow *window;

  if (path == NULL)
    {
      g_test_skip ("needs EKYC_STORE_PATH (run through xvfb-wrapper.sh)");
      return;
    }
  prepare_store (path);
  window = ui_test_start (&app, 1000, 700);

  teller_cannot_change_it (app);
  supervisor_changes_it (app);
  locked_by_hand_says_so (app, window);

  /* A short timeout (seconds, through the same store setting), then the teller signs in and
   * leaves the counter: the session locks itself and the window shows the lock page. */
  g_assert_true (ekyc_application_set_lock_timeout (app, 2, &error));
  g_assert_no_error (error);
  g_assert_true (ui_test_audit_has (app, "settings-changed", "lock-timeout=2"));
  sign_in_as (app, TELLER);
  ui_test_settle (50);
  g_assert_true (ui_test_wait (window_locked, window, 60));
  g_assert_true (ekyc_application_get_locked (app));
  /* It says why, and how long (the 2 s shown as the minute the setting counts in). */
  g_test_message ("locked by the timer: %s",
                  ekyc_sign_in_page_get_description (ekyc_window_get_sign_in_page (window)));
  g_assert_cmpstr (ekyc_sign_in_page_get_description (ekyc_window_get_sign_in_page (window)), ==,
                   "The session was locked after 1 minute without use. Enter your password to "
                   "continue.");
  /* Locked means locked for the store too, not only on screen. */
  cases = ekyc_application_query_cases (app, NULL, -1, -1, -1, &error);
  g_assert_null (cases);
  g_assert_error (error, EKYC_STORE_ERROR, EKYC_STORE_ERROR_LOCKED);

  ui_test_finish (app);
}

int
main (int argc, char **argv)
{
  ui_test_init (&argc, &argv);
  g_test_add_func ("/ui/lock/is-the-stores", test_lock_is_the_stores);
  return g_test_run ();
}
