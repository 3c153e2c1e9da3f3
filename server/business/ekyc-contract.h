/* ekyc-contract.h — a contract's status and the 4-step processes of the brief (§3), with deadlines
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Storage keeps a contract's *state* (declared, active or cancelled) and its start and end dates;
 * expiring and expired are derived from the end date and today's date, so they never go stale.
 * A contract covers its start and end dates inclusive and expires at 00:00 of the day after its
 * end date. It is *expiring* from the renewal notice date, one month before the end date.
 */
#pragma once

#include <glib.h>

#include "ekyc-working-days.h"

G_BEGIN_DECLS

/**
 * EkycContractStatus:
 * @EKYC_CONTRACT_DECLARED: declared by the contracting unit, service not yet configured.
 * @EKYC_CONTRACT_ACTIVE: configured and in force.
 * @EKYC_CONTRACT_EXPIRING: in force, the end date is less than a month away.
 * @EKYC_CONTRACT_EXPIRED: the end date has passed; new verifications are refused.
 * @EKYC_CONTRACT_CANCELLED: cancelled at the customer's request; new verifications are refused.
 */
typedef enum {
  EKYC_CONTRACT_DECLARED,
  EKYC_CONTRACT_ACTIVE,
  EKYC_CONTRACT_EXPIRING,
  EKYC_CONTRACT_EXPIRED,
  EKYC_CONTRACT_CANCELLED,
} EkycContractStatus;

/**
 * EkycContractAction:
 * What the product-management system does to a contract: activate (operations configured the
 * service, registration step 3), renew (renewal step 3, a new end date), cancel (cancellation
 * step 3).
 */
typedef enum {
  EKYC_CONTRACT_ACTIVATE,
  EKYC_CONTRACT_RENEW,
  EKYC_CONTRACT_CANCEL,
} EkycContractAction;

/**
 * ekyc_contract_status_to_string:
 * Returns: (transfer none): "declared", "active", "expiring", "expired" or "cancelled".
 */
const char *ekyc_contract_status_to_string (EkycContractStatus status);

/**
 * ekyc_contract_status_from_string:
 * @status: (out): the parsed value
 * Returns: %TRUE when @text is one of the names above.
 */
gboolean ekyc_contract_status_from_string (const char *text, EkycContractStatus *status);

/**
 * ekyc_contract_status_describe:
 * Returns: (transfer none): the translated name of @status for people ("active", "đang hiệu lực").
 */
const char *ekyc_contract_status_describe (EkycContractStatus status);

/**
 * ekyc_contract_renewal_notice_date:
 * @end_date: the contract's last day
 * @notice: (out caller-allocates): one month earlier (the 31st becomes the last day of a shorter
 *   month), the day the renewal notice goes to the customer and the unit
 */
void ekyc_contract_renewal_notice_date (const GDate *end_date, GDate *notice);

/**
 * ekyc_contract_status_at:
 * @stored: the stored state: %EKYC_CONTRACT_DECLARED, %EKYC_CONTRACT_ACTIVE or
 *   %EKYC_CONTRACT_CANCELLED
 * @end_date: the contract's last day
 * @today: the date in the operator's zone
 * Returns: the status on @today: cancelled and declared stay so; an active contract is expired
 * after @end_date and expiring from its renewal notice date.
 */
EkycContractStatus ekyc_contract_status_at (EkycContractStatus  stored,
                                            const GDate        *end_date,
                                            const GDate        *today);

/**
 * ekyc_contract_allows_verification:
 * Returns: %TRUE for active and expiring contracts: the only ones under which a branch may
 * start a new verification.
 */
gboolean ekyc_contract_allows_verification (EkycContractStatus status);

/**
 * ekyc_contract_check_action:
 * @status: the status today (from ekyc_contract_status_at())
 * @action: what is asked
 * @error: %EKYC_BUSINESS_ERROR_INVALID_TRANSITION, translated, saying why and what to do
 * Activate needs a declared contract; renew an active, expiring or expired one; cancel a
 * declared, active or expiring one.
 * Returns: %TRUE when @action is allowed.
 */
