/* ekyc-chip-settings-group.c — Preferences' chip settings: the PC/SC reader and the CSCA folder
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-ui"
#include "config.h"

#include <glib/gi18n.h>
#include <ekyc/ekyc.h>

#include "ekyc-chip-settings-group.h"

struct _EkycChipSettingsGroup
{
  AdwPreferencesGroup parent_instance;

  AdwComboRow   *reader_row;
  GtkStringList *reader_names;   /* what the row shows */
  GtkWidget     *refresh_button;
  AdwActionRow  *trust_row;
  GtkWidget     *choose_button;
  GtkWidget     *default_button;

  GSettings     *settings;
  GPtrArray     *readers;        /* the PC/SC name behind each choice; "" is any reader */
  char          *note;           /* why no reader can be chosen */
  GCancellable  *cancellable;
  gboolean       listing;
  gboolean       showing;        /* the row is being filled: not the user's choice */
};

G_DEFINE_FINAL_TYPE (EkycChipSettingsGroup, ekyc_chip_settings_group, ADW_TYPE_PREFERENCES_GROUP)

const char *
ekyc_chip_settings_default_trust_directory (void)
{
  static gsize once;
  static char *path;

  if (g_once_init_enter (&once))
    {
      const char *env = g_getenv ("EKYC_CSCA_DIR");  /* as ekyc-cli read-chip */

      path = env && *env ? g_strdup (env)
                         : g_build_filename (g_get_user_data_dir (), "ekyc", "csca", NULL);
      g_once_init_leave (&once, 1);
    }
  return path;
}

char *
ekyc_chip_settings_dup_trust_directory (GSettings *settings)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  path = g_settings_get_string (settings, "chip-trust-directory");
  if (*path == '\0')
    return g_strdup (ekyc_chip_settings_default_trust_directory ());
  return g_steal_pointer (&path);
}

/* ---- the reader ---- */

/* Fills the row with "any reader", the readers present and the saved one if it is absent. */
static void
show_readers (EkycChipSettingsGroup *self, char **present)
{
  g_autofree char *saved = g_settings_get_string (self->settings, "chip-reader");
  guint selected = 0;

  self->showing = TRUE;
  gtk_string_list_splice (self->reader_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->reader_names)), NULL);
  g_ptr_array_set_size (self->readers, 0);
  /* Short: the row shows the choice beside its note. */
  gtk_string_list_append (self->reader_names, _("Any reader"));
  g_ptr_array_add (self->readers, g_strdup (""));
  for (guint i = 0; present != NULL && present[i] != NULL; i++)
    {
      if (g_str_equal (present[i], saved))
        selected = self->readers->len;
      gtk_string_list_append (self->reader_names, present[i]);
      g_ptr_array_add (self->readers, g_strdup (present[i]));
    }
  if (*saved != '\0' && selected == 0)
    {
      /* Unplugged now: still the choice, and said so. */
      g_autofree char *label = g_strdup_printf (_("%s (not connected)"), saved);

      selected = self->readers->len;
      gtk_string_list_append (self->reader_names, label);
      g_ptr_array_add (self->readers, g_strdup (saved));
    }
  adw_combo_row_set_selected (self->reader_row, selected);
  self->showing = FALSE;
}

static void
show_note (EkycChipSettingsGroup *self)
{
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->reader_row),
                               self->note ? self->note
                               : _("Any reader: the first that holds a card. Readers "
                                   "connected later are found with the refresh button"));
}

static void
list_readers_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  GError *error = NULL;
  char **readers = ekyc_chip_list_readers (&error);

  if (readers == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, readers, (GDestroyNotify) g_strfreev);
}

static void
readers_listed (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(EkycChipSettingsGroup) self = data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) readers = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->listing = FALSE;
  gtk_widget_set_sensitive (self->refresh_button, TRUE);
  g_clear_pointer (&self->note, g_free);
  if (readers == NULL)
    /* Translators: %s says why (pcscd not running, no reader connected) */
    self->note = g_strdup_printf (_("%s The chip is read with any reader that appears."),
                                  error->message);
  show_readers (self, readers);
  show_note (self);
}

void
ekyc_chip_settings_group_refresh (EkycChipSettingsGroup *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EKYC_IS_CHIP_SETTINGS_GROUP (self));
  if (self->settings == NULL || self->listing)
    return;
  self->listing = TRUE;
  gtk_widget_set_sensitive (self->refresh_button, FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->reader_row), _("Looking for readers…"));
  task = g_task_new (NULL, self->cancellable, readers_listed, g_object_ref (self));
  g_task_set_source_tag (task, ekyc_chip_settings_group_refresh);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, list_readers_thread);
}

static void
reader_chosen (EkycChipSettingsGroup *self)
{
  guint selected = adw_combo_row_get_selected (self->reader_row);

  if (self->showing || self->settings == NULL || selected >= self->readers->len)
    return;
  g_settings_set_string (self->settings, "chip-reader", g_ptr_array_index (self->readers,
                                                                           selected));
}

/* ---- the CSCA folder ---- */

static void
show_trust_directory (EkycChipSettingsGroup *self)
{
  g_autofree char *setting = g_settings_get_string (self->settings, "chip-trust-directory");
  g_autofree char *path = ekyc_chip_settings_dup_trust_directory (self->settings);
  g_autofree char *subtitle = NULL;

  if (*setting == '\0')
    /* Translators: %s is a folder */
    subtitle = g_strdup_printf (_("Default: %s"), path);
  else
    subtitle = g_strdup (path);
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      /* Translators: %s is the folder shown above */
      g_autofree char *missing = g_strdup_printf (_("%s — this folder does not exist yet: no "
                                                    "chip can be fully verified"), subtitle);
      g_free (subtitle);
      subtitle = g_steal_pointer (&missing);
    }
  adw_action_row_set_subtitle (self->trust_row, subtitle);
  gtk_widget_set_sensitive (self->default_button, *setting != '\0');
}

