/* ekyc-server-business.c — the business module's tables, its contract lookup for devices, and
 * what its route files share (calendar, errors, contracts of a month, bills)
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-business"
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ekyc-business-error.h"
#include "ekyc-commission.h"
#include "ekyc-server-business.h"
#include "ekyc-server-core.h"

static gboolean business_contract_lookup (EkycStorage *storage, const char *customer_id,
                                          gint64 now, EkycContractState *out, GError **error);

void
ekyc_business_register_migrations (void)
{
  ekyc_storage_register_migration ("business", 1,
    "CREATE TABLE holidays ("
    " day TEXT PRIMARY KEY,"
    " name TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE units ("
    " id TEXT PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " kind TEXT NOT NULL,"
    " parent_id TEXT REFERENCES units (id),"
    " created_at BIGINT NOT NULL);"
    "CREATE TABLE account_managers ("
    " id TEXT PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " role TEXT NOT NULL,"
    " unit_id TEXT NOT NULL REFERENCES units (id),"
    " created_at BIGINT NOT NULL);"
    "CREATE TABLE contracts ("
    " id TEXT PRIMARY KEY,"
    " customer_id TEXT NOT NULL REFERENCES customers (id),"
    " unit_id TEXT NOT NULL REFERENCES units (id),"
    " manager_id TEXT REFERENCES account_managers (id),"
    " plan TEXT NOT NULL,"
    " pricing TEXT NOT NULL,"
    " negotiated_monthly_vnd BIGINT NOT NULL DEFAULT 0,"
    " start_date TEXT NOT NULL,"
    " end_date TEXT NOT NULL,"
    " state TEXT NOT NULL,"
    " account_login TEXT,"
    " account_secret_hash TEXT,"
    " credentials_issued_at BIGINT,"
    " cancelled_at BIGINT,"
    " created_at BIGINT NOT NULL);"
    "CREATE INDEX contracts_customer ON contracts (customer_id, start_date);"
    "CREATE TABLE contract_processes ("
    " id TEXT PRIMARY KEY,"
    " contract_id TEXT NOT NULL REFERENCES contracts (id),"
    " kind TEXT NOT NULL,"
    " new_end_date TEXT,"
    " started_at BIGINT NOT NULL,"
    " completed_at BIGINT);"
    "CREATE INDEX contract_processes_contract ON contract_processes (contract_id);"
    "CREATE TABLE process_steps ("
    " process_id TEXT NOT NULL REFERENCES contract_processes (id),"
    " step INTEGER NOT NULL,"
    " due_at BIGINT,"
    " done_at BIGINT,"
    " PRIMARY KEY (process_id, step));"
    "CREATE INDEX process_steps_open ON process_steps (done_at, due_at);"
    "CREATE TABLE outbox ("
    " id TEXT PRIMARY KEY,"
    " contract_id TEXT NOT NULL REFERENCES contracts (id),"
    " recipient_kind TEXT NOT NULL,"
    " recipient_id TEXT NOT NULL,"
    " kind TEXT NOT NULL,"
    " subject TEXT NOT NULL,"
    " body TEXT NOT NULL,"
    " created_at BIGINT NOT NULL,"
    " sent_at BIGINT);"
    "CREATE TABLE tickets ("
    " id TEXT PRIMARY KEY,"
    " customer_id TEXT NOT NULL REFERENCES customers (id),"
    " device_id TEXT,"
    " branch TEXT,"
    " category TEXT NOT NULL,"
    " subject TEXT NOT NULL,"
    " description TEXT NOT NULL DEFAULT '',"
    " state TEXT NOT NULL,"
    " received_at BIGINT NOT NULL,"
    " callback_at BIGINT,"
    " resolved_at BIGINT,"
    " notified_at BIGINT,"
    " closed_at BIGINT,"
    " reopen_count INTEGER NOT NULL DEFAULT 0,"
    " answer TEXT);"
    "CREATE INDEX tickets_customer ON tickets (customer_id, received_at);"
    "CREATE TABLE ticket_events ("
    " ticket_id TEXT NOT NULL REFERENCES tickets (id),"
    " at BIGINT NOT NULL,"
    " action TEXT NOT NULL,"
    " actor TEXT NOT NULL,"
    " note TEXT);"
    "CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, at)", NULL);
  ekyc_contract_set_lookup (business_contract_lookup);
}

void
ekyc_business_register_routes (EkycServer *server)
{
  _ekyc_business_parties_routes (server);
  _ekyc_business_contracts_routes (server);
  _ekyc_business_bills_routes (server);
  _ekyc_business_tickets_routes (server);
}

EkycCalendar *
_ekyc_business_calendar (EkycStorage *storage, GError **error)
{
  g_autoptr(EkycCalendar) calendar = ekyc_calendar_new (NULL, error);
  g_autoptr(EkycStorageRows) rows = NULL;

  if (calendar == NULL)
    return NULL;
  rows = ekyc_storage_query (storage, "SELECT day FROM holidays", EKYC_SQL_NO_PARAMS, error);
  if (rows == NULL)
    return NULL;
  for (guint r = 0; r < ekyc_storage_rows_get_count (rows); r++)
    {
      GDate day;

      if (ekyc_date_parse (ekyc_storage_rows_get (rows, r, 0), &day, NULL))
        ekyc_calendar_add_holiday (calendar, &day);
    }
  return g_steal_pointer (&calendar);
}

void
_ekyc_business_reply_error (EkycRequest *request, const GError *error)
{
  if (error->domain == EKYC_BUSINESS_ERROR)
    {
      guint status = SOUP_STATUS_BAD_REQUEST;
      const char *code = "invalid_input";

      if (error->code == EKYC_BUSINESS_ERROR_INVALID_TRANSITION)
        {
          status = SOUP_STATUS_CONFLICT;
          code = "invalid_transition";
        }
      else if (error->code == EKYC_BUSINESS_ERROR_NOT_FOUND)
        {
          status = SOUP_STATUS_NOT_FOUND;
          code = "not_found";
        }
      ekyc_request_reply_error (request, status, code, "%s", error->message);
    }
  else if (g_error_matches (error, EKYC_STORAGE_ERROR, EKYC_STORAGE_ERROR_CONSTRAINT))
    ekyc_request_reply_error (request, SOUP_STATUS_CONFLICT, "conflict",
                              _("This conflicts with what is already stored (an identifier "
                                "already in use, or a reference to something unknown)."));
  else
    ekyc_request_reply_storage_error (request, error);
}

void
_ekyc_json_add_time (JsonBuilder *builder, EkycCalendar *calendar, const char *name, gint64 value)
{
  json_builder_set_member_name (builder, name);
  if (value == 0)
    json_builder_add_null_value (builder);
  else
    {
      g_autofree char *text = ekyc_calendar_format_time (calendar, value);
      json_builder_add_string_value (builder, text);
    }
}

void
_ekyc_json_add_nullable_string (JsonBuilder *builder, const char *name, const char *text)
{
  json_builder_set_member_name (builder, name);
  if (text == NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, text);
}

/* --- contracts --- */

