/* ekyc-case-detail-page.h — one saved case, all of it: decision, review, fields and edits,
 * evidence, scores, checks, sync and its audit history
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <adwaita.h>

#include "ekyc-sync-service.h"

G_BEGIN_DECLS

#define EKYC_TYPE_CASE_DETAIL_PAGE (ekyc_case_detail_page_get_type ())
G_DECLARE_FINAL_TYPE (EkycCaseDetailPage, ekyc_case_detail_page, EKYC, CASE_DETAIL_PAGE, AdwBin)

/* Signals: "back" (Escape or the back button: return to the list); "review" (GObject *case: a
 * supervisor asked to review the case shown, which is waiting for review). */

/* While the case opens: the name @listed (the list's copy) has, a spinner, nothing else; NULL
 * @listed empties the page. */
void        ekyc_case_detail_page_set_loading  (EkycCaseDetailPage *self, GObject *listed);
/* The full case (an EkycCase with its evidence, as ekyc_application_view_case gives it) and its
 * audit history (EkycAuditEntry objects, oldest first; nullable). @chip_portrait (nullable): the
 * chip's photo, decoded by the caller (it may be JPEG 2000). Purged evidence shows when and why it
 * is gone instead of the pictures. */
void        ekyc_case_detail_page_show_case    (EkycCaseDetailPage *self, GObject *kase,
                                                GListModel *history,
                                                GdkPaintable *chip_portrait);
/* The case did not open: @message instead of it. */
void        ekyc_case_detail_page_set_error    (EkycCaseDetailPage *self, const char *message);
/* Whether the user is a supervisor: only then does a case waiting for review offer the review. */
void        ekyc_case_detail_page_set_supervisor (EkycCaseDetailPage *self, gboolean supervisor);
/* The link to the central server (nullable), for the case's sync and evidence upload state. */
void        ekyc_case_detail_page_set_sync_service (EkycCaseDetailPage *self,
                                                    EkycSyncService    *sync);

/* (nullable): the case shown (NULL while loading or after an error). */
GObject    *ekyc_case_detail_page_get_case     (EkycCaseDetailPage *self);
gboolean    ekyc_case_detail_page_get_loading  (EkycCaseDetailPage *self);
/* What the page shows, as shown (tests): the title (the holder's name), the subtitle (ID number,
 * case id, date), the decision word, the sentence about purged evidence (NULL when the pictures
 * show), the error (NULL when none). */
const char *ekyc_case_detail_page_get_title    (EkycCaseDetailPage *self);
const char *ekyc_case_detail_page_get_subtitle (EkycCaseDetailPage *self);
const char *ekyc_case_detail_page_get_decision (EkycCaseDetailPage *self);
const char *ekyc_case_detail_page_get_evidence_note (EkycCaseDetailPage *self);
const char *ekyc_case_detail_page_get_error    (EkycCaseDetailPage *self);
/* (transfer full) (nullable): the row of field @name ("full-name"): "title\nvalue\nnote", the
 * value being "card → edited" for a teller's edit and the note who edited it, when. */
char       *ekyc_case_detail_page_dup_field_text (EkycCaseDetailPage *self, const char *name);
/* (transfer full): the history rows, one "title — subtitle" a line. */
char       *ekyc_case_detail_page_dup_history  (EkycCaseDetailPage *self);
gboolean    ekyc_case_detail_page_get_can_review (EkycCaseDetailPage *self);

G_END_DECLS
