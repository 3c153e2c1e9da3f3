/* ekyc-preferences-window.h — camera and source, policy (supervisors), lock, retention
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <adwaita.h>

#include "ekyc-chip-settings-group.h"

G_BEGIN_DECLS

typedef struct _EkycApplication EkycApplication;

#define EKYC_TYPE_PREFERENCES_WINDOW (ekyc_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (EkycPreferencesWindow, ekyc_preferences_window, EKYC, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

EkycPreferencesWindow *ekyc_preferences_window_new (EkycApplication *app);
/* Fills the server rows and presses Enrol (what a supervisor does; tests use it). */
void        ekyc_preferences_window_enrol (EkycPreferencesWindow *self, const char *url,
                                           const char *code);
/* The enrolment row's title ("Enrolled", "Not enrolled"…). */
const char *ekyc_preferences_window_get_enrolment_status (EkycPreferencesWindow *self);
/* Its subtitle: the server address, or why the enrolment failed. */
const char *ekyc_preferences_window_get_enrolment_detail (EkycPreferencesWindow *self);

/* The chip reader and CSCA folder group (Capture page). (transfer none) */
EkycChipSettingsGroup *ekyc_preferences_window_get_chip_group (EkycPreferencesWindow *self);

/* The policy page's control for an EkycPolicy property ("match-threshold", "review-threshold",
 * "passive-liveness-threshold", "require-active-liveness", "require-card-back", "require-chip")
 * the evidence retention ("retention-days") or the inactivity lock ("lock-minutes"), for tests. */
GtkWidget *ekyc_preferences_window_get_policy_control (EkycPreferencesWindow *self,
                                                       const char            *name);
/* Saves the policy as the controls show it (a change is saved 0.6 s after the last one and on
 * close); FALSE with the store's message (shown on the page) when it is refused. */
gboolean   ekyc_preferences_window_save_policy (EkycPreferencesWindow *self, GError **error);
/* Saves the evidence retention as its control shows it (also 0.6 s after the last change and on
 * close): the store's, which the purge uses; FALSE with the store's message when refused. */
gboolean   ekyc_preferences_window_save_retention (EkycPreferencesWindow *self, GError **error);
/* The same for the inactivity lock (minutes here, the store's setting in seconds). */
gboolean   ekyc_preferences_window_save_lock_timeout (EkycPreferencesWindow *self,
                                                      GError               **error);

G_END_DECLS
