/* ekyc-ticket.c — the support ticket state machine
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-business"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ekyc-business-error.h"
#include "ekyc-ticket.h"

static const char *const category_names[] = {
  [EKYC_TICKET_CONSULTING] = "consulting",
  [EKYC_TICKET_TECHNICAL] = "technical",
  [EKYC_TICKET_COMPLAINT] = "complaint",
};

static const char *const state_names[] = {
  [EKYC_TICKET_RECEIVED] = "received",
  [EKYC_TICKET_IN_PROGRESS] = "in-progress",
  [EKYC_TICKET_RESOLVED] = "resolved",
  [EKYC_TICKET_CLOSED] = "closed",
  [EKYC_TICKET_REOPENED] = "reopened",
};

static const char *const action_names[] = {
  [EKYC_TICKET_START] = "start",
  [EKYC_TICKET_RESOLVE] = "resolve",
  [EKYC_TICKET_CLOSE] = "close",
  [EKYC_TICKET_REOPEN] = "reopen",
};

const char *
ekyc_ticket_category_to_string (EkycTicketCategory category)
{
  g_return_val_if_fail ((guint) category < G_N_ELEMENTS (category_names), NULL);
  return category_names[category];
}

gboolean
ekyc_ticket_category_from_string (const char *text, EkycTicketCategory *category, GError **error)
{
  g_return_val_if_fail (category != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (category_names); i++)
    if (g_strcmp0 (text, category_names[i]) == 0)
      {
        *category = (EkycTicketCategory) i;
        return TRUE;
      }
  g_set_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT,
               _("Unknown ticket category “%s”: use “consulting”, “technical” or “complaint”."),
               text != NULL ? text : "");
  return FALSE;
}

const char *
ekyc_ticket_category_hotline (EkycTicketCategory category)
{
  return category == EKYC_TICKET_CONSULTING ? EKYC_HOTLINE_CONSULTING : EKYC_HOTLINE_TECHNICAL;
}

const char *
ekyc_ticket_state_to_string (EkycTicketState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (state_names), NULL);
  return state_names[state];
}

const char *
ekyc_ticket_state_describe (EkycTicketState state)
{
  static const char *const descriptions[] = {
    [EKYC_TICKET_RECEIVED] = N_("received"),
    [EKYC_TICKET_IN_PROGRESS] = N_("in progress"),
    [EKYC_TICKET_RESOLVED] = N_("resolved"),
    [EKYC_TICKET_CLOSED] = N_("closed"),
    [EKYC_TICKET_REOPENED] = N_("reopened"),
  };

  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (descriptions), NULL);
  return _(descriptions[state]);
}

gboolean
ekyc_ticket_state_from_string (const char *text, EkycTicketState *state)
{
  g_return_val_if_fail (state != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (text, state_names[i]) == 0)
      {
        *state = (EkycTicketState) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
ekyc_ticket_action_from_string (const char *text, EkycTicketAction *action, GError **error)
{
  g_return_val_if_fail (action != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (action_names); i++)
    if (g_strcmp0 (text, action_names[i]) == 0)
      {
        *action = (EkycTicketAction) i;
        return TRUE;
      }
  g_set_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT,
               _("Unknown ticket action “%s”: use “start”, “resolve”, “close” or “reopen”."),
               text != NULL ? text : "");
  return FALSE;
}

void
ekyc_ticket_receive (EkycTicket *ticket, EkycTicketCategory category, gint64 now)
{
  g_return_if_fail (ticket != NULL);

  memset (ticket, 0, sizeof *ticket);
  ticket->category = category;
  ticket->state = EKYC_TICKET_RECEIVED;
  ticket->received_at = now;
}

static gboolean
refuse (EkycTicket *ticket, EkycTicketAction action, GError **error)
{
  const char *hint;

  switch (ticket->state)
    {
    case EKYC_TICKET_CLOSED:
      hint = _("a closed ticket is final; open a new ticket");
      break;
    case EKYC_TICKET_RESOLVED:
      hint = _("a resolved ticket is closed when the customer is satisfied, reopened when not");
      break;
    case EKYC_TICKET_IN_PROGRESS:
      hint = _("a ticket in progress is resolved once support has the answer");
      break;
    case EKYC_TICKET_RECEIVED:
    case EKYC_TICKET_REOPENED:
    default:
      hint = _("a received ticket is first started or resolved");
      break;
    }
  switch (action)
    {
    case EKYC_TICKET_START:
      g_set_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_TRANSITION,
                   _("This ticket cannot be started: it is %s (%s)."),
                   ekyc_ticket_state_describe (ticket->state), hint);
      break;
    case EKYC_TICKET_RESOLVE:
      g_set_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_TRANSITION,
                   _("This ticket cannot be resolved: it is %s (%s)."),
                   ekyc_ticket_state_describe (ticket->state), hint);
      break;
    case EKYC_TICKET_CLOSE:
      g_set_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_TRANSITION,
                   _("This ticket cannot be closed: it is %s (%s)."),
                   ekyc_ticket_state_describe (ticket->state), hint);
      break;
    case EKYC_TICKET_REOPEN:
    default:
      g_set_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_TRANSITION,
                   _("This ticket cannot be reopened: it is %s (%s)."),
                   ekyc_ticket_state_describe (ticket->state), hint);
      break;
    }
  return FALSE;
}

gboolean
ekyc_ticket_apply (EkycTicket        *ticket,
                   EkycTicketAction   action,
                   gint64             now,
                   gint64             callback_at,
                   GError           **error)
{
  EkycTicketState state;

  g_return_val_if_fail (ticket != NULL, FALSE);
  g_return_val_if_fail ((guint) action < G_N_ELEMENTS (action_names), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  state = ticket->state;
  switch (action)
    {
    case EKYC_TICKET_START:
      if (state != EKYC_TICKET_RECEIVED && state != EKYC_TICKET_REOPENED)
        return refuse (ticket, action, error);
      if (callback_at <= now)
        {
          g_set_error_literal (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT,
                               _("A ticket not solved at once needs a call-back time later than "
                                 "now: say when support will call the customer back."));
          return FALSE;
        }
      ticket->state = EKYC_TICKET_IN_PROGRESS;
      ticket->callback_at = callback_at;
      return TRUE;
    case EKYC_TICKET_RESOLVE:
      if (state != EKYC_TICKET_RECEIVED && state != EKYC_TICKET_REOPENED
          && state != EKYC_TICKET_IN_PROGRESS)
        return refuse (ticket, action, error);
      ticket->state = EKYC_TICKET_RESOLVED;
      ticket->resolved_at = now;
      ticket->notified_at = now;
      return TRUE;
    case EKYC_TICKET_CLOSE:
      if (state != EKYC_TICKET_RESOLVED)
        return refuse (ticket, action, error);
      ticket->state = EKYC_TICKET_CLOSED;
      ticket->closed_at = now;
      return TRUE;
    case EKYC_TICKET_REOPEN:
      if (state != EKYC_TICKET_RESOLVED)
        return refuse (ticket, action, error);
      ticket->state = EKYC_TICKET_REOPENED;
      ticket->reopen_count++;
      ticket->resolved_at = 0;
      ticket->notified_at = 0;
      ticket->callback_at = 0;
      return TRUE;
    default:
      g_return_val_if_reached (FALSE);
    }
}
