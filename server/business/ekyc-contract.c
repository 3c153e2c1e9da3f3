/* ekyc-contract.c — contract status and the registration, renewal and cancellation processes
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-business"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ekyc-business-error.h"
#include "ekyc-contract.h"

static const char *const status_names[] = {
  [EKYC_CONTRACT_DECLARED] = "declared",
  [EKYC_CONTRACT_ACTIVE] = "active",
  [EKYC_CONTRACT_EXPIRING] = "expiring",
  [EKYC_CONTRACT_EXPIRED] = "expired",
  [EKYC_CONTRACT_CANCELLED] = "cancelled",
};

const char *
ekyc_contract_status_to_string (EkycContractStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_names), NULL);
  return status_names[status];
}

gboolean
ekyc_contract_status_from_string (const char *text, EkycContractStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (text, status_names[i]) == 0)
      {
        *status = (EkycContractStatus) i;
        return TRUE;
      }
  return FALSE;
}

const char *
ekyc_contract_status_describe (EkycContractStatus status)
{
  switch (status)
    {
    case EKYC_CONTRACT_DECLARED:
      return _("declared, not yet activated");
    case EKYC_CONTRACT_ACTIVE:
      return _("active");
    case EKYC_CONTRACT_EXPIRING:
      return _("active, expiring within a month");
    case EKYC_CONTRACT_EXPIRED:
      return _("expired");
    case EKYC_CONTRACT_CANCELLED:
      return _("cancelled");
    default:
      g_return_val_if_reached (NULL);
    }
}

void
ekyc_contract_renewal_notice_date (const GDate *end_date, GDate *notice)
{
  g_return_if_fail (end_date != NULL && g_date_valid (end_date) && notice != NULL);

  *notice = *end_date;
  g_date_subtract_months (notice, 1);
}

EkycContractStatus
ekyc_contract_status_at (EkycContractStatus  stored,
                         const GDate        *end_date,
                         const GDate        *today)
{
  GDate notice;

  g_return_val_if_fail (end_date != NULL && g_date_valid (end_date), stored);
  g_return_val_if_fail (today != NULL && g_date_valid (today), stored);

  if (stored != EKYC_CONTRACT_ACTIVE)
    return stored;
  if (g_date_compare (today, end_date) > 0)
    return EKYC_CONTRACT_EXPIRED;
  ekyc_contract_renewal_notice_date (end_date, &notice);
  if (g_date_compare (today, &notice) >= 0)
    return EKYC_CONTRACT_EXPIRING;
  return EKYC_CONTRACT_ACTIVE;
}

gboolean
ekyc_contract_allows_verification (EkycContractStatus status)
{
  return status == EKYC_CONTRACT_ACTIVE || status == EKYC_CONTRACT_EXPIRING;
}

#define REFUSE(message) \
  G_STMT_START { \
    g_set_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_TRANSITION, message, \
                 ekyc_contract_status_describe (status)); \
    return FALSE; \
  } G_STMT_END

gboolean
ekyc_contract_check_action (EkycContractStatus   status,
                            EkycContractAction   action,
                            GError             **error)
{
  switch (action)
    {
    case EKYC_CONTRACT_ACTIVATE:
      if (status != EKYC_CONTRACT_DECLARED)
        REFUSE (_("Only a declared contract can be activated; this one is %s."));
      return TRUE;
    case EKYC_CONTRACT_RENEW:
      if (status == EKYC_CONTRACT_DECLARED)
        REFUSE (_("A contract must be activated before it is renewed; this one is %s."));
      if (status == EKYC_CONTRACT_CANCELLED)
        REFUSE (_("A cancelled contract cannot be renewed; declare a new contract instead (this "
                  "one is %s)."));
      return TRUE;
    case EKYC_CONTRACT_CANCEL:
      if (status == EKYC_CONTRACT_EXPIRED || status == EKYC_CONTRACT_CANCELLED)
        REFUSE (_("There is nothing to cancel: the contract is already %s."));
      return TRUE;
    default:
      g_return_val_if_reached (FALSE);
    }
}

#undef REFUSE

gboolean
ekyc_contract_check_dates (const GDate *start_date, const GDate *end_date, GError **error)
{
  g_return_val_if_fail (start_date != NULL && g_date_valid (start_date), FALSE);
  g_return_val_if_fail (end_date != NULL && g_date_valid (end_date), FALSE);

  if (g_date_compare (end_date, start_date) < 0)
    {
      g_set_error_literal (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT,
                           _("The contract ends before it starts: check the start and end dates."));
      return FALSE;
    }
  return TRUE;
}

static const char *const kind_names[] = {
  [EKYC_PROCESS_REGISTRATION] = "registration",
  [EKYC_PROCESS_RENEWAL] = "renewal",
  [EKYC_PROCESS_CANCELLATION] = "cancellation",
};

const char *
ekyc_process_kind_to_string (EkycProcessKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
ekyc_process_kind_from_string (const char *text, EkycProcessKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (text, kind_names[i]) == 0)
      {
        *kind = (EkycProcessKind) i;
        return TRUE;
      }
  return FALSE;
}

static gint64
deadline_after (guint step, gint64 previous_done, EkycCalendar *calendar)
{
  if (step == 4)
    return ekyc_calendar_add_working_time (calendar, previous_done,
                                           EKYC_PROCESS_IMMEDIATE_SECONDS);
  return ekyc_calendar_deadline (calendar, previous_done, 1);
}

void
ekyc_process_start (EkycProcess     *process,
                    EkycProcessKind  kind,
                    gint64           signed_at,
                    EkycCalendar    *calendar)
{
  g_return_if_fail (process != NULL && calendar != NULL);
  g_return_if_fail ((guint) kind < G_N_ELEMENTS (kind_names));

  memset (process, 0, sizeof *process);
  process->kind = kind;
  process->done_at[0] = signed_at;
  process->due_at[1] = deadline_after (2, signed_at, calendar);
}

guint
ekyc_process_next_step (const EkycProcess *process)
{
  g_return_val_if_fail (process != NULL, 0);

  for (guint i = 0; i < EKYC_PROCESS_N_STEPS; i++)
    if (process->done_at[i] == 0)
      return i + 1;
  return 0;
}

gboolean
ekyc_process_complete_step (EkycProcess   *process,
                            guint          step,
                            gint64         at,
                            EkycCalendar  *calendar,
                            GError       **error)
{
  guint next;

  g_return_val_if_fail (process != NULL && calendar != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  next = ekyc_process_next_step (process);
  if (step < 1 || step > EKYC_PROCESS_N_STEPS || step != next)
    {
      if (next == 0)
        g_set_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_TRANSITION,
                     _("The %s process is already complete."),
                     ekyc_process_kind_to_string (process->kind));
      else
        g_set_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_TRANSITION,
                     _("Step %u cannot be done now: the next step of the %s process is step %u (%s)."),
                     step, ekyc_process_kind_to_string (process->kind), next,
                     ekyc_process_step_title (process->kind, next));
      return FALSE;
    }
  if (at < process->done_at[step - 2])
    {
      g_set_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT,
                   _("Step %u cannot be dated before step %u: check the time given."),
                   step, step - 1);
      return FALSE;
    }
  process->done_at[step - 1] = at;
  if (step < EKYC_PROCESS_N_STEPS)
    process->due_at[step] = deadline_after (step + 1, at, calendar);
  return TRUE;
}

gboolean
ekyc_process_step_overdue (const EkycProcess *process, guint step, gint64 now)
{
  g_return_val_if_fail (process != NULL, FALSE);
  g_return_val_if_fail (step >= 1 && step <= EKYC_PROCESS_N_STEPS, FALSE);

  return process->done_at[step - 1] == 0 && process->due_at[step - 1] != 0
         && now > process->due_at[step - 1];
}

gboolean
ekyc_process_step_late (const EkycProcess *process, guint step)
{
  g_return_val_if_fail (process != NULL, FALSE);
  g_return_val_if_fail (step >= 1 && step <= EKYC_PROCESS_N_STEPS, FALSE);

  return process->done_at[step - 1] != 0 && process->due_at[step - 1] != 0
         && process->done_at[step - 1] > process->due_at[step - 1];
}

const char *
ekyc_process_step_title (EkycProcessKind kind, guint step)
{
  static const char *const titles[3][EKYC_PROCESS_N_STEPS] = {
    [EKYC_PROCESS_REGISTRATION] = {
      N_("The customer signs the contract with the contracting unit"),
      N_("The contracting unit declares the contract"),
      N_("Operations configures the service, creates the account and sends it to the unit"),
      N_("The contracting unit sends the account details to the customer"),
    },
    [EKYC_PROCESS_RENEWAL] = {
      N_("The customer signs the renewal contract"),
      N_("The contracting unit renews the account"),
      N_("Operations applies the renewal and notifies the unit"),
      N_("The contracting unit tells the customer the renewal succeeded"),
    },
    [EKYC_PROCESS_CANCELLATION] = {
      N_("The customer asks the contracting unit to cancel"),
      N_("The contracting unit cancels the contract"),
      N_("Operations disables the service and notifies the unit"),
      N_("The contracting unit tells the customer the cancellation succeeded"),
    },
  };

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (titles), NULL);
  g_return_val_if_fail (step >= 1 && step <= EKYC_PROCESS_N_STEPS, NULL);
  return _(titles[kind][step - 1]);
}

const char *
ekyc_process_step_actor (EkycProcessKind kind, guint step)
{
  static const char *const actors[EKYC_PROCESS_N_STEPS] = {
    "customer", "unit", "operations", "unit"
  };

  g_return_val_if_fail (step >= 1 && step <= EKYC_PROCESS_N_STEPS, NULL);
  return actors[step - 1];
}
