/* ekyc-preferences-window.c — camera and source, policy (supervisors), lock, retention
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "ekyc-application.h"
#include "ekyc-preferences-window.h"

struct _EkycPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  AdwEntryRow *camera_row;
  AdwEntryRow *source_row;
  GtkSwitch   *auto_capture_switch;
  GtkWidget   *policy_group;
  GtkWidget   *privacy_group;
  GtkSpinButton *fmr_spin;
  GtkSpinButton *margin_spin;
  GtkSpinButton *liveness_spin;
  GtkSwitch   *active_switch;
  GtkSwitch   *back_switch;
  GtkSpinButton *lock_spin;
  GtkSpinButton *retention_spin;
  GtkWidget   *server_group;
  AdwEntryRow *server_row;
  AdwEntryRow *code_row;
  AdwActionRow *enrol_row;
  GtkWidget   *enrol_button;
  GtkLabel    *enrol_problem_label;
  EkycApplication *app;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (EkycPreferencesWindow, ekyc_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
show_enrolment (EkycPreferencesWindow *self, const char *problem)
{
  EkycSyncService *sync = ekyc_application_get_sync (self->app);
  const char *url = sync ? ekyc_sync_service_get_server_url (sync) : NULL;

  if (sync == NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->enrol_row),
                                   _("Syncing is off: there is no case store"));
  else if (ekyc_sync_service_get_enrolled (sync) && url != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->enrol_row), _("Enrolled"));
  else
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->enrol_row), _("Not enrolled"));
  adw_action_row_set_subtitle (self->enrol_row, url ? url : "");
  gtk_label_set_label (self->enrol_problem_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->enrol_problem_label), problem != NULL);
}

static void
enrol_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(EkycPreferencesWindow) self = data;
  EkycSyncService *sync = EKYC_SYNC_SERVICE (source);
  g_autoptr(GError) error = NULL;

  if (!ekyc_sync_service_enrol_finish (sync, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_widget_set_sensitive (self->enrol_button, TRUE);
          show_enrolment (self, error->message);
        }
      return;
    }
  gtk_widget_set_sensitive (self->enrol_button, TRUE);
  g_settings_set_string (ekyc_application_get_settings (self->app), "sync-server-url",
                         ekyc_sync_service_get_server_url (sync));
  gtk_editable_set_text (GTK_EDITABLE (self->code_row), "");
  show_enrolment (self, NULL);
}

static void
enrol_clicked (EkycPreferencesWindow *self)
{
  EkycSyncService *sync = ekyc_application_get_sync (self->app);

  if (sync == NULL || !ekyc_application_get_supervisor (self->app))
    return;
  gtk_widget_set_sensitive (self->enrol_button, FALSE);
  gtk_label_set_label (self->enrol_problem_label, _("Enrolling…"));
  gtk_widget_set_visible (GTK_WIDGET (self->enrol_problem_label), TRUE);
  ekyc_sync_service_enrol_async (sync, gtk_editable_get_text (GTK_EDITABLE (self->server_row)),
                                 gtk_editable_get_text (GTK_EDITABLE (self->code_row)), NULL,
                                 self->cancellable, enrol_done, g_object_ref (self));
}

static void
ekyc_preferences_window_dispose (GObject *object)
{
  EkycPreferencesWindow *self = EKYC_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), EKYC_TYPE_PREFERENCES_WINDOW);
  G_OBJECT_CLASS (ekyc_preferences_window_parent_class)->dispose (object);
}

static void
ekyc_preferences_window_class_init (EkycPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ekyc_preferences_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/vn/ekyc/Ekyc/ekyc-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, camera_row);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, source_row);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, auto_capture_switch);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, policy_group);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, privacy_group);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, fmr_spin);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, margin_spin);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, liveness_spin);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, active_switch);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, back_switch);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, lock_spin);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, retention_spin);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, server_group);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, code_row);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, enrol_row);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, enrol_button);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, enrol_problem_label);
}

static void
ekyc_preferences_window_init (EkycPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->enrol_button, "clicked", G_CALLBACK (enrol_clicked), self);
}

EkycPreferencesWindow *
ekyc_preferences_window_new (EkycApplication *app)
{
  EkycPreferencesWindow *self;
  GSettings *settings;
  gboolean supervisor;

  g_return_val_if_fail (EKYC_IS_APPLICATION (app), NULL);

  self = g_object_new (EKYC_TYPE_PREFERENCES_WINDOW, "application", app, NULL);
  self->app = app;
  settings = ekyc_application_get_settings (app);
  supervisor = ekyc_application_get_supervisor (app);
  g_settings_bind (settings, "camera-device", self->camera_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "source", self->source_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "auto-capture", self->auto_capture_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "match-fmr", self->fmr_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "match-review-margin", self->margin_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "liveness-threshold", self->liveness_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "require-active-liveness", self->active_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "require-card-back", self->back_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "inactivity-lock-minutes", self->lock_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "retention-days", self->retention_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  /* Tellers see the policy but cannot change it. */
  gtk_widget_set_sensitive (self->policy_group, supervisor);
  gtk_widget_set_sensitive (self->privacy_group, supervisor);
  {
    g_autofree char *url = g_settings_get_string (settings, "sync-server-url");

    gtk_editable_set_text (GTK_EDITABLE (self->server_row), url);
    gtk_widget_set_sensitive (self->server_group,
                              supervisor && ekyc_application_get_sync (app) != NULL);
    show_enrolment (self, NULL);
  }
  return self;
}

void
ekyc_preferences_window_enrol (EkycPreferencesWindow *self, const char *url, const char *code)
{
  g_return_if_fail (EKYC_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (url != NULL && code != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->server_row), url);
  gtk_editable_set_text (GTK_EDITABLE (self->code_row), code);
  g_signal_emit_by_name (self->enrol_button, "clicked");
}

const char *
ekyc_preferences_window_get_enrolment_status (EkycPreferencesWindow *self)
{
  g_return_val_if_fail (EKYC_IS_PREFERENCES_WINDOW (self), NULL);
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->enrol_row));
}

const char *
ekyc_preferences_window_get_enrolment_detail (EkycPreferencesWindow *self)
{
  g_return_val_if_fail (EKYC_IS_PREFERENCES_WINDOW (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->enrol_problem_label))
         ? gtk_label_get_label (self->enrol_problem_label)
         : adw_action_row_get_subtitle (self->enrol_row);
}
