/* test-contract.c — contract status over time, allowed actions, the 4-step processes and deadlines
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <string.h>

#include "ekyc-business-error.h"
#include "ekyc-contract.h"
#include "test-utils.h"

static GDate
date (const char *text)
{
  GDate d;

  g_assert_true (ekyc_date_parse (text, &d, NULL));
  return d;
}

static gint64
at (EkycCalendar *calendar, const char *iso)
{
  gint64 t = 0;

  g_assert_true (ekyc_calendar_parse_time (calendar, iso, &t, NULL));
  return t;
}

static EkycContractStatus
status_on (EkycContractStatus stored, const char *end, const char *today)
{
  GDate e = date (end), t = date (today);

  return ekyc_contract_status_at (stored, &e, &t);
}

static void
test_status_over_time (void)
{
  /* A contract ending on 31 December: notice from 30 November (no 31st in November). */
  g_assert_cmpint (status_on (EKYC_CONTRACT_ACTIVE, "2026-12-31", "2026-11-29"), ==,
                   EKYC_CONTRACT_ACTIVE);
  g_assert_cmpint (status_on (EKYC_CONTRACT_ACTIVE, "2026-12-31", "2026-11-30"), ==,
                   EKYC_CONTRACT_EXPIRING);
  g_assert_cmpint (status_on (EKYC_CONTRACT_ACTIVE, "2026-12-31", "2026-12-31"), ==,
                   EKYC_CONTRACT_EXPIRING);
  g_assert_cmpint (status_on (EKYC_CONTRACT_ACTIVE, "2026-12-31", "2027-01-01"), ==,
                   EKYC_CONTRACT_EXPIRED);
  g_assert_cmpint (status_on (EKYC_CONTRACT_ACTIVE, "2026-03-15", "2026-02-14"), ==,
                   EKYC_CONTRACT_ACTIVE);
  g_assert_cmpint (status_on (EKYC_CONTRACT_ACTIVE, "2026-03-15", "2026-02-15"), ==,
                   EKYC_CONTRACT_EXPIRING);
  /* Stored states other than active are not overridden by dates. */
  g_assert_cmpint (status_on (EKYC_CONTRACT_CANCELLED, "2026-12-31", "2026-06-01"), ==,
                   EKYC_CONTRACT_CANCELLED);
  g_assert_cmpint (status_on (EKYC_CONTRACT_DECLARED, "2026-12-31", "2027-06-01"), ==,
                   EKYC_CONTRACT_DECLARED);

  g_assert_true (ekyc_contract_allows_verification (EKYC_CONTRACT_ACTIVE));
  g_assert_true (ekyc_contract_allows_verification (EKYC_CONTRACT_EXPIRING));
  g_assert_false (ekyc_contract_allows_verification (EKYC_CONTRACT_EXPIRED));
  g_assert_false (ekyc_contract_allows_verification (EKYC_CONTRACT_CANCELLED));
  g_assert_false (ekyc_contract_allows_verification (EKYC_CONTRACT_DECLARED));
}

static void
test_notice_date (void)
{
  GDate end = date ("2027-03-31"), notice;
  g_autofree char *text = NULL;

  ekyc_contract_renewal_notice_date (&end, &notice);
  text = ekyc_date_to_string (&notice);
  g_assert_cmpstr (text, ==, "2027-02-28");
}

static void
test_actions (void)
{
  static const struct {
    EkycContractStatus status;
    gboolean activate, renew, cancel;
  } table[] = {
    { EKYC_CONTRACT_DECLARED, TRUE, FALSE, TRUE },
    { EKYC_CONTRACT_ACTIVE, FALSE, TRUE, TRUE },
    { EKYC_CONTRACT_EXPIRING, FALSE, TRUE, TRUE },
    { EKYC_CONTRACT_EXPIRED, FALSE, TRUE, FALSE },
    { EKYC_CONTRACT_CANCELLED, FALSE, FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      gboolean expected[3] = { table[i].activate, table[i].renew, table[i].cancel };

      for (EkycContractAction a = EKYC_CONTRACT_ACTIVATE; a <= EKYC_CONTRACT_CANCEL; a++)
        {
          g_autoptr(GError) error = NULL;
          gboolean ok = ekyc_contract_check_action (table[i].status, a, &error);

          g_assert_cmpint (ok, ==, expected[a]);
          if (!ok)
            {
              g_assert_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_TRANSITION);
              g_assert_cmpuint (strlen (error->message), >, 20);
            }
        }
    }
}

static void
test_dates (void)
{
  GDate start = date ("2026-01-01"), end = date ("2025-12-31");
  g_autoptr(GError) error = NULL;

  g_assert_false (ekyc_contract_check_dates (&start, &end, &error));
  g_assert_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT);
  g_assert_true (ekyc_contract_check_dates (&start, &start, NULL));
}