void
ekyc_chip_settings_group_set_trust_directory (EkycChipSettingsGroup *self, const char *path)
{
  g_return_if_fail (EKYC_IS_CHIP_SETTINGS_GROUP (self));
  g_return_if_fail (self->settings != NULL);

  /* The default folder is kept as "empty", so that it follows the user data folder. */
  if (path != NULL && g_str_equal (path, ekyc_chip_settings_default_trust_directory ()))
    path = NULL;
  g_settings_set_string (self->settings, "chip-trust-directory", path ? path : "");
}

static void
folder_chosen (GtkNativeDialog *dialog, int response, EkycChipSettingsGroup *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = folder ? g_file_get_path (folder) : NULL;

      if (path != NULL)
        ekyc_chip_settings_group_set_trust_directory (self, path);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
choose_clicked (EkycChipSettingsGroup *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *path = ekyc_chip_settings_dup_trust_directory (self->settings);
  g_autoptr(GFile) current = g_file_new_for_path (path);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("CSCA Certificates Folder"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Select"),
                                        _("_Cancel"));
  if (g_file_query_exists (current, NULL))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), current, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (folder_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
default_clicked (EkycChipSettingsGroup *self)
{
  ekyc_chip_settings_group_set_trust_directory (self, NULL);
}

/* ---- the group ---- */

void
ekyc_chip_settings_group_set_settings (EkycChipSettingsGroup *self, GSettings *settings)
{
  g_return_if_fail (EKYC_IS_CHIP_SETTINGS_GROUP (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  g_signal_connect_object (settings, "changed::chip-trust-directory",
                           G_CALLBACK (show_trust_directory), self, G_CONNECT_SWAPPED);
  show_readers (self, NULL);
  show_trust_directory (self);
  ekyc_chip_settings_group_refresh (self);
}

gboolean
ekyc_chip_settings_group_get_listing (EkycChipSettingsGroup *self)
{
  g_return_val_if_fail (EKYC_IS_CHIP_SETTINGS_GROUP (self), FALSE);
  return self->listing;
}

GStrv
ekyc_chip_settings_group_dup_choices (EkycChipSettingsGroup *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GListModel *model = G_LIST_MODEL (self->reader_names);

  g_return_val_if_fail (EKYC_IS_CHIP_SETTINGS_GROUP (self), NULL);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_strv_builder_add (builder, gtk_string_list_get_string (self->reader_names, i));
  return g_strv_builder_end (builder);
}

const char *
ekyc_chip_settings_group_get_note (EkycChipSettingsGroup *self)
{
  g_return_val_if_fail (EKYC_IS_CHIP_SETTINGS_GROUP (self), NULL);
  return self->note;
}

GtkWidget *
ekyc_chip_settings_group_get_reader_row (EkycChipSettingsGroup *self)
{
  g_return_val_if_fail (EKYC_IS_CHIP_SETTINGS_GROUP (self), NULL);
  return GTK_WIDGET (self->reader_row);
}

GtkWidget *
ekyc_chip_settings_group_get_trust_row (EkycChipSettingsGroup *self)
{
  g_return_val_if_fail (EKYC_IS_CHIP_SETTINGS_GROUP (self), NULL);
  return GTK_WIDGET (self->trust_row);
}

static void
ekyc_chip_settings_group_dispose (GObject *object)
{
  EkycChipSettingsGroup *self = EKYC_CHIP_SETTINGS_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (object), EKYC_TYPE_CHIP_SETTINGS_GROUP);
  G_OBJECT_CLASS (ekyc_chip_settings_group_parent_class)->dispose (object);
}

static void
ekyc_chip_settings_group_finalize (GObject *object)
{
  EkycChipSettingsGroup *self = EKYC_CHIP_SETTINGS_GROUP (object);

  g_ptr_array_unref (self->readers);
  g_free (self->note);
  G_OBJECT_CLASS (ekyc_chip_settings_group_parent_class)->finalize (object);
}

static void
ekyc_chip_settings_group_class_init (EkycChipSettingsGroupClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ekyc_chip_settings_group_dispose;
  G_OBJECT_CLASS (klass)->finalize = ekyc_chip_settings_group_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/vn/ekyc/Ekyc/ekyc-chip-settings-group.ui");
  gtk_widget_class_bind_template_child (widget_class, EkycChipSettingsGroup, reader_row);
  gtk_widget_class_bind_template_child (widget_class, EkycChipSettingsGroup, reader_names);
  gtk_widget_class_bind_template_child (widget_class, EkycChipSettingsGroup, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, EkycChipSettingsGroup, trust_row);
  gtk_widget_class_bind_template_child (widget_class, EkycChipSettingsGroup, choose_button);
  gtk_widget_class_bind_template_child (widget_class, EkycChipSettingsGroup, default_button);
}

static void
ekyc_chip_settings_group_init (EkycChipSettingsGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->readers = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->reader_row, "notify::selected", G_CALLBACK (reader_chosen),
                            self);
  g_signal_connect_swapped (self->refresh_button, "clicked",
                            G_CALLBACK (ekyc_chip_settings_group_refresh), self);
  g_signal_connect_swapped (self->choose_button, "clicked", G_CALLBACK (choose_clicked), self);
  g_signal_connect_swapped (self->default_button, "clicked", G_CALLBACK (default_clicked), self);
}