#define CONTRACT_COLUMNS \
  "contracts.id, contracts.customer_id, contracts.unit_id, units.kind, contracts.manager_id, " \
  "contracts.plan, contracts.pricing, " \
  "contracts.negotiated_monthly_vnd, contracts.start_date, contracts.end_date, contracts.state"
#define CONTRACT_FROM " FROM contracts JOIN units ON units.id = contracts.unit_id "

void
_ekyc_business_contract_clear (EkycBusinessContract *contract)
{
  g_clear_pointer (&contract->id, g_free);
  g_clear_pointer (&contract->customer_id, g_free);
  g_clear_pointer (&contract->unit_id, g_free);
  g_clear_pointer (&contract->unit_kind, g_free);
  g_clear_pointer (&contract->manager_id, g_free);
}

static void
contract_from_row (EkycStorageRows *rows, guint r, EkycBusinessContract *contract)
{
  memset (contract, 0, sizeof *contract);
  contract->id = g_strdup (ekyc_storage_rows_get (rows, r, 0));
  contract->customer_id = g_strdup (ekyc_storage_rows_get (rows, r, 1));
  contract->unit_id = g_strdup (ekyc_storage_rows_get (rows, r, 2));
  contract->unit_kind = g_strdup (ekyc_storage_rows_get (rows, r, 3));
  contract->manager_id = g_strdup (ekyc_storage_rows_get (rows, r, 4));
  if (!ekyc_plan_from_string (ekyc_storage_rows_get (rows, r, 5), &contract->plan, NULL))
    contract->plan = EKYC_PLAN_SAAS;
  if (!ekyc_pricing_from_string (ekyc_storage_rows_get (rows, r, 6), &contract->pricing, NULL))
    contract->pricing = EKYC_PRICING_VOLUME;
  contract->negotiated_monthly_vnd = ekyc_storage_rows_get_int (rows, r, 7, 0);
  if (!ekyc_date_parse (ekyc_storage_rows_get (rows, r, 8), &contract->start_date, NULL))
    g_warning ("contract %s: bad start date", contract->id);
  if (!ekyc_date_parse (ekyc_storage_rows_get (rows, r, 9), &contract->end_date, NULL))
    g_warning ("contract %s: bad end date", contract->id);
  if (!ekyc_contract_status_from_string (ekyc_storage_rows_get (rows, r, 10),
                                         &contract->stored_state))
    contract->stored_state = EKYC_CONTRACT_DECLARED;
}

