/* test-ui-chip-settings.c — Preferences' chip settings in the real window: the reader is chosen
 * among those a private pcscd lists (vpcd), "any reader" stays the default, a reader unplugged
 * stays chosen, no pcscd gives a note and no crash, and the CSCA folder chosen or reset to the
 * default is what the chip read uses
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <ekyc/ekyc.h>

#include "ekyc-chip-settings-group.h"
#include "ekyc-preferences-window.h"
#include "pcsc-stack.h"
#include "test-utils.h"
#include "ui-test-utils.h"

#define UNPLUGGED "ACS ACR1252 Dual Reader [ACR1252 PICC] 00 00"

static EkycApplication *app;
static EkycTestPcsc *pcsc;
static char *work_dir;

static gboolean
listed (gpointer group)
{
  return !ekyc_chip_settings_group_get_listing (group);
}

/* A Preferences window, presented, with the readers listed. */
static EkycPreferencesWindow *
open_preferences (EkycChipSettingsGroup **group)
{
  EkycPreferencesWindow *prefs = ekyc_preferences_window_new (app);

  gtk_window_present (GTK_WINDOW (prefs));
  *group = ekyc_preferences_window_get_chip_group (prefs);
  g_assert_true (ui_test_wait (listed, *group, 30));
  ui_test_settle (50);
  return prefs;
}

static GSettings *
settings (void)
{
  return ekyc_application_get_settings (app);
}

static char *
setting (const char *key)
{
  return g_settings_get_string (settings (), key);
}

/* pcscd lists its vpcd reader: it is a choice after "any reader"; choosing it is the setting,
 * and "any reader" again empties it. */
static void
test_reader_choice (gconstpointer skip)
{
  EkycChipSettingsGroup *group;
  EkycPreferencesWindow *prefs;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) present = NULL, choices = NULL;
  g_autofree char *reader = NULL, *chosen = NULL;
  AdwComboRow *row;

  if (skip != NULL)
    {
      g_test_skip (skip);
      return;
    }
  present = ekyc_chip_list_readers (&error);
  g_assert_no_error (error);
  prefs = open_preferences (&group);
  row = ADW_COMBO_ROW (ekyc_chip_settings_group_get_reader_row (group));
  choices = ekyc_chip_settings_group_dup_choices (group);
  g_assert_null (ekyc_chip_settings_group_get_note (group));
  g_assert_cmpuint (g_strv_length (choices), ==, g_strv_length (present) + 1);
  g_assert_cmpstr (choices[1], ==, present[0]);
  /* The default: any reader, nothing saved. */
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  reader = setting ("chip-reader");
  g_assert_cmpstr (reader, ==, "");

  adw_combo_row_set_selected (row, 1);
  chosen = setting ("chip-reader");
  g_assert_cmpstr (chosen, ==, present[0]);
  gtk_window_destroy (GTK_WINDOW (prefs));

  /* Opened again: the saved reader is the one selected. */
  prefs = open_preferences (&group);
  row = ADW_COMBO_ROW (ekyc_chip_settings_group_get_reader_row (group));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 1);
  adw_combo_row_set_selected (row, 0);
  g_free (chosen);
  chosen = setting ("chip-reader");
  g_assert_cmpstr (chosen, ==, "");
  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* Without pcscd: a note that says so, "any reader" only; a reader saved before stays chosen,
 * marked as not connected, and nothing is lost. The row is reachable from the keyboard. */
