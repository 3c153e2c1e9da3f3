/* ekyc-preferences-window.c — camera and source, chip reader, policy (supervisors), lock, retention
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "ekyc-application.h"
#include "ekyc-chip-settings-group.h"
#include "ekyc-preferences-window.h"

struct _EkycPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  AdwEntryRow *camera_row;
  AdwEntryRow *source_row;
  GtkSwitch   *auto_capture_switch;
  EkycChipSettingsGroup *chip_group;
  GtkWidget   *policy_group;
  GtkWidget   *privacy_group;
  GtkSpinButton *match_spin;
  GtkSpinButton *review_spin;
  GtkSpinButton *liveness_spin;
  GtkSwitch   *active_switch;
  GtkSwitch   *back_switch;
  GtkSwitch   *chip_switch;
  GtkLabel    *policy_problem_label;
  GObject     *policy;          /* EkycPolicy: the store's, as edited here */
  guint        policy_save_id;  /* a change waiting to be saved */
  gboolean     loading_policy;
  GtkSpinButton *lock_spin;
  GtkSpinButton *retention_spin;
  GtkLabel    *privacy_problem_label;
  guint        retention_save_id;  /* a retention change waiting to be saved */
  guint        lock_save_id;       /* a lock timeout change waiting to be saved */
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

/* ---- the policy: the store's one copy, saved shortly after the last change ---- */

static void
show_privacy_problem (EkycPreferencesWindow *self, const char *problem)
{
  gtk_label_set_label (self->privacy_problem_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->privacy_problem_label), problem != NULL);
}

static void
show_policy_problem (EkycPreferencesWindow *self, const char *problem)
{
  gtk_label_set_label (self->policy_problem_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->policy_problem_label), problem != NULL);
}

static void
load_policy (EkycPreferencesWindow *self)
{
  g_auto(GStrv) required = NULL;
  double match, review, liveness;
  gboolean active;

  g_clear_object (&self->policy);
  self->policy = ekyc_application_dup_policy (self->app);
  g_object_get (self->policy, "match-threshold", &match, "review-threshold", &review,
                "passive-liveness-threshold", &liveness, "require-active-liveness", &active,
                "required-checks", &required, NULL);
  self->loading_policy = TRUE;
  gtk_spin_button_set_value (self->match_spin, match);
  gtk_spin_button_set_value (self->review_spin, review);
  gtk_spin_button_set_value (self->liveness_spin, liveness);
  gtk_switch_set_active (self->active_switch, active);
  gtk_switch_set_active (self->back_switch,
                         required != NULL && g_strv_contains ((const char * const *) required,
                                                              "card-back"));
  gtk_switch_set_active (self->chip_switch,
                         required != NULL && g_strv_contains ((const char * const *) required,
                                                              "chip"));
  self->loading_policy = FALSE;
}

/* The checks required, with "card-back" and "chip" as the switches say. */
static GStrv
required_checks (EkycPreferencesWindow *self)
{
  g_auto(GStrv) current = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_object_get (self->policy, "required-checks", &current, NULL);
  for (guint i = 0; current != NULL && current[i] != NULL; i++)
    if (!g_str_equal (current[i], "card-back") && !g_str_equal (current[i], "chip"))
      g_strv_builder_add (builder, current[i]);
  if (gtk_switch_get_active (self->back_switch))
    g_strv_builder_add (builder, "card-back");
  if (gtk_switch_get_active (self->chip_switch))
    g_strv_builder_add (builder, "chip");
  return g_strv_builder_end (builder);
}

