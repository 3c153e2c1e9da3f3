/* test-ticket.c — the support ticket state machine: every action in every state
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include "ekyc-business-error.h"
#include "ekyc-ticket.h"
#include "test-utils.h"

#define NOW 1795000000

static void
test_hotlines (void)
{
  g_assert_cmpstr (ekyc_ticket_category_hotline (EKYC_TICKET_CONSULTING), ==, "0936 110 116");
  g_assert_cmpstr (ekyc_ticket_category_hotline (EKYC_TICKET_TECHNICAL), ==, "0896 151 617");
  g_assert_cmpstr (ekyc_ticket_category_hotline (EKYC_TICKET_COMPLAINT), ==, "0896 151 617");
}

static void
test_happy_paths (void)
{
  EkycTicket ticket;
  g_autoptr(GError) error = NULL;

  /* Solved at once. */
  ekyc_ticket_receive (&ticket, EKYC_TICKET_CONSULTING, NOW);
  g_assert_true (ekyc_ticket_apply (&ticket, EKYC_TICKET_RESOLVE, NOW + 60, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ticket.notified_at, ==, NOW + 60);
  g_assert_true (ekyc_ticket_apply (&ticket, EKYC_TICKET_CLOSE, NOW + 120, 0, NULL));
  g_assert_cmpint (ticket.state, ==, EKYC_TICKET_CLOSED);

  /* Not solved at once: call-back promised, resolved, not satisfied, reopened, resolved, closed. */
  ekyc_ticket_receive (&ticket, EKYC_TICKET_TECHNICAL, NOW);
  g_assert_true (ekyc_ticket_apply (&ticket, EKYC_TICKET_START, NOW + 10, NOW + 3600, NULL));
  g_assert_cmpint (ticket.state, ==, EKYC_TICKET_IN_PROGRESS);
  g_assert_cmpint (ticket.callback_at, ==, NOW + 3600);
  g_assert_true (ekyc_ticket_apply (&ticket, EKYC_TICKET_RESOLVE, NOW + 3000, 0, NULL));
  g_assert_true (ekyc_ticket_apply (&ticket, EKYC_TICKET_REOPEN, NOW + 4000, 0, NULL));
  g_assert_cmpint (ticket.state, ==, EKYC_TICKET_REOPENED);
  g_assert_cmpuint (ticket.reopen_count, ==, 1);
  g_assert_cmpint (ticket.notified_at, ==, 0);
  g_assert_true (ekyc_ticket_apply (&ticket, EKYC_TICKET_START, NOW + 4100, NOW + 7200, NULL));
  g_assert_true (ekyc_ticket_apply (&ticket, EKYC_TICKET_RESOLVE, NOW + 5000, 0, NULL));
  g_assert_true (ekyc_ticket_apply (&ticket, EKYC_TICKET_CLOSE, NOW + 6000, 0, NULL));
  g_assert_cmpint (ticket.closed_at, ==, NOW + 6000);
}

/* The full table: which action each state accepts. */
static void
test_transition_table (void)
{
  static const gboolean allowed[5][4] = {
    /*                 start  resolve close  reopen */
    [EKYC_TICKET_RECEIVED] = { TRUE, TRUE, FALSE, FALSE },
    [EKYC_TICKET_IN_PROGRESS] = { FALSE, TRUE, FALSE, FALSE },
    [EKYC_TICKET_RESOLVED] = { FALSE, FALSE, TRUE, TRUE },
    [EKYC_TICKET_CLOSED] = { FALSE, FALSE, FALSE, FALSE },
    [EKYC_TICKET_REOPENED] = { TRUE, TRUE, FALSE, FALSE },
  };

  for (EkycTicketState s = EKYC_TICKET_RECEIVED; s <= EKYC_TICKET_REOPENED; s++)
    for (EkycTicketAction a = EKYC_TICKET_START; a <= EKYC_TICKET_REOPEN; a++)
      {
        EkycTicket ticket, before;
        g_autoptr(GError) error = NULL;
        gboolean ok;

        ekyc_ticket_receive (&ticket, EKYC_TICKET_COMPLAINT, NOW);
        ticket.state = s;
        before = ticket;
        ok = ekyc_ticket_apply (&ticket, a, NOW + 100, NOW + 200, &error);
        g_assert_cmpint (ok, ==, allowed[s][a]);
        if (!ok)
          {
            g_assert_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_TRANSITION);
            g_assert_cmpmem (&ticket, sizeof ticket, &before, sizeof before);
          }
      }
}

static void
test_callback_time_required (void)
{
  EkycTicket ticket;
  g_autoptr(GError) error = NULL;

  ekyc_ticket_receive (&ticket, EKYC_TICKET_TECHNICAL, NOW);
  g_assert_false (ekyc_ticket_apply (&ticket, EKYC_TICKET_START, NOW + 10, 0, &error));
  g_assert_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (ekyc_ticket_apply (&ticket, EKYC_TICKET_START, NOW + 10, NOW + 10, &error));
  g_assert_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT);
  g_assert_cmpint (ticket.state, ==, EKYC_TICKET_RECEIVED);
}

static void
test_names (void)
{
  EkycTicketAction action;
  EkycTicketCategory category;
  EkycTicketState state;
  g_autoptr(GError) error = NULL;

  g_assert_true (ekyc_ticket_action_from_string ("reopen", &action, NULL));
  g_assert_cmpint (action, ==, EKYC_TICKET_REOPEN);
  g_assert_false (ekyc_ticket_action_from_string ("delete", &action, &error));
  g_assert_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_true (ekyc_ticket_category_from_string ("complaint", &category, NULL));
  g_assert_false (ekyc_ticket_category_from_string ("sales", &category, &error));
  g_assert_true (ekyc_ticket_state_from_string ("in-progress", &state));
  g_assert_cmpint (state, ==, EKYC_TICKET_IN_PROGRESS);
  g_assert_cmpstr (ekyc_ticket_state_to_string (EKYC_TICKET_REOPENED), ==, "reopened");
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);
  g_test_add_func ("/business/ticket/hotlines", test_hotlines);
  g_test_add_func ("/business/ticket/happy-paths", test_happy_paths);
  g_test_add_func ("/business/ticket/transition-table", test_transition_table);
  g_test_add_func ("/business/ticket/callback-time-required", test_callback_time_required);
  g_test_add_func ("/business/ticket/names", test_names);
  return g_test_run ();
}
