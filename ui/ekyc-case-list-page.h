/* ekyc-case-list-page.h — the cases: search by name, ID number or date; filters
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define EKYC_TYPE_CASE_LIST_PAGE (ekyc_case_list_page_get_type ())
G_DECLARE_FINAL_TYPE (EkycCaseListPage, ekyc_case_list_page, EKYC, CASE_LIST_PAGE, AdwBin)

/* The cases to show (a GListModel of case objects); NULL shows @empty_reason. */
void        ekyc_case_list_page_set_model  (EkycCaseListPage *self, GListModel *cases,
                                            const char *empty_reason);
const char *ekyc_case_list_page_get_search (EkycCaseListPage *self);
/* 0 = any, 1 = pass, 2 = review, 3 = fail */
guint       ekyc_case_list_page_get_decision_filter (EkycCaseListPage *self);
/* 0 = any, 1 = waiting for review, 2 = reviewed */
guint       ekyc_case_list_page_get_review_filter   (EkycCaseListPage *self);
/* 0 = any, 1 = not sent, 2 = sent */
guint       ekyc_case_list_page_get_sync_filter     (EkycCaseListPage *self);

/* Where each case's evidence images are (case id → EkycSyncEvidenceState, from app/sync; NULL:
 * not known): shown in each row and used by the evidence filter. Takes a reference; set it
 * before the model. */
void        ekyc_case_list_page_set_evidence_states (EkycCaseListPage *self, GHashTable *states);
/* 0 = any, 1 = kept in the branch, 2 = uploaded, 3 = waiting to upload, 4 = upload failed. This
 * filter runs on the page, on what the store found. */
guint       ekyc_case_list_page_get_evidence_filter (EkycCaseListPage *self);
void        ekyc_case_list_page_set_evidence_filter (EkycCaseListPage *self, guint filter);
/* Focuses the row of the case with @case_id (back from that case); the list itself when it no
 * longer shows it. */
void        ekyc_case_list_page_focus_case          (EkycCaseListPage *self, const char *case_id);
/* (transfer full): the ids of the cases shown (after the evidence filter), in order. */
char      **ekyc_case_list_page_dup_case_ids        (EkycCaseListPage *self);
/* (transfer full) (nullable): the subtitle of the row at @index as shown (tests). */
char       *ekyc_case_list_page_dup_row_subtitle    (EkycCaseListPage *self, guint index);

/* A spinner while the store is searched (the list keeps the last result meanwhile). */
void        ekyc_case_list_page_set_loading (EkycCaseListPage *self, gboolean loading);
gboolean    ekyc_case_list_page_get_loading (EkycCaseListPage *self);
guint       ekyc_case_list_page_get_n_cases (EkycCaseListPage *self);
/* Types @text into the search entry (tests; "search-changed" follows after its delay). */
void        ekyc_case_list_page_set_search  (EkycCaseListPage *self, const char *text);

G_END_DECLS