gboolean
ekyc_preferences_window_save_policy (EkycPreferencesWindow *self, GError **error)
{
  g_auto(GStrv) required = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EKYC_IS_PREFERENCES_WINDOW (self), FALSE);

  g_clear_handle_id (&self->policy_save_id, g_source_remove);
  required = required_checks (self);
  g_object_set (self->policy,
                "match-threshold", gtk_spin_button_get_value (self->match_spin),
                "review-threshold", gtk_spin_button_get_value (self->review_spin),
                "passive-liveness-threshold", gtk_spin_button_get_value (self->liveness_spin),
                "require-active-liveness", gtk_switch_get_active (self->active_switch),
                "required-checks", required, NULL);
  if (!ekyc_application_save_policy (self->app, self->policy, &local_error))
    {
      show_policy_problem (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  show_policy_problem (self, NULL);
  return TRUE;
}

static gboolean
save_policy_later (gpointer data)
{
  EkycPreferencesWindow *self = data;

  self->policy_save_id = 0;
  ekyc_preferences_window_save_policy (self, NULL);
  return G_SOURCE_REMOVE;
}

static void
policy_edited (EkycPreferencesWindow *self)
{
  if (self->loading_policy || self->policy == NULL)
    return;
  /* A spin held down changes many times: one save (and one audit entry) for the last value. */
  g_clear_handle_id (&self->policy_save_id, g_source_remove);
  self->policy_save_id = g_timeout_add (600, save_policy_later, self);
}

/* ---- the evidence retention: the store's, as the purge uses it ---- */

static void
load_retention (EkycPreferencesWindow *self)
{
  self->loading_policy = TRUE;
  gtk_spin_button_set_value (self->retention_spin,
                             ekyc_application_get_retention_days (self->app));
  self->loading_policy = FALSE;
}

gboolean
ekyc_preferences_window_save_retention (EkycPreferencesWindow *self, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  guint days;

  g_return_val_if_fail (EKYC_IS_PREFERENCES_WINDOW (self), FALSE);

  g_clear_handle_id (&self->retention_save_id, g_source_remove);
  gtk_spin_button_update (self->retention_spin);
  days = (guint) gtk_spin_button_get_value_as_int (self->retention_spin);
  if (!ekyc_application_set_retention_days (self->app, days, &local_error))
    {
      show_privacy_problem (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  show_privacy_problem (self, NULL);
  return TRUE;
}

static gboolean
save_retention_later (gpointer data)
{
  EkycPreferencesWindow *self = data;

  self->retention_save_id = 0;
  ekyc_preferences_window_save_retention (self, NULL);
  return G_SOURCE_REMOVE;
}

static void
retention_edited (EkycPreferencesWindow *self)
{
  if (self->loading_policy)
    return;
  g_clear_handle_id (&self->retention_save_id, g_source_remove);
  self->retention_save_id = g_timeout_add (600, save_retention_later, self);
}

/* ---- the inactivity lock: the store's, which every session follows ---- */

static void
load_lock_timeout (EkycPreferencesWindow *self)
{
  guint seconds = ekyc_application_get_lock_timeout (self->app);

  /* Whole minutes here; a shorter stored timeout (tests) shows as one minute. */
  self->loading_policy = TRUE;
  gtk_spin_button_set_value (self->lock_spin, MAX (1, (seconds + 59) / 60));
  self->loading_policy = FALSE;
}

gboolean
ekyc_preferences_window_save_lock_timeout (EkycPreferencesWindow *self, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  guint minutes;

  g_return_val_if_fail (EKYC_IS_PREFERENCES_WINDOW (self), FALSE);

  g_clear_handle_id (&self->lock_save_id, g_source_remove);
  gtk_spin_button_update (self->lock_spin);
  minutes = (guint) gtk_spin_button_get_value_as_int (self->lock_spin);
  if (!ekyc_application_set_lock_timeout (self->app, minutes * 60, &local_error))
    {
      show_privacy_problem (self, local_error->message);
      /* The control shows what is in force, not the refused value. */
      load_lock_timeout (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  show_privacy_problem (self, NULL);
  return TRUE;
}

static gboolean
save_lock_timeout_later (gpointer data)
{
  EkycPreferencesWindow *self = data;

  self->lock_save_id = 0;
  ekyc_preferences_window_save_lock_timeout (self, NULL);
  return G_SOURCE_REMOVE;
}

static void
lock_timeout_edited (EkycPreferencesWindow *self)
{
  if (self->loading_policy)
    return;
  g_clear_handle_id (&self->lock_save_id, g_source_remove);
  self->lock_save_id = g_timeout_add (600, save_lock_timeout_later, self);
}

GtkWidget *
ekyc_preferences_window_get_policy_control (EkycPreferencesWindow *self, const char *name)
{
  g_return_val_if_fail (EKYC_IS_PREFERENCES_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (g_str_equal (name, "match-threshold"))
    return GTK_WIDGET (self->match_spin);
  if (g_str_equal (name, "review-threshold"))
    return GTK_WIDGET (self->review_spin);
  if (g_str_equal (name, "passive-liveness-threshold"))
    return GTK_WIDGET (self->liveness_spin);
  if (g_str_equal (name, "require-active-liveness"))
    return GTK_WIDGET (self->active_switch);
  if (g_str_equal (name, "require-card-back"))
    return GTK_WIDGET (self->back_switch);
  if (g_str_equal (name, "require-chip"))
    return GTK_WIDGET (self->chip_switch);
  if (g_str_equal (name, "retention-days"))
    return GTK_WIDGET (self->retention_spin);
  if (g_str_equal (name, "lock-minutes"))
    return GTK_WIDGET (self->lock_spin);
  return NULL;
}

static void
ekyc_preferences_window_dispose (GObject *object)
{
  EkycPreferencesWindow *self = EKYC_PREFERENCES_WINDOW (object);

  /* A change made just before closing is kept. */
  if (self->policy_save_id != 0)
    ekyc_preferences_window_save_policy (self, NULL);
  g_clear_object (&self->policy);
  if (self->retention_save_id != 0)
    ekyc_preferences_window_save_retention (self, NULL);
  if (self->lock_save_id != 0)
    ekyc_preferences_window_save_lock_timeout (self, NULL);
  /* Controls torn down below change no more settings. */
  self->loading_policy = TRUE;

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
  g_type_ensure (EKYC_TYPE_CHIP_SETTINGS_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/vn/ekyc/Ekyc/ekyc-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, camera_row);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, source_row);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, auto_capture_switch);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, chip_group);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, policy_group);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, privacy_group);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, match_spin);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, review_spin);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, policy_problem_label);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, liveness_spin);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, active_switch);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, back_switch);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, chip_switch);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, lock_spin);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow, retention_spin);
  gtk_widget_class_bind_template_child (widget_class, EkycPreferencesWindow,
                                        privacy_problem_label);
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
  /* The chip reader and the CSCA folder: this computer's, any signed-in user's. */
  ekyc_chip_settings_group_set_settings (self->chip_group, settings);
  /* The policy lives in the case store (one copy, for every decision), not in GSettings. */
  load_policy (self);
  g_signal_connect_swapped (self->match_spin, "value-changed", G_CALLBACK (policy_edited), self);
  g_signal_connect_swapped (self->review_spin, "value-changed", G_CALLBACK (policy_edited), self);
  g_signal_connect_swapped (self->liveness_spin, "value-changed", G_CALLBACK (policy_edited),
                            self);
  g_signal_connect_swapped (self->active_switch, "notify::active", G_CALLBACK (policy_edited),
                            self);
  g_signal_connect_swapped (self->back_switch, "notify::active", G_CALLBACK (policy_edited),
                            self);
  g_signal_connect_swapped (self->chip_switch, "notify::active", G_CALLBACK (policy_edited),
                            self);
  /* The lock timeout lives in the case store: a teller cannot lengthen their own. */
  load_lock_timeout (self);
  g_signal_connect_swapped (self->lock_spin, "value-changed", G_CALLBACK (lock_timeout_edited),
                            self);
  /* The retention lives in the case store too: the purge uses that one. */
  load_retention (self);
  g_signal_connect_swapped (self->retention_spin, "value-changed", G_CALLBACK (retention_edited),
                            self);
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

EkycChipSettingsGroup *
ekyc_preferences_window_get_chip_group (EkycPreferencesWindow *self)
{
  g_return_val_if_fail (EKYC_IS_PREFERENCES_WINDOW (self), NULL);
  return self->chip_group;
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
