/* test-pricing.c — the tier table at every boundary, volume against graduated, on-premise
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include "ekyc-business-error.h"
#include "ekyc-pricing.h"
#include "test-utils.h"

static gint64
amount (guint64 requests, EkycPricing pricing)
{
  EkycPriceQuote quote;
  g_autoptr(GError) error = NULL;

  g_assert_true (ekyc_price_quote (requests, pricing, &quote, &error));
  g_assert_no_error (error);
  return quote.amount_vnd;
}

static void
test_tier_boundaries (void)
{
  static const struct { guint64 requests; guint tier; } cases[] = {
    { 0, 0 }, { 1, 1 }, { 5000, 1 }, { 5001, 2 }, { 10000, 2 }, { 10001, 3 }, { 20000, 3 },
    { 20001, 4 }, { 30000, 4 }, { 30001, 5 }, { 50000, 5 }, { 50001, 6 }, { 10000000, 6 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (ekyc_price_tier_for (cases[i].requests), ==, cases[i].tier);
}

static void
test_volume (void)
{
  static const struct { guint64 requests; gint64 vnd; } cases[] = {
    { 0, 0 },
    { 1, 1000 },
    { 5000, 5000000 },
    { 5001, 5001 * 950 },
    { 10000, 9500000 },
    { 10001, 10001 * 900 },
    { 12000, 10800000 }, /* the brief's example */
    { 20000, 18000000 },
    { 20001, 20001 * 850 },
    { 30000, 25500000 },
    { 30001, 30001 * 800 },
    { 50000, 40000000 },
    { 50001, 50001 * 750 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (amount (cases[i].requests, EKYC_PRICING_VOLUME), ==, cases[i].vnd);
}

static void
test_graduated (void)
{
  static const struct { guint64 requests; gint64 vnd; } cases[] = {
    { 0, 0 },
    { 1, 1000 },
    { 5000, 5000000 },
    { 5001, 5000950 },
    { 10000, 9750000 },
    { 10001, 9750900 },
    { 12000, 11550000 }, /* the brief's example */
    { 20000, 18750000 },
    { 20001, 18750850 },
    { 30000, 27250000 },
    { 30001, 27250800 },
    { 50000, 43250000 },
    { 50001, 43250750 },
    { 100000, 43250000 + 50000 * 750 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (amount (cases[i].requests, EKYC_PRICING_GRADUATED), ==, cases[i].vnd);
}

static void
test_graduated_lines (void)
{
  EkycPriceQuote quote;
  gint64 sum = 0;
  guint64 count = 0;

  g_assert_true (ekyc_price_quote (12000, EKYC_PRICING_GRADUATED, &quote, NULL));
  g_assert_cmpuint (quote.n_lines, ==, 3);
  g_assert_cmpuint (quote.lines[0].requests, ==, 5000);
  g_assert_cmpuint (quote.lines[1].requests, ==, 5000);
  g_assert_cmpuint (quote.lines[2].requests, ==, 2000);
  g_assert_cmpint (quote.lines[2].unit_price_vnd, ==, 900);
  for (guint i = 0; i < quote.n_lines; i++)
    {
      sum += quote.lines[i].amount_vnd;
      count += quote.lines[i].requests;
    }
  g_assert_cmpint (sum, ==, quote.amount_vnd);
  g_assert_cmpuint (count, ==, 12000);

  g_assert_true (ekyc_price_quote (12000, EKYC_PRICING_VOLUME, &quote, NULL));
  g_assert_cmpuint (quote.n_lines, ==, 1);
  g_assert_cmpuint (quote.lines[0].tier, ==, 3);
}

/* Graduated never costs less than volume for the same count, and is monotonic. */
static void
test_graduated_properties (void)
{
  gint64 previous = -1;

  for (guint64 n = 0; n <= 60000; n += 37)
    {
      gint64 graduated = amount (n, EKYC_PRICING_GRADUATED);

      g_assert_cmpint (graduated, >=, amount (n, EKYC_PRICING_VOLUME));
      g_assert_cmpint (graduated, >, previous);
      previous = graduated;
    }
}

static void
test_too_many (void)
{
  EkycPriceQuote quote;
  g_autoptr(GError) error = NULL;

  g_assert_true (ekyc_price_quote (EKYC_PRICE_MAX_REQUESTS, EKYC_PRICING_GRADUATED, &quote, NULL));
  g_assert_false (ekyc_price_quote (EKYC_PRICE_MAX_REQUESTS + 1, EKYC_PRICING_VOLUME, &quote,
                                    &error));
  g_assert_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT);
}

static void
test_on_premise (void)
{
  EkycPriceQuote quote;
  g_autoptr(GError) error = NULL;

  g_assert_true (ekyc_plan_month_amount (EKYC_PLAN_ON_PREMISE, EKYC_PRICING_VOLUME, 150000000,
                                         12000, &quote, NULL));
  g_assert_cmpint (quote.amount_vnd, ==, 150000000);
  g_assert_true (ekyc_plan_month_amount (EKYC_PLAN_ON_PREMISE, EKYC_PRICING_VOLUME, 150000000, 0,
                                         &quote, NULL));
  g_assert_cmpint (quote.amount_vnd, ==, 150000000);
  g_assert_true (ekyc_plan_month_amount (EKYC_PLAN_SAAS, EKYC_PRICING_GRADUATED, 150000000,
                                         12000, &quote, NULL));
  g_assert_cmpint (quote.amount_vnd, ==, 11550000);
  g_assert_false (ekyc_plan_month_amount (EKYC_PLAN_ON_PREMISE, EKYC_PRICING_VOLUME, -1, 5,
                                          &quote, &error));
  g_assert_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT);
}

