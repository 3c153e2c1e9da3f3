/* ekyc-window-private.h — what the window's files share: the flow and the capture source
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ekyc-case-detail-page.h"
#include "ekyc-window.h"

G_BEGIN_DECLS

/* ekyc-window-capture.c: the live source behind the capture pages. */
typedef struct _EkycWindowCapture EkycWindowCapture;

EkycWindowCapture *_ekyc_window_capture_new   (EkycWindow *window);
void               _ekyc_window_capture_free  (EkycWindowCapture *capture);
/* Starts (or restarts) the source for @step's page. */
void               _ekyc_window_capture_show  (EkycWindowCapture *capture, EkycCapturePage *page);
/* The source setting or --source changed, or the engine became ready: restart on this page. */
void               _ekyc_window_capture_source_changed (EkycWindowCapture *capture);
/* (transfer full) (nullable): the picture to keep for the current step. */
EkycImage         *_ekyc_window_capture_take  (EkycWindowCapture *capture, GError **error);
/* Active liveness on the selfie page: done/passed/detail of the last session. */
gboolean           _ekyc_window_capture_liveness (EkycWindowCapture *capture, gboolean *passed,
                                                  char **detail);
void               _ekyc_window_capture_stop  (EkycWindowCapture *capture);
/* The next selfie session asks a challenge sequence other than the last one (Try Again). */
void               _ekyc_window_capture_retry_liveness (EkycWindowCapture *capture);

/* ekyc-window.c: queries the case list and the review queue again. */
void               _ekyc_window_refresh_cases (EkycWindow *self);
/* ekyc-window.c: the case list's search and filters, as ekyc_application_query_cases takes
 * them (@text transfer full, nullable). */
void               _ekyc_window_case_query    (EkycWindow *self, char **text, int *decision,
                                               int *review_state, int *sync_state);
/* ekyc-window.c: a short message at the bottom of the window. */
void               _ekyc_window_toast         (EkycWindow *self, const char *message);
/* ekyc-window.c: closes the messages shown and queued (screenshots take the page under them). */
void               _ekyc_window_dismiss_toasts (EkycWindow *self);

/* ekyc-window-export.c: "win.export-cases" (supervisors) asks for a file and exports into it;
 * _ekyc_window_export_to exports without asking. */
void               _ekyc_window_export_activated (GtkWidget *widget, const char *action_name,
                                                  GVariant *param);
void               _ekyc_window_export_to     (EkycWindow *self, GFile *destination);

/* ekyc-window.c: the flow reacts to a picture taken automatically. */
void               _ekyc_window_submit        (EkycWindow *self, EkycImage *image);

/* ekyc-window.c: the sync service drives the header, the Account page and the flow's start. */
void               _ekyc_window_sync_init     (EkycWindow *self, EkycSyncService *sync);
void               _ekyc_window_contract_changed (EkycWindow *self);

/* ekyc-window-cases.c: the Cases view, a stack of the list and the case opened from it. */
typedef struct _EkycWindowCases EkycWindowCases;

EkycWindowCases   *_ekyc_window_cases_new     (EkycWindow *window, GtkStack *stack,
                                               EkycCaseListPage *list,
                                               EkycCaseDetailPage *detail);
void               _ekyc_window_cases_free    (EkycWindowCases *cases);
/* Back to the list (Escape; signing out and locking too), the case emptied from the page. */
void               _ekyc_window_cases_show_list (EkycWindowCases *cases);
gboolean           _ekyc_window_cases_showing_case (EkycWindowCases *cases);
/* The case list was read again: the case on the page is read again too if the list says it
 * changed (reviewed, sent, its pictures purged) since the page showed it. */
void               _ekyc_window_cases_list_changed (EkycWindowCases *cases, GListModel *cases_read);

/* ekyc-window.c: a store call in flight holds a reference to the window (returned) and counts
 * for ekyc_window_get_busy(); _end when it finished. */
EkycWindow        *_ekyc_window_store_call_begin (EkycWindow *self);
void               _ekyc_window_store_call_end   (EkycWindow *self);
/* ekyc-window.c: the chip's photo as a texture (JPEG, or JPEG 2000 through the engine); NULL
 * when it does not decode. */
GdkPaintable      *_ekyc_window_chip_portrait    (GBytes *bytes, const char *mime_type);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkycWindowCapture, _ekyc_window_capture_free)

G_END_DECLS
