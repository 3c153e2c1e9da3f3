/* ekyc-window.h — the main window: sign-in, the verification flow, cases, review
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <adwaita.h>

#include "ekyc-account-page.h"
#include "ekyc-application.h"
#include "ekyc-capture-page.h"
#include "ekyc-case-detail-page.h"
#include "ekyc-case-list-page.h"
#include "ekyc-chip-panel.h"
#include "ekyc-result-page.h"
#include "ekyc-review-page.h"
#include "ekyc-sign-in-page.h"

G_BEGIN_DECLS

#define EKYC_TYPE_WINDOW (ekyc_window_get_type ())
G_DECLARE_FINAL_TYPE (EkycWindow, ekyc_window, EKYC, WINDOW, AdwApplicationWindow)

EkycWindow      *ekyc_window_new              (EkycApplication *app);
/* The page of @step; EKYC_STEP_SELFIE + 1 is the result page. */
GtkWidget       *ekyc_window_get_step_page    (EkycWindow *self, guint step);
EkycResultPage  *ekyc_window_get_result_page  (EkycWindow *self);
EkycChipPanel   *ekyc_window_get_chip_panel   (EkycWindow *self);
EkycAccountPage *ekyc_window_get_account_page (EkycWindow *self);
/* The flow step shown: 0..3 (3 = result). */
guint            ekyc_window_get_step         (EkycWindow *self);
/* The name of the visible page ("sign-in", "front", "back", "selfie", "result", "cases",
 * "case" (one case opened from the list), "review"), for tests and screenshots. */
const char      *ekyc_window_get_page_name    (EkycWindow *self);
void             ekyc_window_show_page        (EkycWindow *self, const char *name);
/* Imports @file into the current capture step, as the Import button does. */
void             ekyc_window_import_file      (EkycWindow *self, GFile *file);
EkycVerification *ekyc_window_get_verification (EkycWindow *self);
/* Opens the first case of the review queue. */
void             ekyc_window_select_first_review_case (EkycWindow *self);

EkycSignInPage  *ekyc_window_get_sign_in_page   (EkycWindow *self);
EkycCaseListPage *ekyc_window_get_case_list_page (EkycWindow *self);
EkycReviewPage  *ekyc_window_get_review_page    (EkycWindow *self);
EkycCaseDetailPage *ekyc_window_get_case_detail_page (EkycWindow *self);
/* TRUE while a store call (sign-in, save, search, review) runs in a worker (tests wait on it). */
gboolean         ekyc_window_get_busy         (EkycWindow *self);

G_END_DECLS
