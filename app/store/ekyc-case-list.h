/* ekyc-case-list.h — a live GListModel of the cases that match a search and filters
 *
 * Copyright 2026 The ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Bind a search entry to "search-text" and dropdowns to "decision", "review-state",
 * "sync-state" (-1 = any), "from"/"to"; the list re-queries the store in a thread after each
 * change and after every "case-changed" of the store, then replaces its items (items-changed).
 * "loading" is TRUE while a query runs; "error" holds the last failure's message (or NULL).
 */
#pragma once

#include "ekyc-store.h"

G_BEGIN_DECLS

#define EKYC_TYPE_CASE_LIST (ekyc_case_list_get_type ())
G_DECLARE_FINAL_TYPE (EkycCaseList, ekyc_case_list, EKYC, CASE_LIST, GObject)

EkycCaseList *ekyc_case_list_new              (EkycStore *store, EkycSession *session);
/* The review queue: review-state fixed to PENDING at construction. */
EkycCaseList *ekyc_case_list_new_review_queue (EkycStore *store, EkycSession *session);

const char   *ekyc_case_list_get_search_text  (EkycCaseList *self);
void          ekyc_case_list_set_search_text  (EkycCaseList *self, const char *text);
int           ekyc_case_list_get_decision     (EkycCaseList *self);
void          ekyc_case_list_set_decision     (EkycCaseList *self, int decision);
int           ekyc_case_list_get_review_state (EkycCaseList *self);
void          ekyc_case_list_set_review_state (EkycCaseList *self, int review_state);
int           ekyc_case_list_get_sync_state   (EkycCaseList *self);
void          ekyc_case_list_set_sync_state   (EkycCaseList *self, int sync_state);
GDateTime    *ekyc_case_list_get_from         (EkycCaseList *self);
void          ekyc_case_list_set_from         (EkycCaseList *self, GDateTime *from);
GDateTime    *ekyc_case_list_get_to           (EkycCaseList *self);
void          ekyc_case_list_set_to           (EkycCaseList *self, GDateTime *to);
gboolean      ekyc_case_list_get_loading      (EkycCaseList *self);
const char   *ekyc_case_list_get_error        (EkycCaseList *self);
/* Queries again now (the list also does it by itself after a change). */
void          ekyc_case_list_refresh          (EkycCaseList *self);

G_END_DECLS