static void
test_without_pcscd (void)
{
  EkycChipSettingsGroup *group;
  EkycPreferencesWindow *prefs;
  g_auto(GStrv) choices = NULL;
  g_autofree char *reader = NULL;
  GtkWidget *row;
  const char *note;

  prefs = open_preferences (&group);
  note = ekyc_chip_settings_group_get_note (group);
  g_test_message ("note: %s", note);
  g_assert_nonnull (note);
  g_assert_nonnull (strstr (note, "pcscd"));
  choices = ekyc_chip_settings_group_dup_choices (group);
  g_assert_cmpuint (g_strv_length (choices), ==, 1);
  row = ekyc_chip_settings_group_get_reader_row (group);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, note);
  g_assert_true (gtk_widget_get_focusable (row) || gtk_widget_get_can_focus (row));
  g_assert_true (gtk_widget_grab_focus (row));
  gtk_window_destroy (GTK_WINDOW (prefs));

  g_settings_set_string (settings (), "chip-reader", UNPLUGGED);
  prefs = open_preferences (&group);
  g_strfreev (choices);
  choices = ekyc_chip_settings_group_dup_choices (group);
  g_assert_cmpuint (g_strv_length (choices), ==, 2);
  g_assert_nonnull (strstr (choices[1], "ACR1252"));
  row = ekyc_chip_settings_group_get_reader_row (group);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 1);
  gtk_window_destroy (GTK_WINDOW (prefs));
  reader = setting ("chip-reader");
  g_assert_cmpstr (reader, ==, UNPLUGGED);
  g_settings_reset (settings (), "chip-reader");
}

/* The CSCA folder: the default shown when none is set, a chosen folder kept and shown, and back
 * to the default (kept as empty); the chip read takes the folder the setting resolves to. */
static void
test_trust_folder (void)
{
  g_autofree char *chosen = g_build_filename (work_dir, "csca", NULL);
  const char *fallback = ekyc_chip_settings_default_trust_directory ();
  g_autofree char *expected = g_strdup_printf ("Default: %s", fallback);
  g_autofree char *value = NULL, *resolved = NULL;
  EkycChipSettingsGroup *group;
  EkycPreferencesWindow *prefs;
  AdwActionRow *row;

  g_assert_true (g_str_has_suffix (fallback, "/ekyc/csca"));
  g_assert_cmpint (g_mkdir_with_parents (chosen, 0700), ==, 0);
  prefs = open_preferences (&group);
  row = ADW_ACTION_ROW (ekyc_chip_settings_group_get_trust_row (group));
  /* Nothing there yet: the default, and that no chip can be fully verified. */
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), expected));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "does not exist"));
  resolved = ekyc_chip_settings_dup_trust_directory (settings ());
  g_assert_cmpstr (resolved, ==, fallback);

  ekyc_chip_settings_group_set_trust_directory (group, chosen);
  value = setting ("chip-trust-directory");
  g_assert_cmpstr (value, ==, chosen);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, chosen);
  g_free (resolved);
  resolved = ekyc_chip_settings_dup_trust_directory (settings ());
  g_assert_cmpstr (resolved, ==, chosen);

  /* Choosing the default folder itself keeps the setting empty. */
  ekyc_chip_settings_group_set_trust_directory (group, fallback);
  g_free (value);
  value = setting ("chip-trust-directory");
  g_assert_cmpstr (value, ==, "");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), expected));
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_rmdir (chosen);
}

static void
stop_pcscd (void)
{
  g_clear_pointer (&pcsc, ekyc_test_pcsc_stop);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *absent = NULL;
  const char *skip;
  int status;

  ui_test_init (&argc, &argv);
  work_dir = g_dir_make_tmp ("ekyc-ui-chip-settings-XXXXXX", &error);
  g_assert_no_error (error);
  skip = ekyc_test_pcsc_unavailable ();
  if (skip == NULL)
    pcsc = ekyc_test_pcsc_start (work_dir, &skip);
  if (pcsc == NULL)
    {
      /* Never the system's pcscd: a socket nobody serves. (libpcsclite reads it once.) */
      absent = g_build_filename (work_dir, "no-pcscd", NULL);
      g_setenv ("PCSCLITE_CSOCK_NAME", absent, TRUE);
    }
  ui_test_start (&app, 1000, 700);

  g_test_add_data_func ("/ui/chip-settings/reader-choice", skip, test_reader_choice);
  g_test_add_func ("/ui/chip-settings/pcscd-stops", stop_pcscd);
  g_test_add_func ("/ui/chip-settings/without-pcscd", test_without_pcscd);
  g_test_add_func ("/ui/chip-settings/trust-folder", test_trust_folder);
  status = g_test_run ();
  ui_test_finish (app);
  g_clear_pointer (&pcsc, ekyc_test_pcsc_stop);
  ekyc_test_remove_tree (work_dir);
  return status;
}
