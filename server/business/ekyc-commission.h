/* ekyc-commission.h — contracting units, account managers and the channel commission (§2, §4c)
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every contract belongs to one contracting unit: a regional company, the IT Centre, or one of
 * the IT Centre's agents. It may also name the AM/KAM (account manager / key account manager)
 * who brought it in. The commission on a contract's monthly revenue goes to whoever brought it
 * in: the agent (40 %) when the unit is an agent, otherwise the named AM/KAM (35 %); a contract
 * of a regional company or the IT Centre with no AM/KAM pays none. Commissions are computed per
 * beneficiary per month on the sum of that month's revenue, rounded once, half up, to the VND.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * EkycUnitKind:
 * The three kinds of contracting unit of §2.
 */
typedef enum {
  EKYC_UNIT_REGIONAL_COMPANY,
  EKYC_UNIT_IT_CENTRE,
  EKYC_UNIT_AGENT,
} EkycUnitKind;

/**
 * EkycManagerRole:
 * An account manager (AM) or key account manager (KAM).
 */
typedef enum {
  EKYC_MANAGER_AM,
  EKYC_MANAGER_KAM,
} EkycManagerRole;

/**
 * EkycBeneficiary:
 * Who a commission goes to.
 */
typedef enum {
  EKYC_BENEFICIARY_NONE,
  EKYC_BENEFICIARY_AGENT,
  EKYC_BENEFICIARY_ACCOUNT_MANAGER,
} EkycBeneficiary;

#define EKYC_COMMISSION_AGENT_PERCENT 40
#define EKYC_COMMISSION_ACCOUNT_MANAGER_PERCENT 35

/**
 * ekyc_unit_kind_to_string:
 * Returns: (transfer none): "regional-company", "it-centre" or "agent".
 */
const char *ekyc_unit_kind_to_string (EkycUnitKind kind);

/**
 * ekyc_unit_kind_from_string:
 * @error: %EKYC_BUSINESS_ERROR_INVALID_INPUT, translated, naming the accepted values
 */
gboolean ekyc_unit_kind_from_string (const char *text, EkycUnitKind *kind, GError **error);

/**
 * ekyc_manager_role_to_string:
 * Returns: (transfer none): "am" or "kam".
 */
const char *ekyc_manager_role_to_string (EkycManagerRole role);

/**
 * ekyc_manager_role_from_string:
 * @error: %EKYC_BUSINESS_ERROR_INVALID_INPUT, translated
 */
gboolean ekyc_manager_role_from_string (const char *text, EkycManagerRole *role,
                                        GError **error);

/**
 * ekyc_commission_beneficiary:
 * @unit_kind: the contract's unit
 * @has_account_manager: whether the contract names an AM/KAM
 * Returns: who earns the commission on the contract (see the file's comment).
 */
EkycBeneficiary ekyc_commission_beneficiary (EkycUnitKind unit_kind, gboolean has_account_manager);

/**
 * ekyc_beneficiary_to_string:
 * Returns: (transfer none): "none", "agent" or "account-manager".
 */
const char *ekyc_beneficiary_to_string (EkycBeneficiary beneficiary);

/**
 * ekyc_commission_percent:
 * Returns: 40 for an agent, 35 for an AM/KAM, 0 for none.
 */
guint ekyc_commission_percent (EkycBeneficiary beneficiary);

/**
 * ekyc_commission_amount:
 * @revenue_vnd: the month's revenue of the beneficiary's contracts, ≥ 0
 * @percent: the rate
 * Returns: @revenue_vnd × @percent / 100, rounded half up to the VND, in integers only.
 */
gint64 ekyc_commission_amount (gint64 revenue_vnd, guint percent);

G_END_DECLS
