/* ekyc-server-routes-bills.c — monthly bills from the counted usage, commissions of the units and
 * account managers, and the account summary a branch's app shows
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A billable request is a row of billable_requests (one per case that reached a decision, written
 * once by the sync ingest); it belongs to the month, in Asia/Ho_Chi_Minh time, of its decision.
 */
#define G_LOG_DOMAIN "ekyc-business"
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ekyc-business-error.h"
#include "ekyc-commission.h"
#include "ekyc-server-business.h"
#include "ekyc-server-core.h"
#include "ekyc-ticket.h"

static gboolean
get_month (EkycRequest *request, int *year, int *month)
{
  const char *text = ekyc_request_get_query (request, "month");
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    {
      ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "missing_field",
                                _("Give the month as ?month=YYYY-MM."));
      return FALSE;
    }
  if (!ekyc_month_parse (text, year, month, &error))
    {
      _ekyc_business_reply_error (request, error);
      return FALSE;
    }
  return TRUE;
}

static void
handle_bill (EkycRequest *request, gpointer user_data)
{
  EkycStorage *storage = ekyc_request_get_storage (request);
  const char *customer = ekyc_request_get_query (request, "customer");
  g_autoptr(EkycCalendar) calendar = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GError) error = NULL;
  g_auto(EkycBill) bill = { 0 };
  int year, month;

  if (customer == NULL)
    return ekyc_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, "missing_field",
                                     _("Give the customer as ?customer=ID."));
  if (!get_month (request, &year, &month))
    return;
  calendar = _ekyc_business_calendar (storage, &error);
  if (calendar == NULL
      || !_ekyc_bill_compute (storage, calendar, customer, year, month, &bill, &error))
    return _ekyc_business_reply_error (request, error);
  json_builder_begin_object (b);
  _ekyc_bill_to_json (&bill, calendar, b);
  json_builder_end_object (b);
  ekyc_request_reply_json (request, SOUP_STATUS_OK, json_builder_get_root (b));
}

typedef struct {
  char           *kind;      /* "agent" or "account-manager" */
  char           *id;
  gint64          revenue_vnd;
  guint           percent;
  GPtrArray      *contracts; /* char * */
} Beneficiary;

static void
beneficiary_free (gpointer data)
{
  Beneficiary *beneficiary = data;

  g_free (beneficiary->kind);
  g_free (beneficiary->id);
  g_ptr_array_unref (beneficiary->contracts);
  g_free (beneficiary);
}

static void
handle_commissions (EkycRequest *request, gpointer user_data)
{
  EkycStorage *storage = ekyc_request_get_storage (request);
  g_autoptr(EkycCalendar) calendar = NULL;
  g_autoptr(EkycStorageRows) rows = NULL;
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        beneficiary_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *last = NULL, *month_text = NULL;
  gint64 total_commission = 0;
  int year, month;

  if (!get_month (request, &year, &month))
    return;
  calendar = _ekyc_business_calendar (storage, &error);
  if (calendar == NULL)
    return _ekyc_business_reply_error (request, error);
  first = g_strdup_printf ("%04d-%02d-01", year, month);
  last = g_strdup_printf ("%04d-%02d-%02d", year, month, g_date_get_days_in_month (month, year));
  rows = ekyc_storage_query (storage,
                             "SELECT DISTINCT contracts.customer_id FROM contracts "
                             "WHERE state IN ('active', 'cancelled') AND start_date <= ? AND "
                             "end_date >= ? ORDER BY contracts.customer_id",
                             EKYC_SQL_PARAMS (last, first), &error);
  if (rows == NULL)
    return _ekyc_business_reply_error (request, error);
  for (guint r = 0; r < ekyc_storage_rows_get_count (rows); r++)
    {
      const char *customer = ekyc_storage_rows_get (rows, r, 0);
      g_auto(EkycBill) bill = { 0 };
      g_auto(EkycBusinessContract) contract = { 0 };
      EkycUnitKind unit_kind = EKYC_UNIT_REGIONAL_COMPANY;
      EkycBeneficiary who;
      g_autofree char *key = NULL;
      Beneficiary *beneficiary;

      /* The month's revenue of a customer goes to the contract of the month (one per month). */
      if (!_ekyc_bill_compute (storage, calendar, customer, year, month, &bill, &error)
          || !_ekyc_business_contract_for_month (storage, customer, year, month, &contract,
                                                 &error))
        return _ekyc_business_reply_error (request, error);
      ekyc_unit_kind_from_string (contract.unit_kind, &unit_kind, NULL);
      who = ekyc_commission_beneficiary (unit_kind, contract.manager_id != NULL);
      if (who == EKYC_BENEFICIARY_NONE)
        continue;
      key = g_strdup_printf ("%s/%s", ekyc_beneficiary_to_string (who),
                             who == EKYC_BENEFICIARY_AGENT ? contract.unit_id : contract.manager_id);
      beneficiary = g_hash_table_lookup (by_key, key);
      if (beneficiary == NULL)
        {
          beneficiary = g_new0 (Beneficiary, 1);
          beneficiary->kind = g_strdup (ekyc_beneficiary_to_string (who));
          beneficiary->id = g_strdup (who == EKYC_BENEFICIARY_AGENT ? contract.unit_id
                                                                    : contract.manager_id);
          beneficiary->percent = ekyc_commission_percent (who);
          beneficiary->contracts = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (by_key, g_strdup (key), beneficiary);
          g_ptr_array_add (order, beneficiary);
        }
      beneficiary->revenue_vnd += bill.quote.amount_vnd;
      g_ptr_array_add (beneficiary->contracts, g_strdup (contract.id));
    }

  month_text = g_strdup_printf ("%04d-%02d", year, month);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "month");
  json_builder_add_string_value (b, month_text);
  json_builder_set_member_name (b, "currency");
  json_builder_add_string_value (b, "VND");
  json_builder_set_member_name (b, "beneficiaries");
  json_builder_begin_array (b);
  for (guint i = 0; i < order->len; i++)
    {
      Beneficiary *beneficiary = order->pdata[i];
      gint64 amount = ekyc_commission_amount (beneficiary->revenue_vnd, beneficiary->percent);

      total_commission += amount;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, beneficiary->kind);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, beneficiary->id);
      json_builder_set_member_name (b, "revenue_vnd");
      json_builder_add_int_value (b, beneficiary->revenue_vnd);
      json_builder_set_member_name (b, "percent");
      json_builder_add_int_value (b, beneficiary->percent);
      json_builder_set_member_name (b, "commission_vnd");
      json_builder_add_int_value (b, amount);
      json_builder_set_member_name (b, "contracts");
      json_builder_begin_array (b);
      for (guint c = 0; c < beneficiary->contracts->len; c++)
        json_builder_add_string_value (b, beneficiary->contracts->pdata[c]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "total_commission_vnd");
  json_builder_add_int_value (b, total_commission);
  json_builder_end_object (b);
  ekyc_request_reply_json (request, SOUP_STATUS_OK, json_builder_get_root (b));
}

