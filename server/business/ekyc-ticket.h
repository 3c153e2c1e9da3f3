/* ekyc-ticket.h — support tickets as the call centre handles them (§5 of the brief)
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   received ──start (call-back time)──▶ in-progress ──resolve──▶ resolved ──close──▶ closed
 *      │  ▲                                                  ▲        │
 *      │  └──────────────── (reopened behaves as received) ──┼── reopen
 *      └───────────────────── resolve (solved at once) ──────┘
 * Resolving notifies the customer (the call back with the answer). Closed is final.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define EKYC_HOTLINE_CONSULTING "0936 110 116"
#define EKYC_HOTLINE_TECHNICAL "0896 151 617"

/**
 * EkycTicketCategory:
 * @EKYC_TICKET_CONSULTING: product consulting (hotline 0936 110 116)
 * @EKYC_TICKET_TECHNICAL: technical support (hotline 0896 151 617)
 * @EKYC_TICKET_COMPLAINT: complaints (hotline 0896 151 617)
 */
typedef enum {
  EKYC_TICKET_CONSULTING,
  EKYC_TICKET_TECHNICAL,
  EKYC_TICKET_COMPLAINT,
} EkycTicketCategory;

typedef enum {
  EKYC_TICKET_RECEIVED,
  EKYC_TICKET_IN_PROGRESS,
  EKYC_TICKET_RESOLVED,
  EKYC_TICKET_CLOSED,
  EKYC_TICKET_REOPENED,
} EkycTicketState;

typedef enum {
  EKYC_TICKET_START,
  EKYC_TICKET_RESOLVE,
  EKYC_TICKET_CLOSE,
  EKYC_TICKET_REOPEN,
} EkycTicketAction;

/**
 * EkycTicket:
 * The state and its time stamps (Unix seconds, 0 = not yet). @callback_at is the call-back time
 * promised when the request could not be solved at once; @notified_at when the customer was
 * called back with the answer.
 */
typedef struct {
  EkycTicketCategory category;
  EkycTicketState    state;
  gint64             received_at;
  gint64             callback_at;
  gint64             resolved_at;
  gint64             notified_at;
  gint64             closed_at;
  guint              reopen_count;
} EkycTicket;

/**
 * ekyc_ticket_category_to_string / _from_string:
 * "consulting", "technical", "complaint"; from_string fails with a translated
 * %EKYC_BUSINESS_ERROR_INVALID_INPUT.
 */
const char *ekyc_ticket_category_to_string (EkycTicketCategory category);
gboolean    ekyc_ticket_category_from_string (const char *text, EkycTicketCategory *category,
                                              GError **error);

/**
 * ekyc_ticket_category_hotline:
 * Returns: (transfer none): the hotline customers call for @category.
 */
const char *ekyc_ticket_category_hotline (EkycTicketCategory category);

/**
 * ekyc_ticket_state_to_string / _from_string:
 * "received", "in-progress", "resolved", "closed", "reopened".
 */
const char *ekyc_ticket_state_to_string (EkycTicketState state);
gboolean    ekyc_ticket_state_from_string (const char *text, EkycTicketState *state);

/**
 * ekyc_ticket_state_describe:
 * Returns: (transfer none): the translated name of @state for people.
 */
const char *ekyc_ticket_state_describe (EkycTicketState state);

/**
 * ekyc_ticket_action_from_string:
 * "start", "resolve", "close", "reopen"; fails with a translated
 * %EKYC_BUSINESS_ERROR_INVALID_INPUT.
 */
gboolean ekyc_ticket_action_from_string (const char *text, EkycTicketAction *action,
                                         GError **error);

/**
 * ekyc_ticket_receive:
 * @ticket: (out caller-allocates): a new ticket, received at @now
 */
void ekyc_ticket_receive (EkycTicket *ticket, EkycTicketCategory category, gint64 now);

/**
 * ekyc_ticket_apply:
 * @action: what support or the customer does
 * @now: when
 * @callback_at: for %EKYC_TICKET_START, the promised call-back time (must be after @now);
 *   ignored otherwise
 * @error: %EKYC_BUSINESS_ERROR_INVALID_TRANSITION when @action is not allowed in the ticket's
 *   state, %EKYC_BUSINESS_ERROR_INVALID_INPUT for a missing or past call-back time; translated.
 *   The ticket is unchanged on error.
 * start: received/reopened → in-progress; resolve: received/in-progress/reopened → resolved
 * (customer notified at @now); close: resolved → closed; reopen: resolved → reopened.
 */
gboolean ekyc_ticket_apply (EkycTicket        *ticket,
                            EkycTicketAction   action,
                            gint64             now,
                            gint64             callback_at,
                            GError           **error);

G_END_DECLS
