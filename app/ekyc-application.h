/* ekyc-application.h — the process: settings, the engine, the signed-in user, app-wide actions
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <adwaita.h>
#include <ekyc/ekyc.h>

#include "ekyc-sync-service.h"
#include "ekyc-verification.h"

G_BEGIN_DECLS

#define EKYC_APP_ID "vn.ekyc.Ekyc"

#define EKYC_TYPE_APPLICATION (ekyc_application_get_type ())
G_DECLARE_FINAL_TYPE (EkycApplication, ekyc_application, EKYC, APPLICATION, AdwApplication)

/* Binds the message catalogue: LOCALEDIR, or $EKYC_LOCALEDIR for an uninstalled build. */
void             ekyc_application_bind_translations (void);
EkycApplication *ekyc_application_new              (void);
GSettings       *ekyc_application_get_settings     (EkycApplication *self);
/* Starts loading the models on a worker thread (once; activate does it after the first frame). */
void             ekyc_application_load_engine      (EkycApplication *self);
/* (nullable): NULL while the models load (see the engine-ready property) or when they failed. */
EkycEngine      *ekyc_application_get_engine       (EkycApplication *self);
/* (nullable): why the models failed to load. */
const char      *ekyc_application_get_engine_error (EkycApplication *self);
/* The capture source: --source, else the source setting; empty means the camera. */
const char      *ekyc_application_get_source       (EkycApplication *self);
void             ekyc_application_set_source       (EkycApplication *self, const char *source);
gboolean         ekyc_application_get_signed_in    (EkycApplication *self);
/* TRUE while the store has no user: the first to sign in becomes its supervisor. */
gboolean         ekyc_application_get_needs_first_user (EkycApplication *self);
/* Whether users sign in with accounts (FALSE until app/store is wired in). */
gboolean         ekyc_application_get_has_accounts (EkycApplication *self);
gboolean         ekyc_application_get_supervisor   (EkycApplication *self);
const char      *ekyc_application_get_user_name    (EkycApplication *self);
gboolean         ekyc_application_sign_in          (EkycApplication *self,
                                                    const char      *user,
                                                    const char      *password,
                                                    GError         **error);
void             ekyc_application_sign_out         (EkycApplication *self);
/* The case store (through app/store); each fails with a message when there is none. */
gboolean         ekyc_application_save_verification (EkycApplication  *self,
                                                     EkycVerification *verification,
                                                     char            **case_id,
                                                     GError          **error);
/* (transfer full): a GListModel of cases; filters -1 for any. */
GListModel      *ekyc_application_query_cases      (EkycApplication *self,
                                                    const char      *text,
                                                    int              decision,
                                                    int              review_state,
                                                    int              sync_state,
                                                    GError         **error);
/* (transfer full): @kase with its evidence. */
GObject         *ekyc_application_load_case        (EkycApplication *self, GObject *kase,
                                                    GError **error);
gboolean         ekyc_application_review_case      (EkycApplication *self, GObject *kase,
                                                    gboolean approve, const char *note,
                                                    GError **error);
/* (transfer full): the audit entries of @case_id (NULL: all). */
GListModel      *ekyc_application_list_audit       (EkycApplication *self, const char *case_id,
                                                    GError **error);
/* The same calls off the main thread, for the window (ekyc-application-async.c). Each
 * callback runs on the caller's main context; errors as the blocking forms. */