gboolean ekyc_contract_check_action (EkycContractStatus   status,
                                     EkycContractAction   action,
                                     GError             **error);

/**
 * ekyc_contract_check_dates:
 * @start_date: first day covered
 * @end_date: last day covered
 * @error: %EKYC_BUSINESS_ERROR_INVALID_INPUT when @end_date is before @start_date
 */
gboolean ekyc_contract_check_dates (const GDate *start_date, const GDate *end_date,
                                    GError **error);

/**
 * EkycProcessKind:
 * The three processes of §3: new registration, renewal, cancellation.
 */
typedef enum {
  EKYC_PROCESS_REGISTRATION,
  EKYC_PROCESS_RENEWAL,
  EKYC_PROCESS_CANCELLATION,
} EkycProcessKind;

#define EKYC_PROCESS_N_STEPS 4
/* "Immediately after step 3": two hours of working time to send the letter or email. */
#define EKYC_PROCESS_IMMEDIATE_SECONDS (2 * 3600)

/**
 * EkycProcess:
 * One run of a process. Index i holds step i + 1. @done_at is 0 for a step not done; @due_at is
 * 0 until the previous step is done. Step 1 (the customer signs or asks) has no deadline; steps 2
 * and 3 are due 1 working day after the previous step; step 4 "immediately" after step 3
 * (%EKYC_PROCESS_IMMEDIATE_SECONDS of working time).
 */
typedef struct {
  EkycProcessKind kind;
  gint64          done_at[EKYC_PROCESS_N_STEPS];
  gint64          due_at[EKYC_PROCESS_N_STEPS];
} EkycProcess;

/**
 * ekyc_process_kind_to_string:
 * Returns: (transfer none): "registration", "renewal" or "cancellation".
 */
const char *ekyc_process_kind_to_string (EkycProcessKind kind);

/**
 * ekyc_process_kind_from_string:
 * Returns: %TRUE when @text names a process kind.
 */
gboolean ekyc_process_kind_from_string (const char *text, EkycProcessKind *kind);

/**
 * ekyc_process_start:
 * @process: (out caller-allocates): the new run
 * @signed_at: when step 1 happened (the customer signed or asked to cancel)
 * Step 1 is recorded done at @signed_at and step 2 gets its deadline.
 */
void ekyc_process_start (EkycProcess     *process,
                         EkycProcessKind  kind,
                         gint64           signed_at,
                         EkycCalendar    *calendar);

/**
 * ekyc_process_next_step:
 * Returns: the first step not done (2–4), or 0 when the process is complete.
 */
guint ekyc_process_next_step (const EkycProcess *process);

/**
 * ekyc_process_complete_step:
 * @step: 2–4; must be ekyc_process_next_step()
 * @at: when it was done; not before the previous step
 * @error: %EKYC_BUSINESS_ERROR_INVALID_TRANSITION for a step out of order or already done,
 *   %EKYC_BUSINESS_ERROR_INVALID_INPUT for a time before the previous step
 * Records the step and sets the next step's deadline. A step done late is still recorded (see
 * ekyc_process_step_late()).
 */
gboolean ekyc_process_complete_step (EkycProcess   *process,
                                     guint          step,
                                     gint64         at,
                                     EkycCalendar  *calendar,
                                     GError       **error);

/**
 * ekyc_process_step_overdue:
 * Returns: %TRUE when @step is not done and @now is past its deadline.
 */
gboolean ekyc_process_step_overdue (const EkycProcess *process, guint step, gint64 now);

/**
 * ekyc_process_step_late:
 * Returns: %TRUE when @step was done after its deadline.
 */
gboolean ekyc_process_step_late (const EkycProcess *process, guint step);

/**
 * ekyc_process_step_title:
 * @step: 1–4
 * Returns: (transfer none): the translated description of the step, e.g. "The contracting unit
 * declares the contract".
 */
const char *ekyc_process_step_title (EkycProcessKind kind, guint step);

/**
 * ekyc_process_step_actor:
 * Returns: (transfer none): who acts at @step: "customer", "unit" or "operations".
 */
const char *ekyc_process_step_actor (EkycProcessKind kind, guint step);

G_END_DECLS