gboolean
_ekyc_business_contract_load (EkycStorage *storage, const char *id,
                              EkycBusinessContract *contract, GError **error)
{
  g_autoptr(EkycStorageRows) rows =
    ekyc_storage_query (storage, "SELECT " CONTRACT_COLUMNS CONTRACT_FROM "WHERE contracts.id = ?",
                        EKYC_SQL_PARAMS (id), error);

  if (rows == NULL)
    return FALSE;
  if (ekyc_storage_rows_get_count (rows) == 0)
    {
      g_set_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_NOT_FOUND,
                   _("There is no contract “%s”."), id);
      return FALSE;
    }
  contract_from_row (rows, 0, contract);
  return TRUE;
}

gboolean
_ekyc_business_contract_for_month (EkycStorage *storage, const char *customer_id,
                                   int year, int month, EkycBusinessContract *contract,
                                   GError **error)
{
  g_autoptr(EkycStorageRows) rows = NULL;
  g_autofree char *first = g_strdup_printf ("%04d-%02d-01", year, month);
  g_autofree char *last = g_strdup_printf ("%04d-%02d-%02d", year, month,
                                           g_date_get_days_in_month (month, year));

  rows = ekyc_storage_query (storage,
                             "SELECT " CONTRACT_COLUMNS CONTRACT_FROM
                             "WHERE customer_id = ? AND state IN ('active', 'cancelled') "
                             "AND start_date <= ? AND end_date >= ? "
                             "ORDER BY start_date DESC, contracts.created_at DESC LIMIT 1",
                             EKYC_SQL_PARAMS (customer_id, last, first), error);
  if (rows == NULL)
    return FALSE;
  if (ekyc_storage_rows_get_count (rows) == 0)
    {
      g_set_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_NOT_FOUND,
                   _("No contract of customer “%s” covers %04d-%02d."), customer_id, year, month);
      return FALSE;
    }
  contract_from_row (rows, 0, contract);
  return TRUE;
}

gboolean
_ekyc_business_contract_current (EkycStorage *storage, const char *customer_id,
                                 EkycBusinessContract *contract, gboolean *found,
                                 GError **error)
{
  g_autoptr(EkycStorageRows) rows =
    ekyc_storage_query (storage,
                        "SELECT " CONTRACT_COLUMNS CONTRACT_FROM "WHERE customer_id = ? "
                        "ORDER BY CASE state WHEN 'cancelled' THEN 1 ELSE 0 END, "
                        "start_date DESC, contracts.created_at DESC LIMIT 1",
                        EKYC_SQL_PARAMS (customer_id), error);

  if (rows == NULL)
    return FALSE;
  *found = ekyc_storage_rows_get_count (rows) > 0;
  if (*found)
    contract_from_row (rows, 0, contract);
  return TRUE;
}

/* Devices ask whether they may verify. A customer with contracts in the business tables is
 * answered from them; one without (seeded directly, as older tests do) from the customers
 * table's contract_* columns, the core's reading. */
static gboolean
business_contract_lookup (EkycStorage *storage, const char *customer_id, gint64 now,
                          EkycContractState *out, GError **error)
{
  g_auto(EkycBusinessContract) contract = { 0 };
  g_autoptr(EkycCalendar) calendar = NULL;
  g_autoptr(EkycStorageRows) rows = NULL;
  EkycContractStatus status;
  gboolean found = FALSE;
  GDate today, after_end;

  if (!_ekyc_business_contract_current (storage, customer_id, &contract, &found, error))
    return FALSE;
  if (!found)
    {
      const char *stored;

      rows = ekyc_storage_query (storage, "SELECT contract_status, contract_ends_at FROM "
                                 "customers WHERE id = ?", EKYC_SQL_PARAMS (customer_id), error);
      if (rows == NULL)
        return FALSE;
      stored = ekyc_storage_rows_get_count (rows) ? ekyc_storage_rows_get (rows, 0, 0) : "none";
      out->ends_at = ekyc_storage_rows_get_count (rows) ? ekyc_storage_rows_get_int (rows, 0, 1, 0)
                                                        : 0;
      if ((g_strcmp0 (stored, "active") == 0 || g_strcmp0 (stored, "expiring") == 0)
          && out->ends_at > 0)
        {
          if (now >= out->ends_at)
            stored = "expired";
          else if (out->ends_at - now <= 30 * 24 * 3600)
            stored = "expiring";
        }
      out->status = g_strdup (stored != NULL ? stored : "none");
      out->renewal_notice = g_str_equal (out->status, "expiring");
      out->blocks_new_verifications = !g_str_equal (out->status, "active")
                                      && !g_str_equal (out->status, "expiring");
      return TRUE;
    }

  calendar = _ekyc_business_calendar (storage, error);
  if (calendar == NULL)
    return FALSE;
  ekyc_calendar_local_date (calendar, now, &today);
  status = ekyc_contract_status_at (contract.stored_state, &contract.end_date, &today);
  after_end = contract.end_date;
  g_date_add_days (&after_end, 1);
  out->status = g_strdup (ekyc_contract_status_to_string (status));
  out->ends_at = ekyc_calendar_day_start (calendar, &after_end);
  out->renewal_notice = status == EKYC_CONTRACT_EXPIRING;
  out->blocks_new_verifications = !ekyc_contract_allows_verification (status);
  return TRUE;
}