/* GET /v1/account — what the branch app's Account page shows. */
static void
handle_account (EkycRequest *request, gpointer user_data)
{
  EkycStorage *storage = ekyc_request_get_storage (request);
  const char *customer = ekyc_request_get_customer_id (request);
  gint64 now = ekyc_request_get_now (request);
  g_autoptr(EkycCalendar) calendar = NULL;
  g_autoptr(EkycStorageRows) tickets = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GError) error = NULL;
  g_auto(EkycBill) bill = { 0 };
  g_auto(EkycBusinessContract) contract = { 0 };
  EkycContractState state;
  gboolean found = FALSE;
  GDate today;

  calendar = _ekyc_business_calendar (storage, &error);
  if (calendar == NULL)
    return _ekyc_business_reply_error (request, error);
  ekyc_calendar_local_date (calendar, now, &today);
  if (!ekyc_contract_lookup (storage, customer, now, &state, &error))
    return _ekyc_business_reply_error (request, error);
  if (!_ekyc_business_contract_current (storage, customer, &contract, &found, &error)
      || !_ekyc_bill_compute (storage, calendar, customer, g_date_get_year (&today),
                              g_date_get_month (&today), &bill, &error))
    {
      ekyc_contract_state_clear (&state);
      return _ekyc_business_reply_error (request, error);
    }
  tickets = ekyc_storage_query (storage, "SELECT COUNT(*) FROM tickets WHERE customer_id = ? "
                                "AND state <> 'closed'", EKYC_SQL_PARAMS (customer), &error);
  if (tickets == NULL)
    {
      ekyc_contract_state_clear (&state);
      return _ekyc_business_reply_error (request, error);
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "customer");
  json_builder_add_string_value (b, customer);
  json_builder_set_member_name (b, "contract");
  json_builder_add_value (b, ekyc_contract_state_to_json (&state));
  if (found)
    {
      g_autofree char *end = ekyc_date_to_string (&contract.end_date);
      GDate notice;
      g_autofree char *notice_text = NULL;

      ekyc_contract_renewal_notice_date (&contract.end_date, &notice);
      notice_text = ekyc_date_to_string (&notice);
      json_builder_set_member_name (b, "contract_id");
      json_builder_add_string_value (b, contract.id);
      json_builder_set_member_name (b, "end_date");
      json_builder_add_string_value (b, end);
      json_builder_set_member_name (b, "renewal_notice_date");
      json_builder_add_string_value (b, notice_text);
    }
  json_builder_set_member_name (b, "this_month");
  json_builder_begin_object (b);
  _ekyc_bill_to_json (&bill, calendar, b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "open_tickets");
  json_builder_add_int_value (b, ekyc_storage_rows_get_int (tickets, 0, 0, 0));
  json_builder_set_member_name (b, "hotlines");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "consulting");
  json_builder_add_string_value (b, EKYC_HOTLINE_CONSULTING);
  json_builder_set_member_name (b, "technical");
  json_builder_add_string_value (b, EKYC_HOTLINE_TECHNICAL);
  json_builder_end_object (b);
  json_builder_end_object (b);
  ekyc_contract_state_clear (&state);
  ekyc_request_reply_json (request, SOUP_STATUS_OK, json_builder_get_root (b));
}

void
_ekyc_business_bills_routes (EkycServer *server)
{
  ekyc_server_add_route (server, "GET", "/v1/admin/bills", EKYC_ROUTE_ADMIN, handle_bill, NULL);
  ekyc_server_add_route (server, "GET", "/v1/admin/commissions", EKYC_ROUTE_ADMIN,
                         handle_commissions, NULL);
  ekyc_server_add_route (server, "GET", "/v1/account", EKYC_ROUTE_DEVICE, handle_account, NULL);
}
