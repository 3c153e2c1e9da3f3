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
gboolean      _ekyc_application_store_review           (GObject *store, GObject *session,
                                                        GObject *kase, gboolean approve,
                                                        const char *note, GError **error);
GListModel   *_ekyc_application_store_audit            (GObject *store, GObject *session,
                                                        const char *case_id, GError **error);

G_END_DECLS
