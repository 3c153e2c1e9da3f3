/* ekyc-window-export.c — "Export Cases…": a supervisor saves the cases the case list shows
 * (its search and every filter, the evidence upload state's included) as a JSON file
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc"
#include "config.h"

#include <glib/gi18n.h>

#include "ekyc-application.h"
#include "ekyc-window-private.h"

static void
export_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(EkycWindow) self = data;
  g_autoptr(GError) error = NULL;

  if (ekyc_application_export_cases_finish (EKYC_APPLICATION (source), result, &error))
    _ekyc_window_toast (self, _("The cases were exported."));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("The cases were not exported: %s"),
                                                  error->message);

      _ekyc_window_toast (self, message);
    }
}

void
_ekyc_window_export_to (EkycWindow *self, GFile *destination)
{
  EkycApplication *app = EKYC_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  EkycCaseListPage *list = ekyc_window_get_case_list_page (self);
  g_autofree char *text = NULL;
  g_auto(GStrv) shown = NULL;
  int decision, review_state, sync_state;

  _ekyc_window_case_query (self, &text, &decision, &review_state, &sync_state);
  /* The evidence filter runs on the page, not in the store: the export takes the cases it let
   * through, as the list shows them. */
  if (ekyc_case_list_page_get_evidence_filter (list) != 0)
    shown = ekyc_case_list_page_dup_case_ids (list);
  ekyc_application_export_cases_async (app, text, decision, review_state, sync_state,
                                       (const char * const *) shown, destination, NULL,
                                       export_done, g_object_ref (self));
}

static void
destination_chosen (GtkNativeDialog *dialog, int response, EkycWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        _ekyc_window_export_to (self, file);
    }
  g_object_unref (dialog);
}

void
_ekyc_window_export_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  EkycWindow *self = EKYC_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "ekyc-cases-%Y-%m-%d.json");
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Export Cases"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("JSON files"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (destination_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
