/* ekyc-admin-price.c — `ekyc-admin price`: the tier table applied to a monthly count (no server)
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-admin"
#include "config.h"

#include <glib/gi18n.h>

#include "ekyc-admin-private.h"
#include "ekyc-pricing.h"

static void
print_quote_json (const EkycPriceQuote *quote)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "requests");
  json_builder_add_int_value (b, (gint64) quote->requests);
  json_builder_set_member_name (b, "pricing");
  json_builder_add_string_value (b, ekyc_pricing_to_string (quote->pricing));
  json_builder_set_member_name (b, "currency");
  json_builder_add_string_value (b, "VND");
  json_builder_set_member_name (b, "amount_vnd");
  json_builder_add_int_value (b, quote->amount_vnd);
  json_builder_set_member_name (b, "lines");
  json_builder_begin_array (b);
  for (guint i = 0; i < quote->n_lines; i++)
    {
      const EkycPriceLine *line = &quote->lines[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "tier");
      json_builder_add_int_value (b, line->tier);
      json_builder_set_member_name (b, "requests");
      json_builder_add_int_value (b, (gint64) line->requests);
      json_builder_set_member_name (b, "unit_price_vnd");
      json_builder_add_int_value (b, line->unit_price_vnd);
      json_builder_set_member_name (b, "amount_vnd");
      json_builder_add_int_value (b, line->amount_vnd);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  ekyc_admin_print_json (b);
}

static void
print_quote_text (const EkycPriceQuote *quote)
{
  g_autofree char *requests = ekyc_vnd_format ((gint64) quote->requests);
  g_autofree char *total = ekyc_vnd_format (quote->amount_vnd);

  if (quote->pricing == EKYC_PRICING_GRADUATED)
    g_print (_("%s requests, graduated pricing: %s VND\n"), requests, total);
  else
    g_print (_("%s requests, volume pricing: %s VND\n"), requests, total);
  for (guint i = 0; i < quote->n_lines; i++)
    {
      const EkycPriceLine *line = &quote->lines[i];
      g_autofree char *count = ekyc_vnd_format ((gint64) line->requests);
      g_autofree char *unit = ekyc_vnd_format (line->unit_price_vnd);
      g_autofree char *amount = ekyc_vnd_format (line->amount_vnd);

      g_print (_("  tier %u: %s × %s = %s VND\n"), line->tier, count, unit, amount);
    }
}

int
ekyc_admin_price (int argc, char **argv)
{
  g_autofree char *requests_text = NULL;
  g_autofree char *pricing_text = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "requests", 'n', 0, G_OPTION_ARG_STRING, &requests_text,
      N_("Billable requests in the month"), "N" },
    { "pricing", 0, 0, G_OPTION_ARG_STRING, &pricing_text,
      N_("volume (default: the whole month at its tier's rate) or graduated (tier by tier)"),
      "volume|graduated" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  EkycPricing pricing = EKYC_PRICING_VOLUME;
  EkycPriceQuote quote;
  guint64 requests = 0;

  g_option_context_set_summary (context, _("Prices a month of verification requests by the tier "
                                           "table: 1–5,000 at 1,000 VND, 5,001–10,000 at 950, "
                                           "10,001–20,000 at 900, 20,001–30,000 at 850, "
                                           "30,001–50,000 at 800, above 50,000 at 750."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ekyc_admin_usage_error ("price", error);
  if (requests_text == NULL)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("--requests N is required."));
      return ekyc_admin_usage_error ("price", error);
    }
  if (argc > 1)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION,
                   _("Unexpected argument “%s”."), argv[1]);
      return ekyc_admin_usage_error ("price", error);
    }
  if (!ekyc_admin_parse_count ("--requests", requests_text, &requests, &error)
      || (pricing_text != NULL && !ekyc_pricing_from_string (pricing_text, &pricing, &error))
      || !ekyc_price_quote (requests, pricing, &quote, &error))
    return ekyc_admin_fail (json, error);

  if (json)
    print_quote_json (&quote);
  else
    print_quote_text (&quote);
  return EKYC_ADMIN_EXIT_OK;
}
