/* ekyc-review-page.h — the supervisor's queue: evidence side by side, approve or reject with a note
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <adwaita.h>

#include "ekyc-sync-service.h"

G_BEGIN_DECLS

#define EKYC_TYPE_REVIEW_PAGE (ekyc_review_page_get_type ())
G_DECLARE_FINAL_TYPE (EkycReviewPage, ekyc_review_page, EKYC, REVIEW_PAGE, AdwBin)

/* The cases waiting for review; NULL shows @empty_reason. A case shown that is still in @queue
 * stays shown and selected, with its note (it is not loaded again); otherwise no case is shown. */
void     ekyc_review_page_set_queue   (EkycReviewPage *self, GListModel *queue,
                                       const char *empty_reason);
/* Shows one case's evidence (textures nullable) and reasons. */
void     ekyc_review_page_show_case   (EkycReviewPage *self, GObject *kase,
                                       GdkPaintable *card_face, GdkPaintable *selfie,
                                       const char *reasons);
/* The chip's DG2 photo beside the others, with what the chip proved (@proven: the chip check's
 * detail, @verified: it passed); NULL @portrait and @proven hide it (show_case hides it too:
 * call this after it). A photo that did not decode (NULL @portrait) leaves no empty frame. */
void     ekyc_review_page_show_chip   (EkycReviewPage *self, GdkPaintable *portrait,
                                       gboolean verified, const char *proven);
GObject *ekyc_review_page_get_case    (EkycReviewPage *self);
/* The note the supervisor typed. */
char    *ekyc_review_page_dup_note    (EkycReviewPage *self);
void     ekyc_review_page_set_note    (EkycReviewPage *self, const char *note);
void     ekyc_review_page_set_error   (EkycReviewPage *self, const char *message);
/* Selects the first case of the queue (as a click would). */
void     ekyc_review_page_select_first (EkycReviewPage *self);
/* Selects the case with @case_id (as a click would); FALSE when the queue does not hold it. */
gboolean ekyc_review_page_select_case (EkycReviewPage *self, const char *case_id);

/* The link to the central server (nullable): the page then says, for the case shown, whether
 * its result synced and where its evidence images are (kept in the branch, uploaded, pending,
 * failed, with the reason); a queue queried again refreshes it. */
void        ekyc_review_page_set_sync_service (EkycReviewPage *self, EkycSyncService *sync);
/* (nullable): that line for the result (@evidence FALSE) or the images, NULL without a case. */
const char *ekyc_review_page_get_sync_text    (EkycReviewPage *self, gboolean evidence);

/* While a case loads or a verdict is saved: a spinner, and the buttons wait. */
void        ekyc_review_page_set_busy  (EkycReviewPage *self, gboolean busy);
gboolean    ekyc_review_page_get_busy  (EkycReviewPage *self);
/* (nullable): the error shown. */
const char *ekyc_review_page_get_error (EkycReviewPage *self);

G_END_DECLS
