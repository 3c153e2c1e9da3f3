/* ekyc-account-page.h — the branch's account with the operator: contract, this month's requests
 * and bill, support tickets, hotlines (cached for offline use)
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <adwaita.h>

#include "ekyc-sync-service.h"

G_BEGIN_DECLS

#define EKYC_TYPE_ACCOUNT_PAGE (ekyc_account_page_get_type ())
G_DECLARE_FINAL_TYPE (EkycAccountPage, ekyc_account_page, EKYC, ACCOUNT_PAGE, GtkWidget)

/* @service (nullable): shows the cached account at once, then fetches a fresh one. */
void        ekyc_account_page_set_service (EkycAccountPage *self, EkycSyncService *service);
/* Fetches the account and tickets again (in a worker thread). */
void        ekyc_account_page_refresh     (EkycAccountPage *self);
/* Opens a ticket as the form does; @category "consulting", "technical" or "complaint". */
void        ekyc_account_page_open_ticket (EkycAccountPage *self, const char *category,
                                           const char *subject, const char *description);
/* The branch's answer to a resolved ticket, as its buttons give it: @satisfied closes it,
 * otherwise it is reopened. */
void        ekyc_account_page_review_ticket (EkycAccountPage *self, const char *ticket_id,
                                             gboolean satisfied);
gboolean    ekyc_account_page_get_busy    (EkycAccountPage *self);

/* What the page shows, for tests: the contract status, the requests, the bill, the "as of"
 * line, the renewal or blocking warning (NULL when hidden), the number of tickets listed. */
const char *ekyc_account_page_get_status_text   (EkycAccountPage *self);
const char *ekyc_account_page_get_requests_text (EkycAccountPage *self);
const char *ekyc_account_page_get_bill_text     (EkycAccountPage *self);
const char *ekyc_account_page_get_as_of_text    (EkycAccountPage *self);
const char *ekyc_account_page_get_warning_text  (EkycAccountPage *self);
guint       ekyc_account_page_get_n_tickets     (EkycAccountPage *self);
/* Resolved tickets shown with their Satisfied / Not Satisfied buttons. */
guint       ekyc_account_page_get_n_to_confirm  (EkycAccountPage *self);

G_END_DECLS