static void
test_names (void)
{
  EkycPricing pricing;
  EkycPlan plan;
  g_autoptr(GError) error = NULL;

  g_assert_true (ekyc_pricing_from_string ("graduated", &pricing, NULL));
  g_assert_cmpint (pricing, ==, EKYC_PRICING_GRADUATED);
  g_assert_cmpstr (ekyc_pricing_to_string (pricing), ==, "graduated");
  g_assert_false (ekyc_pricing_from_string ("Volume", &pricing, &error));
  g_assert_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (ekyc_pricing_from_string (NULL, &pricing, &error));
  g_clear_error (&error);
  g_assert_true (ekyc_plan_from_string ("on-premise", &plan, NULL));
  g_assert_cmpint (plan, ==, EKYC_PLAN_ON_PREMISE);
  g_assert_false (ekyc_plan_from_string ("cloud", &plan, &error));
}

static void
test_vnd_format (void)
{
  static const struct { gint64 vnd; const char *text; } cases[] = {
    { 0, "0" }, { 999, "999" }, { 1000, "1,000" }, { 10800000, "10,800,000" },
    { 123456789, "123,456,789" }, { -1500, "-1,500" }, { G_MININT64, "-9,223,372,036,854,775,808" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = ekyc_vnd_format (cases[i].vnd);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int argc, char **argv)
{
  ekyc_test_init (&argc, &argv);
  g_test_add_func ("/business/pricing/tier-boundaries", test_tier_boundaries);
  g_test_add_func ("/business/pricing/volume", test_volume);
  g_test_add_func ("/business/pricing/graduated", test_graduated);
  g_test_add_func ("/business/pricing/graduated-lines", test_graduated_lines);
  g_test_add_func ("/business/pricing/graduated-never-cheaper-and-monotonic",
                   test_graduated_properties);
  g_test_add_func ("/business/pricing/too-many-requests", test_too_many);
  g_test_add_func ("/business/pricing/on-premise-negotiated", test_on_premise);
  g_test_add_func ("/business/pricing/names", test_names);
  g_test_add_func ("/business/pricing/vnd-format", test_vnd_format);
  return g_test_run ();
}
