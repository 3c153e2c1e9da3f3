/* ekyc-commission.c — units, AM/KAM and the 40 % / 35 % channel commission
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-business"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ekyc-business-error.h"
#include "ekyc-commission.h"

static const char *const unit_kind_names[] = {
  [EKYC_UNIT_REGIONAL_COMPANY] = "regional-company",
  [EKYC_UNIT_IT_CENTRE] = "it-centre",
  [EKYC_UNIT_AGENT] = "agent",
};

const char *
ekyc_unit_kind_to_string (EkycUnitKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (unit_kind_names), NULL);
  return unit_kind_names[kind];
}

gboolean
ekyc_unit_kind_from_string (const char *text, EkycUnitKind *kind, GError **error)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (unit_kind_names); i++)
    if (g_strcmp0 (text, unit_kind_names[i]) == 0)
      {
        *kind = (EkycUnitKind) i;
        return TRUE;
      }
  g_set_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT,
               _("Unknown unit kind “%s”: use “regional-company”, “it-centre” or “agent”."),
               text != NULL ? text : "");
  return FALSE;
}

const char *
ekyc_manager_role_to_string (EkycManagerRole role)
{
  return role == EKYC_MANAGER_KAM ? "kam" : "am";
}

gboolean
ekyc_manager_role_from_string (const char *text, EkycManagerRole *role, GError **error)
{
  g_return_val_if_fail (role != NULL, FALSE);

  if (g_strcmp0 (text, "am") == 0)
    *role = EKYC_MANAGER_AM;
  else if (g_strcmp0 (text, "kam") == 0)
    *role = EKYC_MANAGER_KAM;
  else
    {
      g_set_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT,
                   _("Unknown account manager role “%s”: use “am” or “kam”."),
                   text != NULL ? text : "");
      return FALSE;
    }
  return TRUE;
}

EkycBeneficiary
ekyc_commission_beneficiary (EkycUnitKind unit_kind, gboolean has_account_manager)
{
  if (unit_kind == EKYC_UNIT_AGENT)
    return EKYC_BENEFICIARY_AGENT;
  return has_account_manager ? EKYC_BENEFICIARY_ACCOUNT_MANAGER : EKYC_BENEFICIARY_NONE;
}

const char *
ekyc_beneficiary_to_string (EkycBeneficiary beneficiary)
{
  switch (beneficiary)
    {
    case EKYC_BENEFICIARY_AGENT:
      return "agent";
    case EKYC_BENEFICIARY_ACCOUNT_MANAGER:
      return "account-manager";
    case EKYC_BENEFICIARY_NONE:
    default:
      return "none";
    }
}

guint
ekyc_commission_percent (EkycBeneficiary beneficiary)
{
  switch (beneficiary)
    {
    case EKYC_BENEFICIARY_AGENT:
      return EKYC_COMMISSION_AGENT_PERCENT;
    case EKYC_BENEFICIARY_ACCOUNT_MANAGER:
      return EKYC_COMMISSION_ACCOUNT_MANAGER_PERCENT;
    case EKYC_BENEFICIARY_NONE:
    default:
      return 0;
    }
}

gint64
ekyc_commission_amount (gint64 revenue_vnd, guint percent)
{
  g_return_val_if_fail (revenue_vnd >= 0, 0);
  g_return_val_if_fail (percent <= 100, 0);
  g_return_val_if_fail (revenue_vnd <= G_MAXINT64 / 100, 0);

  return (revenue_vnd * (gint64) percent + 50) / 100;
}
