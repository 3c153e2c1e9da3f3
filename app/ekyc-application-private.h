/* ekyc-application-private.h — the application's store glue (ekyc-application-store.c keeps the
 * store's headers, whose names overlap the verification's, out of the rest of the app)
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ekyc-verification.h"

G_BEGIN_DECLS

GObject      *_ekyc_application_open_store             (GError **error);
gboolean      _ekyc_application_store_needs_first_user (GObject *store);
const char   *_ekyc_application_store_path             (GObject *store);
GObject      *_ekyc_application_store_sign_in          (GObject *store, const char *user,
                                                        const char *password,
                                                        gboolean *supervisor, GError **error);
gboolean      _ekyc_application_store_save             (GObject *store, GObject *session,
                                                        EkycVerification *v, char **case_id,
                                                        GError **error);
GListModel   *_ekyc_application_store_query            (GObject *store, GObject *session,
                                                        const char *text, int decision,
                                                        int review_state, int sync_state,
                                                        GError **error);
GObject      *_ekyc_application_store_load             (GObject *store, GObject *session,
                                                        GObject *kase, GError **error);
GdkPaintable *_ekyc_application_case_evidence          (GObject *kase, gboolean selfie);
char         *_ekyc_application_case_reasons           (GObject *kase);
/* The chip's evidence of a loaded case: the DG2 photo as the chip gave it (JPEG or JPEG 2000,
 * @mime_type), whether the chip check passed, and what the chip proved (the check's detail).
 * FALSE when the case has no chip portrait. */
gboolean      _ekyc_application_case_chip              (GObject *kase, GBytes **portrait,
                                                        const char **mime_type,
                                                        gboolean *verified, char **proven);
gboolean      _ekyc_application_store_review           (GObject *store, GObject *session,
                                                        GObject *kase, gboolean approve,
                                                        const char *note, GError **error);
/* The same calls off the main thread (the callbacks run on the calling thread's context). */
void          _ekyc_application_store_sign_in_async    (GObject *store, const char *user,
                                                        const char *password,
                                                        GCancellable *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer user_data);
GObject      *_ekyc_application_store_sign_in_finish   (GObject *store, GAsyncResult *result,
                                                        GError **error);
gboolean      _ekyc_application_session_is_supervisor  (GObject *session);
void          _ekyc_application_store_save_async       (GObject *store, GObject *session,
                                                        EkycVerification *v,
                                                        GCancellable *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer user_data);
/* (transfer full): the id of the case saved. */
char         *_ekyc_application_store_save_finish      (GObject *store, GAsyncResult *result,
                                                        GError **error);
void          _ekyc_application_store_query_async      (GObject *store, GObject *session,
                                                        const char *text, int decision,
                                                        int review_state, int sync_state,
                                                        GCancellable *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer user_data);
GListModel   *_ekyc_application_store_query_finish     (GObject *store, GAsyncResult *result,
                                                        GError **error);
void          _ekyc_application_store_load_async       (GObject *store, GObject *session,
                                                        GObject *kase, GCancellable *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer user_data);
GObject      *_ekyc_application_store_load_finish      (GObject *store, GAsyncResult *result,
                                                        GError **error);
void          _ekyc_application_store_review_async     (GObject *store, GObject *session,
                                                        GObject *kase, gboolean approve,
                                                        const char *note,
                                                        GCancellable *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer user_data);
gboolean      _ekyc_application_store_review_finish    (GObject *store, GAsyncResult *result,
                                                        GError **error);
/* Opens @kase for a person to look at (audited "case-viewed") in a worker; finish gives
 * { the full case, its audit history (a GListModel) }. */
void          _ekyc_application_store_view_async       (GObject *store, GObject *session,
                                                        GObject *kase, GCancellable *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer user_data);
GPtrArray    *_ekyc_application_store_view_finish      (GObject *store, GAsyncResult *result,
                                                        GError **error);
GListModel   *_ekyc_application_store_audit            (GObject *store, GObject *session,
                                                        const char *case_id, GError **error);

/* ekyc-application-privacy.c: purging evidence past the retention period, at start and every
 * six hours; stop waits for a purge under way. */
typedef struct _Retention EkycApplicationRetention;
EkycApplicationRetention *_ekyc_application_retention_start (GObject *store);
void          _ekyc_application_retention_stop     (EkycApplicationRetention *retention);
gboolean      _ekyc_application_retention_running  (EkycApplicationRetention *retention);
/* Purges now (after the purge under way, if one is): a shorter retention applies at once. */
void          _ekyc_application_retention_purge_now (EkycApplicationRetention *retention);
/* A supervisor's export of the cases matching the filters (as in _ekyc_application_store_query)
 * and, when @case_ids is not NULL, among those ids, into @destination (JSON, mode 0600);
 * audited as "cases-exported". */
void          _ekyc_application_store_export_async  (GObject *store, GObject *session,
                                                     const char *text, int decision,
                                                     int review_state, int sync_state,
                                                     const char * const *case_ids,
                                                     GFile *destination,
                                                     GCancellable *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer user_data);
gboolean      _ekyc_application_store_export_finish (GObject *store, GAsyncResult *result,
                                                     GError **error);

/* The policy (an EkycPolicy) kept in @store; defaults without a store. */
GObject      *_ekyc_application_store_load_policy      (GObject *store, GError **error);
gboolean      _ekyc_application_store_save_policy      (GObject *store, GObject *session,
                                                        GObject *policy, GError **error);
/* The evidence retention in days kept in @store (the default without a store); setting it is a
 * supervisor's, audited. */
guint         _ekyc_application_store_get_retention_days (GObject *store);
gboolean      _ekyc_application_store_set_retention_days (GObject *store, GObject *session,
                                                          guint days, GError **error);
/* The inactivity lock in seconds kept in @store (the default without a store); setting it is a
 * supervisor's, audited, and every open session follows it. */
guint         _ekyc_application_store_get_lock_timeout (GObject *store);
gboolean      _ekyc_application_store_set_lock_timeout (GObject *store, GObject *session,
                                                        guint seconds, GError **error);
gboolean      _ekyc_application_session_get_locked     (GObject *session);
void          _ekyc_application_session_lock           (GObject *session);
void          _ekyc_application_session_touch          (GObject *session);
/* (transfer full): an independent copy of @policy (for Preferences to edit). */
GObject      *_ekyc_application_policy_copy            (GObject *policy);
void          _ekyc_application_decision_policy        (GObject *policy,
                                                        EkycDecisionPolicy *out);

/* ekyc-application.c, for ekyc-application-async.c */
typedef struct _EkycApplication EkycApplication;
GObject      *_ekyc_application_get_store              (EkycApplication *self);
GObject      *_ekyc_application_get_session            (EkycApplication *self);
const char   *_ekyc_application_get_store_error        (EkycApplication *self);
/* FALSE with a translated message without a store or a session. */
gboolean      _ekyc_application_check_store            (EkycApplication *self, GError **error);
void          _ekyc_application_set_session            (EkycApplication *self, GObject *session,
                                                        gboolean supervisor, const char *user);

/* ekyc-application-evidence.c: the sync service (EkycSyncService) reads evidence images to
 * upload, when the customer's policy asks for them, through @store. */
void          _ekyc_application_evidence_attach (GObject *store, GObject *sync);

G_END_DECLS