static void
test_registration_deadlines (void)
{
  g_autoptr(EkycCalendar) calendar = ekyc_calendar_new (NULL, NULL);
  EkycProcess process;
  g_autoptr(GError) error = NULL;

  /* Signed Friday 16:00: declaration due Monday 16:00. */
  ekyc_process_start (&process, EKYC_PROCESS_REGISTRATION,
                      at (calendar, "2026-11-27T16:00:00+07:00"), calendar);
  g_assert_cmpuint (ekyc_process_next_step (&process), ==, 2);
  g_assert_cmpint (process.due_at[1], ==, at (calendar, "2026-11-30T16:00:00+07:00"));
  g_assert_cmpint (process.due_at[0], ==, 0);
  g_assert_cmpint (process.due_at[2], ==, 0);

  /* Nothing is overdue on Monday 16:00 sharp; one second later, step 2 is. */
  g_assert_false (ekyc_process_step_overdue (&process, 2, at (calendar, "2026-11-30T16:00:00+07:00")));
  g_assert_true (ekyc_process_step_overdue (&process, 2, at (calendar, "2026-11-30T16:00:01+07:00")));

  /* Steps out of order are refused. */
  g_assert_false (ekyc_process_complete_step (&process, 3, at (calendar, "2026-11-30T10:00:00+07:00"),
                                              calendar, &error));
  g_assert_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_TRANSITION);
  g_clear_error (&error);
  /* A step before the previous one is refused. */
  g_assert_false (ekyc_process_complete_step (&process, 2, at (calendar, "2026-11-27T15:00:00+07:00"),
                                              calendar, &error));
  g_assert_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* Declared late, on Tuesday: recorded, and marked late. */
  g_assert_true (ekyc_process_complete_step (&process, 2, at (calendar, "2026-12-01T09:00:00+07:00"),
                                             calendar, &error));
  g_assert_no_error (error);
  g_assert_true (ekyc_process_step_late (&process, 2));
  g_assert_false (ekyc_process_step_overdue (&process, 2, at (calendar, "2026-12-05T00:00:00+07:00")));
  g_assert_cmpint (process.due_at[2], ==, at (calendar, "2026-12-02T09:00:00+07:00"));

  /* Operations on Friday 23:00; the unit has 2 working hours, which run on Monday. */
  g_assert_true (ekyc_process_complete_step (&process, 3, at (calendar, "2026-12-04T23:00:00+07:00"),
                                             calendar, NULL));
  g_assert_true (ekyc_process_step_late (&process, 3));
  g_assert_cmpint (process.due_at[3], ==, at (calendar, "2026-12-07T01:00:00+07:00"));
  g_assert_true (ekyc_process_complete_step (&process, 4, at (calendar, "2026-12-05T08:00:00+07:00"),
                                             calendar, NULL));
  g_assert_false (ekyc_process_step_late (&process, 4));
  g_assert_cmpuint (ekyc_process_next_step (&process), ==, 0);
  g_assert_false (ekyc_process_complete_step (&process, 4, at (calendar, "2026-12-05T09:00:00+07:00"),
                                              calendar, &error));
  g_assert_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_TRANSITION);
}

static void
test_cancellation_over_holiday (void)
{
  g_autoptr(EkycCalendar) calendar = ekyc_calendar_new (NULL, NULL);
  EkycProcess process;
  GDate holiday = date ("2026-09-02");

  ekyc_calendar_add_holiday (calendar, &holiday);
  ekyc_process_start (&process, EKYC_PROCESS_CANCELLATION,
                      at (calendar, "2026-09-01T10:00:00+07:00"), calendar);
  g_assert_cmpint (process.due_at[1], ==, at (calendar, "2026-09-03T10:00:00+07:00"));
  g_assert_false (ekyc_process_step_overdue (&process, 2, at (calendar, "2026-09-02T23:00:00+07:00")));
}

static void
test_titles_and_names (void)
{
  EkycProcessKind kind;
  EkycContractStatus status;

  for (EkycProcessKind k = EKYC_PROCESS_REGISTRATION; k <= EKYC_PROCESS_CANCELLATION; k++)
    for (guint step = 1; step <= EKYC_PROCESS_N_STEPS; step++)
      {
        g_assert_nonnull (ekyc_process_step_title (k, step));
        g_assert_nonnull (ekyc_process_step_actor (k, step));
      }
  g_assert_cmpstr (ekyc_process_step_actor (EKYC_PROCESS_RENEWAL, 3), ==, "operations");
  g_assert_true (ekyc_process_kind_from_string ("renewal", &kind));
  g_assert_cmpint (kind, ==, EKYC_PROCESS_RENEWAL);
  g_assert_false (ekyc_process_kind_from_string ("Renewal", &kind));
  g_assert_true (ekyc_contract_status_from_string ("expiring", &status));
  g_assert_cmpint (status, ==, EKYC_CONTRACT_EXPIRING);
  g_assert_false (ekyc_contract_status_from_string (NULL, &status));
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);
  g_test_add_func ("/business/contract/status-over-time", test_status_over_time);
  g_test_add_func ("/business/contract/renewal-notice-date", test_notice_date);
  g_test_add_func ("/business/contract/allowed-actions", test_actions);
  g_test_add_func ("/business/contract/dates", test_dates);
  g_test_add_func ("/business/contract/registration-deadlines", test_registration_deadlines);
  g_test_add_func ("/business/contract/cancellation-over-a-holiday", test_cancellation_over_holiday);
  g_test_add_func ("/business/contract/titles-and-names", test_titles_and_names);
  return g_test_run ();
}
