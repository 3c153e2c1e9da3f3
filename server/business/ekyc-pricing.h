/* ekyc-pricing.h — what a month of verification requests costs: the tier table of the brief (§4)
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Money is integer VND (gint64) everywhere: no floating point touches an amount.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The number of tiers in the brief's table (1–5,000 … above 50,000). */
#define EKYC_PRICE_N_TIERS 6
/* The largest monthly count priced: far above any real month, small enough that no sum overflows. */
#define EKYC_PRICE_MAX_REQUESTS G_GUINT64_CONSTANT (1000000000000)

/**
 * EkycPricing:
 * @EKYC_PRICING_VOLUME: every request of the month at the rate of the tier the month's total
 *   falls in (the default: 12,000 requests → 12,000 × 900 = 10,800,000 VND).
 * @EKYC_PRICING_GRADUATED: each bracket at its own rate, like an electricity tariff
 *   (12,000 → 5,000 × 1,000 + 5,000 × 950 + 2,000 × 900 = 11,550,000 VND).
 * Chosen per contract.
 */
typedef enum {
  EKYC_PRICING_VOLUME,
  EKYC_PRICING_GRADUATED,
} EkycPricing;

/**
 * EkycPlan:
 * @EKYC_PLAN_SAAS: cloud service billed per request by the tier table (§4a).
 * @EKYC_PLAN_ON_PREMISE: installed at the customer's, a negotiated monthly price (§4b).
 */
typedef enum {
  EKYC_PLAN_SAAS,
  EKYC_PLAN_ON_PREMISE,
} EkycPlan;

/**
 * EkycPriceTier:
 * One row of the brief's table: requests @first to @last (@last 0 for "above") at @unit_price_vnd.
 */
typedef struct {
  guint   tier;
  guint64 first;
  guint64 last;
  gint64  unit_price_vnd;
} EkycPriceTier;

/**
 * EkycPriceLine:
 * @requests requests at @unit_price_vnd in @tier, costing @amount_vnd.
 */
typedef struct {
  guint   tier;
  guint64 requests;
  gint64  unit_price_vnd;
  gint64  amount_vnd;
} EkycPriceLine;

/**
 * EkycPriceQuote:
 * The price of @requests under @pricing: @amount_vnd, and the @n_lines lines that add up to it
 * (one line for volume pricing, one per bracket reached for graduated pricing, none for 0).
 */
typedef struct {
  guint64       requests;
  EkycPricing   pricing;
  gint64        amount_vnd;
  guint         n_lines;
  EkycPriceLine lines[EKYC_PRICE_N_TIERS];
} EkycPriceQuote;

/**
 * ekyc_price_tiers:
 * @n_tiers: (out): set to %EKYC_PRICE_N_TIERS
 * Returns: (transfer none): the tier table, lowest tier first. Static data, thread-safe.
 */
const EkycPriceTier *ekyc_price_tiers (guint *n_tiers);

/**
 * ekyc_price_tier_for:
 * @requests: a monthly count, at least 1
 * Returns: the tier (1–6) whose bracket holds @requests; 0 for 0 requests.
 */
guint ekyc_price_tier_for (guint64 requests);

/**
 * ekyc_price_quote:
 * @requests: the month's billable requests
 * @pricing: volume or graduated
 * @quote: (out caller-allocates): the amount and its lines
 * @error: %EKYC_BUSINESS_ERROR_INVALID_INPUT when @requests exceeds %EKYC_PRICE_MAX_REQUESTS
 * Prices a month of SaaS usage. Pure and thread-safe.
 * Returns: %TRUE on success.
 */
gboolean ekyc_price_quote (guint64          requests,
                           EkycPricing      pricing,
                           EkycPriceQuote  *quote,
                           GError         **error);

/**
 * ekyc_pricing_to_string:
 * Returns: (transfer none): "volume" or "graduated".
 */
const char *ekyc_pricing_to_string (EkycPricing pricing);

/**
 * ekyc_pricing_from_string:
 * @text: "volume" or "graduated"
 * @pricing: (out): the parsed value
 * @error: %EKYC_BUSINESS_ERROR_INVALID_INPUT, translated, naming the accepted values
 * Returns: %TRUE when @text names a pricing.
 */
gboolean ekyc_pricing_from_string (const char   *text,
                                   EkycPricing  *pricing,
                                   GError      **error);

/**
 * ekyc_plan_to_string:
 * Returns: (transfer none): "saas" or "on-premise".
 */
const char *ekyc_plan_to_string (EkycPlan plan);

/**
 * ekyc_plan_from_string:
 * @text: "saas" or "on-premise"
 * @plan: (out): the parsed value
 * @error: %EKYC_BUSINESS_ERROR_INVALID_INPUT, translated
 * Returns: %TRUE when @text names a plan.
 */
gboolean ekyc_plan_from_string (const char  *text,
                                EkycPlan    *plan,
                                GError     **error);

/**
 * ekyc_plan_month_amount:
 * @plan: the contract's plan
 * @pricing: the contract's pricing (SaaS only)
 * @negotiated_monthly_vnd: the contract's negotiated monthly price (on-premise only, ≥ 0)
 * @requests: the month's billable requests
 * @quote: (out caller-allocates): for SaaS the tier quote; for on-premise one line (tier 0)
 *   with the negotiated price whatever the count
 * @error: %EKYC_BUSINESS_ERROR_INVALID_INPUT for a negative price or too many requests
 * Returns: %TRUE on success.
 */
gboolean ekyc_plan_month_amount (EkycPlan         plan,
                                 EkycPricing      pricing,
                                 gint64           negotiated_monthly_vnd,
                                 guint64          requests,
                                 EkycPriceQuote  *quote,
                                 GError         **error);

/**
 * ekyc_vnd_format:
 * @amount_vnd: an amount
 * Returns: (transfer full): the amount with thousands grouped by commas, e.g. "10,800,000".
 */
char *ekyc_vnd_format (gint64 amount_vnd);

G_END_DECLS
