/* test-commission.c — who earns a commission, at which rate, and the rounding
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include "ekyc-business-error.h"
#include "ekyc-commission.h"
#include "test-utils.h"

static void
test_beneficiary (void)
{
  g_assert_cmpint (ekyc_commission_beneficiary (EKYC_UNIT_AGENT, FALSE), ==, EKYC_BENEFICIARY_AGENT);
  g_assert_cmpint (ekyc_commission_beneficiary (EKYC_UNIT_AGENT, TRUE), ==, EKYC_BENEFICIARY_AGENT);
  g_assert_cmpint (ekyc_commission_beneficiary (EKYC_UNIT_REGIONAL_COMPANY, TRUE), ==,
                   EKYC_BENEFICIARY_ACCOUNT_MANAGER);
  g_assert_cmpint (ekyc_commission_beneficiary (EKYC_UNIT_IT_CENTRE, TRUE), ==,
                   EKYC_BENEFICIARY_ACCOUNT_MANAGER);
  g_assert_cmpint (ekyc_commission_beneficiary (EKYC_UNIT_REGIONAL_COMPANY, FALSE), ==,
                   EKYC_BENEFICIARY_NONE);
  g_assert_cmpuint (ekyc_commission_percent (EKYC_BENEFICIARY_AGENT), ==, 40);
  g_assert_cmpuint (ekyc_commission_percent (EKYC_BENEFICIARY_ACCOUNT_MANAGER), ==, 35);
  g_assert_cmpuint (ekyc_commission_percent (EKYC_BENEFICIARY_NONE), ==, 0);
}

static void
test_amounts_and_rounding (void)
{
  /* The brief's example month: 12,000 requests. */
  g_assert_cmpint (ekyc_commission_amount (10800000, 40), ==, 4320000);
  g_assert_cmpint (ekyc_commission_amount (11550000, 35), ==, 4042500);
  /* Half up: 3.5 → 4, 4320.75 → 4321, 0.4 → 0, 0.35 → 0, 2.45 → 2. */
  g_assert_cmpint (ekyc_commission_amount (10, 35), ==, 4);
  g_assert_cmpint (ekyc_commission_amount (12345, 35), ==, 4321);
  g_assert_cmpint (ekyc_commission_amount (1, 40), ==, 0);
  g_assert_cmpint (ekyc_commission_amount (1, 35), ==, 0);
  g_assert_cmpint (ekyc_commission_amount (7, 35), ==, 2);
  g_assert_cmpint (ekyc_commission_amount (0, 40), ==, 0);
  /* A large month does not overflow. */
  g_assert_cmpint (ekyc_commission_amount (G_GINT64_CONSTANT (750000000000000), 40), ==,
                   G_GINT64_CONSTANT (300000000000000));
}

static void
test_names (void)
{
  EkycUnitKind kind;
  EkycManagerRole role;
  g_autoptr(GError) error = NULL;

  g_assert_true (ekyc_unit_kind_from_string ("it-centre", &kind, NULL));
  g_assert_cmpint (kind, ==, EKYC_UNIT_IT_CENTRE);
  g_assert_cmpstr (ekyc_unit_kind_to_string (EKYC_UNIT_REGIONAL_COMPANY), ==, "regional-company");
  g_assert_false (ekyc_unit_kind_from_string ("bank", &kind, &error));
  g_assert_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_true (ekyc_manager_role_from_string ("kam", &role, NULL));
  g_assert_cmpint (role, ==, EKYC_MANAGER_KAM);
  g_assert_false (ekyc_manager_role_from_string ("boss", &role, &error));
  g_assert_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT);
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);
  g_test_add_func ("/business/commission/beneficiary", test_beneficiary);
  g_test_add_func ("/business/commission/amounts-and-rounding", test_amounts_and_rounding);
  g_test_add_func ("/business/commission/names", test_names);
  return g_test_run ();
}