void             ekyc_application_sign_in_async    (EkycApplication     *self,
                                                    const char          *user,
                                                    const char          *password,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean         ekyc_application_sign_in_finish   (EkycApplication  *self,
                                                    GAsyncResult     *result,
                                                    GError          **error);
void             ekyc_application_save_verification_async  (EkycApplication     *self,
                                                            EkycVerification    *verification,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
/* (transfer full): the id of the case saved. */
char            *ekyc_application_save_verification_finish (EkycApplication  *self,
                                                            GAsyncResult     *result,
                                                            GError          **error);
void             ekyc_application_query_cases_async  (EkycApplication     *self,
                                                      const char          *text,
                                                      int                  decision,
                                                      int                  review_state,
                                                      int                  sync_state,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GListModel      *ekyc_application_query_cases_finish (EkycApplication  *self,
                                                      GAsyncResult     *result,
                                                      GError          **error);
void             ekyc_application_load_case_async    (EkycApplication     *self,
                                                      GObject             *kase,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GObject         *ekyc_application_load_case_finish   (EkycApplication  *self,
                                                      GAsyncResult     *result,
                                                      GError          **error);
/* Opens @kase for a person to look at: the full case with its evidence (returned) and its
 * audit history (@history: EkycAuditEntry objects, oldest first), after appending "case-viewed"
 * to the audit log: seeing a case is access to personal data, and is not shown when it cannot be
 * recorded. */
void             ekyc_application_view_case_async    (EkycApplication     *self,
                                                      GObject             *kase,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GObject         *ekyc_application_view_case_finish   (EkycApplication  *self,
                                                      GAsyncResult     *result,
                                                      GListModel      **history,
                                                      GError          **error);
void             ekyc_application_review_case_async  (EkycApplication     *self,
                                                      GObject             *kase,
                                                      gboolean             approve,
                                                      const char          *note,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean         ekyc_application_review_case_finish (EkycApplication  *self,
                                                      GAsyncResult     *result,
                                                      GError          **error);
/* (nullable): the link to the central server; NULL when there is no case store. */
EkycSyncService *ekyc_application_get_sync (EkycApplication *self);
/* FALSE with a translated message (naming the hotline) when the contract blocks new
 * verifications; cases already captured still sync. */
gboolean         ekyc_application_check_new_verification (EkycApplication *self,
                                                          GError         **error);
/* A supervisor exports the cases matching the case list's filters (as for query_cases) into
 * @destination as JSON (mode 0600); audited. A teller gets EKYC_STORE_ERROR_NOT_ALLOWED.
 * @case_ids (nullable): only these of them (the list's filters that run outside the store: the
 * evidence upload state); NULL: all that match. */
void             ekyc_application_export_cases_async  (EkycApplication    *self,
                                                       const char         *text,
                                                       int                 decision,
                                                       int                 review_state,
                                                       int                 sync_state,
                                                       const char * const *case_ids,
                                                       GFile              *destination,
                                                       GCancellable       *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer            user_data);
gboolean         ekyc_application_export_cases_finish (EkycApplication *self,
                                                       GAsyncResult    *result,
                                                       GError         **error);
/* TRUE while evidence past the retention period is being purged (at start, then every 6 h). */
gboolean         ekyc_application_get_purging      (EkycApplication *self);
/* The evidence retention in days: the case store's (the only one the purge uses). Changing it
 * is a supervisor's, audited in the store, and purges at once what the new period expires. */
guint            ekyc_application_get_retention_days (EkycApplication *self);
gboolean         ekyc_application_set_retention_days (EkycApplication *self, guint days,
                                                      GError **error);
/* The inactivity lock: the signed-in user's session locks itself after the case store's timeout
 * (seconds), which only a supervisor changes (audited); "locked" (a property) follows it. The
 * window touches the session on input. Unlocking is signing in again as the same user. */
gboolean         ekyc_application_get_locked       (EkycApplication *self);
void             ekyc_application_lock             (EkycApplication *self);
void             ekyc_application_touch            (EkycApplication *self);
guint            ekyc_application_get_lock_timeout (EkycApplication *self);
gboolean         ekyc_application_set_lock_timeout (EkycApplication *self, guint seconds,
                                                    GError **error);
/* The one decision policy: the case store's (an EkycPolicy), which only a supervisor changes
 * (Preferences → Policy); the defaults when there is no store. (transfer full) */
GObject         *ekyc_application_dup_policy       (EkycApplication *self);
/* Saves @policy (an EkycPolicy) into the store: supervisor only, validated, audited. */
gboolean         ekyc_application_save_policy      (EkycApplication *self, GObject *policy,
                                                    GError **error);
/* The verification's thresholds from that policy. */
void             ekyc_application_get_policy       (EkycApplication    *self,
                                                    EkycDecisionPolicy *policy);

G_END_DECLS
