/* ekyc-pricing.c — the tier table of the brief, volume and graduated pricing, on-premise plans
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-business"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ekyc-business-error.h"
#include "ekyc-pricing.h"

/* §4a of the brief. @last 0 = no upper bound. */
static const EkycPriceTier tiers[EKYC_PRICE_N_TIERS] = {
  { 1, 1, 5000, 1000 },
  { 2, 5001, 10000, 950 },
  { 3, 10001, 20000, 900 },
  { 4, 20001, 30000, 850 },
  { 5, 30001, 50000, 800 },
  { 6, 50001, 0, 750 },
};

const EkycPriceTier *
ekyc_price_tiers (guint *n_tiers)
{
  if (n_tiers != NULL)
    *n_tiers = EKYC_PRICE_N_TIERS;
  return tiers;
}

guint
ekyc_price_tier_for (guint64 requests)
{
  if (requests == 0)
    return 0;
  for (guint i = 0; i < EKYC_PRICE_N_TIERS; i++)
    if (tiers[i].last == 0 || requests <= tiers[i].last)
      return tiers[i].tier;
  g_assert_not_reached ();
}

static void
add_line (EkycPriceQuote *quote, const EkycPriceTier *tier, guint64 requests)
{
  EkycPriceLine *line = &quote->lines[quote->n_lines++];

  g_assert (quote->n_lines <= EKYC_PRICE_N_TIERS);
  line->tier = tier->tier;
  line->requests = requests;
  line->unit_price_vnd = tier->unit_price_vnd;
  line->amount_vnd = (gint64) requests * tier->unit_price_vnd;
  quote->amount_vnd += line->amount_vnd;
}

gboolean
ekyc_price_quote (guint64          requests,
                  EkycPricing      pricing,
                  EkycPriceQuote  *quote,
                  GError         **error)
{
  g_return_val_if_fail (quote != NULL, FALSE);
  g_return_val_if_fail (pricing == EKYC_PRICING_VOLUME || pricing == EKYC_PRICING_GRADUATED, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (quote, 0, sizeof *quote);
  quote->requests = requests;
  quote->pricing = pricing;
  if (requests > EKYC_PRICE_MAX_REQUESTS)
    {
      g_autofree char *count = ekyc_vnd_format ((gint64) MIN (requests, (guint64) G_MAXINT64));
      g_autofree char *most = ekyc_vnd_format ((gint64) EKYC_PRICE_MAX_REQUESTS);

      g_set_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT,
                   _("%s requests is more than can be priced (at most %s)."), count, most);
      return FALSE;
    }
  if (requests == 0)
    return TRUE;

  if (pricing == EKYC_PRICING_VOLUME)
    {
      add_line (quote, &tiers[ekyc_price_tier_for (requests) - 1], requests);
      return TRUE;
    }

  for (guint i = 0; i < EKYC_PRICE_N_TIERS; i++)
    {
      const EkycPriceTier *tier = &tiers[i];
      guint64 top = tier->last == 0 || requests < tier->last ? requests : tier->last;

      if (requests < tier->first)
        break;
      add_line (quote, tier, top - tier->first + 1);
    }
  return TRUE;
}

const char *
ekyc_pricing_to_string (EkycPricing pricing)
{
  return pricing == EKYC_PRICING_GRADUATED ? "graduated" : "volume";
}

gboolean
ekyc_pricing_from_string (const char   *text,
                          EkycPricing  *pricing,
                          GError      **error)
{
  g_return_val_if_fail (pricing != NULL, FALSE);

  if (g_strcmp0 (text, "volume") == 0)
    *pricing = EKYC_PRICING_VOLUME;
  else if (g_strcmp0 (text, "graduated") == 0)
    *pricing = EKYC_PRICING_GRADUATED;
  else
    {
      g_set_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT,
                   _("Unknown pricing “%s”: use “volume” or “graduated”."),
                   text != NULL ? text : "");
      return FALSE;
    }
  return TRUE;
}

const char *
ekyc_plan_to_string (EkycPlan plan)
{
  return plan == EKYC_PLAN_ON_PREMISE ? "on-premise" : "saas";
}

gboolean
ekyc_plan_from_string (const char  *text,
                       EkycPlan    *plan,
                       GError     **error)
{
  g_return_val_if_fail (plan != NULL, FALSE);

  if (g_strcmp0 (text, "saas") == 0)
    *plan = EKYC_PLAN_SAAS;
  else if (g_strcmp0 (text, "on-premise") == 0)
    *plan = EKYC_PLAN_ON_PREMISE;
  else
    {
      g_set_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT,
                   _("Unknown plan “%s”: use “saas” or “on-premise”."),
                   text != NULL ? text : "");
      return FALSE;
    }
  return TRUE;
}

gboolean
ekyc_plan_month_amount (EkycPlan         plan,
                        EkycPricing      pricing,
                        gint64           negotiated_monthly_vnd,
                        guint64          requests,
                        EkycPriceQuote  *quote,
                        GError         **error)
{
  g_return_val_if_fail (quote != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (plan == EKYC_PLAN_SAAS)
    return ekyc_price_quote (requests, pricing, quote, error);

  memset (quote, 0, sizeof *quote);
  quote->requests = requests;
  quote->pricing = pricing;
  if (negotiated_monthly_vnd < 0)
    {
      g_autofree char *price = ekyc_vnd_format (negotiated_monthly_vnd);

      g_set_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_INVALID_INPUT,
                   _("A negotiated price cannot be negative (%s VND)."), price);
      return FALSE;
    }
  quote->n_lines = 1;
  quote->lines[0].tier = 0;
  quote->lines[0].requests = requests;
  quote->lines[0].unit_price_vnd = 0;
  quote->lines[0].amount_vnd = negotiated_monthly_vnd;
  quote->amount_vnd = negotiated_monthly_vnd;
  return TRUE;
}

char *
ekyc_vnd_format (gint64 amount_vnd)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                             amount_vnd < 0 ? (guint64) -(amount_vnd + 1) + 1
                                                            : (guint64) amount_vnd);
  GString *out = g_string_new (amount_vnd < 0 ? "-" : "");
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}
