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
};

G_DEFINE_FINAL_TYPE (EkycPreferencesWindow, ekyc_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
ekyc_preferences_window_dispose (GObject *object)
{
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
}

static void
ekyc_preferences_window_init (EkycPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

EkycPreferencesWindow *
ekyc_preferences_window_new (EkycApplication *app)
{
  EkycPreferencesWindow *self;
  GSettings *settings;
  gboolean supervisor;

  g_return_val_if_fail (EKYC_IS_APPLICATION (app), NULL);

  self = g_object_new (EKYC_TYPE_PREFERENCES_WINDOW, "application", app, NULL);
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
  return self;
}