/* --- bills --- */

void
_ekyc_bill_clear (EkycBill *bill)
{
  g_clear_pointer (&bill->customer_id, g_free);
  g_clear_pointer (&bill->contract_id, g_free);
}

gboolean
_ekyc_bill_compute (EkycStorage *storage, EkycCalendar *calendar, const char *customer_id,
                    int year, int month, EkycBill *bill, GError **error)
{
  g_auto(EkycBusinessContract) contract = { 0 };
  g_autoptr(EkycStorageRows) rows = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *start = NULL, *end = NULL;
  EkycPricing pricing = EKYC_PRICING_VOLUME;
  gint64 negotiated = 0;

  memset (bill, 0, sizeof *bill);
  bill->customer_id = g_strdup (customer_id);
  bill->year = year;
  bill->month = month;
  bill->plan = EKYC_PLAN_SAAS;

  rows = ekyc_storage_query (storage, "SELECT id FROM customers WHERE id = ?",
                             EKYC_SQL_PARAMS (customer_id), error);
  if (rows == NULL)
    return FALSE;
  if (ekyc_storage_rows_get_count (rows) == 0)
    {
      g_set_error (error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_NOT_FOUND,
                   _("There is no customer “%s”."), customer_id);
      return FALSE;
    }
  g_clear_pointer (&rows, ekyc_storage_rows_free);

  ekyc_calendar_month_bounds (calendar, year, month, &bill->period_start, &bill->period_end);
  start = g_strdup_printf ("%" G_GINT64_FORMAT, bill->period_start);
  end = g_strdup_printf ("%" G_GINT64_FORMAT, bill->period_end);
  rows = ekyc_storage_query (storage,
                             "SELECT COUNT(*) FROM billable_requests WHERE customer_id = ? "
                             "AND decided_at >= ? AND decided_at < ?",
                             EKYC_SQL_PARAMS (customer_id, start, end), error);
  if (rows == NULL)
    return FALSE;
  bill->requests = (guint64) ekyc_storage_rows_get_int (rows, 0, 0, 0);

  if (_ekyc_business_contract_for_month (storage, customer_id, year, month, &contract,
                                         &local_error))
    {
      bill->contract_id = g_strdup (contract.id);
      bill->plan = contract.plan;
      pricing = contract.pricing;
      negotiated = contract.negotiated_monthly_vnd;
    }
  else if (!g_error_matches (local_error, EKYC_BUSINESS_ERROR, EKYC_BUSINESS_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* Usage with no contract covering the month is priced by the standard table, volume. */
  return ekyc_plan_month_amount (bill->plan, pricing, negotiated, bill->requests, &bill->quote,
                                 error);
}

void
_ekyc_bill_to_json (const EkycBill *bill, EkycCalendar *calendar, JsonBuilder *b)
{
  g_autofree char *month = g_strdup_printf ("%04d-%02d", bill->year, bill->month);

  json_builder_set_member_name (b, "customer");
  json_builder_add_string_value (b, bill->customer_id);
  json_builder_set_member_name (b, "month");
  json_builder_add_string_value (b, month);
  _ekyc_json_add_time (b, calendar, "period_start", bill->period_start);
  _ekyc_json_add_time (b, calendar, "period_end", bill->period_end);
  _ekyc_json_add_nullable_string (b, "contract", bill->contract_id);
  json_builder_set_member_name (b, "plan");
  json_builder_add_string_value (b, ekyc_plan_to_string (bill->plan));
  json_builder_set_member_name (b, "pricing");
  json_builder_add_string_value (b, ekyc_pricing_to_string (bill->quote.pricing));
  json_builder_set_member_name (b, "requests");
  json_builder_add_int_value (b, (gint64) bill->requests);
  json_builder_set_member_name (b, "currency");
  json_builder_add_string_value (b, "VND");
  json_builder_set_member_name (b, "amount_vnd");
  json_builder_add_int_value (b, bill->quote.amount_vnd);
  json_builder_set_member_name (b, "lines");
  json_builder_begin_array (b);
  for (guint i = 0; i < bill->quote.n_lines; i++)
    {
      const EkycPriceLine *line = &bill->quote.lines[i];

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
}
